"""The pages of the sidebar, in order (Ctrl+1 … Ctrl+9).

A page is a QWidget class taking the AppContext; its module is imported the first time the page is shown, so
start-up only pays for the first page. A page may define `open_link(link: StudyLink)` to receive routed
studydesk:// links, and `shutdown()` to stop its work when the window closes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.ui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source; `label()` is what the sidebar and menus show
    widget: str  # "module:Class"

    def label(self) -> str:
        return QCoreApplication.translate("Pages", self.title)

    def build(self, ctx: AppContext) -> QWidget:
        module, name = self.widget.split(":")
        return getattr(importlib.import_module(module), name)(ctx)


PAGES: list[PageSpec] = [
    PageSpec("lessons", QT_TRANSLATE_NOOP("Pages", "Lessons"), "desktop.ui.lessons:LessonsPage"),
    PageSpec("lab", QT_TRANSLATE_NOOP("Pages", "Sampling lab"), "desktop.ui.lab:LabPage"),
    PageSpec("tokenizer", QT_TRANSLATE_NOOP("Pages", "Tokenizer"), "desktop.ui.tokenizer_page:TokenizerPage"),
    PageSpec("memory", QT_TRANSLATE_NOOP("Pages", "Memory & quantization"), "desktop.ui.memory:MemoryPage"),
    PageSpec("scaling", QT_TRANSLATE_NOOP("Pages", "Scaling laws"), "desktop.ui.scaling_page:ScalingPage"),
    PageSpec("cards", QT_TRANSLATE_NOOP("Pages", "Flashcards & quiz"), "desktop.ui.cards:CardsPage"),
    PageSpec("models", QT_TRANSLATE_NOOP("Pages", "Models"), "desktop.ui.models_page:ModelsPage"),
    PageSpec("settings", QT_TRANSLATE_NOOP("Pages", "Settings"), "desktop.ui.settings_page:SettingsPage"),
    PageSpec("inside", QT_TRANSLATE_NOOP("Pages", "Inside the model"), "desktop.ui.inside:InsidePage"),
]
