"""Lesson files of hostile sizes: rendering cost must stay linear, and an oversized file or paragraph is refused
with a message naming the file and line, never a long stall."""

from __future__ import annotations

from pathlib import Path

from desktop.core.lessons.loader import MAX_LESSON_CHARS, MAX_PARAGRAPH_CHARS, parse_lesson

FRONT = '+++\nid = "big"\ntitle = "Big"\norder = 1\n+++\n\n# Big\n\n'
SENTENCE = "Um modelo de linguagem prevê o próximo *token* com `código` e ênfase. "


def test_one_huge_paragraph_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "01-big.md"
    path.write_text(FRONT + "Short first paragraph.\n\n" + SENTENCE * (MAX_PARAGRAPH_CHARS // len(SENTENCE) + 10),
                    encoding="utf-8")
    lesson, problems = parse_lesson(path, "pt-BR")
    assert lesson is None
    (problem,) = problems
    assert problem.fatal and problem.line == 11 and "paragraph" in problem.message
    assert "01-big.md:11" in str(problem)


def test_an_oversized_file_is_refused_before_rendering(tmp_path: Path) -> None:
    path = tmp_path / "01-big.md"
    paragraph = SENTENCE * 20 + "\n\n"
    path.write_text(FRONT + paragraph * (MAX_LESSON_CHARS // len(paragraph) + 5), encoding="utf-8")
    lesson, problems = parse_lesson(path, "pt-BR")
    assert lesson is None and problems[0].fatal and "at most" in problems[0].message


def test_a_long_lesson_of_normal_paragraphs_still_renders(tmp_path: Path) -> None:
    path = tmp_path / "01-big.md"
    paragraph = SENTENCE * 20 + "\n\n"
    path.write_text(FRONT + paragraph * (MAX_LESSON_CHARS // len(paragraph) // 2), encoding="utf-8")
    lesson, problems = parse_lesson(path, "pt-BR")
    assert lesson is not None and not [p for p in problems if p.fatal]
    assert lesson.html.count("<p>") > 100
