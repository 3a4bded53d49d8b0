"""The Flashcards & quiz page: tabs Review, Quiz, Stats, Browse / Add over one Collection.

Links: studydesk://cards/review?deck=<id> opens a deck for review, studydesk://cards/quiz?deck=<id> starts a quiz.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.core.links import StudyLink
from desktop.core.srs import Collection
from desktop.core.srs.decks import CARDS_DIR, DeckError
from desktop.ui.cards.browse import BrowseTab
from desktop.ui.cards.quiz import QuizTab
from desktop.ui.cards.review import ReviewTab
from desktop.ui.cards.stats import StatsTab
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating

# Deck-file problems from desktop.core.srs.decks with a fixed wording, read in the interface language (the others,
# which quote the file, stay as the loader says them).
DECK_MESSAGES = {
    QT_TRANSLATE_NOOP("CardsPage", "has no cards (is the file empty?); the cards it had are out of review until it "
                                   "has them again, and their review history is kept"),
}


def deck_problem(error: DeckError) -> str:
    if error.message not in DECK_MESSAGES:
        return str(error)
    where = f"{error.path.name}:{error.line}" if error.line else error.path.name
    return f"{where}: {QCoreApplication.translate('CardsPage', error.message)}"


class CardsPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, cards_dir: Path = CARDS_DIR) -> None:
        super().__init__()
        self.ctx = ctx
        self.collection = Collection.open(ctx.db, cards_dir, cache_dir=ctx.paths.cache_dir)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        title = QLabel()
        self.retr(lambda: title.setText("<h2>{}</h2>".format(html.escape(self.tr("Flashcards & quiz")))))
        layout.addWidget(title)

        # Deck files with problems: say which file and line, and keep going with the rest.
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self._style_problems(ctx.dark)
        ctx.sig_theme_changed.connect(self._style_problems)
        if self.collection.errors:
            self.retr(self._show_problems)
        else:
            self.problems.hide()
        layout.addWidget(self.problems)

        self.tabs = QTabWidget()
        self.review = ReviewTab(ctx, self.collection)
        self.quiz = QuizTab(ctx, self.collection)
        self.stats = StatsTab(ctx, self.collection)
        self.browse = BrowseTab(ctx, self.collection)
        for tab in (self.review, self.quiz, self.stats, self.browse):
            self.tabs.addTab(tab, "")

        def tab_texts() -> None:
            for n, text in enumerate((self.tr("Review"), self.tr("Quiz"), self.tr("Stats"), self.tr("Browse / Add"))):
                self.tabs.setTabText(n, text)

        self.retr(tab_texts)
        layout.addWidget(self.tabs, 1)

        self.review.sig_graded.connect(self._after_grade)
        self.quiz.sig_answered.connect(self._after_grade)
        self.browse.sig_changed.connect(self._after_change)
        self.tabs.currentChanged.connect(self._tab_changed)
        ctx.sig_language_changed.connect(self._on_language)

    def _show_problems(self) -> None:
        errors = self.collection.errors
        lines = "<br>".join(html.escape(deck_problem(e)) for e in errors[:8])
        more = "<br>" + self.tr("…and %n more", "", len(errors) - 8) if len(errors) > 8 else ""
        self.problems.setText(self.tr("<b>Some cards could not be loaded</b> (the others work normally):")
                              + f"<br>{lines}{more}")

    def _on_language(self, _lang: str) -> None:
        self._retranslate()

    def _after_grade(self) -> None:
        self.stats.mark_stale()
        self.browse.fill()

    def _after_change(self) -> None:
        self.review.refresh_decks()
        self.quiz.refresh()
        self.stats.mark_stale()
        if self.review.current is None:
            self.review.next_card()

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.review:
            # Time has passed (learning steps, the day's limit): recount and refill.
            self.review.refresh_decks()
            if self.review.current is None or not self.review.revealed:
                self.review.next_card()
        self.focus_on_arrival()

    def focus_on_arrival(self) -> None:
        """Hand the keyboard to the open tab (called by the window on Ctrl+6 or a sidebar click, and after each
        tab switch): Space and 1–4 work on the review card at once, 1–4 / A–D in the quiz."""
        widget = self.tabs.currentWidget()
        if widget is self.review:
            self.review.focus_card()
        elif widget is self.quiz:
            self.quiz.setFocus()

    def _retranslate(self) -> None:
        self.review.retranslate()
        self.quiz.refresh()
        self.stats.mark_stale()
        self.browse.refresh()

    def open_link(self, link: StudyLink) -> None:
        deck = link.params.get("deck") or None
        if deck is not None and deck not in self.collection.deck_ids():
            self.ctx.sig_status_message.emit(self.tr("There is no card deck called {deck}.").format(deck=repr(deck)),
                                             8000)
            return
        if link.path == "quiz":
            self.tabs.setCurrentWidget(self.quiz)
            self.quiz.start(deck)
        elif link.path == "stats":
            self.tabs.setCurrentWidget(self.stats)
        else:  # "review" and the bare studydesk://cards
            self.tabs.setCurrentWidget(self.review)
            self.review.study(deck)

    def _style_problems(self, dark: bool) -> None:
        background, text = ("#4a2020", "#f6c9c4") if dark else ("#fce8e6", "#a50e0e")
        self.problems.setStyleSheet(f"background: {background}; color: {text}; border-radius: 6px; padding: 8px;")

    def shutdown(self) -> None:
        """Nothing runs in the background; every grade and answer is already committed."""
