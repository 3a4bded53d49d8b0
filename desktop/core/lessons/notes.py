"""The student's own note lines and the "Your notes" blocks that quote them.

Every lesson quotes the seed notes verbatim inside `!!! notes` blocks (content/FORMAT.md). These helpers give the
note lines of a seed file and the raw Markdown inside each notes block of a lesson, so a test can prove that no
note line was lost or retouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOTES_START = re.compile(r"^(\s*)!!!\s+notes\b")


@dataclass(frozen=True)
class NoteLine:
    line: int  # line number in the seed file
    text: str  # the note as it must appear in a lesson (bullet dropped, surrounding spaces trimmed)


def note_lines(seed_text: str) -> list[NoteLine]:
    """The seed's note lines: every non-empty line with a leading "* " bullet stripped; headings (#…) and lone
    "*" lines are skipped."""
    out: list[NoteLine] = []
    for n, raw in enumerate(seed_text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "*":
            continue
        if line.startswith("* "):
            line = line[2:].strip()
        if line:
            out.append(NoteLine(n, line))
    return out


def notes_blocks(markdown: str) -> list[str]:
    """The dedented Markdown inside every `!!! notes` admonition (a block ends at the first non-blank line that is
    not indented deeper than the `!!!` line)."""
    blocks: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        start = _NOTES_START.match(lines[i])
        if not start:
            i += 1
            continue
        base = len(start.group(1).expandtabs(4))
        body: list[str] = []
        i += 1
        while i < len(lines):
            line = lines[i].expandtabs(4)
            if line.strip() and len(line) - len(line.lstrip()) <= base:
                break
            body.append(line[base + 4 :] if line.strip() else "")
            i += 1
        blocks.append("\n".join(body).strip("\n"))
    return blocks


def outside_notes(markdown: str) -> str:
    """The lesson's Markdown with its notes blocks removed: the lesson's own words, not the student's quotes."""
    lines = markdown.splitlines()
    kept: list[str] = []
    i = 0
    while i < len(lines):
        start = _NOTES_START.match(lines[i])
        if not start:
            kept.append(lines[i])
            i += 1
            continue
        base = len(start.group(1).expandtabs(4))
        i += 1
        while i < len(lines):
            line = lines[i].expandtabs(4)
            if line.strip() and len(line) - len(line.lstrip()) <= base:
                break
            i += 1
    return "\n".join(kept)
