"""The Flashcards & quiz page: grading with the keyboard, undo, quiz feedback, stats from real history, links."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop.core.srs.collection import SETTING_RETENTION, format_interval
from desktop.core.store.models import QuizAnswer, ReviewLogEntry
from desktop.ui.cards import CardsPage
from desktop.ui.context import AppContext
from tests.core.test_srs_support import INTRO, PARAMS, write_decks


@pytest.fixture
def page(qtbot, ctx: AppContext, tmp_path: Path) -> CardsPage:
    ctx.set_language("en")
    widget = CardsPage(ctx, write_decks(tmp_path / "cards"))
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _logs(ctx: AppContext) -> list[ReviewLogEntry]:
    with ctx.db.session() as s:
        return list(s.scalars(select(ReviewLogEntry).order_by(ReviewLogEntry.id)))


def test_grade_with_keys_and_undo(qtbot, page: CardsPage, ctx: AppContext) -> None:
    review = page.review
    assert review.current is not None and review.current.id == "intro-prompt"
    assert "What is the input text called?" in review.question.text()
    assert review.answer.isHidden()

    qtbot.keyClick(review, Qt.Key.Key_3)  # grading before the answer is shown does nothing
    assert _logs(ctx) == []
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.revealed and review.answer.isVisible() and "Prompt" in review.answer.text()
    preview = page.collection.preview("intro-prompt")
    good = review.grade_buttons[Rating.Good]
    assert good.isVisible() and good.text() == f"Good\n{format_interval(preview[Rating.Good])}"
    assert review.grade_buttons[Rating.Again].text() == "Again\n1m"

    qtbot.keyClick(review, Qt.Key.Key_3)
    (log,) = _logs(ctx)  # committed before the next card is shown
    assert (log.card_id, log.rating, log.source) == ("intro-prompt", 3, "review")
    assert log.duration_ms is not None and log.duration_ms >= 0
    assert review.current.id == "intro-cloze" and not review.revealed
    assert "[" in review.question.text() and "completion" not in review.question.text()
    assert page.collection.card("intro-prompt").state_name == "learning"

    qtbot.keyClick(review, Qt.Key.Key_Return)
    qtbot.keyClick(review, Qt.Key.Key_1)
    assert len(_logs(ctx)) == 2

    qtbot.keyClick(review, Qt.Key.Key_U)
    assert len(_logs(ctx)) == 1
    assert review.current.id == "intro-cloze" and not review.revealed, "undo shows the card again"
    assert page.collection.card("intro-cloze").state == 0
    qtbot.keyClick(review, Qt.Key.Key_U)
    assert _logs(ctx) == []
    assert page.collection.card("intro-prompt").state == 0


def test_deck_list_counts_and_review_link(qtbot, page: CardsPage, ctx: AppContext) -> None:
    rows = {page.review.decks.topLevelItem(i).text(0): [page.review.decks.topLevelItem(i).text(c) for c in (1, 2, 3)]
            for i in range(page.review.decks.topLevelItemCount())}
    assert rows["Introduction"] == ["3", "0", "0"]
    assert rows["Parameters"] == ["2", "0", "0"]
    assert rows["All decks"] == ["5", "0", "0"]
    page.open_link(_link("studydesk://cards/review?deck=parameters"))
    assert page.tabs.currentWidget() is page.review
    assert page.review.current.id == "parameters-greedy"
    page.review.reveal()
    page.review.grade(Rating.Good)
    rows = {page.review.decks.topLevelItem(i).text(0): [page.review.decks.topLevelItem(i).text(c) for c in (1, 2, 3)]
            for i in range(page.review.decks.topLevelItemCount())}
    assert rows["Parameters"] == ["1", "1", "0"]


def test_typed_answer_is_checked_forgivingly(qtbot, page: CardsPage) -> None:
    review = page.review
    review.typed_toggle.setChecked(True)
    assert review.typed.isVisible()
    qtbot.keyClicks(review.typed, "  prompt ")
    qtbot.keyClick(review.typed, Qt.Key.Key_Return)
    assert review.revealed and "matches" in review.typed_result.text()


def test_quiz_feedback_explanation_and_lesson_link(qtbot, page: CardsPage, ctx: AppContext) -> None:
    quiz = page.quiz
    page.open_link(_link("studydesk://cards/quiz?deck=intro"))
    assert page.tabs.currentWidget() is quiz
    q = quiz.session.questions[0]
    assert quiz.question.text() == "What is inference?"
    wrong = next(i for i in range(4) if i != q.answer_index)
    qtbot.keyClick(quiz, [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4][wrong])
    assert quiz.feedback is not None and not quiz.feedback.correct
    assert quiz.feedback_frame.isVisible()
    assert "Not quite" in quiz.verdict.text() and "Using the trained model" in quiz.verdict.text()
    assert quiz.explanation.text() == "Inference is using the model."
    assert "studydesk://lesson/intro#inference" in quiz.lesson_link.text()
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        quiz.lesson_link.linkActivated.emit("studydesk://lesson/intro#inference")
    assert blocker.args == ["studydesk://lesson/intro#inference"]
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(QuizAnswer)) == 1
    assert not quiz.no_history.isHidden()  # no quiz finished yet: the empty history says what it will hold
    qtbot.keyClick(quiz, Qt.Key.Key_Return)  # past the last question: the result and the history
    assert quiz.stack.currentIndex() == 2 and "0 of 1" in quiz.done_label.text()
    assert quiz.history.rowCount() == 1 and quiz.history.item(0, 2).text().startswith("0/1")
    assert quiz.no_history.isHidden()


def test_quiz_can_feed_the_scheduler(qtbot, page: CardsPage, ctx: AppContext) -> None:
    page.quiz.feed_box.setChecked(True)
    page.quiz.start("parameters")
    q = page.quiz.session.questions[0]
    page.quiz.choose(q.answer_index)
    assert page.quiz.feedback.correct and "Good" in page.quiz.explanation.text()
    (log,) = _logs(ctx)
    assert (log.card_id, log.rating, log.source) == ("parameters-q-topk", int(Rating.Good), "quiz")


def test_stats_page_renders_real_history(qtbot, page: CardsPage, ctx: AppContext, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    c = page.collection
    start = now - timedelta(days=20)
    c.grade("parameters-greedy", "easy", start)
    due = c.card("parameters-greedy").due
    c.grade("parameters-greedy", "good", due)  # a Review-state pass: retention 1 of 1
    c.grade("intro-prompt", "good", now - timedelta(hours=1))
    page.tabs.setCurrentWidget(page.stats)
    page.stats.refresh()
    st = page.stats.stats
    assert st is not None and st.total_reviews == 3
    assert page.stats.tiles["total"].text() == "3"
    assert page.stats.tiles["today"].text() == str(st.reviews_today)
    assert page.stats.tiles["retention"].text() == "100.0%"
    series = page.stats.forecast_chart.series()
    assert len(series) == 1
    bars = series[0].barSets()[0]
    assert bars.count() == 30 and sum(bars.at(i) for i in range(30)) == sum(st.forecast)
    progress = page.stats.progress_chart.series()[0]
    assert [s.label() for s in progress.barSets()] == ["New", "Learning", "Young", "Mature"]
    assert sum(page.stats.heatmap.counts.values()) == 3
    shot = page.stats.grab()
    assert not shot.isNull() and shot.width() > 600


def test_browse_add_and_edit_own_card_and_export(qtbot, page: CardsPage, ctx: AppContext, tmp_path: Path) -> None:
    card_id = page.collection.add_user_card("my-cards", "basic", {"front": "What is BF16?", "back": "bfloat16"}, "en")
    page.browse.sig_changed.emit()
    page.browse.refresh()
    ids = [v.id for v in page.browse.views]
    assert card_id in ids
    row = ids.index(card_id)
    page.browse.table.selectRow(row)
    assert page.browse.edit_button.isEnabled()
    page.browse.table.selectRow(0)
    assert not page.browse.edit_button.isEnabled(), "lesson cards are not edited here"
    page.browse.export_csv(str(tmp_path / "out.csv"))
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6 and rows[-1]["front"] == "What is BF16?"
    page.browse.export_apkg(str(tmp_path / "out.apkg"))
    assert (tmp_path / "out.apkg").stat().st_size > 1000


def test_bad_deck_file_is_shown_and_other_decks_work(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    folder = write_decks(tmp_path / "cards", intro=INTRO, parameters=PARAMS.replace("kind = \"basic\"", "kind = "))
    widget = CardsPage(ctx, folder)
    qtbot.addWidget(widget)
    assert widget.problems.isVisibleTo(widget)
    assert "parameters.toml:" in widget.problems.text() and "not valid TOML" in widget.problems.text()
    assert widget.review.current is not None and widget.review.current.deck == "intro"


def test_settings_group_writes_retention(qtbot, window, ctx: AppContext) -> None:
    window.show_page("settings")
    settings = window.page("settings")
    settings.flashcards.retention.setValue(0.85)
    assert ctx.db.get_setting(SETTING_RETENTION) == 0.85
    window.show_page("cards")
    assert isinstance(window.page("cards"), CardsPage)


def _link(url: str):
    from desktop.core.links import parse_link

    return parse_link(url)



def test_a_grade_that_cannot_be_saved_is_reported_and_the_card_stays(qtbot, page: CardsPage, ctx: AppContext) -> None:
    from sqlalchemy import event

    def read_only(conn, _record) -> None:  # as a read-only file or a full disk would: SQLITE_READONLY on writes
        conn.execute("PRAGMA query_only = ON")

    review = page.review
    first = review.current.id
    qtbot.keyClick(review, Qt.Key.Key_Space)
    ctx.db.engine.dispose()
    event.listen(ctx.db.engine, "connect", read_only)
    qtbot.keyClick(review, Qt.Key.Key_3)
    assert review.current.id == first and review.revealed, "the card stays where it was"
    assert review.not_saved.isVisibleTo(review) and "Not saved" in review.not_saved.text()
    assert str(ctx.db.path) in review.not_saved.text()
    assert _logs(ctx) == []

    event.remove(ctx.db.engine, "connect", read_only)
    ctx.db.engine.dispose()
    qtbot.keyClick(review, Qt.Key.Key_3)  # space is back: the same grade goes through
    assert [log.card_id for log in _logs(ctx)] == [first]
    assert review.not_saved.isHidden()


def test_an_empty_deck_file_is_named_on_the_page(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    folder = write_decks(tmp_path / "cards", intro=INTRO, parameters="")
    widget = CardsPage(ctx, folder)
    qtbot.addWidget(widget)
    assert widget.problems.isVisibleTo(widget)
    assert "parameters.toml" in widget.problems.text() and "has no cards" in widget.problems.text()


def test_nothing_to_study_leaves_the_deck_list_its_width(qtbot, ctx: AppContext) -> None:
    """With nothing to review the card page's hidden grade buttons no longer claimed room beside the Show button:
    the deck list kept ~110 px of a 1024 px window, every name cut."""
    from PySide6.QtWidgets import QSplitter

    from desktop.app import create_window
    from desktop.core.srs.collection import SETTING_NEW_PER_DAY

    ctx.db.set_setting(SETTING_NEW_PER_DAY, 0)
    win = create_window(ctx)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    win.arrive("cards")
    review = win.page("cards").review
    qtbot.waitUntil(lambda: review.stack.currentWidget() is review.empty)
    assert review.findChild(QSplitter).sizes()[0] >= 250
    win.close()


def test_a_search_that_finds_nothing_says_so(qtbot, page: CardsPage) -> None:
    page.tabs.setCurrentWidget(page.browse)
    page.browse.search.setText("no such words here")
    page.browse.fill()
    assert page.browse.table.rowCount() == 0
    assert page.browse.count_label.text() == "No card contains “no such words here”."
    page.browse.search.setText("")
    page.browse.fill()
    assert page.browse.count_label.text().startswith("5 cards")


def test_grade_and_answer_colours_follow_the_theme(qtbot, page: CardsPage, ctx: AppContext) -> None:
    """The light theme's green and red read at ~3:1 on the dark theme: a theme switch brings brighter ones."""
    from desktop.ui.cards.labels import status_color

    good = page.review.grade_buttons[Rating.Good]
    assert status_color("right", False) in good.styleSheet()
    ctx.db.set_setting("theme", "dark")
    ctx.apply_theme()
    assert status_color("right", True) in good.styleSheet()
    page.quiz.start("parameters")
    q = page.quiz.session.questions[0]
    page.quiz.choose((q.answer_index + 1) % 4)
    assert status_color("wrong", True) in page.quiz.verdict.text()
    ctx.db.set_setting("theme", "light")
    ctx.apply_theme()
    assert status_color("right", False) in good.styleSheet()
