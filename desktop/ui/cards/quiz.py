"""Quiz tab: per deck or mixed, one question at a time, instant feedback with the explanation and a link to the
lesson section, score history. Keys: 1–4 (or A–D) answer, Enter goes on."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.srs import Collection, SrsError
from desktop.core.srs.quiz import MIXED, QuizFeedback, QuizSession, quiz_history
from desktop.ui.cards.labels import rating_label, status_color
from desktop.ui.cards.render import OPTION_LETTERS
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.responsive import VerticalScrollArea
from desktop.ui.zoom import relative_font, set_relative_font

SETTING_FEED = "quiz_feeds_scheduler"
SETTING_SIZE = "quiz_size"
OPTION_STYLE = "text-align: left; padding: 8px 14px;"  # the text size comes from the zoomed interface font


class ChoiceButton(QPushButton):
    """A quiz choice whose text wraps: a QPushButton draws one line, and a long choice lost its end in a
    1024 px window. The text lives in a word-wrapping label inside; the button keeps the clicks and the frame."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setStyleSheet("background: transparent; border: none; padding: 0;")
        box = QHBoxLayout(self)
        box.setContentsMargins(14, 8, 14, 8)
        box.addWidget(self.label)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        self.label.setText(text)
        self.updateGeometry()

    # As tall as the wrapped text: a QPushButton's own size hint knows nothing of the label inside.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return max(self.minimumHeight(), self.label.heightForWidth(max(width - 28, 1)) + 16)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = self.label.sizeHint()
        return QSize(hint.width() + 28, max(self.minimumHeight(), hint.height() + 16))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(120, self.minimumHeight())

    def text(self) -> str:
        return self.label.text()

    def set_look(self, extra: str = "") -> None:
        """The option frame, plus the colour of a right or wrong choice (given to the label, which draws it)."""
        self.setStyleSheet(f"QPushButton {{ {OPTION_STYLE} {extra} }}")
        color = next((part.split(":")[1].strip() for part in extra.split(";") if part.strip().startswith("color:")),
                     None)
        weight = "font-weight: 600;" if "font-weight: 600" in extra else ""
        self.label.setStyleSheet("background: transparent; border: none; padding: 0;"
                                 + (f" color: {color};" if color else "") + weight)


class QuizTab(Retranslating, QWidget):
    sig_answered = Signal()

    def __init__(self, ctx: AppContext, collection: Collection) -> None:
        super().__init__()
        self.ctx = ctx
        self.collection = collection
        self.session: QuizSession | None = None
        self.index = 0
        self.feedback: QuizFeedback | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Two rows of controls, so they fit a 1024 px window beside the score history.
        controls = QHBoxLayout()
        outer.addLayout(controls)
        controls_2 = QHBoxLayout()
        outer.addLayout(controls_2)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        main = QVBoxLayout()
        layout.addLayout(main, 1)

        self.deck_box = QComboBox()
        self.deck_box.setMinimumWidth(180)
        from_label = QLabel()
        self.retr(lambda: from_label.setText(self.tr("Questions from:")))
        controls.addWidget(from_label)
        controls.addWidget(self.deck_box)
        self.size_box = QSpinBox()
        self.size_box.setRange(1, 100)
        self.size_box.setValue(int(ctx.db.get_setting(SETTING_SIZE, 10)))
        self.retr(lambda: self.size_box.setSuffix(self.tr(" questions")))
        controls.addWidget(self.size_box)
        self.feed_box = QCheckBox()
        self.retr(lambda: self.feed_box.setText(self.tr("Count answers in reviews (right → {good}, wrong → {again})")
                                                .format(good=rating_label(3), again=rating_label(1))))
        self.feed_box.setChecked(bool(ctx.db.get_setting(SETTING_FEED, False)))
        self.feed_box.toggled.connect(lambda on: ctx.db.set_setting(SETTING_FEED, on))
        controls.addStretch(1)
        controls_2.addWidget(self.feed_box)
        controls_2.addStretch(1)
        self.start_button = QPushButton()
        self.retr(lambda: self.start_button.setText(self.tr("Start quiz")))
        self.start_button.clicked.connect(lambda: self.start(self.deck_box.currentData()))
        controls_2.addWidget(self.start_button)

        self.stack = QStackedWidget()
        main.addWidget(self.stack, 1)
        intro = QLabel()
        self.retr(lambda: intro.setText(self.tr(
            "Pick a lesson (or all of them) and press <b>Start quiz</b>.<br><br>Answer with the mouse or the keys "
            "1–4 / A–D; Enter goes to the next question.")))
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setWordWrap(True)
        self.stack.addWidget(intro)

        q_page = QWidget()
        q_layout = QVBoxLayout(q_page)
        q_layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        self.progress_label = QLabel()
        top.addWidget(self.progress_label)
        top.addStretch(1)
        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-weight: 600;")
        top.addWidget(self.score_label)
        q_layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        q_layout.addWidget(self.progress)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setStyleSheet("margin: 14px 0;")
        set_relative_font(self.question, 20 / 12)
        q_layout.addWidget(self.question)
        self.option_buttons: list[ChoiceButton] = []
        for i in range(4):
            b = ChoiceButton()
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(46)
            b.set_look()
            set_relative_font(b.label, 15 / 12)
            b.clicked.connect(lambda _=False, n=i: self.choose(n))
            q_layout.addWidget(b)
            self.option_buttons.append(b)
        self.feedback_frame = QFrame()
        self.feedback_frame.setObjectName("quizFeedback")
        fb_layout = QVBoxLayout(self.feedback_frame)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        set_relative_font(self.verdict, 17 / 12, bold=True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        set_relative_font(self.explanation, 15 / 12)
        self.lesson_link = QLabel()
        self.lesson_link.linkActivated.connect(ctx.sig_open_link.emit)
        fb_layout.addWidget(self.verdict)
        fb_layout.addWidget(self.explanation)
        fb_layout.addWidget(self.lesson_link)
        q_layout.addWidget(self.feedback_frame)
        nav = QHBoxLayout()
        nav.addStretch(1)
        self.next_button = QPushButton()
        self._next_text()
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(self.next_question)
        nav.addWidget(self.next_button)
        q_layout.addLayout(nav)
        q_layout.addStretch(1)
        # It scrolls: in a 600 px window the question, four choices and the feedback overran each other.
        q_scroll = self.q_scroll = VerticalScrollArea(q_page)
        q_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys 1–4 / A–D and Enter belong to the tab
        self.stack.addWidget(q_scroll)

        # The end screen: the score, then each missed question with its explanation and lesson link.
        done_page = QScrollArea()
        done_page.setWidgetResizable(True)
        done_page.setFrameShape(QFrame.Shape.NoFrame)
        done_body = QWidget()
        done_layout = QVBoxLayout(done_body)
        done_layout.setContentsMargins(8, 8, 8, 8)
        self.done_label = QLabel()
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_label.setWordWrap(True)
        done_layout.addWidget(self.done_label)
        self.missed_title = QLabel()
        self.missed_title.setWordWrap(True)
        set_relative_font(self.missed_title, 15 / 12, bold=True)
        done_layout.addWidget(self.missed_title)
        self.missed_layout = QVBoxLayout()
        self.missed_layout.setSpacing(10)
        done_layout.addLayout(self.missed_layout)
        done_layout.addStretch(1)
        self.missed_labels: list[QLabel] = []
        done_page.setWidget(done_body)
        self.stack.addWidget(done_page)

        side_widget = self.side_widget = QWidget()
        self._fit_side()
        ctx.sig_zoom_changed.connect(lambda _percent: self._fit_side())
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(12, 8, 0, 0)
        layout.addWidget(side_widget)
        history_title = QLabel()
        self.retr(lambda: history_title.setText("<b>{}</b>".format(self.tr("Score history"))))
        side.addWidget(history_title)
        self.history = QTableWidget(0, 3)
        self.history.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), not cell by cell
        self.retr(lambda: self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Quiz"), self.tr("Score")]))
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        h = self.history.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        side.addWidget(self.history)
        self.no_history = QLabel()  # an empty table says nothing: this says what will be there
        self.no_history.setWordWrap(True)
        self.no_history.setStyleSheet("color: palette(placeholder-text);")
        self.retr(lambda: self.no_history.setText(self.tr("No quiz finished yet: each finished quiz adds its score "
                                                          "here.")))
        side.insertWidget(side.indexOf(self.history), self.no_history)
        self.refresh()

    def _fit_side(self) -> None:
        """The score history's width follows the zoom (220–330 px at 100 %): a fixed 330 px cut its score column
        at 150 %."""
        metrics = QFontMetrics(relative_font())
        # Room for a date, a few letters of the quiz's name and a score, at this zoom.
        need = metrics.horizontalAdvance("30 de nov., 05:51  Tod…  5/10  (50%)") + 52  # + a scroll bar
        self.side_widget.setMinimumWidth(max(220, need))
        self.side_widget.setMaximumWidth(max(330, need + 8 * metrics.height()))

    def refresh(self) -> None:
        lang = self.ctx.language
        current = self.deck_box.currentData()
        self.deck_box.blockSignals(True)
        self.deck_box.clear()
        self.deck_box.addItem(self.tr("All lessons (mixed)"), None)
        with_questions = {v.deck for v in self.collection.list_cards() if v.kind == "choice"}
        for deck in self.collection.deck_ids():
            if deck in with_questions:
                self.deck_box.addItem(self.collection.deck_title(deck, lang), deck)
        index = self.deck_box.findData(current)
        self.deck_box.setCurrentIndex(max(index, 0))
        self.deck_box.blockSignals(False)
        self._fill_history()

    def _fill_history(self) -> None:
        scores = quiz_history(self.collection)
        self.history.setRowCount(len(scores))
        if hasattr(self, "no_history"):
            self.no_history.setVisible(not scores)
        lang = self.ctx.language
        for row, s in enumerate(scores):
            scope = self.tr("All lessons") if s.scope == MIXED else self.collection.deck_title(s.scope, lang)
            cells = [fmt.date_time(s.started_at), scope,
                     f"{fmt.integer(s.correct)}/{fmt.integer(s.answered)}  ({fmt.decimal(s.percent, 0)}%)"]
            for col, text in enumerate(cells):
                self.history.setItem(row, col, QTableWidgetItem(text))

    # a quiz ----------------------------------------------------------------------------------------------------
    def start(self, deck: str | None) -> None:
        index = self.deck_box.findData(deck)
        if index >= 0:
            self.deck_box.setCurrentIndex(index)
        self.ctx.db.set_setting(SETTING_SIZE, self.size_box.value())
        self._finished = False
        try:
            self.session = QuizSession(self.collection, deck, self.ctx.language, size=self.size_box.value(),
                                       feed_scheduler=self.feed_box.isChecked())
        except SrsError as exc:
            self.ctx.sig_status_message.emit(str(exc), 6000)
            return
        self.index = 0
        self.show_question()
        self.stack.setCurrentIndex(1)
        self.setFocus()

    def show_question(self) -> None:
        assert self.session is not None
        q = self.session.questions[self.index]
        total = len(self.session.questions)
        correct, answered = self.session.score
        self.progress_label.setText(self.tr("Question {n} of {total}").format(n=self.index + 1, total=total))
        self.score_label.setText(self.tr("Score {correct}/{answered}").format(correct=correct, answered=answered))
        self.progress.setMaximum(total)
        self.progress.setValue(answered)
        self.question.setText(q.question)
        for i, b in enumerate(self.option_buttons):
            b.setText(f"{OPTION_LETTERS[i]}.  {q.options[i]}")
            b.setEnabled(True)
            b.set_look()
        self.feedback = None
        self.feedback_frame.hide()
        self.next_button.hide()

    def choose(self, n: int) -> None:
        if self.session is None or self.feedback is not None or self.stack.currentIndex() != 1:
            return
        q = self.session.questions[self.index]
        try:
            self.feedback = self.session.answer(self.index, n)
        except SrsError as exc:
            self.ctx.sig_status_message.emit(str(exc), 6000)
            return
        fb = self.feedback
        ok, bad = status_color("right", self.ctx.dark), status_color("wrong", self.ctx.dark)
        for i, b in enumerate(self.option_buttons):
            b.setEnabled(False)
            if i == q.answer_index:
                b.set_look(f"color: {ok}; border: 2px solid {ok}; border-radius: 6px; font-weight: 600;")
            elif i == n:
                b.set_look(f"color: {bad}; border: 2px solid {bad}; border-radius: 6px;")
        if fb.correct:
            self.verdict.setText("<span style='color:{}'>✓ {}</span>".format(ok, html.escape(self.tr("Right!"))))
        else:
            self.verdict.setText("<span style='color:{}'>✗ {}</span> <span style='font-weight:400'>{}</span> {}"
                                 .format(bad, html.escape(self.tr("Not quite.")), html.escape(self.tr("Right answer:")),
                                         html.escape(fb.answer)))
        self.explanation.setText(fb.explanation)
        if fb.lesson_link:
            text = html.escape(self.tr("Read the lesson section →"))
            self.lesson_link.setText(f'<a href="{fb.lesson_link}">{text}</a>')
            self.lesson_link.show()
        else:
            self.lesson_link.hide()
        if fb.grade is not None:
            self.explanation.setText(fb.explanation + "\n\n" + self.tr("(Counted in your reviews as {grade}.)").format(
                grade=rating_label(fb.grade.rating)))
        self.feedback_frame.show()
        # In a short window the verdict is below the choices: bring it (and the Next button) into view once the
        # layout has placed it.
        QTimer.singleShot(0, self._show_feedback_area)
        correct, answered = self.session.score
        self.score_label.setText(self.tr("Score {correct}/{answered}").format(correct=correct, answered=answered))
        self.progress.setValue(answered)
        self._next_text()
        self.next_button.show()
        self.sig_answered.emit()

    def _show_feedback_area(self) -> None:
        self.q_scroll.ensureWidgetVisible(self.next_button, 0, 8)
        self.q_scroll.ensureWidgetVisible(self.verdict, 0, 8)  # a long explanation: the verdict comes first

    def next_question(self) -> None:
        if self.session is None or self.feedback is None:
            return
        if self.index + 1 < len(self.session.questions):
            self.index += 1
            self.show_question()
            return
        correct, answered = self.session.score
        pct = 100 * correct / answered if answered else 0
        self._done = (correct, answered, pct)
        self._finished = True
        self._done_text()
        self._show_missed(self.session)
        self.stack.setCurrentIndex(2)
        self.session = None
        self._fill_history()

    def _show_missed(self, session: QuizSession) -> None:
        """One framed entry per wrong answer: the question, the answer given, the right one, why, where to read."""
        for label in self.missed_labels:
            self.missed_layout.removeWidget(label)
            label.deleteLater()
        self.missed_labels = []
        missed = [(session.questions[i], fb) for i, fb in sorted(session.answers.items()) if not fb.correct]
        self.missed_title.setText(self.tr("Questions you missed") if missed else self.tr("No question missed."))
        # The words are read outside the f-strings: lupdate does not see a tr() inside one.
        yours, right = self.tr("Your answer:"), self.tr("Right answer:")
        read = self.tr("Read the lesson section →")
        ok, bad = status_color("right", self.ctx.dark), status_color("wrong", self.ctx.dark)
        for q, fb in missed:
            parts = [
                f"<p style='font-weight:600'>{html.escape(q.question, quote=False)}</p>",
                f"<p><span style='color:{bad}'>✗</span> {yours} {html.escape(fb.chosen, quote=False)}<br>"
                f"<span style='color:{ok}'>✓</span> {right} <b>{html.escape(fb.answer, quote=False)}</b></p>",
            ]
            if fb.explanation:
                parts.append(f"<p>{html.escape(fb.explanation, quote=False)}</p>")
            if fb.lesson_link:
                parts.append(f'<p><a href="{html.escape(fb.lesson_link)}">{read}</a></p>')
            label = QLabel("".join(parts))
            label.setObjectName("missedQuestion")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.setStyleSheet("QLabel#missedQuestion { border: 1px solid palette(mid); border-radius: 8px;"
                                " padding: 8px 12px; background: palette(base); }")
            label.linkActivated.connect(self.ctx.sig_open_link.emit)
            self.missed_layout.addWidget(label)
            self.missed_labels.append(label)
    def _next_text(self) -> None:
        last = self.session is not None and self.index + 1 >= len(self.session.questions)
        self.next_button.setText(self.tr("See the result  (Enter)") if last else self.tr("Next question  (Enter)"))

    def _done_text(self) -> None:
        correct, answered, pct = getattr(self, "_done", (0, 0, 0.0))
        self.done_label.setText("<h2>{}</h2><p>{}</p>".format(
            self.tr("{correct} of {answered} right ({percent})").format(
                correct=fmt.integer(correct), answered=fmt.integer(answered), percent=fmt.decimal(pct, 0) + "%"),
            self.tr("Press <b>Start quiz</b> for another round.")))

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh()
        self._next_text()
        self._done_text()
        if self.session is not None and getattr(self, "_finished", False):
            self._show_missed(self.session)
        if self.session is not None:
            correct, answered = self.session.score
            self.progress_label.setText(self.tr("Question {n} of {total}").format(
                n=self.index + 1, total=len(self.session.questions)))
            self.score_label.setText(self.tr("Score {correct}/{answered}").format(correct=correct, answered=answered))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        letters = {Qt.Key.Key_A: 0, Qt.Key.Key_B: 1, Qt.Key.Key_C: 2, Qt.Key.Key_D: 3,
                   Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}
        if key in letters and self.feedback is None:
            self.choose(letters[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.next_question()
        else:
            super().keyPressEvent(event)
