"""Cards in and out: CSV export with scheduling (and back), CSV import of the student's own cards, Anki .apkg export.

CSV columns: id, deck, kind, anchor, source, front, back (readable text in the chosen language), content (every
language, JSON, so an export re-imports exactly), then the scheduling: state, step, stability, difficulty, due,
last_review (ISO 8601 UTC). A CSV made by hand needs only `front` and `back` (header optional: two or three
columns front, back[, deck]).

The .apkg is written with genanki; each card becomes one Anki note whose card carries our scheduling (Anki's
card type/queue/due/interval and FSRS memory state in the card's data) and our review history (revlog).
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import genanki
from sqlalchemy import func, select

from desktop.core.srs.cloze import CLOZE_RE, cloze_answers
from desktop.core.srs.collection import NEW, STATE_NAMES, CardView, Collection, Scheduling, SrsError, utc
from desktop.core.srs.decks import KINDS, CardContent
from desktop.core.store.models import CardRecord, ReviewLogEntry

CSV_COLUMNS = [
    "id", "deck", "kind", "anchor", "source", "front", "back", "content",
    "state", "step", "stability", "difficulty", "due", "last_review",
]
_STATE_OF_NAME = {name: value for value, name in STATE_NAMES.items()}
DEFAULT_IMPORT_DECK = "my-cards"


def card_sides(content: CardContent, language: str) -> tuple[str, str]:
    """Plain question and answer text of a card, as a person would write them in a spreadsheet."""
    f = content.fields(language)
    if content.kind == "basic":
        return str(f["front"]), str(f["back"])
    if content.kind == "cloze":
        return str(f["text"]), "; ".join(cloze_answers(str(f["text"])))
    options = "\n".join(f"- {o}" for o in [f["answer"], *f["distractors"]])
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
    restored: int = 0  # existing cards that got the scheduling of the file (they had never been studied here)
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.restored} restored", f"{self.skipped} already here"]
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
    report.restored += 1


# Anki .apkg export ----------------------------------------------------------------------------------------------
# Fixed ids so that re-importing an updated export into Anki updates the same note types instead of adding copies.
_BASIC_MODEL_ID = 1_708_415_100
_CLOZE_MODEL_ID = 1_708_415_101
_CSS = (".card { font-family: sans-serif; font-size: 20px; text-align: center; color: black; background: white; }\n"
        ".cloze { font-weight: bold; color: #1a73e8; }\n.explanation { font-size: 16px; color: #555; }\n")


def _deck_id(deck: str) -> int:
    # Stable per deck name, positive, fits Anki's 64-bit ids.
    return 1_000_000_000 + int.from_bytes(deck.encode("utf-8")[:24].ljust(24, b"\0"), "big") % 900_000_000


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def export_apkg(collection: Collection, path: Path, language: str, decks: Iterable[str] | None = None,
                now: datetime | None = None) -> int:
    """Write an Anki package of the cards (of `decks`, or all) with their scheduling and review history."""
    now = utc(now)
    wanted = set(decks) if decks is not None else None
    views = [v for v in collection.list_cards() if v.content and (wanted is None or v.deck in wanted)]
    if not views:
        raise SrsError("there are no cards to export")
    basic = genanki.Model(
        _BASIC_MODEL_ID, "LLM Study Desk (basic)",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "CardId"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=_CSS,
    )
    cloze = genanki.Model(
        _CLOZE_MODEL_ID, "LLM Study Desk (cloze)", model_type=genanki.Model.CLOZE,
        fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "CardId"}],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}],
        css=_CSS,
    )
    anki_decks: dict[str, genanki.Deck] = {}
    guid_to_view: dict[str, CardView] = {}
    for v in views:
        assert v.content is not None
        if v.deck not in anki_decks:
            title = collection.deck_title(v.deck, language)
            anki_decks[v.deck] = genanki.Deck(_deck_id(v.deck), f"LLM Study Desk::{title}")
        f = v.content.fields(language)
        if v.kind == "cloze":
            # One card per cloze note, all deletions hidden together, like here (one history per card).
            text = CLOZE_RE.sub(lambda m: "{{c1::" + m.group(2) + ("::" + m.group(3) if m.group(3) else "") + "}}",
                                str(f["text"]))
            note = genanki.Note(cloze, [_esc(text), "", v.id], guid=genanki.guid_for("studydesk", v.id))
        else:
            front, back = card_sides(v.content, language)
            if v.kind == "choice":
                back = f"<b>{_esc(str(f['answer']))}</b><div class=explanation>{_esc(str(f.get('explanation', '')))}</div>"
                note = genanki.Note(basic, [_esc(front), back, v.id], guid=genanki.guid_for("studydesk", v.id))
            else:
                note = genanki.Note(basic, [_esc(front), _esc(back), v.id], guid=genanki.guid_for("studydesk", v.id))
        anki_decks[v.deck].add_note(note)
        guid_to_view[note.guid] = v

    package = genanki.Package(list(anki_decks.values()))
    fd, tmp_db = tempfile.mkstemp(suffix=".anki2")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_db)
        try:
            cur = conn.cursor()
            timestamp = now.timestamp()
            package.write_to_db(cur, timestamp, itertools.count(int(timestamp * 1000)))
            _write_scheduling(cur, guid_to_view, collection, now)
            conn.commit()
        finally:
            conn.close()
        part = path.with_name(path.name + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(tmp_db, "collection.anki2")
            z.writestr("media", "{}")
        os.replace(part, path)
    finally:
        os.unlink(tmp_db)
    return len(views)


def _write_scheduling(cur: sqlite3.Cursor, guid_to_view: dict[str, CardView], collection: Collection,
                      now: datetime) -> None:
    """Give each Anki card our state: type/queue (0 new, 1 learning, 2 review, 3 relearning), due (review: days
    since the collection's creation; learning: epoch seconds), interval, reps, lapses, FSRS memory state in `data`
    ({"s", "d", "dr"}), and one revlog row per review."""
    crt = cur.execute("SELECT crt FROM col").fetchone()[0]
    retention = collection.desired_retention
    with collection.db.session() as s:
        logs = s.execute(
            select(ReviewLogEntry.card_id, ReviewLogEntry.reviewed_at, ReviewLogEntry.rating,
                   ReviewLogEntry.state_before, ReviewLogEntry.interval_days, ReviewLogEntry.duration_ms)
            .order_by(ReviewLogEntry.reviewed_at)
        ).all()
    by_card: dict[str, list[Any]] = {}
    for log in logs:
        by_card.setdefault(log.card_id, []).append(log)
    rows = cur.execute("SELECT cards.id, notes.guid FROM cards JOIN notes ON notes.id = cards.nid").fetchall()
    used_revlog_ids: set[int] = set()
    for anki_card_id, guid in rows:
        v = guid_to_view.get(guid)
        if v is None:
            continue
        sched = v.scheduling
        history = by_card.get(v.id, [])
        reps = len(history)
        lapses = sum(1 for h in history if h.state_before == 2 and h.rating == 1)
        if sched.state != NEW and sched.due is not None:
            if sched.state == 2:
                ctype, queue = 2, 2
                due = max(int((sched.due.timestamp() - crt) // 86400), 0)
            else:
                ctype, queue = sched.state, 1  # learning / relearning, due in epoch seconds
                due = int(sched.due.timestamp())
            ivl = round((sched.due - sched.last_review).total_seconds() / 86400) if sched.last_review else 0
            ivl = ivl if sched.state == 2 else 0
            data = json.dumps({"s": round(sched.stability or 0, 4), "d": round(sched.difficulty or 0, 4),
                               "dr": retention})
            cur.execute(
                "UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=?, data=? WHERE id=?",
                (ctype, queue, due, ivl, 2500, reps, lapses, 1001 if queue == 1 else 0, data, anki_card_id),
            )
        last_ivl = 0
        for h in history:
            rid = int(h.reviewed_at.timestamp() * 1000)
            while rid in used_revlog_ids:
                rid += 1
            used_revlog_ids.add(rid)
            # revlog ivl: positive days, negative seconds for learning steps (Anki's convention).
            ivl_days = h.interval_days
            ivl = round(ivl_days) if ivl_days >= 1 else -round(ivl_days * 86400)
            rtype = {0: 0, 1: 0, 2: 1, 3: 2}.get(h.state_before, 0)
            cur.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,?,?,?,?,?,?,?)",
                (rid, anki_card_id, -1, h.rating, ivl, last_ivl, 2500, min(h.duration_ms or 0, 60_000), rtype),
            )
            last_ivl = ivl
