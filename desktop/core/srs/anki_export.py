"""Anki .apkg export, written with genanki and checked by Anki itself (tests/core/test_srs_anki.py uses the official
`anki` package as the importing client).

Each card becomes one Anki note (a cloze card hides all its deletions together, as here) whose card carries our
scheduling: Anki's type/queue/due/interval, the learning steps still to go (`left`), the FSRS memory state and the
last review time in the card's `data`, and one revlog row per grade. The collection says `schedVer` 2, so Anki keeps
the ratings as they are (a package without it is taken for the v1 scheduler and its Good/Hard learning grades are
shifted up on import). Anki drops all of that unless "Import any learning progress" is ticked when importing.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import genanki
from fsrs import State
from sqlalchemy import select

from desktop.core.srs.cloze import CLOZE_RE
from desktop.core.srs.collection import NEW, CardView, Collection, SrsError, utc
from desktop.core.srs.decks import choice_options
from desktop.core.store.models import ReviewLogEntry

# Fixed ids so that re-importing an updated export into Anki updates the same note types instead of adding copies.
BASIC_MODEL_ID = 1_708_415_100
CLOZE_MODEL_ID = 1_708_415_101
CHOICE_MODEL_ID = 1_708_415_102
BASIC_MODEL_NAME = "LLM Study Desk (basic)"
CLOZE_MODEL_NAME = "LLM Study Desk (cloze)"
CHOICE_MODEL_NAME = "LLM Study Desk (multiple choice)"
ID_FIELD = "CardId"  # our card id, so that importing the package back here matches the same cards
DECK_PREFIX = "LLM Study Desk::"
OPTION_LETTERS = "ABCD"
_CSS = (".card { font-family: sans-serif; font-size: 20px; text-align: center; color: black; background: white; }\n"
        ".cloze { font-weight: bold; color: #1a73e8; }\n.explanation { font-size: 16px; color: #555; }\n"
        ".options { display: inline-block; text-align: left; margin-top: 12px; }\n")
_CHOICE_FRONT = ("{{Question}}<div class=options>"
                 + "".join(f"<div><b>{x}.</b> {{{{{x}}}}}</div>" for x in OPTION_LETTERS) + "</div>")


def _deck_id(deck: str) -> int:
    # Stable per deck name, positive, fits Anki's 64-bit ids.
    return 1_000_000_000 + int.from_bytes(deck.encode("utf-8")[:24].ljust(24, b"\0"), "big") % 900_000_000


def esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _models() -> tuple[genanki.Model, genanki.Model, genanki.Model]:
    basic = genanki.Model(
        BASIC_MODEL_ID, BASIC_MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": ID_FIELD}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=_CSS,
    )
    cloze = genanki.Model(
        CLOZE_MODEL_ID, CLOZE_MODEL_NAME, model_type=genanki.Model.CLOZE,
        fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": ID_FIELD}],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}],
        css=_CSS,
    )
    # The options get their own fields, in the card's own stable order (the review page shows the same order),
    # so the right answer is not always A.
    choice = genanki.Model(
        CHOICE_MODEL_ID, CHOICE_MODEL_NAME,
        fields=[{"name": "Question"}, *({"name": x} for x in OPTION_LETTERS), {"name": "Answer"},
                {"name": "Explanation"}, {"name": ID_FIELD}],
        templates=[{"name": "Card 1", "qfmt": _CHOICE_FRONT,
                    "afmt": "{{FrontSide}}<hr id=answer><b>{{Answer}}</b><div class=explanation>{{Explanation}}</div>"}],
        css=_CSS,
    )
    return basic, cloze, choice


@dataclass(frozen=True)
class ExportResult:
    path: Path
    cards: int
    reviews: int  # review history rows written into the file (a CSV carries scheduling, not history: 0)

    def as_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "cards": self.cards, "reviews": self.reviews}


def export_apkg(collection: Collection, path: Path, language: str, decks: Iterable[str] | None = None,
                now: datetime | None = None) -> ExportResult:
    """Write an Anki package of the cards (of `decks`, or all) with their scheduling and review history."""
    now = utc(now)
    wanted = set(decks) if decks is not None else None
    views = [v for v in collection.list_cards() if v.content and (wanted is None or v.deck in wanted)]
    if not views:
        raise SrsError("there are no cards to export")
    basic, cloze, choice = _models()
    anki_decks: dict[str, genanki.Deck] = {}
    guid_to_view: dict[str, CardView] = {}
    for v in views:
        assert v.content is not None
        if v.deck not in anki_decks:
            anki_decks[v.deck] = genanki.Deck(_deck_id(v.deck), DECK_PREFIX + collection.deck_title(v.deck, language))
        f = v.content.fields(language)
        guid = genanki.guid_for("studydesk", v.id)
        if v.kind == "cloze":
            # One card per cloze note, all deletions hidden together, like here (one history per card).
            text = CLOZE_RE.sub(lambda m: "{{c1::" + m.group(2) + ("::" + m.group(3) if m.group(3) else "") + "}}",
                                str(f["text"]))
            note = genanki.Note(cloze, [esc(text), "", v.id], guid=guid)
        elif v.kind == "choice":
            options = [esc(o) for o in choice_options(v.content, language)]
            note = genanki.Note(choice, [esc(str(f["question"])), *options, esc(str(f["answer"])),
                                         esc(str(f.get("explanation", ""))), v.id], guid=guid)
        else:
            note = genanki.Note(basic, [esc(str(f["front"])), esc(str(f["back"])), v.id], guid=guid)
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
            conf = json.loads(cur.execute("SELECT conf FROM col").fetchone()[0] or "{}")
            conf["schedVer"] = 2  # without it Anki upgrades the package from v1 and rewrites the ratings
            cur.execute("UPDATE col SET conf = ?", (json.dumps(conf),))
            reviews = _write_scheduling(cur, guid_to_view, collection)
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
    return ExportResult(path, len(views), reviews)


def steps_left(state: int, step: int | None, learning: int, relearning: int) -> int:
    """Anki's `left` for a learning card: the steps still to go, today's count in the thousands (v2 layout)."""
    total = relearning if state == int(State.Relearning) else learning
    remaining = max(total - (step or 0), 1)
    return remaining * 1000 + remaining


def _write_scheduling(cur: sqlite3.Cursor, guid_to_view: dict[str, CardView], collection: Collection) -> int:
    """Give each Anki card our state: type/queue (0 new, 1 learning, 2 review, 3 relearning), due (review: days
    since the collection's creation; learning: epoch seconds), interval, reps, lapses, learning steps left, FSRS
    memory state and last review time in `data` ({"s", "d", "dr", "decay", "lrt"}), and one revlog row per grade."""
    crt = cur.execute("SELECT crt FROM col").fetchone()[0]
    scheduler = collection.scheduler()
    retention = collection.desired_retention
    decay = float(scheduler.parameters[20]) if len(scheduler.parameters) > 20 else None
    n_learning, n_relearning = len(scheduler.learning_steps), len(scheduler.relearning_steps)
    with collection.db.session() as s:
        logs = s.execute(
            select(ReviewLogEntry.card_id, ReviewLogEntry.reviewed_at, ReviewLogEntry.rating,
                   ReviewLogEntry.state_before, ReviewLogEntry.interval_days, ReviewLogEntry.duration_ms)
            .order_by(ReviewLogEntry.reviewed_at, ReviewLogEntry.id)
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
        lapses = sum(1 for h in history if h.state_before == int(State.Review) and h.rating == 1)
        if sched.state != NEW and sched.due is not None:
            left = 0
            if sched.state == int(State.Review):
                ctype, queue = 2, 2
                due = max(int((sched.due.timestamp() - crt) // 86400), 0)
            else:
                ctype, queue = sched.state, 1  # learning / relearning, due in epoch seconds
                due = int(sched.due.timestamp())
                left = steps_left(sched.state, sched.step, n_learning, n_relearning)
            ivl = round((sched.due - sched.last_review).total_seconds() / 86400) if sched.last_review else 0
            ivl = max(ivl, 1) if sched.state == int(State.Review) else 0
            data: dict[str, Any] = {"s": round(sched.stability or 0, 4), "d": round(sched.difficulty or 0, 4),
                                    "dr": retention}
            if decay is not None:
                data["decay"] = round(decay, 4)
            if sched.last_review is not None:
                data["lrt"] = int(sched.last_review.timestamp())
            cur.execute(
                "UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=?, data=? WHERE id=?",
                (ctype, queue, due, ivl, 2500, reps, lapses, left, json.dumps(data), anki_card_id),
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
    return len(used_revlog_ids)
