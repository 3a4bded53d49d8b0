"""Accent- and case-insensitive text matching that can point back into the original text.

Portuguese readers type "memoria" for "memória" and "parametro" for "parâmetro"; search must find both. Folding
(NFKD, drop combining marks, casefold) changes lengths ("ß" → "ss"), so `fold_with_map` keeps, for every folded
character, the index of the original character it came from, to cut snippets and highlight the real words.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    return fold_with_map(text)[0]


def fold_with_map(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            low = ch.lower()
            out.append(low)
            index.append(i)
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                index.append(i)
    return "".join(out), index


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start index of `needle` in `haystack` (non-overlapping)."""
    found: list[int] = []
    if not needle:
        return found
    start = haystack.find(needle)
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + len(needle))
    return found
