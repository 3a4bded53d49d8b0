"""Read marks: one per lesson, whatever the language, kept in the store's LessonProgress table."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select

from desktop.core.store import Database
from desktop.core.store.models import LessonProgress


def read_marks(db: Database) -> dict[str, datetime]:
    """lesson id -> when it was marked as read."""
    with db.session() as s:
        return {row.lesson_id: row.read_at for row in s.scalars(select(LessonProgress))}


def set_read(db: Database, lesson_id: str, read: bool, now: datetime | None = None) -> None:
    """Mark or unmark a lesson; committed before returning (nothing lost if the app closes next)."""
    with db.session() as s:
        if read:
            s.merge(LessonProgress(lesson_id=lesson_id, read_at=now or datetime.now(UTC)))
        else:
            s.execute(delete(LessonProgress).where(LessonProgress.lesson_id == lesson_id))
