"""Decks, content sync and FSRS scheduling of the flashcards (desktop.core.srs)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import func, select

from desktop.core.srs import SrsError, load_decks
from desktop.core.srs.answers import check_answer, normalize_answer
from desktop.core.srs.cloze import cloze_answers, cloze_html, cloze_plain
from desktop.core.srs.collection import (
    SETTING_NEW_PER_DAY,
    SETTING_RETENTION,
    Collection,
    format_interval,
    parse_rating,
)
from desktop.core.store.models import CardRecord, ReviewLogEntry
from tests.core.test_srs_support import INTRO, PARAMS, open_collection, open_db, write_decks

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# decks ---------------------------------------------------------------------------------------------------------
def test_decks_load_with_titles_kinds_and_positions(tmp_path: Path) -> None:
    ds = load_decks(write_decks(tmp_path / "cards"))
    assert ds.errors == []
    assert list(ds.decks) == ["intro", "parameters"]
    intro = ds.decks["intro"]
    assert intro.title_for("en") == "Introduction"
    assert [c.kind for c in intro.cards] == ["basic", "cloze", "choice"]
    assert [c.position for c in intro.cards] == [0, 1, 2]
    assert ds.cards["intro-q"].fields("pt-BR")["distractors"][0] == "Treinar o modelo"


def test_bad_toml_names_file_and_line_and_other_decks_still_load(tmp_path: Path) -> None:
    broken = PARAMS.replace('front = "What does greedy pick?"', 'front = "What does greedy pick?')
    folder = write_decks(tmp_path / "cards", intro=INTRO, parameters=broken)
    ds = load_decks(folder)
    assert list(ds.decks) == ["intro"], "the good deck must still load"
    assert len(ds.errors) == 1
    err = ds.errors[0]
    bad_line = broken.splitlines().index('front = "What does greedy pick?') + 1
    assert err.path.name == "parameters.toml"
    assert err.line == bad_line
    assert str(err).startswith(f"parameters.toml:{bad_line}: not valid TOML")


def test_bad_card_is_reported_at_its_header_and_the_rest_of_the_deck_loads(tmp_path: Path) -> None:
    bad = INTRO.replace('distractors = ["Training the model", "Downloading the model", "Tokenizing the text"]',
                        'distractors = ["Training the model"]')
    ds = load_decks(write_decks(tmp_path / "cards", intro=bad))
    assert [c.id for c in ds.decks["intro"].cards] == ["intro-prompt", "intro-cloze"]
    (err,) = ds.errors
    header_line = [n for n, line in enumerate(bad.splitlines(), 1) if line == "[[cards]]"][2]
    assert err.line == header_line
    assert "intro-q (en)" in err.message and "exactly three" in err.message
    assert ds.broken_ids == {"intro-q"}


def test_duplicate_card_id_across_decks_is_an_error(tmp_path: Path) -> None:
    dup = PARAMS.replace('id = "parameters-greedy"', 'id = "intro-prompt"')
    ds = load_decks(write_decks(tmp_path / "cards", intro=INTRO, parameters=dup))
    assert [c.id for c in ds.decks["parameters"].cards] == ["parameters-q-topk"]
    assert any("already used in intro.toml" in e.message for e in ds.errors)


# content sync --------------------------------------------------------------------------------------------------
def test_sync_inserts_new_ids_as_new_cards(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    assert c.sync_report.added == 5
    views = {v.id: v for v in c.list_cards()}
    assert set(views) == {"intro-prompt", "intro-cloze", "intro-q", "parameters-greedy", "parameters-q-topk"}
    assert all(v.state == 0 and v.due is None for v in views.values())


def test_changed_content_updates_hash_and_keeps_history(tmp_path: Path) -> None:
    folder = write_decks(tmp_path / "cards")
    db = open_db()
    c = open_collection(folder, db, now=T0)
    c.grade("intro-prompt", "good", T0)
    c.grade("intro-prompt", "good", T0 + timedelta(minutes=10))
    before = c.card("intro-prompt")
    with db.session() as s:
        old_hash = s.get(CardRecord, "intro-prompt").content_hash

    (folder / "intro.toml").write_text(INTRO.replace("What is the input text called?", "Name the input text."),
                                       encoding="utf-8")
    c2 = Collection.open(db, folder)
    assert c2.sync_report.updated == 1 and c2.sync_report.added == 0
    after = c2.card("intro-prompt")
    assert after.content.fields("en")["front"] == "Name the input text."
    assert after.scheduling == before.scheduling
    with db.session() as s:
        assert s.get(CardRecord, "intro-prompt").content_hash != old_hash
        assert s.scalar(select(func.count()).select_from(ReviewLogEntry)) == 2


def test_removed_card_is_retired_not_deleted_and_comes_back(tmp_path: Path) -> None:
    folder = write_decks(tmp_path / "cards")
    db = open_db()
    c = open_collection(folder, db, now=T0)
    c.grade("parameters-greedy", "easy", T0)
    (folder / "parameters.toml").write_text(PARAMS.split("[[cards]]")[0] + "[[cards]]" + PARAMS.split("[[cards]]")[2],
                                            encoding="utf-8")
    c2 = Collection.open(db, folder)
    assert c2.sync_report.retired == 1
    assert "parameters-greedy" not in [v.id for v in c2.list_cards()]
    retired = [v for v in c2.list_cards(include_retired=True) if v.id == "parameters-greedy"]
    assert retired and retired[0].retired
    with db.session() as s:
        assert s.scalar(select(func.count()).where(ReviewLogEntry.card_id == "parameters-greedy")) == 1
    with pytest.raises(SrsError, match="retired"):
        c2.grade("parameters-greedy", "good", T0 + timedelta(days=5))

    (folder / "parameters.toml").write_text(PARAMS, encoding="utf-8")
    c3 = Collection.open(db, folder)
    assert c3.sync_report.revived == 1
    assert c3.card("parameters-greedy").state == int(State.Review)


def test_a_broken_deck_file_does_not_retire_its_cards(tmp_path: Path) -> None:
    folder = write_decks(tmp_path / "cards")
    db = open_db()
    open_collection(folder, db, now=T0)
    (folder / "parameters.toml").write_text("deck = \n", encoding="utf-8")
    c2 = Collection.open(db, folder)
    assert c2.sync_report.retired == 0
    assert c2.errors and c2.errors[0].path.name == "parameters.toml"


# scheduling against the fsrs package ------------------------------------------------------------------------------
SEQUENCE = [
    (timedelta(0), Rating.Good),
    (timedelta(minutes=10), Rating.Good),
    (timedelta(days=2), Rating.Again),
    (timedelta(days=2, minutes=10), Rating.Good),
    (timedelta(days=5), Rating.Hard),
    (timedelta(days=13), Rating.Easy),
    (timedelta(days=60), Rating.Good),
]


@pytest.mark.parametrize("retention", [0.9, 0.8])
def test_schedule_matches_fsrs_package_for_the_same_ratings_and_times(tmp_path: Path, retention: float) -> None:
    db = open_db()
    db.set_setting(SETTING_RETENTION, retention)
    c = open_collection(write_decks(tmp_path / "cards"), db, now=T0)
    reference = Scheduler(desired_retention=retention, enable_fuzzing=False)
    card = Card(card_id=1, due=T0)
    for offset, rating in SEQUENCE:
        when = T0 + offset
        card, _ = reference.review_card(card, rating, review_datetime=when)
        result = c.grade("intro-prompt", rating, when, duration_ms=4000)
        ours = c.card("intro-prompt").scheduling  # read back from SQLite, not from memory
        assert ours.state == int(card.state)
        assert ours.step == card.step
        assert ours.stability == pytest.approx(card.stability, rel=1e-12)
        assert ours.difficulty == pytest.approx(card.difficulty, rel=1e-12)
        assert ours.due == card.due
        assert ours.last_review == card.last_review
        assert result.interval == card.due - when
    assert reference.desired_retention == c.scheduler().desired_retention
    assert len(c.scheduler().parameters) == 21, "FSRS-6 has 21 parameters"
    assert c.scheduler().learning_steps == Scheduler().learning_steps


def test_review_log_row_has_everything_to_refit_and_undo(tmp_path: Path) -> None:
    db = open_db()
    c = open_collection(write_decks(tmp_path / "cards"), db, now=T0)
    r1 = c.grade("intro-prompt", "good", T0, duration_ms=3100)
    r2 = c.grade("intro-prompt", "easy", T0 + timedelta(minutes=11), duration_ms=2000)
    with db.session() as s:
        rows = s.scalars(select(ReviewLogEntry).order_by(ReviewLogEntry.id)).all()
    assert [r.id for r in rows] == [r1.log_id, r2.log_id]
    first, second = rows
    assert (first.rating, first.state_before, first.state_after) == (3, 0, int(State.Learning))
    assert first.interval_days == pytest.approx(10 / 1440)
    assert first.duration_ms == 3100 and first.source == "review"
    assert json.loads(first.previous_card)["state"] == 0
    assert (second.state_before, second.state_after) == (int(State.Learning), int(State.Review))
    assert second.stability == pytest.approx(r2.scheduling.stability)
    assert second.difficulty == pytest.approx(r2.scheduling.difficulty)
    assert second.reviewed_at == T0 + timedelta(minutes=11)


def test_undo_restores_exact_previous_state(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    c.grade("intro-prompt", "good", T0)
    mid = c.card("intro-prompt").scheduling
    r = c.grade("intro-prompt", "again", T0 + timedelta(minutes=10))
    assert c.undo() == "intro-prompt"
    assert c.card("intro-prompt").scheduling == mid
    with pytest.raises(SrsError):
        c.undo(r.log_id)  # already undone
    c.undo()
    assert c.card("intro-prompt").state == 0
    with pytest.raises(SrsError, match="no grade to undo"):
        c.undo()


def test_undo_of_an_older_grade_is_refused_while_a_newer_one_exists(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    r1 = c.grade("intro-prompt", "good", T0)
    c.grade("intro-prompt", "good", T0 + timedelta(minutes=10))
    with pytest.raises(SrsError, match="undo that grade first"):
        c.undo(r1.log_id)


def test_preview_is_the_interval_each_button_gives(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    preview = c.preview("intro-prompt", T0)
    assert preview[Rating.Again] == timedelta(minutes=1)
    assert preview[Rating.Good] == timedelta(minutes=10)
    assert preview[Rating.Easy] >= timedelta(days=1)
    result = c.grade("intro-prompt", Rating.Easy, T0)
    assert result.interval == preview[Rating.Easy]
    assert [format_interval(preview[r]) for r in (Rating.Again, Rating.Good)] == ["1m", "10m"]
    assert format_interval(timedelta(days=45)) == "1.5mo" and format_interval(timedelta(days=800)) == "2.2y"


def test_bad_rating_and_unknown_card_are_clear_errors(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    assert parse_rating("Good") == Rating.Good and parse_rating("4") == Rating.Easy
    with pytest.raises(SrsError, match="unknown rating"):
        c.grade("intro-prompt", "great", T0)
    with pytest.raises(SrsError, match="unknown card id 'nope'"):
        c.grade("nope", "good", T0)


# queue and daily limit -----------------------------------------------------------------------------------------
def test_queue_order_and_daily_new_card_limit(tmp_path: Path) -> None:
    db = open_db()
    db.set_setting(SETTING_NEW_PER_DAY, 2)
    c = open_collection(write_decks(tmp_path / "cards"), db, now=T0)
    assert c.queue(now=T0, tz=UTC) == ["intro-prompt", "intro-cloze"]  # lesson order, limit 2
    summary = {s.id: s for s in c.deck_summaries(T0, tz=UTC)}
    assert (summary["intro"].new, summary["intro"].new_total) == (2, 3)
    c.grade("intro-prompt", "good", T0)
    c.grade("intro-cloze", "easy", T0 + timedelta(seconds=5))
    # The limit is used up for today; the learning card comes back when due (or within the learn-ahead window).
    assert c.queue(now=T0 + timedelta(minutes=1), tz=UTC) == ["intro-prompt"]
    summary = {s.id: s for s in c.deck_summaries(T0 + timedelta(minutes=1), tz=UTC)}
    assert (summary["intro"].new, summary["intro"].learning) == (0, 1)
    next_day = T0 + timedelta(days=1)
    assert c.new_remaining_today(next_day, tz=UTC) == 2
    assert c.queue(deck="parameters", now=next_day, tz=UTC) == ["parameters-greedy", "parameters-q-topk"]


def test_due_reviews_come_before_new_cards(tmp_path: Path) -> None:
    c = open_collection(write_decks(tmp_path / "cards"), now=T0)
    c.grade("parameters-greedy", "easy", T0)
    later = c.card("parameters-greedy").due + timedelta(hours=1)
    assert c.queue(now=later, tz=UTC)[0] == "parameters-greedy"


# own cards -------------------------------------------------------------------------------------------------------
def test_user_cards_are_added_edited_and_keep_history(tmp_path: Path) -> None:
    db = open_db()
    c = open_collection(write_decks(tmp_path / "cards"), db, now=T0)
    card_id = c.add_user_card("my-cards", "basic", {"front": " What is a token? ", "back": "A piece of text"}, "en")
    assert card_id.startswith("user-")
    c.grade(card_id, "good", T0)
    c.edit_user_card(card_id, "my-cards", "basic", {"front": "What is a token?", "back": "A piece of text."}, "en")
    c2 = Collection.open(db, tmp_path / "cards")
    view = c2.card(card_id)
    assert view.source == "user" and view.content.fields("pt-BR")["back"] == "A piece of text."
    assert view.state == int(State.Learning)
    assert c2.sync_report.retired == 0, "own cards are not in the deck files and must not be retired"
    assert "my-cards" in c2.deck_ids()
    with pytest.raises(SrsError, match="back is missing"):
        c2.add_user_card("my-cards", "basic", {"front": "Q", "back": ""}, "en")
    with pytest.raises(SrsError, match="not one of your own"):
        c2.edit_user_card("intro-prompt", "intro", "basic", {"front": "x", "back": "y"}, "en")
    c2.set_user_card_retired(card_id)
    assert card_id not in [v.id for v in c2.list_cards()]


# text helpers ----------------------------------------------------------------------------------------------------
def test_typed_answers_are_compared_forgivingly() -> None:
    assert check_answer("atencao", "Atenção").correct
    assert check_answer("  TOP P ", "top-p").correct
    assert check_answer("topp", "top-p").correct
    assert check_answer("self attention.", "Self-attention").correct
    assert check_answer("o token mais provavel", "O token mais provável!").correct
    assert not check_answer("-1", "1").correct, "a minus sign before a number keeps its meaning"
    near = check_answer("completin", "completion")
    assert not near.correct and near.close
    assert not check_answer("encoder", "decoder").correct
    assert not check_answer("", "prompt").correct
    assert normalize_answer("Ação,  É") == "acao e"
    back = "Prompt: o texto de entrada que o modelo recebe e continua."
    assert check_answer("prompt", back).correct, "the term before the explanation is enough"
    assert check_answer("promt", back).close
    assert not check_answer("completion", back).correct


def test_cloze_rendering() -> None:
    text = "Top-p keeps the {{c1::smallest}} set that {{c2::reaches p::verb}}."
    assert cloze_answers(text) == ["smallest", "reaches p"]
    assert cloze_plain(text, reveal=False) == "Top-p keeps the [...] set that [verb]."
    assert cloze_plain(text, reveal=True) == "Top-p keeps the smallest set that reaches p."
    front = cloze_html("a < {{c1::zebra}}", reveal=False)
    assert "a &lt; " in front and "zebra" not in front and "…" in front
    assert "zebra</span>" in cloze_html("a < {{c1::zebra}}", reveal=True)


def test_parse_cache_gives_the_same_decks_and_notices_edits(tmp_path: Path) -> None:
    folder = write_decks(tmp_path / "cards")
    cache = tmp_path / "cache"
    first = load_decks(folder, cache_dir=cache)
    assert (cache / "decks" / "intro.toml.json").exists()
    again = load_decks(folder, cache_dir=cache)
    assert again.cards == first.cards and again.fingerprint == first.fingerprint
    assert [c.line for c in again.decks["intro"].cards] == [c.line for c in first.decks["intro"].cards]
    (folder / "intro.toml").write_text(INTRO.replace("Prompt", "The prompt"), encoding="utf-8")
    edited = load_decks(folder, cache_dir=cache)
    assert edited.fingerprint != first.fingerprint
    assert edited.cards["intro-prompt"].fields("en")["back"] == "The prompt"
    (folder / "intro.toml").write_text("deck = ", encoding="utf-8")
    broken = load_decks(folder, cache_dir=cache)
    assert broken.errors and broken.errors[0].line == 1
    assert load_decks(folder, cache_dir=cache).errors == broken.errors, "errors come from the cache too"
