"""Our .apkg files checked by Anki itself (the official `anki` package), and Anki's own packages imported here."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.srs import SrsError
from desktop.core.srs.anki_export import OPTION_LETTERS, export_apkg
from desktop.core.srs.anki_import import import_apkg
from desktop.core.srs.decks import choice_options
from desktop.core.store import open_database
from desktop.core.store.models import ReviewLogEntry
from tests.core.test_srs_support import open_collection, write_decks

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection
ImportAnkiPackageOptions = anki_collection.ImportAnkiPackageOptions
ImportAnkiPackageRequest = anki_collection.ImportAnkiPackageRequest
ExportAnkiPackageOptions = anki_collection.ExportAnkiPackageOptions

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CHOICES = 12


def _studied(tmp_path: Path):
    """Cards in every state our scheduler makes, with a history of every rating, and a dozen choice cards."""
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    c.grade("intro-prompt", "good", T0)  # learning, 1 of 2 steps to go
    c.grade("intro-cloze", "again", T0)  # learning, step 0: both steps to go
    c.grade("parameters-greedy", "easy", T0)  # review
    c.grade("intro-q", "hard", T0)  # learning, step 0
    own = c.add_user_card("my-cards", "basic", {"front": "What is <BF16>?", "back": "A 16-bit float\nwith FP32's range"},
                          "en")
    for when, rating in ((T0, "good"), (T0 + timedelta(minutes=10), "good"), (T0 + timedelta(days=3), "again")):
        c.grade(own, rating, when)  # learning → review → relearning
    for n in range(CHOICES):
        c.add_user_card("quiz", "choice", {"question": f"Question {n}?", "answer": f"right {n}",
                                           "distractors": [f"wrong {n}a", f"wrong {n}b", f"wrong {n}c"],
                                           "explanation": f"Because {n}."}, "en", card_id=f"user-choice-{n}")
    return c


def _shown(card_html: str) -> str:
    """The text Anki puts on screen for a rendered card side."""
    return re.sub(r"<[^>]+>", "", re.sub(r"(?s)<style>.*?</style>", "", card_html)).strip()


def _anki(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def _import_into_anki(col, package: Path) -> None:
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)))


def test_export_opens_in_anki_with_scheduling_history_and_shuffled_options(tmp_path: Path) -> None:
    c = _studied(tmp_path)
    out = tmp_path / "deck.apkg"
    result = export_apkg(c, out, "en", now=T0 + timedelta(days=3, hours=1))
    views = {v.id: v for v in c.list_cards()}
    with c.db.session() as s:
        ours = [(r.card_id, r.rating) for r in s.query(ReviewLogEntry).order_by(ReviewLogEntry.reviewed_at)]
    assert (result.cards, result.reviews) == (len(views), len(ours))

    col = _anki(tmp_path / "anki")
    try:
        _import_into_anki(col, out)
        assert col.note_count() == len(views) and col.card_count() == len(views)
        assert {"LLM Study Desk::Introduction", "LLM Study Desk::Parameters", "LLM Study Desk::my-cards",
                "LLM Study Desk::quiz"} <= {d.name for d in col.decks.all_names_and_ids()}
        assert {"LLM Study Desk (basic)", "LLM Study Desk (cloze)", "LLM Study Desk (multiple choice)"} <= {
            m.name for m in col.models.all_names_and_ids()}
        by_id = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            by_id[card.note()["CardId"]] = card

        cloze = by_id["intro-cloze"]
        assert _shown(cloze.question()) == "The generated text is the [...]."
        assert _shown(cloze.answer()) == "The generated text is the completion."
        own = next(k for k in by_id if k.startswith("user-") and not k.startswith("user-choice"))
        assert by_id[own].note()["Front"] == "What is &lt;BF16&gt;?"

        # Scheduling: type/queue, FSRS memory state, learning steps still to go, last review time.
        expected_left = {"intro-prompt": 1, "intro-cloze": 2, "intro-q": 2, own: 1}
        for card_id, v in views.items():
            card = by_id[card_id]
            s = v.scheduling
            assert card.type == s.state, card_id
            if s.state == 0:
                assert card.queue == 0 and card.memory_state is None
                continue
            assert card.memory_state.stability == pytest.approx(s.stability, abs=1e-3), card_id
            assert card.memory_state.difficulty == pytest.approx(s.difficulty, abs=1e-3), card_id
            assert card.last_review_time == int(s.last_review.timestamp()), card_id
            if card_id in expected_left:
                assert card.left % 1000 == expected_left[card_id], card_id
                assert card.due == int(s.due.timestamp())
        assert by_id["parameters-greedy"].ivl >= 1

        # Every grade arrives with its rating unchanged (no v1 upgrade rewriting Good as Easy).
        anki_ids = {card.id: card_id for card_id, card in by_id.items()}
        theirs = [(anki_ids[cid], ease) for cid, ease in col.db.all("SELECT cid, ease FROM revlog ORDER BY id")]
        assert sorted(theirs) == sorted(ours)
        assert {rating for _c, rating in ours} == {1, 2, 3, 4}

        # Choice options: the app's own order, so the right answer is spread over A-D.
        positions = Counter()
        for n in range(CHOICES):
            note = by_id[f"user-choice-{n}"].note()
            options = [note[x] for x in OPTION_LETTERS]
            assert options == choice_options(c.content(f"user-choice-{n}"), "en")
            positions[options.index(note["Answer"])] += 1
        assert len(positions) >= 3, positions

        # Importing the same package again adds nothing.
        _import_into_anki(col, out)
        assert col.note_count() == len(views) and col.card_count() == len(views)
    finally:
        col.close()


def test_the_package_says_scheduler_v2(tmp_path: Path) -> None:
    c = _studied(tmp_path)
    out = tmp_path / "deck.apkg"
    export_apkg(c, out, "en")
    with zipfile.ZipFile(out) as z:
        z.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert json.loads(conn.execute("SELECT conf FROM col").fetchone()[0])["schedVer"] == 2
    finally:
        conn.close()


def _anki_made_package(tmp_path: Path) -> tuple[Path, dict]:
    """A package written by Anki itself: basic, cloze (two deletions) and reversed notes, some of them reviewed."""
    from anki.scheduler.v3 import CardAnswer

    col = _anki(tmp_path / "source")
    try:
        col.set_config("fsrs", True)  # FSRS on, as in the app: the cards carry their memory state
        deck_id = col.decks.id("Japanese::Vocab")
        basic = col.models.by_name("Basic")
        for n in range(3):
            note = col.new_note(basic)
            note["Front"], note["Back"] = f"<b>word {n}</b>", f"meaning {n}<br>second line"
            col.add_note(note, deck_id)
        cloze = col.new_note(col.models.by_name("Cloze"))
        cloze["Text"] = "The {{c1::KV cache}} grows with the {{c2::context}}."
        col.add_note(cloze, deck_id)
        reversed_ = col.new_note(col.models.by_name("Basic (and reversed card)"))
        reversed_["Front"], reversed_["Back"] = "gato", "cat"
        col.add_note(reversed_, deck_id)
        col.decks.select(deck_id)
        ratings = [CardAnswer.GOOD, CardAnswer.AGAIN, CardAnswer.HARD, CardAnswer.EASY, CardAnswer.GOOD]
        for rating in ratings:
            queued = col.sched.get_queued_cards()
            card = col.get_card(queued.cards[0].card.id)
            card.start_timer()
            col.sched.answer_card(col.sched.build_answer(card=card, states=queued.cards[0].states, rating=rating))
        expected = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            revlog = [e for (e,) in col.db.all(f"SELECT ease FROM revlog WHERE cid = {cid} ORDER BY id")]
            expected[(card.note().guid, card.ord)] = (card.type, card.memory_state, revlog)
        out = tmp_path / "anki-made.apkg"
        col.export_anki_package(out_path=str(out), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False))
    finally:
        col.close()
    return out, expected


def test_a_package_written_by_anki_imports_with_cards_and_history(tmp_path: Path) -> None:
    package, expected = _anki_made_package(tmp_path)
    with zipfile.ZipFile(package) as z:
        assert "collection.anki21b" in z.namelist()  # Anki's current, zstd-compressed format
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    before = len(c.list_cards())
    report = import_apkg(c, package, "en")
    # 3 basic + 2 cloze cards (one per deletion) + the reversed note's front/back card.
    assert (report.added, report.updated, report.skipped, report.errors) == (6, 0, 0, [])
    assert report.reviews == sum(len(r) for _t, _m, r in expected.values())
    assert any("Basic (and reversed card)" in n for n in report.notices)
    own = [v for v in c.list_cards() if v.source == "user"]
    assert len(c.list_cards()) == before + 6
    assert {v.deck for v in own} == {"Japanese::Vocab"}
    texts = {v.content.fields("en").get("front") or v.content.fields("en")["text"]: v for v in own}
    assert texts["word 0"].content.fields("en")["back"] == "meaning 0\nsecond line"
    assert "The {{c1::KV cache}} grows with the context." in texts
    assert "The KV cache grows with the {{c1::context}}." in texts

    with c.db.session() as s:
        history = {}
        for r in s.query(ReviewLogEntry).order_by(ReviewLogEntry.reviewed_at):
            history.setdefault(r.card_id, []).append(r.rating)
    studied = [v for v in own if v.state != 0]
    assert studied, "the Anki reviews made studied cards"
    reviewed = {k: v for k, v in expected.items() if v[2]}
    assert sorted(sorted(h) for h in history.values()) == sorted(sorted(r) for _t, _m, r in reviewed.values())
    for v in studied:
        matches = [m for t, m, r in reviewed.values() if t == v.state and history.get(v.id) == r]
        assert matches, v.id
        assert any(m is not None and m.stability == pytest.approx(v.scheduling.stability, abs=1e-3) for m in matches)

    again = import_apkg(c, package, "en")
    assert (again.added, again.updated, again.reviews) == (0, 0, 0)
    assert len(c.list_cards()) == before + 6


def test_our_package_restores_scheduling_and_history_on_a_new_computer(tmp_path: Path) -> None:
    source = _studied(tmp_path)
    out = tmp_path / "deck.apkg"
    export_apkg(source, out, "en")
    fresh = open_database(tmp_path / "other" / "db.sqlite", tmp_path / "other" / "backups")
    target = open_collection(tmp_path / "cards", fresh, now=T0)
    report = import_apkg(target, out, "pt-BR", now=T0)
    assert report.errors == []
    assert report.added == 1 + CHOICES and report.updated == 4
    a = {v.id: (v.deck, v.kind, v.state, v.scheduling.step, v.scheduling.last_review) for v in source.list_cards()}
    b = {v.id: (v.deck, v.kind, v.state, v.scheduling.step, v.scheduling.last_review) for v in target.list_cards()}
    assert a == b
    choice = target.content("user-choice-3").fields("pt-BR")
    assert choice["answer"] == "right 3" and sorted(choice["distractors"]) == ["wrong 3a", "wrong 3b", "wrong 3c"]


def _count(c) -> tuple[int, int]:
    with c.db.session() as s:
        return len(c.list_cards(include_retired=True)), s.query(ReviewLogEntry).count()


@pytest.mark.parametrize("case", ["not-zip", "no-collection", "bomb", "wrong-schema", "not-sqlite", "huge-field"])
def test_a_corrupt_or_hostile_package_is_refused_and_nothing_is_imported(tmp_path: Path, case: str,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    c = _studied(tmp_path)
    before = _count(c)
    bad = tmp_path / f"{case}.apkg"
    if case == "not-zip":
        bad.write_bytes(b"SQLite format 3\x00 but not really")
        match = "not an Anki package: an .apkg file is a zip"
    elif case == "no-collection":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("readme.txt", "hello")
        match = "not an Anki package"
    elif case == "bomb":
        monkeypatch.setattr("desktop.core.srs.anki_package.MAX_COLLECTION_BYTES", 1 << 20)
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("collection.anki2", b"\0" * (4 << 20))
        match = "unpacks to more than 1 MB"
    elif case == "wrong-schema":
        db = tmp_path / "other.sqlite"
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE col (crt INTEGER)")
        conn.execute("CREATE TABLE notes (id INTEGER, flds TEXT)")
        conn.commit()
        conn.close()
        with zipfile.ZipFile(bad, "w") as z:
            z.write(db, "collection.anki2")
        match = "not an Anki collection"
    elif case == "not-sqlite":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("collection.anki2", b"x" * 5000)
        match = "not a readable Anki database|damaged"
    else:
        good = tmp_path / "good.apkg"
        export_apkg(c, good, "en")
        with zipfile.ZipFile(good) as z:
            z.extract("collection.anki2", tmp_path)
        conn = sqlite3.connect(tmp_path / "collection.anki2")
        conn.execute("UPDATE notes SET flds = ? WHERE id = (SELECT max(id) FROM notes)",
                     ("x" * 200_000 + "\x1fback\x1fuser-huge",))
        conn.commit()
        conn.close()
        with zipfile.ZipFile(bad, "w") as z:
            z.write(tmp_path / "collection.anki2", "collection.anki2")
        match = "a field of 200,000 characters"
    fresh = open_database(tmp_path / "fresh" / "db.sqlite", tmp_path / "fresh" / "backups")
    target = open_collection(tmp_path / "cards", fresh, now=T0)
    target_before = _count(target)
    for collection, counts in ((c, before), (target, target_before)):
        with pytest.raises(SrsError, match=match):
            import_apkg(collection, bad, "en")
        assert _count(collection) == counts


def test_cli_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["cards", "review", "intro-prompt", "--rating", "good"]) == 0
    capsys.readouterr()
    out = tmp_path / "all.apkg"
    assert main(["cards", "export", "--apkg", str(out), "--deck", "intro", "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["path"] == str(out) and exported["cards"] > 5 and exported["reviews"] == 1
    assert main(["cards", "export", "--csv", str(tmp_path / "all.csv"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cards"] > exported["cards"]

    assert main(["cards", "import", str(out), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["updated"], again["skipped"], again["errors"]) == (0, 0, exported["cards"], [])
    mine = tmp_path / "mine.csv"
    mine.write_text("front,back\nWhat is BF16?,bfloat16\n", encoding="utf-8")
    assert main(["cards", "import", str(mine), "--deck", "formats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"added": 1, "updated": 0, "skipped": 0, "errors": []}

    bad = tmp_path / "bad.apkg"
    bad.write_text("not a zip", encoding="utf-8")
    assert main(["cards", "import", str(bad), "--json"]) == 2
    assert "bad.apkg is not an Anki package" in capsys.readouterr().err
    assert main(["cards", "export", "--apkg", str(tmp_path / "no" / "x.apkg")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_v1_scheduler_package_maps_its_grades_as_anki_does(tmp_path: Path) -> None:
    """Without schedVer a package is a v1 collection, whose learning screen had three buttons (Again, Good, Easy)."""
    c = _studied(tmp_path)
    out = tmp_path / "deck.apkg"
    export_apkg(c, out, "en")
    with zipfile.ZipFile(out) as z:
        z.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    conf = json.loads(conn.execute("SELECT conf FROM col").fetchone()[0])
    del conf["schedVer"]
    conn.execute("UPDATE col SET conf = ?", (json.dumps(conf),))
    conn.execute("UPDATE revlog SET ease = 2 WHERE ease = 3 AND type IN (0, 2)")  # v1: 2 was Good while learning
    conn.commit()
    conn.close()
    v1 = tmp_path / "v1.apkg"
    with zipfile.ZipFile(v1, "w") as z:
        z.write(tmp_path / "collection.anki2", "collection.anki2")
        z.writestr("media", "{}")

    col = _anki(tmp_path / "anki")
    try:
        _import_into_anki(col, v1)
        theirs = sorted((col.get_card(cid).note()["CardId"], ease)
                        for cid, ease in col.db.all("SELECT cid, ease FROM revlog"))
    finally:
        col.close()
    fresh = open_database(tmp_path / "other" / "db.sqlite", tmp_path / "other" / "backups")
    target = open_collection(tmp_path / "cards", fresh, now=T0)
    import_apkg(target, v1, "en", now=T0)
    with target.db.session() as s:
        ours = sorted((r.card_id, r.rating) for r in s.query(ReviewLogEntry))
    assert ours == theirs
