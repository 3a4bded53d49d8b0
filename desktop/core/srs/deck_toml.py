"""A fast reader for the plain shape deck files have (content/FORMAT.md), with tomllib as the authority.

tomllib is pure Python and general; on a 10,000-card collection it alone takes most of the open time. Deck files use
a tiny subset of TOML: `[[cards]]`, `[title]` / `[cards.<lang>]` headers, bare keys, one-line basic or literal
strings, and one-line arrays of strings, with comments and blank lines. `parse_deck_toml` reads exactly that
subset, line by line, and gives up (returns None) at the first line outside it, so the caller parses the file with
tomllib instead, which also produces the located error messages. Where it does not give up, its result equals
tomllib's (tests/core/test_deck_toml.py compares the two on every deck file and on edge cases).

It also returns the line of each `[[cards]]` header, which the deck loader uses for its messages.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any

_STR = r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*(?:\\.[^"\\\x00-\x08\x0a-\x1f\x7f]*)*)"' + r"|'([^'\x00-\x08\x0a-\x1f\x7f]*)'"
_STR_RE = re.compile(_STR)
# The same, quotes kept (re.findall gives "" for a group that did not take part, like an empty string's body).
_QUOTED = r'("[^"\\\x00-\x08\x0a-\x1f\x7f]*(?:\\.[^"\\\x00-\x08\x0a-\x1f\x7f]*)*")' + r"|('[^'\x00-\x08\x0a-\x1f\x7f]*')"
_KEY_VALUE_RE = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*")
_TABLE_RE = re.compile(r"\[[ \t]*([A-Za-z0-9_-]+)(?:[ \t]*\.[ \t]*([A-Za-z0-9_-]+))?[ \t]*\]")
_ARRAY_TABLE_RE = re.compile(r"\[\[[ \t]*cards[ \t]*\]\]")
_END_RE = re.compile(r"[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?")
_SEP_RE = re.compile(r"[ \t]*(,)?[ \t]*")
_WS_RE = re.compile(r"[ \t]*")
_ESC_RE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _Unsupported(Exception):
    """A line outside the subset: let tomllib read the file."""


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body

    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        if code:
            point = int(code, 16)
            if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
                raise _Unsupported
            return chr(point)
        if m.group(3) not in _ESCAPES:
            raise _Unsupported
        return _ESCAPES[m.group(3)]

    return _ESC_RE.sub(one, body)


def _string(m: re.Match[str]) -> str:
    return _unescape(m.group(1)) if m.group(1) is not None else m.group(2)


def _value(line: str, pos: int) -> Any:
    """The value starting at `pos`; the rest of the line may only be a comment."""
    if line.startswith('"""', pos) or line.startswith("'''", pos):
        raise _Unsupported  # multi-line strings
    m = _STR_RE.match(line, pos)
    if m is not None:
        value: Any = _string(m)
        pos = m.end()
    elif line.startswith("[", pos):
        value, pos = [], pos + 1
        while True:
            pos = _WS_RE.match(line, pos).end()  # type: ignore[union-attr]
            if line.startswith("]", pos):
                pos += 1
                break
            m = _STR_RE.match(line, pos)
            if m is None:
                raise _Unsupported  # not a one-line array of strings
            value.append(_string(m))
            sep = _SEP_RE.match(line, m.end())
            assert sep is not None
            pos = sep.end()
            if sep.group(1) is None:
                if not line.startswith("]", pos):
                    raise _Unsupported
                pos += 1
                break
    else:
        raise _Unsupported  # numbers, booleans, dates, inline tables: not in deck files
    if _END_RE.match(line, pos).end() != len(line):  # type: ignore[union-attr]
        raise _Unsupported
    return value


# One line of the subset: a [[cards]] header, a [table] header, `key = value` or nothing, then an optional comment and
# the line's end. The outer group is the whole line, so the caller can prove the matches cover the text. Arrays
# are read by _value from where they open.
_LINE_RE = re.compile(
    r"([ \t]*(?:"
    r"(\[\[[ \t]*cards[ \t]*\]\])"
    r"|\[[ \t]*([A-Za-z0-9_-]+)(?:[ \t]*\.[ \t]*([A-Za-z0-9_-]+))?[ \t]*\]"
    r"|([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:" + _QUOTED + r"|(\[[^\r\n]*))"
    r")?[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?(?:\r?\n|\Z))"
)


def parse_deck_toml(text: str) -> tuple[dict[str, Any], list[int]] | None:
    """(the document, 1-based line of each [[cards]] header), or None when the text is outside the subset."""
    try:
        return _parse(text)
    except _Unsupported:
        return None


def _parse(text: str) -> tuple[dict[str, Any], list[int]]:
    root: dict[str, Any] = {}
    cards: list[dict[str, Any]] = []
    headers: list[int] = []
    table = root
    defined: set[tuple[int, str]] = set()  # (id of the parent table, name) of every [table] header seen
    # findall runs the line pattern over the whole text in C. Its matches never overlap and come in order, so they
    # tile the text exactly when their lengths add up to it; otherwise some text is outside the subset.
    lines = _LINE_RE.findall(text)
    if sum(map(len, map(itemgetter(0), lines))) != len(text):
        raise _Unsupported
    number = 0
    for whole, aot, first, second, key, basic, literal, array in lines:
        number += 1
        if not whole:
            continue  # the empty match findall makes at the very end
        if key:
            if key in table:
                raise _Unsupported  # a key given twice: tomllib's error message
            if basic:
                table[key] = _unescape(basic[1:-1]) if "\\" in basic else basic[1:-1]
            elif literal:
                table[key] = literal[1:-1]
            else:
                table[key] = _value(array, 0)
        elif aot:
            if "cards" in root and root["cards"] is not cards:
                raise _Unsupported
            root["cards"] = cards
            table = {}
            cards.append(table)
            headers.append(number)
        elif first:
            if not second:
                parent, name = root, first
            elif first == "cards" and cards:
                parent, name = cards[-1], second
            else:
                raise _Unsupported
            if (id(parent), name) in defined or name in parent:
                raise _Unsupported  # a table defined twice: tomllib's error message
            defined.add((id(parent), name))
            table = parent[name] = {}
    return root, headers
