"""`studydesk cards …` (the headless twin) and the real deck files in content/cards."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from desktop.cli import main
from desktop.core.paths import CONTENT_DIR
from desktop.core.srs import load_decks
from desktop.core.srs.decks import CARDS_DIR, LANGUAGES, lesson_section

ANCHOR_RE = re.compile(r"^#{2,6} .*\{#([A-Za-z0-9_-]+)\}\s*$", re.MULTILINE)


def _json(capsys: pytest.CaptureFixture[str], *argv: str):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_list_review_stats(capsys: pytest.CaptureFixture[str]) -> None:
    cards = _json(capsys, "cards", "list", "--json")
    assert cards, "the real decks have cards"
    assert set(cards[0]) == {"id", "deck", "kind", "state", "due"}
    assert {c["kind"] for c in cards} <= {"basic", "cloze", "choice"}
    assert all(c["state"] == "new" and c["due"] is None for c in cards)
    deck = cards[0]["deck"]
    only = _json(capsys, "cards", "list", "--deck", deck, "--json")
    assert only and {c["deck"] for c in only} == {deck}

    graded = _json(capsys, "cards", "review", cards[0]["id"], "--rating", "good", "--json")
    assert graded["id"] == cards[0]["id"] and graded["state"] == "learning"
    assert datetime.fromisoformat(graded["due"]).utcoffset().total_seconds() == 0
    after = {c["id"]: c for c in _json(capsys, "cards", "list", "--json")}
    assert after[cards[0]["id"]]["state"] == "learning" and after[cards[0]["id"]]["due"] == graded["due"]

    stats = _json(capsys, "cards", "stats", "--json")
    assert stats["reviews_today"] == 1 and stats["streak_days"] == 1
    assert len(stats["forecast"]) == 30 and stats["due_today"] == 1
    assert {d["deck"] for d in stats["decks"]} >= {deck}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cards", "review", "no-such-card", "--rating", "good", "--json"], "error: unknown card id 'no-such-card'"),
        (["cards", "review", "x", "--rating", "great", "--json"], "error: unknown rating 'great'"),
        (["cards", "list", "--deck", "no-such-deck", "--json"], "error: unknown deck 'no-such-deck'"),
    ],
)
def test_cli_bad_input_is_error_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


# the real content -----------------------------------------------------------------------------------------------
def test_real_decks_load_without_errors_and_have_enough_cards_per_language() -> None:
    ds = load_decks(CARDS_DIR)
    assert ds.errors == [], "\n".join(map(str, ds.errors))
    for lang in LANGUAGES:
        with_lang = [c for c in ds.cards.values() if lang in c.texts]
        recall = [c for c in with_lang if c.kind in ("basic", "cloze")]
        choice = [c for c in with_lang if c.kind == "choice"]
        assert len(recall) >= 60, f"{lang}: {len(recall)} basic+cloze cards"
        assert len(choice) >= 30, f"{lang}: {len(choice)} quiz questions"


def test_every_card_anchor_is_a_heading_anchor_of_its_lesson() -> None:
    ds = load_decks(CARDS_DIR)
    problems = []
    for lang in LANGUAGES:
        anchors: dict[str, set[str]] = {}
        for path in (CONTENT_DIR / "lessons" / lang).glob("*.md"):
            lesson_id = path.stem.split("-", 1)[1] if "-" in path.stem else path.stem
            anchors[lesson_id] = set(ANCHOR_RE.findall(path.read_text(encoding="utf-8")))
        for card in ds.cards.values():
            section = lesson_section(card.deck, card.anchor)
            if section is None or (section[0] == card.deck and card.deck not in anchors):
                continue  # no anchor, or the lesson is not written yet in this language
            lesson_id, anchor = section
            if anchor not in anchors.get(lesson_id, set()):
                problems.append(f"{lang}: {card.id} -> {lesson_id}#{anchor}")
    assert not problems, "anchors missing from the lessons:\n" + "\n".join(problems)


def test_the_inside_deck_points_into_lesson_04() -> None:
    """inside.toml is no lesson's own deck: its anchors name the lesson ("architectures#…"), so review and quiz
    links open lesson 04 and never a lesson called "inside"."""
    deck = load_decks(CARDS_DIR).decks["inside"]
    assert len(deck.cards) >= 8
    assert {lesson_section(c.deck, c.anchor)[0] for c in deck.cards} == {"architectures"}
    assert lesson_section("parameters", "top-p") == ("parameters", "top-p")
    assert lesson_section("parameters", None) is None
