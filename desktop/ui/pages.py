"""The pages of the sidebar, in order (Ctrl+1 … Ctrl+8). A page is built the first time it is shown.

A page widget may define `open_link(link: StudyLink)` to receive routed studydesk:// links, and
`shutdown()` to stop its work when the window closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desktop.ui.context import AppContext
from desktop.ui.widgets.empty_state import EmptyState


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[AppContext], QWidget]


def _coming(title: str, text: str, items: list[str]) -> Callable[[AppContext], QWidget]:
    """An honest empty state for a page whose feature has not been built yet."""

    def build(_ctx: AppContext) -> QWidget:
        return EmptyState(title, text, items)

    return build


def _lessons(ctx: AppContext) -> QWidget:
    from desktop.ui.lessons import LessonsPage

    return LessonsPage(ctx)


def _lab(ctx: AppContext) -> QWidget:
    from desktop.ui.lab import LabPage

    return LabPage(ctx)


def _tokenizer(ctx: AppContext) -> QWidget:
    from desktop.ui.tokenizer_page import TokenizerPage

    return TokenizerPage(ctx)


def _memory(ctx: AppContext) -> QWidget:
    from desktop.ui.memory import MemoryPage

    return MemoryPage(ctx)


def _scaling(ctx: AppContext) -> QWidget:
    from desktop.ui.scaling_page import ScalingPage

    return ScalingPage(ctx)


def _cards(ctx: AppContext) -> QWidget:
    from desktop.ui.cards import CardsPage

    return CardsPage(ctx)


def _models(ctx: AppContext) -> QWidget:
    from desktop.ui.models_page import ModelsPage

    return ModelsPage(ctx)


def _settings(ctx: AppContext) -> QWidget:
    from desktop.ui.settings_page import SettingsPage

    return SettingsPage(ctx)


PAGES: list[PageSpec] = [
    PageSpec("lessons", "Lessons", _lessons),
    PageSpec("lab", "Sampling lab", _lab),
    PageSpec("tokenizer", "Tokenizer", _tokenizer),
    PageSpec("memory", "Memory & quantization", _memory),
    PageSpec("scaling", "Scaling laws", _scaling),
    PageSpec("cards", "Flashcards & quiz", _cards),
    PageSpec("models", "Models", _models),
    PageSpec("settings", "Settings", _settings),
]
