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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.core.srs.anki_export import ExportResult, export_apkg
from desktop.core.srs.cloze import CLOZE_RE, cloze_answers
from desktop.core.srs.collection import NEW, STATE_NAMES, CardView, Collection, Scheduling, SrsError, utc
from desktop.core.srs.decks import KINDS, CardContent, choice_options
from desktop.core.store.models import CardRecord, ReviewLogEntry

CSV_COLUMNS = [
    "id", "deck", "kind", "anchor", "source", "front", "back", "content",
    "state", "step", "stability", "difficulty", "due", "last_review",
]
_STATE_OF_NAME = {name: value for value, name in STATE_NAMES.items()}
DEFAULT_IMPORT_DECK = "my-cards"
__all__ = ["CSV_COLUMNS", "DEFAULT_IMPORT_DECK", "ExportResult", "ImportReport", "card_sides", "export_apkg",
           "export_csv", "import_csv"]


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


def import_csv(collection: Collection, path: Path, language: str, default_deck: str = DEFAULT_IMPORT_DECK,
               now: datetime | None = None) -> ImportReport:
    """Add the file's cards as the student's own cards. A row whose id already exists is not duplicated; if that
    card was never studied here it takes the row's scheduling (restoring an export on a new computer)."""
    now = utc(now)
    report = ImportReport()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SrsError(f"{path.name} cannot be read as UTF-8 text ({exc})") from exc
    rows, first_line = _read_rows(text)
    if not rows:
        raise SrsError(f"{path.name} has no cards")
    for offset, row in enumerate(rows):
        line = first_line + offset
        if not any((v or "").strip() for v in row.values()):
            continue
        try:
            _import_row(collection, row, language, default_deck, now, report)
        except (SrsError, ValueError, KeyError, TypeError) as exc:
            report.errors.append(f"line {line}: {exc}")
    return report


def _import_row(collection: Collection, row: dict[str, str], language: str, default_deck: str, now: datetime,
                report: ImportReport) -> None:
    card_id = (row.get("id") or "").strip() or None
    sched = _parse_scheduling(row)
    if card_id is not None and collection.content(card_id) is not None:
        _restore_existing(collection, card_id, sched, report)
        return
    deck = (row.get("deck") or "").strip() or default_deck
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
        new_id = collection.add_user_card(deck, kind, texts[lang], lang, (row.get("anchor") or "").strip() or None,
                                          card_id=card_id, now=now, scheduling=sched)
        if len(texts) > 1:
            # Keep every language of a bilingual export, not just the one shown now.
            content = collection.content(new_id)
            assert content is not None
            _store_texts(collection, new_id, content, texts)
        report.added += 1
        return
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
    collection.add_user_card(deck, kind, fields, language, (row.get("anchor") or "").strip() or None,
                             card_id=card_id, now=now, scheduling=sched)
    report.added += 1


def _store_texts(collection: Collection, card_id: str, content: CardContent, texts: dict[str, Any]) -> None:
    full = CardContent(card_id, content.deck, content.kind, {k: dict(v) for k, v in texts.items()}, content.anchor, "user")
    with collection.db.session() as s:
        rec = s.get(CardRecord, card_id)
        assert rec is not None
        rec.user_content = json.dumps(full.to_json(), ensure_ascii=False)
        rec.content_hash = full.content_hash
    collection._content[card_id] = full


def _restore_existing(collection: Collection, card_id: str, sched: Scheduling | None, report: ImportReport) -> None:
    if sched is None or sched.state == NEW:
        report.skipped += 1
        return
    with collection.db.session() as s:
        rec = s.get(CardRecord, card_id)
        assert rec is not None
        history = s.scalar(select(func.count()).select_from(ReviewLogEntry).where(ReviewLogEntry.card_id == card_id))
        if rec.state != NEW or history:
            report.skipped += 1  # studied here already: this computer's history wins
            return
        sched.apply_to(rec)
    report.updated += 1
