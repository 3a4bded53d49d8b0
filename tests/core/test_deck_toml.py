"""The fast deck-file reader gives exactly tomllib's result, or steps aside so tomllib reads (and reports) the file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.core.paths import CONTENT_DIR
from desktop.core.srs.deck_toml import parse_deck_toml
from desktop.core.srs.decks import _header_lines
from tests.core.test_srs_support import INTRO, PARAMS


def _same_as_tomllib(text: str) -> None:
    fast = parse_deck_toml(text)
    assert fast is not None, "the subset reader gave up on a plain deck file"
    data, headers = fast
    assert data == tomllib.loads(text)
    assert headers == _header_lines(text)


@pytest.mark.parametrize("path", sorted((CONTENT_DIR / "cards").glob("*.toml")), ids=lambda p: p.name)
def test_every_deck_file_reads_the_same_as_with_tomllib(path: Path) -> None:
    _same_as_tomllib(path.read_text(encoding="utf-8"))


def test_the_test_decks_and_edge_cases_read_the_same() -> None:
    _same_as_tomllib(INTRO)
    _same_as_tomllib(PARAMS)
    _same_as_tomllib(
        '# a comment\r\ndeck = "x"   # trailing comment with "quotes" and # hashes\r\n\r\n[ title ]\n'
        "pt-BR = 'literal \\n stays'\nen = \"escapes: \\t \\\" \\\\ \\u00e9 \\U0001F600 # not a comment\"\n"
        '[[ cards ]]\nid = "a"\nkind = "choice"\n[cards.pt-BR]\nquestion = ""\n'
        'distractors = [ "x" , \'y\',"z", ]  # three\nempty = []\n[cards . en]\nquestion = "\tq"\n'
    )


@pytest.mark.parametrize("text", [
    'deck = "x"\ncount = 3\n',  # a number
    'text = """multi\nline"""\n',  # a multi-line string
    'a = [\n  "x",\n]\n',  # a multi-line array
    '"quoted key" = "x"\n',
    'a.b = "x"\n',  # a dotted key
    "[cards.pt-BR]\nfront = 'x'\n",  # a sub-table before any [[cards]]
    '[title]\n[title]\n',  # a table twice
    'a = "x"\na = "y"\n',  # a key twice
    'a = "bad \\q escape"\n',
    'a = "x" junk\n',
    'a = [,]\n',
    'a = ["x",, "y"]\n',
    'a = "x"\rb = "y"\n',
    '\ufeffa = "x"\n',
    'a = "control \x01 char"\n',
    "[[cards]]\n[[cards.x]]\n",
])
def test_anything_outside_the_subset_is_left_to_tomllib(text: str) -> None:
    assert parse_deck_toml(text) is None
