"""The shared reading of tomllib's errors: a line number and a reason without tomllib's position."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.core.lessons import load_glossary, load_lessons
from desktop.core.llm.catalog import CatalogError, load_catalog
from desktop.core.toml_errors import toml_error_location


def _error(text: str) -> tomllib.TOMLDecodeError:
    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads(text)
    return info.value


def test_a_position_becomes_the_line_and_leaves_the_reason() -> None:
    text = 'a = 1\nb = }\n'
    assert toml_error_location(_error(text), text) == (2, "Invalid value")


@pytest.mark.parametrize("text", ["a = 1\nb = [1,", "a = 1\nb = [1,\n"])
def test_a_text_cut_short_is_placed_on_its_last_line(text: str) -> None:
    assert toml_error_location(_error(text), text) == (2, "Invalid value at the end of the file")
    assert toml_error_location(_error(text), text, "the front matter")[1].endswith("at the end of the front matter")


def test_front_matter_cut_short_names_its_last_line(tmp_path: Path) -> None:
    folder = tmp_path / "lessons" / "en"
    folder.mkdir(parents=True)
    (folder / "01-cut.md").write_text('+++\nid = "cut"\ntitle = "Cut"\norder = [1,\n+++\n\n# Cut {#cut}\n')
    (problem,) = load_lessons("en", tmp_path).problems
    assert problem.line == 4 and problem.fatal
    assert problem.message == "front matter is not valid TOML: Invalid value at the end of the front matter"


def test_glossary_cut_short_names_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text('[[term]]\nid = "x"\nlesson = [\n')
    (problem,) = load_glossary(path).problems
    assert (problem.line, problem.message) == (3, "the glossary is not valid TOML: Invalid value at the end of the file")


def test_a_broken_catalog_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text('[[model]]\nid = "x"\nname = \n')
    with pytest.raises(CatalogError, match=r"catalog\.toml:3: Invalid value$"):
        load_catalog(path)
