"""Statistics rebuilt from the store: due forecast, reviews per day, streak, true retention, progress per deck.

Days are the student's local days (a review at 23:30 counts for that evening, not for the UTC date).
True retention is Anki's definition: of the reviews of cards that were in the Review state, the share not graded
Again — what the scheduler's desired retention aims at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from fsrs import Rating, State
from sqlalchemy import select

from desktop.core.srs.collection import NEW, Collection, day_start, utc
from desktop.core.store.models import CardRecord, ReviewLogEntry

FORECAST_DAYS = 30
HEATMAP_DAYS = 183  # about six months
MATURE_DAYS = 21  # Anki's line between young and mature cards


@dataclass(frozen=True)
class Retention:
    passed: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None

    def as_json(self) -> dict[str, Any]:
        return {"passed": self.passed, "total": self.total, "rate": None if self.rate is None else round(self.rate, 4)}


@dataclass(frozen=True)
class DeckProgress:
    id: str
    title: dict[str, str]
    new: int
    learning: int
    young: int
    mature: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.young + self.mature

    @property
    def studied(self) -> int:
        return self.total - self.new

    def title_for(self, language: str) -> str:
        return self.title.get(language) or self.id

    def as_json(self) -> dict[str, Any]:
        return {"deck": self.id, "new": self.new, "learning": self.learning, "young": self.young,
                "mature": self.mature, "total": self.total}


@dataclass(frozen=True)
class Stats:
    today: date
    forecast: list[int]  # cards due on each of the next FORECAST_DAYS local days; day 0 includes overdue ones
    reviews_per_day: dict[date, int]  # last HEATMAP_DAYS local days, only days with reviews
    streak: int  # consecutive days with at least one review, ending today (or yesterday if none yet today)
    retention_month: Retention  # last 30 days
    retention_all: Retention
    decks: list[DeckProgress]
    reviews_today: int
    total_reviews: int

    @property
    def due_today(self) -> int:
        return self.forecast[0] if self.forecast else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "due_today": self.due_today,
            "reviews_today": self.reviews_today,
            "total_reviews": self.total_reviews,
            "streak_days": self.streak,
            "retention": {"last_30_days": self.retention_month.as_json(), "all_time": self.retention_all.as_json()},
            "forecast": [{"date": (self.today + timedelta(days=i)).isoformat(), "due": n}
                         for i, n in enumerate(self.forecast)],
            "reviews_per_day": {d.isoformat(): n for d, n in sorted(self.reviews_per_day.items())},
            "decks": [d.as_json() for d in self.decks],
        }


def _local_date(dt: datetime, tz: tzinfo | None) -> date:
    return (dt.astimezone(tz) if tz is not None else dt.astimezone()).date()


def streak_of(days_with_reviews: set[date], today: date) -> int:
    day = today if today in days_with_reviews else today - timedelta(days=1)
    n = 0
    while day in days_with_reviews:
        n += 1
        day -= timedelta(days=1)
    return n


def compute_stats(collection: Collection, now: datetime | None = None, tz: tzinfo | None = None) -> Stats:
    now = utc(now)
    today_start = day_start(now, tz)
    today = _local_date(now, tz)
    heat_start = day_start(today_start - timedelta(days=HEATMAP_DAYS - 1) + timedelta(hours=12), tz)
    month_start = now - timedelta(days=30)
    review_state = int(State.Review)

    with collection.db.session() as s:
        cards = s.execute(
            select(CardRecord.deck, CardRecord.state, CardRecord.due, CardRecord.last_review)
            .where(CardRecord.retired.is_(False))
        ).all()
        logs = s.execute(
            select(ReviewLogEntry.reviewed_at, ReviewLogEntry.rating, ReviewLogEntry.state_before)
        ).all()

    # Forecast: day boundaries are local midnights, computed one by one so DST changes land on the right day.
    bounds = []
    for i in range(1, FORECAST_DAYS + 1):
        bounds.append(day_start(today_start + timedelta(days=i, hours=12), tz))
    forecast = [0] * FORECAST_DAYS
    progress: dict[str, list[int]] = {}
    for deck, state, due, last_review in cards:
        p = progress.setdefault(deck, [0, 0, 0, 0])
        if state == NEW:
            p[0] += 1
            continue
        if state == review_state and due is not None and last_review is not None:
            p[3 if (due - last_review) >= timedelta(days=MATURE_DAYS) else 2] += 1
        else:
            p[1] += 1
        if due is None:
            continue
        for i, bound in enumerate(bounds):
            if due < bound:
                forecast[i] += 1
                break

    per_day: dict[date, int] = {}
    passed_m = total_m = passed_a = total_a = 0
    all_days: set[date] = set()
    reviews_today = 0
    for reviewed_at, rating, state_before in logs:
        d = _local_date(reviewed_at, tz)
        all_days.add(d)
        if reviewed_at >= heat_start:
            per_day[d] = per_day.get(d, 0) + 1
        if reviewed_at >= today_start:
            reviews_today += 1
        if state_before == review_state:
            ok = rating != int(Rating.Again)
            total_a += 1
            passed_a += ok
            if reviewed_at >= month_start:
                total_m += 1
                passed_m += ok

    decks = [
        DeckProgress(d, collection.deck_titles(d), *progress[d])
        for d in collection.deck_ids() if d in progress
    ]
    return Stats(
        today=today, forecast=forecast, reviews_per_day=per_day, streak=streak_of(all_days, today),
        retention_month=Retention(passed_m, total_m), retention_all=Retention(passed_a, total_a), decks=decks,
        reviews_today=reviews_today, total_reviews=len(logs),
    )

