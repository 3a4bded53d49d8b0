"""Review tab: deck list with new / learning / due counts, one card at a time, Space/Enter shows the answer,
1–4 grade (each button shows the interval it gives), U undoes the last grade, optional typed answer."""

from __future__ import annotations

import html
import time

from fsrs import Rating
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.srs import CardView, Collection, SrsError
from desktop.core.srs.answers import check_answer
from desktop.core.store.errors import StoreError
from desktop.ui.cards.labels import kind_label, rating_label, state_label, status_color
from desktop.ui.cards.render import (
    OPTION_LETTERS,
    answer_html,
    choice_options,
    expected_typed_answer,
    lesson_link,
    question_html,
)
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.zoom import set_relative_font

ALL_DECKS = ""  # the deck list's first row: study every deck together
SETTING_TYPED = "cards_typed_answer"
RATING_COLORS = [(Rating.Again, "wrong"), (Rating.Hard, "hard"), (Rating.Good, "right"), (Rating.Easy, "blue")]


class ReviewTab(Retranslating, QWidget):
    sig_graded = Signal()  # the stats are stale after a grade or an undo

    def __init__(self, ctx: AppContext, collection: Collection) -> None:
        super().__init__()
        self.ctx = ctx
        self.collection = collection
        self.deck: str = ALL_DECKS
        self.current: CardView | None = None
        self.revealed = False
        self._shown_at = 0.0
        self._undo_stack: list[int] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        # deck list -------------------------------------------------------------------------------------------
        left = self.deck_pane = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        self.decks = QTreeWidget()
        self.decks.setColumnCount(4)
        self.retr(lambda: self.decks.setHeaderLabels([self.tr("Deck"), self.tr("New"), self.tr("Learn"),
                                                      self.tr("Due")]))
        self.decks.setRootIsDecorated(False)
        self.decks.setUniformRowHeights(True)
        header = self.decks.header()
        header.setStretchLastSection(False)  # the deck name takes the room, not the "Due" count
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.decks.itemClicked.connect(lambda item, _col: self.study(item.data(0, Qt.ItemDataRole.UserRole)))
        self.decks.itemActivated.connect(lambda item, _col: self.study(item.data(0, Qt.ItemDataRole.UserRole)))
        left_layout.addWidget(self.decks)
        self.limit_label = QLabel()
        self.limit_label.setWordWrap(True)
        self.limit_label.setStyleSheet("color: palette(placeholder-text);")
        left_layout.addWidget(self.limit_label)
        splitter.addWidget(left)

        # card area ---------------------------------------------------------------------------------------------
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        self.stack = QStackedWidget()
        right_layout.addWidget(self.stack)
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_title = QLabel()
        self.retr(lambda: self.empty_title.setText(self.tr("All caught up")))
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_relative_font(self.empty_title, 22 / 12, bold=True)
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addSpacing(8)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(2)
        self.stack.addWidget(self.empty)
        card_page = QWidget()
        self.stack.addWidget(card_page)
        card_layout = QVBoxLayout(card_page)
        card_layout.setContentsMargins(0, 0, 0, 0)

        self.info = QLabel()
        self.info.setWordWrap(True)  # deck · kind · state: two lines in a narrow window rather than cut
        self.info.setStyleSheet("color: palette(placeholder-text);")
        card_layout.addWidget(self.info)

        frame = QFrame()
        frame.setObjectName("cardFrame")
        frame.setStyleSheet("QFrame#cardFrame { border: 1px solid palette(mid); border-radius: 10px;"
                            " background: palette(base); }")
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(28, 24, 28, 24)
        frame_layout.addStretch(1)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        set_relative_font(self.question, 20 / 12)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout.addWidget(self.question)
        self.separator = QFrame()
        self.separator.setFrameShape(QFrame.Shape.HLine)
        frame_layout.addWidget(self.separator)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        set_relative_font(self.answer, 20 / 12)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout.addWidget(self.answer)
        self.typed_result = QLabel()
        self.typed_result.setWordWrap(True)
        frame_layout.addWidget(self.typed_result)
        self.lesson = QLabel()
        self.lesson.setTextFormat(Qt.TextFormat.RichText)
        self.lesson.linkActivated.connect(ctx.sig_open_link.emit)
        frame_layout.addWidget(self.lesson)
        frame_layout.addStretch(2)
        card_layout.addWidget(frame, 1)

        typed_row = QHBoxLayout()
        self.typed_toggle = QCheckBox()
        # Tab reaches it (Space toggles it); a click leaves the keyboard on the card, where Space shows the answer.
        self.typed_toggle.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.typed_toggle.setChecked(bool(ctx.db.get_setting(SETTING_TYPED, False)))
        self.typed_toggle.toggled.connect(self._typed_toggled)
        self.typed = QLineEdit()

        self.typed.returnPressed.connect(self.reveal)
        typed_row.addWidget(self.typed_toggle)
        typed_row.addWidget(self.typed, 1)
        card_layout.addLayout(typed_row)

        buttons = QHBoxLayout()
        self.undo_button = QPushButton()
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self.undo)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.show_button = QPushButton()
        self.show_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._size_buttons()
        self.show_button.clicked.connect(self.reveal)
        buttons.addWidget(self.show_button)
        self.grade_buttons: dict[Rating, QPushButton] = {}
        for rating, color in RATING_COLORS:
            b = QPushButton()
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            b.setStyleSheet(f"QPushButton {{ color: {status_color(color, ctx.dark)}; font-weight: 600; }}")
            b.clicked.connect(lambda _=False, r=rating: self.grade(r))
            buttons.addWidget(b)
            b.hide()  # shown with the answer; hidden beside the Show button, the card page asks no room for both
            self.grade_buttons[rating] = b
            self._size_buttons()
        buttons.addStretch(1)
        card_layout.addLayout(buttons)
        self.not_saved = QLabel()  # a grade the store could not commit (full disk, read-only file)
        self.not_saved.setObjectName("notSaved")
        self.not_saved.setWordWrap(True)
        self.not_saved.setStyleSheet("color: #d93025; font-weight: 600;")
        self.not_saved.hide()
        card_layout.addWidget(self.not_saved)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 730])
        self.retr(self._static_texts)
        ctx.sig_theme_changed.connect(self._on_theme)
        self._typed_toggled(self.typed_toggle.isChecked())
        self.refresh_decks()
        self.study(ALL_DECKS)

    def _static_texts(self) -> None:
        self.typed_toggle.setText(self.tr("Type the answer"))
        self.typed.setPlaceholderText(self.tr("Type your answer, then press Enter"))
        self.undo_button.setText(self.tr("Undo (U)"))
        self.show_button.setText(self.tr("Show answer  (Space)"))
        for n, (rating, b) in enumerate(self.grade_buttons.items(), start=1):
            b.setText(rating_label(rating))
            b.setToolTip(self.tr("{grade}  (key {n})").format(grade=rating_label(rating), n=n))

    # decks ---------------------------------------------------------------------------------------------------
    def refresh_decks(self) -> None:
        lang = self.ctx.language
        summaries = self.collection.deck_summaries()
        self.decks.clear()
        total = [0, 0, 0]
        rows = []
        for s in summaries:
            rows.append((s.id, s.title_for(lang), s.new, s.learning, s.due))
            total[1] += s.learning
            total[2] += s.due
        remaining = self.collection.new_remaining_today()
        total[0] = min(sum(s.new_total for s in summaries), remaining)
        for deck_id, title, new, learning, due in [(ALL_DECKS, self.tr("All decks"), *total), *rows]:
            item = QTreeWidgetItem([title, fmt.integer(new), fmt.integer(learning), fmt.integer(due)])
            item.setToolTip(0, self.tr("{deck}: {new} new, {learning} learning, {due} due").format(
                deck=title, new=fmt.integer(new), learning=fmt.integer(learning), due=fmt.integer(due)))
            item.setData(0, Qt.ItemDataRole.UserRole, deck_id)
            for col, color in ((1, "blue"), (2, "wrong"), (3, "right")):
                item.setForeground(col, _brush(status_color(color, self.ctx.dark)))
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if deck_id == ALL_DECKS:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self.decks.addTopLevelItem(item)
            if deck_id == self.deck:
                self.decks.setCurrentItem(item)
        per_day = self.collection.new_per_day
        self.limit_label.setText(self.tr("New cards today: {done} of {limit} (change the limit in Settings).").format(
            done=fmt.integer(per_day - remaining), limit=fmt.integer(per_day)))

    def study(self, deck: str | None) -> None:
        self.deck = deck or ALL_DECKS
        for i in range(self.decks.topLevelItemCount()):
            item = self.decks.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == self.deck:
                self.decks.setCurrentItem(item)
        self.next_card()
        self.setFocus()

    # cards ---------------------------------------------------------------------------------------------------
    def next_card(self) -> None:
        view = self.collection.next_card(self.deck or None)
        if view is None or view.content is None:
            self.current = None
            self._show_empty()
            return
        self.show_card(view)

    def _show_empty(self) -> None:
        title = self.tr("All decks") if not self.deck else self.collection.deck_title(self.deck, self.ctx.language)
        upcoming = [v.due for v in self.collection.list_cards(self.deck or None) if v.state != 0 and v.due]
        if upcoming:
            text = self.tr("Nothing is due in {deck} right now. The next card is due {when}.").format(
                deck=title, when=fmt.date_time(min(upcoming)))
        else:
            text = self.tr("Nothing to study in {deck}: no new cards left today and nothing due.").format(deck=title)
        self.empty_text.setText(text + "\n\n" + self.tr("Press U to undo the last grade, or take a quiz in the Quiz "
                                                          "tab."))
        self.stack.setCurrentWidget(self.empty)

    def show_card(self, view: CardView) -> None:
        assert view.content is not None
        self.current = view
        self.revealed = False
        self._shown_at = time.monotonic()
        lang = self.ctx.language
        deck_title = self.collection.deck_title(view.deck, lang)
        self.info.setText(f"{deck_title}  ·  {kind_label(view.kind)}  ·  {state_label(view.state_name)}")
        self.question.setText(question_html(view.content, lang))
        self.question.show()
        self.answer.clear()
        self.answer.hide()
        self.separator.hide()
        self.typed_result.clear()
        self.typed_result.hide()
        self.lesson.hide()
        self.typed.clear()
        self.typed.setEnabled(True)
        self.show_button.show()
        for b in self.grade_buttons.values():
            b.hide()
        self.undo_button.setEnabled(bool(self._undo_stack))
        self.stack.setCurrentIndex(1)
        self.focus_card()

    def focus_card(self) -> None:
        """The keys go to the card: the answer box while typing an answer, else the tab (Space, 1–4, U)."""
        if self.current is not None and not self.revealed and self.typed_toggle.isChecked():
            self.typed.setFocus()
        else:
            self.setFocus()

    def reveal(self) -> None:
        view = self.current
        if view is None or view.content is None or self.revealed:
            return
        self.revealed = True
        lang = self.ctx.language
        self.answer.setText(answer_html(view.content, lang))
        self.answer.show()
        if view.kind == "cloze":
            self.question.hide()  # the answer side is the same sentence with the blanks filled in
        else:
            self.separator.show()
        if self.typed_toggle.isChecked() and self.typed.text().strip():
            self._show_typed_check(view)
        link = lesson_link(view.content)
        if link:
            text = html.escape(self.tr("Read this in the lesson →"))
            self.lesson.setText(f'<a href="{link}">{text}</a>')
            self.lesson.show()
        preview = self.collection.preview(view.id)
        for rating, b in self.grade_buttons.items():
            b.setText(f"{rating_label(rating)}\n{fmt.interval(preview[rating])}")
            b.show()
        self.show_button.hide()
        self.typed.setEnabled(False)
        self.setFocus()

    def _show_typed_check(self, view: CardView) -> None:
        assert view.content is not None
        typed = self.typed.text().strip()
        expected = expected_typed_answer(view.content, self.ctx.language)
        if view.kind == "choice" and len(typed) == 1 and typed.upper() in OPTION_LETTERS:
            options = choice_options(view.content, self.ctx.language)
            typed = options[OPTION_LETTERS.index(typed.upper())]
        result = check_answer(typed, expected)
        if result.correct:
            self.typed_result.setText("<span style='color:{}; font-weight:600'>✓ {}</span>".format(
                status_color("right", self.ctx.dark), _esc(self.tr("Your answer matches."))))
        elif result.close:
            self.typed_result.setText("<span style='color:{}; font-weight:600'>≈ {}</span> {} <i>{}</i>".format(
                status_color("hard", self.ctx.dark), _esc(self.tr("Almost:")), _esc(self.tr("you typed")), _esc(typed)))
        else:
            self.typed_result.setText("<span style='color:{}; font-weight:600'>✗ {}</span> <i>{}</i>".format(
                status_color("wrong", self.ctx.dark), _esc(self.tr("You typed:")), _esc(typed)))
        self.typed_result.show()

    def grade(self, rating: Rating) -> None:
        view = self.current
        if view is None or not self.revealed:
            return
        rating = Rating(rating)
        duration = int((time.monotonic() - self._shown_at) * 1000)
        try:
            result = self.collection.grade(view.id, rating, duration_ms=duration)
        except SrsError as exc:
            self.ctx.sig_status_message.emit(self.tr("Could not grade the card: {error}").format(error=exc), 8000)
            return
        except StoreError as exc:  # not committed: say so, and keep the card on screen to grade again
            self.not_saved.setText(self.tr("Not saved — this card stays here: {error}").format(error=exc))
            self.not_saved.show()
            self.ctx.sig_status_message.emit(self.tr("Grade not saved: {error}").format(error=exc), 15000)
            return
        self.not_saved.hide()
        # Committed: only now move on.
        self._undo_stack.append(result.log_id)
        self.ctx.sig_status_message.emit(
            self.tr("{grade} — next review in {interval}. Press U to undo.").format(
                grade=rating_label(rating), interval=fmt.interval(result.interval)), 4000)
        self.refresh_decks()
        self.sig_graded.emit()
        self.next_card()

    def undo(self) -> None:
        if not self._undo_stack:
            self.ctx.sig_status_message.emit(self.tr("Nothing to undo."), 3000)
            return
        log_id = self._undo_stack.pop()
        try:
            card_id = self.collection.undo(log_id)
        except StoreError as exc:
            self._undo_stack.append(log_id)
            self.ctx.sig_status_message.emit(self.tr("Not saved: {error}").format(error=exc), 15000)
            return
        except SrsError as exc:
            self.ctx.sig_status_message.emit(self.tr("Cannot undo: {error}").format(error=exc), 8000)
            return
        self.refresh_decks()
        self.sig_graded.emit()
        self.show_card(self.collection.card(card_id))
        self.ctx.sig_status_message.emit(self.tr("Last grade undone."), 3000)

    def _typed_toggled(self, on: bool) -> None:
        self.ctx.db.set_setting(SETTING_TYPED, on)
        self.typed.setVisible(on)

    def _on_theme(self, dark: bool) -> None:
        """The grade and count colours of the theme now on (the light theme's read at ~3:1 on the dark one)."""
        for rating, color in RATING_COLORS:
            self.grade_buttons[rating].setStyleSheet(
                f"QPushButton {{ color: {status_color(color, dark)}; font-weight: 600; }}")
        self.refresh_decks()

    def _size_buttons(self) -> None:
        """Big targets that grow with the interface zoom (they were a fixed 220×48 and 110×48 px)."""
        line = self.fontMetrics().height()
        self.show_button.setMinimumSize(line * 13, round(line * 2.8))
        for b in getattr(self, "grade_buttons", {}).values():
            b.setMinimumSize(line * 6, round(line * 2.8))
        if hasattr(self, "deck_pane"):  # room for the counts and ~10 letters of a deck's name at any zoom
            self.deck_pane.setMinimumWidth(line * 18)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FontChange:
            self._size_buttons()
        super().changeEvent(event)

    # keys ------------------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.revealed:
            self.reveal()
        elif key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4) and self.revealed:
            self.grade(Rating(key - Qt.Key.Key_1 + 1))
        elif key == Qt.Key.Key_U:
            self.undo()
        else:
            super().keyPressEvent(event)

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh_decks()
        if self.current is not None and self.current.content is not None:
            revealed = self.revealed
            self.show_card(self.collection.card(self.current.id))
            if revealed:
                self.reveal()
        elif self.stack.currentWidget() is self.empty:
            self._show_empty()


def _esc(text: str) -> str:
    return html.escape(text)


def _brush(color: str) -> QBrush:
    return QBrush(QColor(color))
