"""How a card looks on screen: rich text for its question and answer sides (no logic beyond layout)."""

from __future__ import annotations

import html

from desktop.core.srs.cloze import cloze_answers, cloze_html
from desktop.core.srs.decks import CardContent, choice_options, lesson_section

OPTION_LETTERS = "ABCD"


def _text(value: object) -> str:
    return html.escape(str(value)).replace("\n", "<br>")


__all__ = ["answer_html", "choice_options", "expected_typed_answer", "lesson_link", "question_html"]


def question_html(content: CardContent, language: str) -> str:
    f = content.fields(language)
    if content.kind == "basic":
        return _text(f["front"])
    if content.kind == "cloze":
        return cloze_html(str(f["text"]), reveal=False)
    items = "".join(
        f"<tr><td style='padding:4px 10px 4px 0'><b>{OPTION_LETTERS[i]}</b></td><td style='padding:4px 0'>{_text(o)}</td></tr>"
        for i, o in enumerate(choice_options(content, language))
    )
    return f"{_text(f['question'])}<table style='margin-top:14px; font-size:small'>{items}</table>"


def answer_html(content: CardContent, language: str) -> str:
    f = content.fields(language)
    if content.kind == "basic":
        return _text(f["back"])
    if content.kind == "cloze":
        return cloze_html(str(f["text"]), reveal=True)
    letter = OPTION_LETTERS[choice_options(content, language).index(str(f["answer"]))]
    explanation = f"<p style='font-size:small'>{_text(f.get('explanation', ''))}</p>" if f.get("explanation") else ""
    return f"<b>{letter}. {_text(f['answer'])}</b>{explanation}"


def expected_typed_answer(content: CardContent, language: str) -> str | list[str]:
    f = content.fields(language)
    if content.kind == "basic":
        return str(f["back"])
    if content.kind == "cloze":
        return cloze_answers(str(f["text"]))
    return str(f["answer"])


def lesson_link(content: CardContent) -> str | None:
    section = lesson_section(content.deck, content.anchor) if content.source == "content" else None
    return f"studydesk://lesson/{section[0]}#{section[1]}" if section else None
