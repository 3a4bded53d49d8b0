"""Forgiving comparison of a typed answer: case, accents, spacing and punctuation do not count against the
student ("Atencao" matches "Atenção", "top p" matches "top-p"). A near miss is reported as close, not right."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

# Characters that carry meaning in this course's answers and must survive normalization.
_KEEP = set("≈≥≤×·=+<>%∞−")
# A minus sign before a number keeps its meaning ("-1" vs "1"); a hyphen between words is just a separator.
_NEGATIVE_RE = re.compile(r"(?<![\w])[-\u2212](?=[\d∞])")


def normalize_answer(text: str) -> str:
    protected = _NEGATIVE_RE.sub("\x00", text)
    protected = re.sub(r"[-\u2010-\u2015\u2212]", " ", protected).replace("\x00", "\u2212")
    decomposed = unicodedata.normalize("NFKD", protected)
    out: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue  # accents: "ç" -> "c", "ã" -> "a"
        category = unicodedata.category(ch)
        if ch in _KEEP or ch.isalnum():
            out.append(ch.casefold())
        elif category.startswith(("P", "Z", "S")) or ch.isspace():
            out.append(" ")  # punctuation, symbols and any kind of space are separators
        else:
            out.append(ch.casefold())
    return " ".join("".join(out).split())


@dataclass(frozen=True)
class AnswerCheck:
    correct: bool
    close: bool  # not correct, but within a typo or two
    similarity: float
    typed: str
    expected: str


def _candidates(expected: str) -> list[str]:
    """The whole expected answer, and its head when the back is "Term: explanation" or "Term (detail)…", so a
    student who types just the term is right."""
    out = [expected]
    head = re.split(r"[:;(\n]|\.\s|, ", expected, maxsplit=1)[0].strip()
    if head and head != expected.strip() and len(head) >= 2:
        out.append(head)
    return out


def check_answer(typed: str, expected: str | list[str]) -> AnswerCheck:
    """Compare with one expected answer, or with several (cloze: all deletions, typed in order)."""
    expected_text = " ".join(expected) if isinstance(expected, list) else expected
    a = normalize_answer(typed)
    best = 0.0
    for candidate in _candidates(expected_text):
        b = normalize_answer(candidate)
        # Without spaces too, so "topp" and "top p" match "top-p".
        if a and (a == b or a.replace(" ", "") == b.replace(" ", "")):
            return AnswerCheck(True, False, 1.0, typed, expected_text)
        if a and b:
            best = max(best, difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio())
    return AnswerCheck(False, best >= 0.85, best, typed, expected_text)
