"""The Flashcards & quiz page (widgets only; the logic lives in desktop.core.srs)."""

from desktop.ui.cards.page import CardsPage

__all__ = ["CardsPage"]
