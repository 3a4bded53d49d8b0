"""Multiple-choice quizzes over the `choice` cards: per deck or mixed, one question at a time, each answer committed
to `quiz_answer` (and, when the student asks for it, fed to the scheduler: right -> Good, wrong -> Again)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from fsrs import Rating
from sqlalchemy import case, func, select

from desktop.core.srs.collection import Collection, GradeResult, SrsError, utc
from desktop.core.srs.decks import lesson_section
from desktop.core.store.models import QuizAnswer

MIXED = "mixed"


@dataclass(frozen=True)
class QuizQuestion:
    card_id: str
    deck: str
    question: str
    options: list[str]
    answer_index: int
    explanation: str
    anchor: str | None

    @property
    def answer(self) -> str:
        return self.options[self.answer_index]

    @property
    def lesson_link(self) -> str | None:
        """studydesk://lesson/<lesson>#<anchor> for the section this question drills (see lesson_section)."""
        section = lesson_section(self.deck, self.anchor)
        return f"studydesk://lesson/{section[0]}#{section[1]}" if section else None


@dataclass(frozen=True)
class QuizFeedback:
    correct: bool
    chosen: str
    answer: str
    explanation: str
    lesson_link: str | None
    grade: GradeResult | None


@dataclass(frozen=True)
class QuizScore:
    session_id: str
    scope: str  # a deck id or "mixed"
    started_at: datetime
    answered: int
    correct: int

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.answered if self.answered else 0.0


@dataclass
class QuizSession:
    """One run through a set of questions. The session id starts with its scope ("parameters/…", "mixed/…") so the
    score history can say what each quiz was about."""

    collection: Collection
    deck: str | None
    language: str
    size: int = 10
    feed_scheduler: bool = False
    seed: int | None = None
    id: str = ""
    questions: list[QuizQuestion] = field(default_factory=list)
    answers: dict[int, QuizFeedback] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.id = f"{self.deck or MIXED}/{uuid.uuid4().hex[:16]}"
        rng = random.Random(self.seed)
        views = [v for v in self.collection.list_cards(self.deck) if v.kind == "choice" and v.content is not None]
        if not views:
            where = f"deck {self.deck!r}" if self.deck else "any deck"
            raise SrsError(f"there are no quiz questions in {where}")
        rng.shuffle(views)
        for view in views[: max(self.size, 1)]:
            assert view.content is not None
            f = view.content.fields(self.language)
            options = [str(f["answer"]), *(str(d) for d in f["distractors"])]
            order = list(range(len(options)))
            rng.shuffle(order)
            self.questions.append(QuizQuestion(
                card_id=view.id, deck=view.deck, question=str(f["question"]),
                options=[options[i] for i in order], answer_index=order.index(0),
                explanation=str(f.get("explanation", "")), anchor=view.content.anchor,
            ))

    @property
    def score(self) -> tuple[int, int]:
        """(correct, answered) so far."""
        return sum(1 for fb in self.answers.values() if fb.correct), len(self.answers)

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.questions)

    def answer(self, index: int, chosen: int, now: datetime | None = None, duration_ms: int | None = None) -> QuizFeedback:
        """Record the answer to question `index` (one commit: the answer row and, if feeding, the grade)."""
        if not 0 <= index < len(self.questions):
            raise SrsError(f"there is no question {index + 1} in this quiz")
        if index in self.answers:
            raise SrsError(f"question {index + 1} was already answered")
        q = self.questions[index]
        if not 0 <= chosen < len(q.options):
            raise SrsError(f"choose one of the {len(q.options)} options")
        now = utc(now)
        correct = chosen == q.answer_index
        grade = None
        sched = self.collection.scheduler() if self.feed_scheduler else None
        with self.collection.db.session() as s:
            s.add(QuizAnswer(card_id=q.card_id, session_id=self.id, answered_at=now, chosen=q.options[chosen],
                             correct=correct))
            if sched is not None:
                rating = Rating.Good if correct else Rating.Again
                grade = self.collection._grade_in(s, sched, q.card_id, rating, now, duration_ms, "quiz")
        feedback = QuizFeedback(correct, q.options[chosen], q.answer, q.explanation, q.lesson_link, grade)
        self.answers[index] = feedback
        return feedback


def quiz_history(collection: Collection, limit: int = 50) -> list[QuizScore]:
    """Past quizzes, newest first, from the quiz_answer rows."""
    with collection.db.session() as s:
        rows = s.execute(
            select(
                QuizAnswer.session_id,
                func.min(QuizAnswer.answered_at),
                func.count(),
                func.sum(case((QuizAnswer.correct.is_(True), 1), else_=0)),
            ).group_by(QuizAnswer.session_id).order_by(func.min(QuizAnswer.answered_at).desc()).limit(limit)
        ).all()
    out = []
    for session_id, started, answered, correct in rows:
        scope = session_id.split("/", 1)[0] if "/" in session_id else MIXED
        out.append(QuizScore(session_id, scope, utc(started), int(answered), int(correct or 0)))
    return out
