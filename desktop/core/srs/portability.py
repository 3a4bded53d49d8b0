"""Cards in and out: CSV export with scheduling (and back), CSV import of the student's own cards; the Anki .apkg
export and import live in anki_export.py and anki_import.py (re-exported here).

CSV columns: id, deck, kind, anchor, source, front, back (readable text in the chosen language), content (every
language, JSON, so an export re-imports exactly), then the scheduling: state, step, stability, difficulty, due,
last_review (ISO 8601 UTC). A CSV made by hand needs only `front` and `back` (header optional: two or three
columns front, back[, deck]).

"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.core.srs.anki_export import ExportResult, export_apkg
from desktop.core.srs.anki_import import ImportCancelled, PreparedApkg, prepare_apkg
from desktop.core.srs.cloze import CLOZE_RE, cloze_answers
from desktop.core.srs.collection import (
    NEW,
    STATE_NAMES,
    USER_ID_PREFIX,
    CardView,
    Collection,
    Scheduling,
    SrsError,
    utc,
)
from desktop.core.srs.decks import KINDS, CardContent, choice_options
from desktop.core.store.models import CardRecord, ReviewLogEntry

CSV_COLUMNS = [
    "id", "deck", "kind", "anchor", "source", "front", "back", "content",
    "state", "step", "stability", "difficulty", "due", "last_review",
]
_STATE_OF_NAME = {name: value for value, name in STATE_NAMES.items()}
DEFAULT_IMPORT_DECK = "my-cards"
MAX_CSV_BYTES = 64 * 1024 * 1024
__all__ = ["CSV_COLUMNS", "DEFAULT_IMPORT_DECK", "ExportResult", "ImportCancelled", "ImportReport", "PreparedApkg",
           "PreparedCsv", "card_sides", "export_apkg", "export_csv", "import_csv", "prepare_apkg", "prepare_csv"]


def card_sides(content: CardContent, language: str) -> tuple[str, str]:
    """Plain question and answer text of a card, as a person would write them in a spreadsheet."""
    f = content.fields(language)
    if content.kind == "basic":
        return str(f["front"]), str(f["back"])
    if content.kind == "cloze":
        return str(f["text"]), "; ".join(cloze_answers(str(f["text"])))
    options = "\n".join(f"- {o}" for o in choice_options(content, language))
    return f"{f['question']}\n{options}", f"{f['answer']}\n\n{f.get('explanation', '')}".strip()


# CSV export -----------------------------------------------------------------------------------------------------
def export_csv(collection: Collection, path: Path, language: str, decks: Iterable[str] | None = None) -> int:
    """Write the cards (of `decks`, or all) with their scheduling. Returns how many rows were written."""
    wanted = set(decks) if decks is not None else None
    views = [v for v in collection.list_cards() if wanted is None or v.deck in wanted]
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for v in views:
            writer.writerow(_csv_row(v, language))
    os.replace(tmp, path)  # a half-written export never replaces a good file
    return len(views)


def _csv_row(view: CardView, language: str) -> dict[str, Any]:
    s = view.scheduling
    front, back = card_sides(view.content, language) if view.content else ("", "")
    return {
        "id": view.id, "deck": view.deck, "kind": view.kind,
        "anchor": view.content.anchor if view.content and view.content.anchor else "",
        "source": view.source, "front": front, "back": back,
        "content": json.dumps(view.content.texts, ensure_ascii=False, sort_keys=True) if view.content else "",
        "state": STATE_NAMES.get(s.state, str(s.state)),
        "step": "" if s.step is None else s.step,
        "stability": "" if s.stability is None else repr(s.stability),
        "difficulty": "" if s.difficulty is None else repr(s.difficulty),
        "due": s.due.isoformat() if s.due else "",
        "last_review": s.last_review.isoformat() if s.last_review else "",
    }


# CSV import -----------------------------------------------------------------------------------------------------
@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0  # existing cards that got the scheduling of the file (they had never been studied here)
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated", f"{self.skipped} already here"]
        if self.errors:
            parts.append(f"{len(self.errors)} with problems")
        return ", ".join(parts)


def _parse_scheduling(row: dict[str, str]) -> Scheduling | None:
    state_text = (row.get("state") or "").strip().lower()
    if not state_text:
        return None
    if state_text not in _STATE_OF_NAME:
        raise ValueError(f"state must be one of {', '.join(_STATE_OF_NAME)}, not {state_text!r}")
    state = _STATE_OF_NAME[state_text]
    if state == NEW:
        return Scheduling()

    def number(name: str) -> float | None:
        text = (row.get(name) or "").strip()
        return float(text) if text else None

    def when(name: str) -> datetime | None:
        text = (row.get(name) or "").strip()
        if not text:
            return None
        dt = datetime.fromisoformat(text)
        return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)

    step_text = (row.get("step") or "").strip()
    sched = Scheduling(state, int(step_text) if step_text else None, number("stability"), number("difficulty"),
                       when("due"), when("last_review"))
    if sched.due is None or sched.stability is None or sched.difficulty is None:
        raise ValueError("a studied card needs due, stability and difficulty")
    return sched


def _read_rows(text: str) -> tuple[list[dict[str, str]], int]:
    """Rows as dicts and the line number of the first data row. Accepts our export or a plain front,back file."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = list(reader)
    if not rows:
        return [], 1
    header = [h.strip().lower() for h in rows[0]]
    if "front" in header and "back" in header:
        return [dict(zip(header, r, strict=False)) for r in rows[1:]], 2
    names = ["front", "back", "deck"]
    return [dict(zip(names, r, strict=False)) for r in rows], 1


@dataclass
class PreparedCsv:
    """A CSV file read and checked row by row, not written yet: write() adds it in one transaction (a failure
    part-way, a full disk, leaves nothing half-imported). prepare_csv() only reads, so it may run off the thread
    that owns the store; write() is one `with db.session()`."""

    collection: Collection
    plans: list[tuple[int, str, Any, Scheduling | None]]
    report: ImportReport

    def write(self, now: datetime | None = None) -> ImportReport:
        _write_plans(self.collection, self.plans, utc(now), self.report)
        self.report.errors.sort(key=lambda e: int(e.split(":", 1)[0].removeprefix("line ")))
        return self.report


def prepare_csv(collection: Collection, path: Path, language: str, default_deck: str = DEFAULT_IMPORT_DECK,
                cancelled: Callable[[], bool] | None = None,
                progress: Callable[[int, int], None] | None = None) -> PreparedCsv:
    """Read and check every row of `path`, writing nothing. `cancelled` is asked between rows (ImportCancelled
    when it says yes); `progress(done, total)` counts rows."""
    report = ImportReport()
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise SrsError(f"{path.name} is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB; refusing it")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SrsError(f"{path.name} cannot be read as UTF-8 text ({exc})") from exc
    try:
        rows, first_line = _read_rows(text)
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KB limit
        raise SrsError(f"{path.name} is not a CSV file this app can read ({exc})") from exc
    if not rows:
        raise SrsError(f"{path.name} has no cards")
    plans: list[tuple[int, str, Any, Scheduling | None]] = []
    planned_ids: set[str] = set()
    for offset, row in enumerate(rows):
        if offset % 200 == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled("the import was cancelled; nothing was imported")
            if progress is not None:
                progress(offset, len(rows))
        line = first_line + offset
        if not any((v or "").strip() for v in row.values()):
            continue
        try:
            action, target, sched = _plan_row(collection, row, language, default_deck)
            key = target if isinstance(target, str) else target.id
            if key in planned_ids:
                raise SrsError(f"card id {key!r} appears twice in this file")
            planned_ids.add(key)
            plans.append((line, action, target, sched))
        except (SrsError, ValueError, KeyError, TypeError, AttributeError) as exc:
            report.errors.append(f"line {line}: {exc}")
    if progress is not None:
        progress(len(rows), len(rows))
    return PreparedCsv(collection, plans, report)


def import_csv(collection: Collection, path: Path, language: str, default_deck: str = DEFAULT_IMPORT_DECK,
               now: datetime | None = None) -> ImportReport:
    """Add the file's cards as the student's own cards. A row whose id already exists is not duplicated; if that
    card was never studied here it takes the row's scheduling (restoring an export on a new computer).
    Every row is read and checked first; then one transaction writes them all."""
    return prepare_csv(collection, path, language, default_deck).write(now)


def _plan_row(collection: Collection, row: dict[str, str], language: str,
              default_deck: str) -> tuple[str, Any, Scheduling | None]:
    """("restore", card id, scheduling) for a card already here, or ("add", CardContent, scheduling)."""
    card_id = (row.get("id") or "").strip() or None
    sched = _parse_scheduling(row)
    if card_id is not None and collection.content(card_id) is not None:
        return "restore", card_id, sched
    card_id = card_id or f"{USER_ID_PREFIX}{uuid.uuid4().hex[:12]}"
    deck = (row.get("deck") or "").strip() or default_deck
    anchor = (row.get("anchor") or "").strip() or None
    kind = (row.get("kind") or "").strip().lower()
    content_json = (row.get("content") or "").strip()
    if content_json:
        texts = json.loads(content_json)
        if not isinstance(texts, dict) or not texts or not all(isinstance(f, dict) for f in texts.values()):
            raise ValueError("content must be a JSON object of languages, each a table of fields")
        kind = kind or "basic"
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        lang = language if language in texts else next(iter(texts))
        content = collection._user_content(card_id, deck, kind, texts[lang], lang, anchor)
        if len(texts) > 1:
            # Keep every language of a bilingual export, not just the one shown now.
            content = CardContent(card_id, content.deck, kind, {k: dict(v) for k, v in texts.items()}, anchor, "user")
        return "add", content, sched
    front, back = (row.get("front") or "").strip(), (row.get("back") or "").strip()
    if not kind:
        kind = "cloze" if CLOZE_RE.search(front) and not back else "basic"
    if kind == "cloze":
        fields = {"text": front}
    elif kind == "basic":
        if not front or not back:
            raise ValueError("front and back are both needed")
        fields = {"front": front, "back": back}
    else:
        raise ValueError("a choice question needs the content column of an exported file")
    return "add", collection._user_content(card_id, deck, kind, fields, language, anchor), sched


def _write_plans(collection: Collection, plans: list[tuple[int, str, Any, Scheduling | None]], now: datetime,
                 report: ImportReport) -> None:
    added: list[CardContent] = []
    with collection.db.session() as s:
        for line, action, target, sched in plans:
            if action == "restore":
                rec = s.get(CardRecord, target)
                assert rec is not None
                history = s.scalar(select(func.count()).select_from(ReviewLogEntry)
                                   .where(ReviewLogEntry.card_id == target))
                if sched is None or sched.state == NEW or rec.state != NEW or history:
                    report.skipped += 1  # nothing to restore, or studied here already: this computer's history wins
                    continue
                sched.apply_to(rec)
                report.updated += 1
                continue
            content: CardContent = target
            if s.get(CardRecord, content.id) is not None:
                report.errors.append(f"line {line}: a card with id {content.id!r} already exists")
                continue
            rec = CardRecord(id=content.id, deck=content.deck, kind=content.kind, content_hash=content.content_hash,
                             retired=False, user_content=json.dumps(content.to_json(), ensure_ascii=False),
                             state=NEW, created_at=now)
            (sched or Scheduling()).apply_to(rec)
            s.add(rec)
            added.append(content)
            report.added += 1
    for content in added:
        collection._content[content.id] = content
