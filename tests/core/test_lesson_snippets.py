"""A lesson's Python snippet must print exactly the output the lesson shows under it.

Convention: a ```python block followed (after one short paragraph at most) by a ```text block is a snippet and its
printed output. Lesson 04's NumPy attention snippet is the first; its numbers are the lesson's tables.
"""

from __future__ import annotations

import contextlib
import io
import re

import numpy as np
import pytest

from desktop.core.lessons import LANGUAGES, load_lessons

SNIPPET_RE = re.compile(r"```python\n(.*?)```\n(?:\n[^`\n][^\n]*\n)?\n```text\n(.*?)```", re.S)


def _snippets() -> list[tuple[str, str, str, str]]:
    found = []
    for lang in LANGUAGES:
        for lesson in load_lessons(lang).lessons:
            for n, match in enumerate(SNIPPET_RE.finditer(lesson.markdown)):
                found.append((f"{lang}/{lesson.id}#{n}", lesson.id, match.group(1), match.group(2)))
    return found


SNIPPETS = _snippets()


def test_lesson_04_has_its_snippet_in_both_languages() -> None:
    assert sum(1 for _, lesson_id, _, _ in SNIPPETS if lesson_id == "architectures") == len(LANGUAGES)


@pytest.mark.parametrize(("name", "lesson_id", "code", "expected"), SNIPPETS, ids=[s[0] for s in SNIPPETS])
def test_snippet_prints_what_the_lesson_shows(name: str, lesson_id: str, code: str, expected: str) -> None:
    out = io.StringIO()
    with np.printoptions(), contextlib.redirect_stdout(out):  # the snippet's set_printoptions stays inside
        exec(compile(code, name, "exec"), {"__name__": "__lesson__"})  # noqa: S102 - our own lesson text
    assert out.getvalue() == expected, f"{name}: the snippet prints\n{out.getvalue()}"
