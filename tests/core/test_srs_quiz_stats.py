"""Quizzes (answers committed, optional scheduler feed, score history) and statistics from the review log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating, State
from sqlalchemy import select

from desktop.core.srs import SrsError
from desktop.core.srs.quiz import QuizSession, quiz_history
from desktop.core.srs.stats import compute_stats, streak_of
from desktop.core.store.models import QuizAnswer, ReviewLogEntry
from tests.core.test_srs_support import open_collection, write_decks

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_quiz_per_deck_records_answers_and_history(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    quiz = QuizSession(c, "intro", "en", seed=3)
    assert [q.card_id for q in quiz.questions] == ["intro-q"]
    q = quiz.questions[0]
    assert sorted(q.options) == sorted(["Using the trained model to generate text", "Training the model",
                                        "Downloading the model", "Tokenizing the text"])
    assert q.answer == "Using the trained model to generate text"
    assert q.lesson_link == "studydesk://lesson/intro#inference"
    wrong = next(i for i in range(4) if i != q.answer_index)
    fb = quiz.answer(0, wrong, T0)
    assert not fb.correct and fb.answer == q.answer and fb.explanation == "Inference is using the model."
    assert fb.grade is None, "without the option, a quiz does not touch the schedule"
    assert quiz.finished and quiz.score == (0, 1)
    with pytest.raises(SrsError, match="already answered"):
        quiz.answer(0, q.answer_index, T0)
    with c.db.session() as s:
        rows = s.scalars(select(QuizAnswer)).all()
        assert [(r.card_id, r.correct, r.chosen) for r in rows] == [("intro-q", False, q.options[wrong])]
        assert s.scalars(select(ReviewLogEntry)).all() == []
    (score,) = quiz_history(c)
    assert (score.scope, score.answered, score.correct, score.started_at) == ("intro", 1, 0, T0)


def test_mixed_quiz_can_feed_the_scheduler(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    quiz = QuizSession(c, None, "pt-BR", seed=1, feed_scheduler=True)
    assert {q.card_id for q in quiz.questions} == {"intro-q", "parameters-q-topk"}
    assert quiz.id.startswith("mixed/")
    first, second = quiz.questions
    right = quiz.answer(0, first.answer_index, T0)
    wrong = quiz.answer(1, (second.answer_index + 1) % 4, T0 + timedelta(seconds=20))
    assert right.grade is not None and right.grade.rating == Rating.Good
    assert wrong.grade is not None and wrong.grade.rating == Rating.Again
    assert c.card(first.card_id).state == int(State.Learning)
    with c.db.session() as s:
        sources = s.scalars(select(ReviewLogEntry.source)).all()
    assert sources == ["quiz", "quiz"]
    assert quiz_history(c)[0].scope == "mixed" and quiz_history(c)[0].percent == 50.0


def test_quiz_on_a_deck_without_questions_is_a_clear_error(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    c.add_user_card("my-cards", "basic", {"front": "Q", "back": "A"}, "en")
    with pytest.raises(SrsError, match="no quiz questions in deck 'my-cards'"):
        QuizSession(c, "my-cards", "en")


def test_stats_from_a_real_review_history(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    c.grade("parameters-greedy", "easy", T0)
    c.grade("intro-prompt", "good", T0)
    c.grade("intro-prompt", "good", T0 + timedelta(minutes=10))
    review_due = c.card("parameters-greedy").due
    c.grade("parameters-greedy", "again", review_due)  # a lapse of a Review card: counts against retention
    c.grade("parameters-greedy", "good", review_due + timedelta(minutes=10))
    c.grade("intro-prompt", "good", c.card("intro-prompt").due)  # a pass of a Review card
    now = c.card("intro-prompt").scheduling.last_review + timedelta(hours=1)
    stats = compute_stats(c, now, tz=UTC)

    assert stats.total_reviews == 6
    assert stats.retention_all.total == 2 and stats.retention_all.passed == 1
    assert stats.retention_all.rate == 0.5
    assert sum(stats.reviews_per_day.values()) == 6
    assert stats.reviews_per_day[T0.date()] == 3
    assert len(stats.forecast) == 30
    assert sum(stats.forecast) == 2, "both studied cards are due within 30 days"
    intro = next(d for d in stats.decks if d.id == "intro")
    assert (intro.new, intro.learning + intro.young + intro.mature, intro.total) == (2, 1, 3)
    data = stats.as_json()
    assert data["retention"]["all_time"] == {"passed": 1, "total": 2, "rate": 0.5}
    assert data["forecast"][0]["date"] == stats.today.isoformat()


def test_streak_counts_back_from_today_or_yesterday() -> None:
    today = date(2026, 3, 10)
    days = {date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 5)}
    assert streak_of(days, today) == 3
    assert streak_of(days - {today}, today) == 2, "no review yet today does not break the streak"
    assert streak_of({date(2026, 3, 7)}, today) == 0
