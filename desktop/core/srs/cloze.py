"""Cloze deletions `{{c1::answer}}` / `{{c1::answer::hint}}`: one card hides every deletion at once (the card has
one scheduling history, FORMAT.md), the answer side shows them highlighted."""

from __future__ import annotations

import html

from desktop.core.srs.decks import CLOZE_RE


def cloze_answers(text: str) -> list[str]:
    """The hidden texts in order of appearance."""
    return [m.group(2) for m in CLOZE_RE.finditer(text)]


def cloze_plain(text: str, reveal: bool) -> str:
    """Plain-text rendering: `[...]` (or `[hint]`) on the question side, the answer itself on the back."""

    def sub(m) -> str:  # noqa: ANN001 (re.Match)
        if reveal:
            return m.group(2)
        return f"[{m.group(3)}]" if m.group(3) else "[...]"

    return CLOZE_RE.sub(sub, text)


def cloze_html(text: str, reveal: bool) -> str:
    """Rich-text rendering for a QLabel/QTextBrowser: blanks on the front, highlighted answers on the back."""
    out: list[str] = []
    last = 0
    for m in CLOZE_RE.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        if reveal:
            out.append(f'<span style="color:#1a73e8; font-weight:600">{html.escape(m.group(2))}</span>')
        else:
            hint = html.escape(m.group(3)) if m.group(3) else "&nbsp;…&nbsp;"
            out.append(f'<span style="color:#1a73e8; font-weight:600">[{hint}]</span>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
