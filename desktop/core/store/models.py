"""The user data schema (SQLAlchemy 2.0 typed models).

Every change here needs a hand-written Alembic migration in migrations/versions/; a test compares the migrated
database with these models, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite itself keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use datetime.now(UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class AppSetting(Base):
    """One user preference; the value is JSON text."""

    __tablename__ = "app_setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LessonProgress(Base):
    """A lesson the student marked as read (one mark per lesson, whatever the language)."""

    __tablename__ = "lesson_progress"
    lesson_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CardRecord(Base):
    """A card's scheduling state. Content lives in content/cards (or user_content for the student's own cards)."""

    __tablename__ = "card"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    deck: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    user_content: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[int] = mapped_column(Integer, default=0)  # 0 new; else fsrs.State value
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReviewLogEntry(Base):
    """One grade given to a card: enough to rebuild the stats and to re-fit the scheduler later."""

    __tablename__ = "review_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    state_before: Mapped[int] = mapped_column(Integer)
    state_after: Mapped[int] = mapped_column(Integer)
    interval_days: Mapped[float] = mapped_column(Float)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(20), default="review")
    # The card's scheduling fields before this grade, as JSON, so "undo" restores them exactly.
    previous_card: Mapped[str | None] = mapped_column(Text, nullable=True)


class QuizAnswer(Base):
    """One answer to a multiple-choice question."""

    __tablename__ = "quiz_answer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    chosen: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean)


class Scenario(Base):
    """A saved calculator input set and its results (JSON), under a name the student chose."""

    __tablename__ = "scenario"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)  # memory | kv-cache | scaling | quantization
    name: Mapped[str] = mapped_column(String(200))
    inputs: Mapped[str] = mapped_column(Text)
    results: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
