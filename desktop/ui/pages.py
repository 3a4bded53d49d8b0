"""The pages of the sidebar, in order (Ctrl+1 … Ctrl+9).

A page is a QWidget class taking the AppContext; its module is imported the first time the page is shown, so
start-up only pays for the first page. A page may define `open_link(link: StudyLink)` to receive routed
studydesk:// links, and `shutdown()` to stop its work when the window closes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desktop.ui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    widget: str  # "module:Class"

    def build(self, ctx: AppContext) -> QWidget:
        module, name = self.widget.split(":")
        return getattr(importlib.import_module(module), name)(ctx)


PAGES: list[PageSpec] = [
    PageSpec("lessons", "Lessons", "desktop.ui.lessons:LessonsPage"),
    PageSpec("lab", "Sampling lab", "desktop.ui.lab:LabPage"),
    PageSpec("tokenizer", "Tokenizer", "desktop.ui.tokenizer_page:TokenizerPage"),
    PageSpec("memory", "Memory & quantization", "desktop.ui.memory:MemoryPage"),
    PageSpec("scaling", "Scaling laws", "desktop.ui.scaling_page:ScalingPage"),
    PageSpec("cards", "Flashcards & quiz", "desktop.ui.cards:CardsPage"),
    PageSpec("models", "Models", "desktop.ui.models_page:ModelsPage"),
    PageSpec("settings", "Settings", "desktop.ui.settings_page:SettingsPage"),
    PageSpec("inside", "Inside the model", "desktop.ui.inside:InsidePage"),
]
