"""CSV export/import round trip, CSV import of hand-made files, Anki .apkg export."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.srs import SrsError
from desktop.core.srs.portability import export_apkg, export_csv, import_csv
from desktop.core.store import open_database
from tests.core.test_srs_support import open_collection, write_decks

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _studied(tmp_path: Path):
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    c.grade("intro-prompt", "good", T0)
    c.grade("intro-prompt", "good", T0 + timedelta(minutes=10))
    c.grade("intro-cloze", "again", T0)
    c.grade("parameters-greedy", "easy", T0)
    c.add_user_card("my-cards", "basic", {"front": "Vocabulary, quoted: \"size\"?", "back": "Tokens,\nmany"}, "en")
    return c


def test_csv_round_trip_restores_cards_and_scheduling(tmp_path: Path) -> None:
    source = _studied(tmp_path)
    out = tmp_path / "export.csv"
    assert export_csv(source, out, "en") == 6

    fresh_db = open_database(tmp_path / "other" / "db.sqlite", tmp_path / "other" / "backups")
    target = open_collection(tmp_path / "cards", fresh_db, now=T0)
    report = import_csv(target, out, "en", now=T0)
    assert report.errors == []
    assert (report.added, report.updated, report.skipped) == (1, 3, 2)  # own card; 3 studied; 2 still new

    a = {v.id: (v.deck, v.kind, v.scheduling) for v in source.list_cards()}
    b = {v.id: (v.deck, v.kind, v.scheduling) for v in target.list_cards()}
    assert a == b
    own = [v for v in target.list_cards() if v.source == "user"][0]
    assert own.content.fields("en") == {"front": "Vocabulary, quoted: \"size\"?", "back": "Tokens,\nmany"}

    # Importing again duplicates nothing.
    again = import_csv(target, out, "en", now=T0)
    assert (again.added, again.updated) == (0, 0)
    assert len(target.list_cards()) == 6


def test_import_of_a_hand_made_csv_with_line_numbers_for_bad_rows(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    f = tmp_path / "mine.csv"
    f.write_text("front;back;deck\nWhat is BF16?;A 16-bit float with FP32's exponent;compute\n"
                 "Only a question;;\nThe {{c1::KV cache}} grows with context.;;\n", encoding="utf-8")
    report = import_csv(c, f, "pt-BR", now=T0)
    assert report.added == 2
    assert report.errors == ["line 3: front and back are both needed"]
    own = {v.content.fields("pt-BR").get("front") or v.content.fields("pt-BR").get("text"): v
           for v in c.list_cards() if v.source == "user"}
    assert own["What is BF16?"].deck == "compute"
    assert own["The {{c1::KV cache}} grows with context."].kind == "cloze"


def test_import_of_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SrsError, match="bad.csv cannot be read"):
        import_csv(c, bad, "en")


def test_apkg_export_is_a_valid_anki_package_with_scheduling(tmp_path: Path) -> None:
    c = _studied(tmp_path)
    out = tmp_path / "deck.apkg"
    assert export_apkg(c, out, "en", now=T0 + timedelta(hours=1)).cards == 6
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        assert set(z.namelist()) == {"collection.anki2", "media"}
        z.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 6
        assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 6, "one Anki card per card, cloze too"
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        assert {"LLM Study Desk::Introduction", "LLM Study Desk::Parameters"} <= {d["name"] for d in decks.values()}
        rows = conn.execute(
            "SELECT notes.flds, cards.type, cards.queue, cards.ivl, cards.data FROM cards JOIN notes ON notes.id = cards.nid"
        ).fetchall()
        by_id = {flds.split("\x1f")[-1]: (t, q, ivl, data) for flds, t, q, ivl, data in rows}
        greedy = by_id["parameters-greedy"]
        assert greedy[:2] == (2, 2) and greedy[2] >= 1
        assert json.loads(greedy[3])["s"] == pytest.approx(c.card("parameters-greedy").scheduling.stability, abs=1e-3)
        assert by_id["intro-cloze"][:2] == (1, 1)  # Again on a new card: learning, due in minutes
        assert by_id["intro-q"][:2] == (0, 0)  # never studied: new
        assert conn.execute("SELECT count(*) FROM revlog").fetchone()[0] == 4
        cloze = conn.execute("SELECT flds FROM notes WHERE flds LIKE '%intro-cloze%'").fetchone()[0]
        assert "{{c1::completion}}" in cloze
    finally:
        conn.close()


def test_import_of_a_content_column_that_is_not_fields_per_language_is_a_line_error(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    f = tmp_path / "edited.csv"
    f.write_text(
        'id,deck,kind,front,back,content\n'
        'user-a,mine,basic,Q,A,"{""en"": ""just a string""}"\n'
        'user-b,mine,basic,Q,A,"{""en"": {""front"": ""Q"", ""back"": ""A""}}"\n',
        encoding="utf-8",
    )
    report = import_csv(c, f, "en", now=T0)
    assert report.added == 1
    assert report.errors == ["line 2: content must be a JSON object of languages, each a table of fields"]


def test_a_csv_with_a_huge_field_is_refused_with_a_message(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    huge = tmp_path / "huge.csv"
    huge.write_text("front,back\n" + "x" * 200_000 + ",y\n", encoding="utf-8")
    with pytest.raises(SrsError, match="huge.csv is not a CSV file this app can read"):
        import_csv(c, huge, "en")
    assert [v for v in c.list_cards() if v.source == "user"] == []
