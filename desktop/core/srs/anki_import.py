"""Anki .apkg import: the notes of an Anki deck become the student's own cards, with their scheduling and history.

- Basic notes give basic cards; cloze notes give one cloze card per Anki card (cloze number), the other numbers'
  text shown plainly; our own export's note types come back as the same cards (its CardId field keeps the id, so
  an exported package restores its scheduling onto the same cards). Any other note type gives front/back cards
  from its first two fields, and the report says so.
- Scheduling: Anki's card type/queue/due, the learning steps still to go (`left`), and the FSRS memory state from
  the card's data. A card Anki scheduled without FSRS gets its memory state by replaying its review history
  through our FSRS scheduler, or, with no history, stability = its interval (the time to ~90 % recall in SM-2 as in
  FSRS) and a middle difficulty.
- History: one review_log row per graded revlog row (manual reschedules are not grades), ratings as Anki recorded
  them (a v1-scheduler collection's three learning buttons are mapped to Again/Good/Easy, as Anki's upgrade does).
- Importing the same file again adds nothing: ids come from the notes' guids (or our CardId field). A card already
  here keeps this computer's history; one never studied here takes the file's scheduling ("updated").
- All or nothing: the file is read and checked in full (anki_package.py) before one transaction writes it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import func, insert, select

from desktop.core.srs.anki_export import (
    BASIC_MODEL_NAME,
    CHOICE_MODEL_NAME,
    CLOZE_MODEL_NAME,
    DECK_PREFIX,
    ID_FIELD,
    OPTION_LETTERS,
)
from desktop.core.srs.anki_package import AnkiPackage, NoteType, read_package
from desktop.core.srs.cloze import CLOZE_RE
from desktop.core.srs.collection import NEW, Collection, Scheduling, SrsError, utc
from desktop.core.srs.decks import ID_RE, CardContent
from desktop.core.store.models import CardRecord, ReviewLogEntry

DEFAULT_ANKI_DECK = "my-cards"
SOURCE = "anki"  # review_log.source of imported grades (the new-cards-per-day count only counts "review")
_BLOCK_END_RE = re.compile(r"(?i)<br\s*/?>|</(?:div|p|li|h[1-6]|tr)>")
_DROP_RE = re.compile(r"(?is)<(style|script)\b.*?</\1\s*>")
_TAG_RE = re.compile(r"(?s)<[^>]*>")
_MS_RANGE = (946_684_800_000, 4_102_444_800_000)  # revlog ids (ms) from 2000 to 2100; anything else is not a time
_TYPE_STATE = {0: int(State.Learning), 1: int(State.Review), 2: int(State.Relearning), 3: int(State.Review)}


@dataclass
class AnkiImportReport:
    added: int = 0
    updated: int = 0  # cards already here, never studied, that took the file's scheduling and history
    skipped: int = 0
    reviews: int = 0
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated", f"{self.skipped} already here",
                 f"{self.reviews} reviews"]
        if self.errors:
            parts.append(f"{len(self.errors)} with problems")
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "skipped": self.skipped, "reviews": self.reviews,
                "errors": self.errors, "notices": self.notices}


@dataclass
class _Planned:
    id: str
    content: CardContent
    scheduling: Scheduling
    history: list[dict[str, Any]]


def html_to_text(value: str) -> str:
    """Anki fields are HTML; our cards are plain text (line breaks kept, tags dropped, entities decoded)."""
    text = _DROP_RE.sub("", value)
    text = _BLOCK_END_RE.sub("\n", text)
    text = html.unescape(_TAG_RE.sub("", text)).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _cloze_for(text: str, number: int) -> str:
    """The note's text as the card of cloze `number` asks it: that deletion hidden (as c1), the others shown."""

    def sub(m: re.Match[str]) -> str:
        if int(m.group(1)) == number:
            return "{{c1::" + m.group(2) + ("::" + m.group(3) if m.group(3) else "") + "}}"
        return m.group(2)

    return CLOZE_RE.sub(sub, text)


def _card_id(guid: str, suffix: str = "") -> str:
    return f"anki-{hashlib.sha1(guid.encode('utf-8')).hexdigest()[:16]}{suffix}"


class ImportCancelled(SrsError):
    """The student cancelled an import before anything was written."""


Progress = Callable[[int, int], None]  # (notes read, notes in the package)


class _Importer:
    def __init__(self, collection: Collection, package: AnkiPackage, language: str, deck: str | None,
                 now: datetime, scheduler: Scheduler | None = None) -> None:
        self.c, self.p, self.language, self.deck, self.now = collection, package, language, deck, now
        self.report = AnkiImportReport()
        self.scheduler = scheduler or collection.scheduler()
        self.n_learning = len(self.scheduler.learning_steps)
        self.n_relearning = len(self.scheduler.relearning_steps)
        self.crt = datetime.fromtimestamp(package.crt, UTC) if package.crt > 0 else datetime(2006, 1, 1, tzinfo=UTC)
        self.revlog: dict[int, list[tuple[int, int, int, int, int, int]]] = {}
        for row in package.revlog:
            self.revlog.setdefault(row[1], []).append(row)
        self.titles = {title: deck_id for deck_id, d in collection.deckset.decks.items() for title in d.title.values()}
        self.other_types: Counter[str] = Counter()

    # planning --------------------------------------------------------------------------------------------------
    def plan(self, cancelled: Callable[[], bool] | None = None, progress: Progress | None = None) -> list[_Planned]:
        cards_of: dict[int, list[dict[str, Any]]] = {}
        for card in self.p.cards:
            cards_of.setdefault(int(card["nid"]), []).append(card)
        planned: list[_Planned] = []
        seen: set[str] = set()
        total = len(self.p.notes)
        for n, (nid, guid, mid, values) in enumerate(self.p.notes):
            if n % 200 == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled("the import was cancelled; nothing was imported")
                if progress is not None:
                    progress(n, total)
            cards = sorted(cards_of.get(nid, []), key=lambda c: int(c["ord"]))
            note_type = self.p.note_types.get(mid)
            if not cards:
                continue
            if note_type is None:
                self.report.errors.append(f"note {nid}: its note type ({mid}) is missing from the package")
                continue
            try:
                for item in self._plan_note(guid, note_type, values, cards):
                    if item.id not in seen:
                        seen.add(item.id)
                        planned.append(item)
            except SrsError as exc:
                self.report.errors.append(f"note {nid}: {exc}")
        for name, count in sorted(self.other_types.items()):
            self.report.notices.append(
                f"{count} note(s) of the note type {name!r} became front/back cards from its first two fields"
            )
        return planned

    def _plan_note(self, guid: str, nt: NoteType, values: list[str], cards: list[dict[str, Any]]) -> list[_Planned]:
        fields = dict(zip(nt.fields, values, strict=False))
        own_id = html_to_text(fields.get(ID_FIELD, ""))
        card_id = own_id if own_id and ID_RE.match(own_id) else _card_id(guid)
        deck = self._deck(cards[0])
        if nt.is_cloze or nt.name == CLOZE_MODEL_NAME:
            text = html_to_text(values[0] if values else "")
            numbers = sorted({int(m.group(1)) for m in CLOZE_RE.finditer(text)})
            if not numbers:
                raise SrsError("a cloze note without any {{c1::…}} deletion")
            by_ord = {int(c["ord"]): c for c in cards}
            out = []
            for n in numbers:
                card = by_ord.get(n - 1)
                if card is None:
                    continue
                one_id = card_id if len(numbers) == 1 else f"{card_id}-c{n}"
                out.append(self._planned(one_id, deck, "cloze", {"text": _cloze_for(text, n)}, card))
            return out
        card = cards[0]
        if nt.name == CHOICE_MODEL_NAME or nt.fields[:1 + len(OPTION_LETTERS) + 2] == [
                "Question", *OPTION_LETTERS, "Answer", "Explanation"]:
            question = html_to_text(fields.get("Question", ""))
            answer = html_to_text(fields.get("Answer", ""))
            options = [html_to_text(fields.get(x, "")) for x in OPTION_LETTERS]
            distractors = [o for o in options if o != answer]
            if len(distractors) == 3:
                return [self._planned(card_id, deck, "choice", {
                    "question": question, "answer": answer, "distractors": distractors,
                    "explanation": html_to_text(fields.get("Explanation", "")) or "-"}, card)]
        if nt.name not in ("Basic", BASIC_MODEL_NAME) and not (nt.name == CHOICE_MODEL_NAME):
            self.other_types[nt.name] += 1
        front = html_to_text(values[0]) if values else ""
        back = html_to_text(values[1]) if len(values) > 1 else ""
        return [self._planned(card_id, deck, "basic", {"front": front, "back": back}, card)]

    def _deck(self, card: dict[str, Any]) -> str:
        if self.deck:
            return self.deck
        name = self.p.decks.get(int(card["odid"] or 0) or int(card["did"]), "")
        if name.startswith(DECK_PREFIX):
            rest = name[len(DECK_PREFIX):]
            return self.titles.get(rest, rest)[:100] or DEFAULT_ANKI_DECK
        return DEFAULT_ANKI_DECK if name in ("", "Default") else name[:100]

    def _planned(self, card_id: str, deck: str, kind: str, fields: dict[str, Any], card: dict[str, Any]) -> _Planned:
        content = self.c._user_content(card_id, deck, kind, fields, self.language, None)
        history = self._history(card)
        return _Planned(card_id, content, self._scheduling(card, history), history)

    # scheduling and history --------------------------------------------------------------------------------------
    def _history(self, card: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for rid, _cid, ease, ivl, taken, rtype in self.revlog.get(int(card["id"]), []):
            if rtype > 3 or ease == 0:
                continue  # manual reschedule, reset or cram entry without a grade: not a review
            if self.p.sched_ver == 1 and rtype in (0, 2) and ease in (2, 3):
                ease += 1  # the v1 learning screen had three buttons (Again, Good, Easy); Anki's own upgrade rule
            if not 1 <= ease <= 4 or not _MS_RANGE[0] <= rid <= _MS_RANGE[1]:
                continue
            before = NEW if rtype == 0 and not out else _TYPE_STATE[rtype]
            interval = ivl if ivl > 0 else -ivl / 86400
            out.append({"reviewed_at": datetime.fromtimestamp(rid / 1000, UTC), "rating": ease,
                        "state_before": before, "interval_days": float(interval),
                        "duration_ms": max(min(taken, 3_600_000), 0) or None})
        for h, nxt in zip(out, out[1:], strict=False):
            h["state_after"] = nxt["state_before"] if nxt["state_before"] != NEW else int(State.Learning)
        if out:
            ctype = int(card["type"])
            out[-1]["state_after"] = ctype if ctype in (1, 2, 3) else int(State.Learning)
        return out

    def _scheduling(self, card: dict[str, Any], history: list[dict[str, Any]]) -> Scheduling:
        ctype = int(card["type"])
        if ctype not in (1, 2, 3):
            return Scheduling()
        queue = int(card["queue"])
        due_raw = int(card["odue"] or 0) if int(card["odid"] or 0) else int(card["due"])
        if ctype == 2 or queue == 3:  # days since the collection was created
            due = self.crt + timedelta(days=due_raw)
        else:
            due = datetime.fromtimestamp(due_raw, UTC) if 0 < due_raw < _MS_RANGE[1] // 1000 else self.now
        try:
            data = json.loads(card["data"] or "{}")
            data = data if isinstance(data, dict) else {}
        except ValueError:
            data = {}
        stability, difficulty = _number(data.get("s")), _number(data.get("d"))
        last = None
        if isinstance(data.get("lrt"), int) and 0 < data["lrt"] < _MS_RANGE[1] // 1000:
            last = datetime.fromtimestamp(data["lrt"], UTC)
        elif history:
            last = history[-1]["reviewed_at"]
        elif ctype == 2:
            last = due - timedelta(days=max(int(card["ivl"]), 1))
        if stability is None or difficulty is None:
            stability, difficulty = self._memory_state(card, history)
        stability = max(stability, 0.001)
        difficulty = min(max(difficulty, 1.0), 10.0)
        step = None
        if ctype in (1, 3):
            total = self.n_relearning if ctype == 3 else self.n_learning
            remaining = int(card["left"] or 0) % 1000
            step = min(max(total - remaining, 0), total - 1)
        return Scheduling(ctype, step, stability, difficulty, due, last)

    def _memory_state(self, card: dict[str, Any], history: list[dict[str, Any]]) -> tuple[float, float]:
        if history:
            fsrs_card = Card(card_id=0)
            for h in history:
                fsrs_card, _ = self.scheduler.review_card(fsrs_card, Rating(h["rating"]), review_datetime=h["reviewed_at"])
            if fsrs_card.stability is not None and fsrs_card.difficulty is not None:
                return float(fsrs_card.stability), float(fsrs_card.difficulty)
        return float(max(int(card["ivl"]), 1)), 5.0

    # writing ---------------------------------------------------------------------------------------------------
    def write(self, planned: list[_Planned]) -> None:
        ids = [p.id for p in planned]
        with self.c.db.session() as s:
            existing: dict[str, CardRecord] = {}
            studied: set[str] = set()
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                existing.update({r.id: r for r in s.scalars(select(CardRecord).where(CardRecord.id.in_(chunk)))})
                studied |= set(s.scalars(select(ReviewLogEntry.card_id).where(ReviewLogEntry.card_id.in_(chunk))
                                         .group_by(ReviewLogEntry.card_id).having(func.count() > 0)))
            new_rows, logs = [], []
            for p in planned:
                rec = existing.get(p.id)
                if rec is not None:
                    if p.scheduling.state == NEW or rec.state != NEW or p.id in studied:
                        self.report.skipped += 1
                        continue
                    p.scheduling.apply_to(rec)
                    self.report.updated += 1
                else:
                    row = {"id": p.id, "deck": p.content.deck, "kind": p.content.kind,
                           "content_hash": p.content.content_hash, "retired": False,
                           "user_content": json.dumps(p.content.to_json(), ensure_ascii=False),
                           "created_at": self.now}
                    sched = p.scheduling
                    row.update(state=sched.state, step=sched.step, stability=sched.stability,
                               difficulty=sched.difficulty, due=sched.due, last_review=sched.last_review)
                    new_rows.append(row)
                    self.report.added += 1
                for h in p.history:
                    logs.append({"card_id": p.id, "source": SOURCE, "stability": None, "difficulty": None,
                                 "previous_card": None, **h})
            if new_rows:
                s.execute(insert(CardRecord), new_rows)
            if logs:
                s.execute(insert(ReviewLogEntry), logs)
            self.report.reviews = len(logs)
        for p in planned:
            if p.id not in existing:
                self.c._content[p.id] = p.content


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value > 0 else None


@dataclass
class PreparedApkg:
    """A package read, checked and turned into cards, not written yet: write() adds it in one transaction.

    prepare_apkg() only reads (the file, the collection's decks and contents), so it may run off the thread that
    owns the store; write() is one `with db.session()` and runs where the store is used."""

    importer: _Importer
    planned: list[_Planned]

    def write(self) -> AnkiImportReport:
        self.importer.write(self.planned)
        return self.importer.report


def prepare_apkg(collection: Collection, path: Path, language: str, deck: str | None = None,
                 now: datetime | None = None, scheduler: Scheduler | None = None,
                 cancelled: Callable[[], bool] | None = None, progress: Progress | None = None) -> PreparedApkg:
    """Read and check the package at `path` in full and plan its cards, writing nothing. `cancelled` is asked
    between steps (ImportCancelled when it says yes); `progress(done, total)` counts notes. `scheduler`: the
    collection's (pass it when calling from another thread, so no settings are read there)."""
    now = utc(now)
    deck = deck.strip() if deck else None
    with tempfile.TemporaryDirectory(prefix="studydesk-apkg-") as tmp:
        package = read_package(path, Path(tmp))
    if cancelled is not None and cancelled():
        raise ImportCancelled("the import was cancelled; nothing was imported")
    importer = _Importer(collection, package, language, deck, now, scheduler)
    planned = importer.plan(cancelled, progress)
    if not planned and not importer.report.errors:
        raise SrsError(f"{path.name} has no cards")
    if progress is not None:
        progress(len(package.notes), len(package.notes))
    return PreparedApkg(importer, planned)


def import_apkg(collection: Collection, path: Path, language: str, deck: str | None = None,
                now: datetime | None = None) -> AnkiImportReport:
    """Import the Anki package at `path` (all or nothing; see the module's text). `deck` puts every card in that
    deck instead of the package's own decks."""
    return prepare_apkg(collection, path, language, deck, now).write()
