"""The student's cards: content synced into the store, FSRS scheduling, the review queue, undo and own cards.

Scheduling is the `fsrs` package's (FSRS-6 default parameters, its default learning and relearning steps, desired
retention from the setting `desired_retention`). Fuzzing is off so that the interval written on each grade
button is exactly the interval the card gets.

Every grade is one transaction: the card's new state and its review_log row are committed together before
`grade` returns, so a kill right after it loses nothing that was acknowledged.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.core.paths import CONTENT_DIR
from desktop.core.srs.decks import (
    CARDS_DIR,
    FIELDS_OF_KIND,
    KINDS,
    CardContent,
    DeckError,
    DeckSet,
    gc_paused,
    load_decks,
    validate_fields,
)
from desktop.core.store import Database
from desktop.core.store.models import CardRecord, ReviewLogEntry

SETTING_RETENTION = "desired_retention"
SETTING_NEW_PER_DAY = "new_cards_per_day"
SETTING_SYNCED = "cards_synced_fingerprint"  # the deck files' fingerprint at the last content sync
DEFAULT_RETENTION = 0.9
DEFAULT_NEW_PER_DAY = 20
RETENTION_RANGE = (0.70, 0.99)
# Like Anki's "learn ahead limit": when nothing else is left, a learning card due within this window is shown.
LEARN_AHEAD = timedelta(minutes=20)
NEW = 0
STATE_NAMES = {NEW: "new", int(State.Learning): "learning", int(State.Review): "review", int(State.Relearning): "relearning"}
RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
USER_ID_PREFIX = "user-"
_LESSON_FILE_RE = re.compile(r"^(\d+)-(.+)\.md$")


class SrsError(ValueError):
    """A request the collection cannot honour (unknown card, bad rating, nothing to undo); the text says why."""


def parse_rating(rating: int | str | Rating) -> Rating:
    if isinstance(rating, str):
        key = rating.strip().lower()
        if key in RATINGS:
            return RATINGS[key]
        if key.isdigit():
            rating = int(key)
        else:
            raise SrsError(f"unknown rating {rating!r}; use again, hard, good or easy")
    try:
        return Rating(int(rating))
    except ValueError:
        raise SrsError(f"unknown rating {rating!r}; use again, hard, good or easy (1-4)") from None


def utc(dt: datetime | None) -> datetime:
    if dt is None:
        return datetime.now(UTC)
    if dt.tzinfo is None:
        raise SrsError("naive datetime; pass an aware UTC datetime")
    return dt.astimezone(UTC)


def day_start(now: datetime, tz: tzinfo | None = None) -> datetime:
    """The start of the student's local day containing `now`, in UTC."""
    local = now.astimezone(tz) if tz is not None else now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def _iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.astimezone(UTC).isoformat()


def _from_iso(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text).astimezone(UTC)


@dataclass(frozen=True)
class Scheduling:
    """A card's scheduling fields, as stored; `state` 0 is new, else an fsrs.State value."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None

    @classmethod
    def of(cls, rec: CardRecord) -> Scheduling:
        return cls(rec.state, rec.step, rec.stability, rec.difficulty, rec.due, rec.last_review)

    def apply_to(self, rec: CardRecord) -> None:
        rec.state, rec.step = self.state, self.step
        rec.stability, rec.difficulty = self.stability, self.difficulty
        rec.due, rec.last_review = self.due, self.last_review

    def to_json(self) -> str:
        return json.dumps(
            {
                "state": self.state,
                "step": self.step,
                "stability": self.stability,
                "difficulty": self.difficulty,
                "due": _iso(self.due),
                "last_review": _iso(self.last_review),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Scheduling:
        d = json.loads(text)
        return cls(
            int(d["state"]), d.get("step"), d.get("stability"), d.get("difficulty"),
            _from_iso(d.get("due")), _from_iso(d.get("last_review")),
        )

    def to_fsrs(self, now: datetime) -> Card:
        # card_id is given explicitly: fsrs.Card() without one sleeps 1 ms to make a unique id.
        if self.state == NEW:
            return Card(card_id=0, state=State.Learning, step=0, due=now)
        return Card(
            card_id=0, state=State(self.state), step=self.step, stability=self.stability,
            difficulty=self.difficulty, due=self.due or now, last_review=self.last_review,
        )

    @classmethod
    def from_fsrs(cls, card: Card) -> Scheduling:
        return cls(int(card.state), card.step, card.stability, card.difficulty, card.due, card.last_review)


@dataclass(frozen=True)
class CardView:
    """A card as the pages and the CLI see it: its content (None when its deck file no longer has it) and state."""

    id: str
    deck: str
    kind: str
    content: CardContent | None
    scheduling: Scheduling
    retired: bool
    source: str  # "content" | "user"

    @property
    def state(self) -> int:
        return self.scheduling.state

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(self.state, str(self.state))

    @property
    def due(self) -> datetime | None:
        return self.scheduling.due


@dataclass(frozen=True)
class DeckSummary:
    id: str
    title: Mapping[str, str]
    new: int  # new cards available today (after the daily limit)
    learning: int
    due: int
    total: int
    new_total: int  # all cards never studied

    def title_for(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()), self.id)


@dataclass(frozen=True)
class GradeResult:
    log_id: int
    card_id: str
    rating: Rating
    state_before: int
    scheduling: Scheduling
    interval: timedelta

    def as_json(self) -> dict[str, Any]:
        s = self.scheduling
        return {
            "id": self.card_id,
            "rating": self.rating.name.lower(),
            "state": STATE_NAMES[s.state],
            "due": _iso(s.due),
            "interval_days": round(self.interval.total_seconds() / 86400, 6),
            "stability": s.stability,
            "difficulty": s.difficulty,
        }


@dataclass(frozen=True)
class SyncReport:
    added: int = 0
    updated: int = 0
    retired: int = 0
    revived: int = 0


def lesson_order(content_dir: Path = CONTENT_DIR) -> dict[str, int]:
    """Lesson id -> position, from the NN- prefix of the lesson files (decks are shown in the course's order)."""
    order: dict[str, int] = {}
    for path in (content_dir / "lessons").glob("*/*.md"):
        m = _LESSON_FILE_RE.match(path.name)
        if m:
            order.setdefault(m.group(2), int(m.group(1)))
    return order


def format_interval(delta: timedelta) -> str:
    """Short Anki-style label for a button: 1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(round(seconds / 60), 1)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        months = days / 30.4375
        return f"{months:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365.25:.1f}y".replace(".0y", "y")


class Collection:
    """Decks + the store. Open with `Collection.open(db)`; the content is synced into the `card` table then."""

    def __init__(self, db: Database, deckset: DeckSet, now: datetime | None = None,
                 order: Mapping[str, int] | None = None) -> None:
        self.db = db
        self.deckset = deckset
        self.errors: list[DeckError] = list(deckset.errors)
        self._order = dict(order) if order is not None else lesson_order()
        self._content: dict[str, CardContent] = deckset.cards
        with gc_paused():
            self.sync_report = self.sync(now)
            self._load_user_cards()

    @classmethod
    def open(cls, db: Database, cards_dir: Path = CARDS_DIR, now: datetime | None = None,
             cache_dir: Path | None = None) -> Collection:
        """Load the decks (through the parse cache in `cache_dir`, if given) and sync them into the store."""
        return cls(db, load_decks(cards_dir, cache_dir=cache_dir), now)

    # content --------------------------------------------------------------------------------------------------
    def sync(self, now: datetime | None = None) -> SyncReport:
        """Bring the `card` table in line with the deck files: insert new ids, update changed content (history is
        kept), retire ids that disappeared (never delete: their reviews stay in the log)."""
        now = utc(now)
        fingerprint = self.deckset.fingerprint
        if fingerprint and self.db.get_setting(SETTING_SYNCED, None) == fingerprint:
            return SyncReport()  # the same deck files as at the last sync: nothing can have changed
        content = self.deckset.cards
        # A deck whose file failed to load, or a card that failed to validate, is not "removed": keep it as is.
        protected_decks = {path.stem for path in self.deckset.failed_files}
        protected_ids = self.deckset.broken_ids
        added = updated = retired = revived = 0
        with self.db.session() as s:
            rows = s.execute(
                select(CardRecord.id, CardRecord.deck, CardRecord.kind, CardRecord.content_hash, CardRecord.retired,
                       CardRecord.user_content)
            ).all()
            existing = {r.id: r for r in rows}
            new_rows = []
            for card in content.values():
                row = existing.get(card.id)
                digest = card.content_hash
                if row is None:
                    new_rows.append(
                        {"id": card.id, "deck": card.deck, "kind": card.kind, "content_hash": digest, "retired": False,
                         "user_content": None, "state": NEW, "created_at": now}
                    )
                elif row.content_hash != digest or row.retired or row.deck != card.deck or row.kind != card.kind:
                    s.execute(
                        update(CardRecord).where(CardRecord.id == card.id)
                        .values(content_hash=digest, deck=card.deck, kind=card.kind, retired=False)
                    )
                    if row.retired:
                        revived += 1
                    else:
                        updated += 1
            if new_rows:
                s.execute(insert(CardRecord), new_rows)
                added = len(new_rows)
            gone = [
                r.id for r in rows
                if r.user_content is None and not r.retired and r.id not in content
                and r.deck not in protected_decks and r.id not in protected_ids
            ]
            for start in range(0, len(gone), 500):
                s.execute(update(CardRecord).where(CardRecord.id.in_(gone[start : start + 500])).values(retired=True))
            retired = len(gone)
        if fingerprint:
            self.db.set_setting(SETTING_SYNCED, fingerprint)
        return SyncReport(added, updated, retired, revived)

    def _load_user_cards(self) -> None:
        with self.db.session() as s:
            rows = s.execute(select(CardRecord.id, CardRecord.user_content).where(CardRecord.user_content.is_not(None))).all()
        for row in rows:
            try:
                self._content[row.id] = CardContent.from_user_json(row.id, json.loads(row.user_content))
            except (ValueError, KeyError, TypeError, AttributeError):
                self.errors.append(DeckError(Path("user cards"), None, f"own card {row.id} has unreadable content"))

    def content(self, card_id: str) -> CardContent | None:
        return self._content.get(card_id)

    def deck_ids(self) -> list[str]:
        """Every deck with at least one active card, content decks in the course's order, then the student's own."""
        with self.db.session() as s:
            ids = set(s.scalars(select(CardRecord.deck).where(CardRecord.retired.is_(False)).distinct()))
        ids |= set(self.deckset.decks)
        return sorted(ids, key=lambda d: (self._order.get(d, 10_000), d))

    def deck_title(self, deck_id: str, language: str) -> str:
        deck = self.deckset.decks.get(deck_id)
        return deck.title_for(language) if deck else deck_id

    def deck_titles(self, deck_id: str) -> dict[str, str]:
        deck = self.deckset.decks.get(deck_id)
        return dict(deck.title) if deck else {"pt-BR": deck_id, "en": deck_id}

    # settings -------------------------------------------------------------------------------------------------
    @property
    def desired_retention(self) -> float:
        value = self.db.get_setting(SETTING_RETENTION, DEFAULT_RETENTION)
        try:
            return min(max(float(value), RETENTION_RANGE[0]), RETENTION_RANGE[1])
        except (TypeError, ValueError):
            return DEFAULT_RETENTION

    @property
    def new_per_day(self) -> int:
        value = self.db.get_setting(SETTING_NEW_PER_DAY, DEFAULT_NEW_PER_DAY)
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_NEW_PER_DAY

    def scheduler(self) -> Scheduler:
        return Scheduler(desired_retention=self.desired_retention, enable_fuzzing=False)

    # reading --------------------------------------------------------------------------------------------------
    def _view(self, rec: CardRecord) -> CardView:
        return CardView(
            id=rec.id, deck=rec.deck, kind=rec.kind, content=self._content.get(rec.id),
            scheduling=Scheduling.of(rec), retired=rec.retired,
            source="user" if rec.user_content is not None else "content",
        )

    def card(self, card_id: str) -> CardView:
        with self.db.session() as s:
            rec = s.get(CardRecord, card_id)
            if rec is None:
                raise SrsError(f"unknown card id {card_id!r}")
            return self._view(rec)

    def list_cards(self, deck: str | None = None, include_retired: bool = False) -> list[CardView]:
        with self.db.session() as s:
            q = select(CardRecord)
            if deck is not None:
                q = q.where(CardRecord.deck == deck)
            if not include_retired:
                q = q.where(CardRecord.retired.is_(False))
            views = [self._view(rec) for rec in s.scalars(q)]
        return sorted(views, key=self._sort_key)

    def _sort_key(self, view: CardView) -> tuple[int, str, int, str]:
        pos = view.content.position if view.content else 0
        return (self._order.get(view.deck, 10_000), view.deck, pos if view.source == "content" else 1_000_000, view.id)

    def new_introduced_today(self, now: datetime | None = None, tz: tzinfo | None = None) -> int:
        start = day_start(utc(now), tz)
        with self.db.session() as s:
            return int(s.scalar(
                select(func.count()).select_from(ReviewLogEntry).where(
                    ReviewLogEntry.reviewed_at >= start, ReviewLogEntry.state_before == NEW,
                    ReviewLogEntry.source == "review",
                )
            ) or 0)

    def new_remaining_today(self, now: datetime | None = None, tz: tzinfo | None = None) -> int:
        return max(self.new_per_day - self.new_introduced_today(now, tz), 0)

    def deck_summaries(self, now: datetime | None = None, tz: tzinfo | None = None) -> list[DeckSummary]:
        now = utc(now)
        remaining = self.new_remaining_today(now, tz)
        learning_states = (int(State.Learning), int(State.Relearning))
        with self.db.session() as s:
            rows = s.execute(
                select(
                    CardRecord.deck,
                    func.sum(case((CardRecord.state == NEW, 1), else_=0)),
                    func.sum(case(((CardRecord.state.in_(learning_states)) & (CardRecord.due <= now + LEARN_AHEAD), 1), else_=0)),
                    func.sum(case(((CardRecord.state == int(State.Review)) & (CardRecord.due <= now), 1), else_=0)),
                    func.count(),
                ).where(CardRecord.retired.is_(False)).group_by(CardRecord.deck)
            ).all()
        by_deck = {r[0]: r for r in rows}
        out = []
        for deck_id in self.deck_ids():
            r = by_deck.get(deck_id)
            if r is None:
                continue
            new_total = int(r[1] or 0)
            out.append(DeckSummary(deck_id, self.deck_titles(deck_id), min(new_total, remaining), int(r[2] or 0),
                                   int(r[3] or 0), int(r[4]), new_total))
        return out

    def queue(self, deck: str | None = None, now: datetime | None = None, tz: tzinfo | None = None,
              kinds: Iterable[str] = KINDS) -> list[str]:
        """Card ids to study now, in order: learning cards that are due, reviews that are due, then new cards (in
        the lessons' order, up to today's new-card limit); learning cards due soon only when nothing else is left."""
        now = utc(now)
        kinds = tuple(kinds)
        learning_states = (int(State.Learning), int(State.Relearning))
        base = select(CardRecord.id, CardRecord.state, CardRecord.due, CardRecord.deck).where(
            CardRecord.retired.is_(False), CardRecord.kind.in_(kinds)
        )
        if deck is not None:
            base = base.where(CardRecord.deck == deck)
        with self.db.session() as s:
            due_rows = s.execute(base.where(CardRecord.state != NEW, CardRecord.due <= now + LEARN_AHEAD)
                                 .order_by(CardRecord.due)).all()
            new_ids = [r.id for r in s.execute(base.where(CardRecord.state == NEW))]
        learning_now = [r.id for r in due_rows if r.state in learning_states and r.due <= now]
        reviews = [r.id for r in due_rows if r.state == int(State.Review) and r.due <= now]
        ahead = [r.id for r in due_rows if r.state in learning_states and r.due > now]
        remaining = self.new_remaining_today(now, tz)
        new_sorted = sorted(new_ids, key=self._new_order_key)[:remaining]
        ordered = learning_now + reviews + new_sorted
        return ordered if ordered else ahead

    def _new_order_key(self, card_id: str) -> tuple[int, str, int, str]:
        c = self._content.get(card_id)
        if c is None:
            return (10_000, "", 0, card_id)
        return (self._order.get(c.deck, 10_000), c.deck, c.position if c.source == "content" else 1_000_000, card_id)

    def next_card(self, deck: str | None = None, now: datetime | None = None, tz: tzinfo | None = None,
                  exclude: Iterable[str] = ()) -> CardView | None:
        skip = set(exclude)
        for card_id in self.queue(deck, now, tz):
            if card_id not in skip:
                return self.card(card_id)
        return None

    # scheduling -----------------------------------------------------------------------------------------------
    def preview(self, card_id: str, now: datetime | None = None) -> dict[Rating, timedelta]:
        """The interval each rating would give the card now (what the grade buttons show)."""
        now = utc(now)
        sched = self.scheduler()
        current = self.card(card_id).scheduling.to_fsrs(now)
        return {r: sched.review_card(current, r, review_datetime=now)[0].due - now for r in Rating}

    def grade(self, card_id: str, rating: int | str | Rating, now: datetime | None = None,
              duration_ms: int | None = None, source: str = "review") -> GradeResult:
        rating = parse_rating(rating)
        now = utc(now)
        sched = self.scheduler()
        with self.db.session() as s:
            return self._grade_in(s, sched, card_id, rating, now, duration_ms, source)

    def _grade_in(self, s: Session, sched: Scheduler, card_id: str, rating: Rating, now: datetime,
                  duration_ms: int | None, source: str) -> GradeResult:
        rec = s.get(CardRecord, card_id)
        if rec is None:
            raise SrsError(f"unknown card id {card_id!r}")
        if rec.retired:
            raise SrsError(f"card {card_id!r} is retired (its deck no longer has it)")
        before = Scheduling.of(rec)
        after_card, _log = sched.review_card(before.to_fsrs(now), rating, review_datetime=now,
                                             review_duration=duration_ms)
        after = Scheduling.from_fsrs(after_card)
        after.apply_to(rec)
        interval = after_card.due - now
        entry = ReviewLogEntry(
            card_id=card_id, reviewed_at=now, rating=int(rating), state_before=before.state, state_after=after.state,
            interval_days=interval.total_seconds() / 86400, stability=after.stability, difficulty=after.difficulty,
            duration_ms=duration_ms, source=source, previous_card=before.to_json(),
        )
        s.add(entry)
        s.flush()
        return GradeResult(entry.id, card_id, rating, before.state, after, interval)

    def undo(self, log_id: int | None = None) -> str:
        """Take back a grade (the newest one when log_id is None): the card gets its exact previous scheduling and
        the log row goes. Returns the card id."""
        with self.db.session() as s:
            if log_id is None:
                entry = s.scalars(select(ReviewLogEntry).order_by(ReviewLogEntry.id.desc()).limit(1)).first()
            else:
                entry = s.get(ReviewLogEntry, log_id)
            if entry is None or entry.previous_card is None:
                raise SrsError("there is no grade to undo")
            newest = s.scalar(select(func.max(ReviewLogEntry.id)).where(ReviewLogEntry.card_id == entry.card_id))
            if newest != entry.id:
                raise SrsError(f"card {entry.card_id} was graded again later; undo that grade first")
            rec = s.get(CardRecord, entry.card_id)
            assert rec is not None  # review_log.card_id is a foreign key
            Scheduling.from_json(entry.previous_card).apply_to(rec)
            card_id = entry.card_id
            s.execute(delete(ReviewLogEntry).where(ReviewLogEntry.id == entry.id))
        return card_id

    # the student's own cards --------------------------------------------------------------------------------
    def add_user_card(self, deck: str, kind: str, fields: Mapping[str, Any], language: str,
                      anchor: str | None = None, card_id: str | None = None, now: datetime | None = None,
                      scheduling: Scheduling | None = None) -> str:
        content = self._user_content(card_id or f"{USER_ID_PREFIX}{uuid.uuid4().hex[:12]}", deck, kind, fields,
                                     language, anchor)
        with self.db.session() as s:
            if s.get(CardRecord, content.id) is not None:
                raise SrsError(f"a card with id {content.id!r} already exists")
            rec = CardRecord(id=content.id, deck=content.deck, kind=kind, content_hash=content.content_hash,
                             retired=False, user_content=json.dumps(content.to_json(), ensure_ascii=False),
                             state=NEW, created_at=utc(now))
            (scheduling or Scheduling()).apply_to(rec)
            s.add(rec)
        self._content[content.id] = content
        return content.id

    def edit_user_card(self, card_id: str, deck: str, kind: str, fields: Mapping[str, Any], language: str,
                       anchor: str | None = None) -> None:
        """New text for one of the student's own cards; its scheduling and history stay."""
        old = self._content.get(card_id)
        if old is None or old.source != "user":
            raise SrsError(f"card {card_id!r} is not one of your own cards (lesson cards change in content/cards)")
        content = self._user_content(card_id, deck, kind, fields, language, anchor)
        with self.db.session() as s:
            rec = s.get(CardRecord, card_id)
            if rec is None:
                raise SrsError(f"unknown card id {card_id!r}")
            rec.deck, rec.kind, rec.content_hash = content.deck, kind, content.content_hash
            rec.user_content = json.dumps(content.to_json(), ensure_ascii=False)
        self._content[card_id] = content

    def set_user_card_retired(self, card_id: str, retired: bool = True) -> None:
        """Own cards are retired, not deleted, so their reviews stay in the statistics."""
        old = self._content.get(card_id)
        if old is None or old.source != "user":
            raise SrsError(f"card {card_id!r} is not one of your own cards")
        with self.db.session() as s:
            s.execute(update(CardRecord).where(CardRecord.id == card_id).values(retired=retired))

    def _user_content(self, card_id: str, deck: str, kind: str, fields: Mapping[str, Any], language: str,
                      anchor: str | None) -> CardContent:
        deck = deck.strip()
        if not deck:
            raise SrsError("choose a deck for the card")
        if kind not in KINDS:
            raise SrsError(f"kind must be one of {', '.join(KINDS)}")
        clean = {name: fields.get(name) for name in FIELDS_OF_KIND[kind]}
        for name, value in clean.items():
            if isinstance(value, str):
                clean[name] = value.strip()
        problem = validate_fields(kind, clean)
        if problem:
            raise SrsError(problem)
        # Own cards are written in one language; the other language shows the same text (CardContent.fields).
        return CardContent(card_id, deck, kind, {language: clean}, anchor or None, "user")
