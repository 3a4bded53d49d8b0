"""The glossary (content/glossary.toml): every term of the notes, in both languages, linked to its lesson.

Problems name the file and the line of the `[[term]]` entry; a broken entry is left out and the others load.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.lessons.loader import LANGUAGES, ContentProblem
from desktop.core.lessons.textfold import fold
from desktop.core.paths import CONTENT_DIR
from desktop.core.toml_errors import toml_error_location

GLOSSARY_PATH = CONTENT_DIR / "glossary.toml"


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    lesson: str
    anchor: str
    entries: dict[str, GlossaryEntry]
    line: int = 0

    def entry(self, lang: str) -> GlossaryEntry:
        """The entry in `lang`, or in the other language when this one is missing."""
        if lang in self.entries:
            return self.entries[lang]
        return next(iter(self.entries.values()))

    def name(self, lang: str) -> str:
        return self.entry(lang).term

    def definition(self, lang: str) -> str:
        return self.entry(lang).definition

    @property
    def link(self) -> str:
        return f"studydesk://lesson/{self.lesson}#{self.anchor}" if self.anchor else f"studydesk://lesson/{self.lesson}"


@dataclass
class Glossary:
    terms: list[GlossaryTerm] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)
    path: Path = GLOSSARY_PATH

    def get(self, term_id: str) -> GlossaryTerm | None:
        for term in self.terms:
            if term.id == term_id:
                return term
        return None

    def ids(self) -> list[str]:
        return [t.id for t in self.terms]

    def sorted(self, lang: str) -> list[GlossaryTerm]:
        return sorted(self.terms, key=lambda t: fold(t.name(lang)))

    def search(self, query: str, lang: str) -> list[GlossaryTerm]:
        """Terms whose name (either language), id or definition contains every word of the query.

        Names that start with the query come first, then names that contain it, then definitions."""
        words = fold(query).split()
        if not words:
            return self.sorted(lang)
        ranked: list[tuple[int, str, GlossaryTerm]] = []
        for term in self.terms:
            name = fold(term.name(lang))
            names = " ".join([name, *(fold(e.term) for e in term.entries.values()), term.id.replace("-", " ")])
            definition = fold(term.definition(lang))
            joined = " ".join(words)
            if name.startswith(joined):
                rank = 0
            elif all(w in names for w in words):
                rank = 1
            elif all(w in names or w in definition for w in words):
                rank = 2
            else:
                continue
            ranked.append((rank, name, term))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [term for _, _, term in ranked]


def _term_lines(text: str) -> list[int]:
    return [i + 1 for i, line in enumerate(text.splitlines()) if line.strip().startswith("[[term]]")]


def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    glossary = Glossary(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        glossary.problems.append(ContentProblem(path, 0, "the glossary file is missing", fatal=True))
        return glossary
    except (OSError, UnicodeDecodeError) as exc:
        glossary.problems.append(ContentProblem(path, 0, f"cannot read the glossary ({exc})", fatal=True))
        return glossary
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error_location(exc, text)
        glossary.problems.append(ContentProblem(path, line, f"the glossary is not valid TOML: {reason}", True))
        return glossary

    entries = data.get("term", [])
    lines = _term_lines(text)
    if not isinstance(entries, list) or not entries:
        glossary.problems.append(ContentProblem(path, 1, "the glossary has no [[term]] entries", fatal=True))
        return glossary
    seen: set[str] = set()
    for n, raw in enumerate(entries):
        line = lines[n] if n < len(lines) else 0

        def bad(message: str, line: int = line, fatal: bool = True) -> None:
            glossary.problems.append(ContentProblem(path, line, message, fatal=fatal))

        if not isinstance(raw, dict):
            bad("a [[term]] entry must be a table")
            continue
        term_id = raw.get("id")
        if not isinstance(term_id, str) or not term_id:
            bad("this [[term]] has no 'id'")
            continue
        if term_id in seen:
            bad(f"term id {term_id!r} is defined twice")
            continue
        lesson, anchor = raw.get("lesson"), raw.get("anchor", "")
        if not isinstance(lesson, str) or not lesson:
            bad(f"term {term_id!r} has no 'lesson'")
            continue
        if not isinstance(anchor, str):
            bad(f"term {term_id!r}: 'anchor' must be a string")
            continue
        langs: dict[str, GlossaryEntry] = {}
        for lang in LANGUAGES:
            block = raw.get(lang)
            if not isinstance(block, dict):
                bad(f"term {term_id!r} has no [term.{lang}] table", fatal=False)
                continue
            name, definition = block.get("term"), block.get("definition")
            if not isinstance(name, str) or not name.strip():
                bad(f"term {term_id!r} has no {lang} 'term'", fatal=False)
                continue
            if not isinstance(definition, str) or not definition.strip():
                bad(f"term {term_id!r} has no {lang} 'definition'", fatal=False)
                continue
            langs[lang] = GlossaryEntry(name.strip(), definition.strip())
        if not langs:  # neither language usable: the entry cannot be shown at all
            continue
        seen.add(term_id)
        glossary.terms.append(GlossaryTerm(term_id, lesson, anchor, langs, line))
    return glossary
