"""What the flashcard tabs call card states, kinds and grades, in the interface language (context "CardWords").
The names follow Anki's pt-BR: De novo / Difícil / Bom / Fácil."""

from __future__ import annotations

from fsrs import Rating
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

STATES = {
    "new": QT_TRANSLATE_NOOP("CardWords", "New"),
    "learning": QT_TRANSLATE_NOOP("CardWords", "Learning"),
    "review": QT_TRANSLATE_NOOP("CardWords", "Review"),
    "relearning": QT_TRANSLATE_NOOP("CardWords", "Relearning"),
}
KINDS = {
    "basic": QT_TRANSLATE_NOOP("CardWords", "Question and answer"),
    "cloze": QT_TRANSLATE_NOOP("CardWords", "Fill in the blank (cloze)"),
    "choice": QT_TRANSLATE_NOOP("CardWords", "Multiple choice"),
}
RATINGS = {
    Rating.Again: QT_TRANSLATE_NOOP("CardWords", "Again"),
    Rating.Hard: QT_TRANSLATE_NOOP("CardWords", "Hard"),
    Rating.Good: QT_TRANSLATE_NOOP("CardWords", "Good"),
    Rating.Easy: QT_TRANSLATE_NOOP("CardWords", "Easy"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("CardWords", text)


def state_label(name: str) -> str:
    return _tr(STATES[name]) if name in STATES else name


def kind_label(kind: str) -> str:
    return _tr(KINDS[kind]) if kind in KINDS else kind


def rating_label(rating: Rating | int) -> str:
    return _tr(RATINGS[Rating(rating)])


# Right / wrong / grade colours: the light theme's, and brighter ones that keep ~4.5:1 on the dark theme's
# surfaces (the light ones read at ~3:1 there).
_LIGHT = {"right": "#188038", "wrong": "#d93025", "hard": "#e37400", "blue": "#1a73e8"}
_DARK = {"right": "#4cc26a", "wrong": "#ff6e61", "hard": "#f29b38", "blue": "#6aa8ff"}


def status_color(name: str, dark: bool) -> str:
    """"right", "wrong", "hard" or "blue" for the current theme."""
    return (_DARK if dark else _LIGHT)[name]
