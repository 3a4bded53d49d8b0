"""Flashcards and quizzes: decks from content/cards, FSRS scheduling (the `fsrs` package), quizzes, stats,
CSV and Anki export. Qt-free; the pages in desktop/ui/cards/ only render what this package returns."""

from desktop.core.srs.collection import CardView, Collection, DeckSummary, GradeResult, SrsError
from desktop.core.srs.decks import CardContent, Deck, DeckError, DeckSet, load_decks

__all__ = [
    "CardContent",
    "CardView",
    "Collection",
    "Deck",
    "DeckError",
    "DeckSet",
    "DeckSummary",
    "GradeResult",
    "SrsError",
    "load_decks",
]
