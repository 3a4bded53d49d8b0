"""Card decks from content/cards/<deck>.toml (format: content/FORMAT.md).

A file that is not valid TOML is reported with its file name and line and skipped; the other decks still load.
A card with a missing or wrong field is reported (file, line of its `[[cards]]` header) and skipped; the rest of
its deck still loads. Every card is bilingual: one id, one scheduling history, texts per language.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.core.paths import CONTENT_DIR
from desktop.core.srs.deck_toml import parse_deck_toml
from desktop.core.toml_errors import toml_error_location

CARDS_DIR = CONTENT_DIR / "cards"
LANGUAGES = ("pt-BR", "en")
KINDS = ("basic", "cloze", "choice")
FIELDS_OF_KIND: dict[str, tuple[str, ...]] = {
    "basic": ("front", "back"),
    "cloze": ("text",),
    "choice": ("question", "answer", "distractors", "explanation"),
}
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
_CARD_HEADER_RE = re.compile(r"^[ \t]*\[\[[ \t]*cards[ \t]*\]\]", re.MULTILINE)


# One encoder for every content hash (json.dumps with options builds a new one per call, which shows at 10k cards).
_HASH_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class DeckError:
    """A problem in a deck file, located for the student (line is 1-based, None when the file cannot be read)."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path.name}:{self.line}" if self.line else self.path.name
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CardContent:
    """What a card says, in each language it has. `source` is "content" (a deck file) or "user" (made in the app)."""

    id: str
    deck: str
    kind: str
    texts: Mapping[str, Mapping[str, Any]]
    anchor: str | None = None
    source: str = "content"
    position: int = 0  # order inside its deck, so new cards are introduced in the order the lesson teaches
    line: int = field(default=0, compare=False)  # line of its [[cards]] header, for messages

    def fields(self, language: str) -> Mapping[str, Any]:
        """The texts in `language`, or in the other language when this card has only one (user cards)."""
        if language in self.texts:
            return self.texts[language]
        for lang in LANGUAGES:
            if lang in self.texts:
                return self.texts[lang]
        return next(iter(self.texts.values()))

    @property
    def content_hash(self) -> str:
        """Changes whenever what the student sees changes (any language), never with file order."""
        payload = {"kind": self.kind, "anchor": self.anchor, "deck": self.deck, "texts": self.texts}
        return hashlib.sha256(_HASH_JSON.encode(payload).encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {"deck": self.deck, "kind": self.kind, "anchor": self.anchor, "texts": self.texts}

    @classmethod
    def from_user_json(cls, card_id: str, data: Mapping[str, Any]) -> CardContent:
        return cls(
            id=card_id,
            deck=str(data["deck"]),
            kind=str(data["kind"]),
            texts={str(k): dict(v) for k, v in data["texts"].items()},
            anchor=data.get("anchor"),
            source="user",
        )


def lesson_section(deck: str, anchor: str | None) -> tuple[str, str] | None:
    """(lesson id, heading anchor) a card drills: a plain anchor is in the lesson named like the deck (deck id ==
    lesson id); a deck that is no lesson's own (content/cards/inside.toml) writes "lesson-id#anchor"."""
    if not anchor:
        return None
    lesson, sep, heading = anchor.partition("#")
    return (lesson, heading) if sep else (deck, anchor)


@dataclass
class Deck:
    id: str
    title: dict[str, str]
    path: Path | None
    cards: list[CardContent] = field(default_factory=list)

    def title_for(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()), self.id)


@dataclass
class DeckSet:
    decks: dict[str, Deck] = field(default_factory=dict)
    errors: list[DeckError] = field(default_factory=list)
    # Files that did not load at all and ids of cards that failed to validate: their cards are not "removed",
    # so syncing must not retire them while the file is being fixed.
    failed_files: list[Path] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    fingerprint: str = ""  # changes whenever any deck file changes (syncing can be skipped when it did not)

    @property
    def cards(self) -> dict[str, CardContent]:
        return {card.id: card for deck in self.decks.values() for card in deck.cards}


def choice_options(content: CardContent, language: str) -> list[str]:
    """A choice card's four options in a stable order per card, so the right one is not always first; the same
    order in the review page and in an Anki export."""
    f = content.fields(language)
    options = [str(f["answer"]), *(str(d) for d in f["distractors"])]
    return sorted(options, key=lambda o: hashlib.sha1(f"{content.id}|{o}".encode()).hexdigest())


def validate_fields(kind: str, fields: Mapping[str, Any]) -> str | None:
    """Why these fields do not make a card of `kind`, or None when they do."""
    if kind not in KINDS:
        return f"kind must be one of {', '.join(KINDS)}, not {kind!r}"
    for name in FIELDS_OF_KIND[kind]:
        value = fields.get(name)
        if name == "distractors":
            if not isinstance(value, list) or len(value) != 3 or not all(isinstance(v, str) and v.strip() for v in value):
                return "distractors must be a list of exactly three non-empty strings"
            continue
        if not isinstance(value, str) or not value.strip():
            return f"{name} is missing or empty"
    if kind == "cloze" and not CLOZE_RE.search(str(fields["text"])):
        return "a cloze text needs at least one {{c1::…}} deletion"
    if kind == "choice":
        answer = str(fields["answer"]).strip()
        if answer in [str(d).strip() for d in fields["distractors"]]:
            return "the answer is also listed among the distractors"
    return None


def _header_lines(text: str) -> list[int]:
    lines, line, pos = [], 1, 0
    for m in _CARD_HEADER_RE.finditer(text):  # counted incrementally: linear in the file's size
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.append(line)
    return lines


def _parse_deck_text(path: Path, text: str) -> tuple[Deck | None, list[DeckError], set[str]]:
    """One deck file on its own (no cross-file checks). Returns (None, [error], ids) when it is not usable TOML."""
    broken: set[str] = set()
    fast = parse_deck_toml(text)
    if fast is not None:
        data, lines = fast
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, message = toml_error_location(exc, text)
            return None, [DeckError(path, line, f"not valid TOML: {message}")], broken
        lines = _header_lines(text)

    errors: list[DeckError] = []
    deck_id = data.get("deck", path.stem)
    if not isinstance(deck_id, str) or not ID_RE.match(deck_id):
        return None, [DeckError(path, 1, f"deck must be a short id like {path.stem!r}, got {deck_id!r}")], broken
    title_raw = data.get("title", {})
    title = {k: str(v) for k, v in title_raw.items()} if isinstance(title_raw, dict) else {}
    if not title:
        title = {lang: deck_id for lang in LANGUAGES}
    deck = Deck(id=deck_id, title=title, path=path)

    raw_cards = data.get("cards", [])
    if not isinstance(raw_cards, list):
        return None, [DeckError(path, 1, "cards must be an array of tables ([[cards]])")], broken
    seen: set[str] = set()
    for index, raw in enumerate(raw_cards):
        line = lines[index] if index < len(lines) else 0
        card, problem = _parse_card(raw, deck_id, len(deck.cards), line)
        if problem is None and card is not None and card.id in seen:
            problem = f"card id {card.id!r} appears twice in this file"
        if problem is not None or card is None:
            errors.append(DeckError(path, line or None, problem or "not a card"))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                broken.add(raw["id"])
            continue
        seen.add(card.id)
        deck.cards.append(card)
    if not raw_cards:
        # Not an error that stops the deck, but never silent: an emptied file retires every card it had.
        errors.append(DeckError(path, None, "has no cards (is the file empty?); the cards it had are out of review "
                                            "until it has them again, and their review history is kept"))
    return deck, errors, broken


def load_deck_file(path: Path, cache_dir: Path | None = None) -> tuple[Deck | None, list[DeckError], set[str], str]:
    """One deck file, through the parse cache when one is given. Returns (deck, errors, broken ids, file digest).

    Parsing TOML is by far the slowest part of opening a big collection (tomllib is pure Python), so the parsed
    result is kept in cache_dir keyed by the file's sha256; an edited file is simply parsed again."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [DeckError(path, None, f"cannot be read ({exc})")], set(), ""
    digest = hashlib.sha256(raw).hexdigest()
    cached = _read_cache(cache_dir, path, digest)
    if cached is not None:
        return (*cached, digest)
    deck, errors, broken = _parse_deck_text(path, text)
    _write_cache(cache_dir, path, digest, deck, errors, broken)
    return deck, errors, broken, digest


CACHE_VERSION = 2


def _cache_file(cache_dir: Path, path: Path) -> Path:
    return cache_dir / "decks" / f"{path.name}.json"


def _read_cache(cache_dir: Path | None, path: Path, digest: str) -> tuple[Deck | None, list[DeckError], set[str]] | None:
    if cache_dir is None:
        return None
    try:
        data = json.loads(_cache_file(cache_dir, path).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("digest") != digest:
            return None
        errors = [DeckError(path, e["line"], e["message"]) for e in data["errors"]]
        d = data["deck"]
        if d is None:
            return None, errors, set(data["broken"])
        deck = Deck(id=d["id"], title=d["title"], path=path)
        deck.cards = [
            CardContent(c["id"], d["id"], c["kind"], c["texts"], c["anchor"], "content", n, c["line"])
            for n, c in enumerate(d["cards"])
        ]
        return deck, errors, set(data["broken"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no cache, or a damaged one: parse the file


def _write_cache(cache_dir: Path | None, path: Path, digest: str, deck: Deck | None, errors: list[DeckError],
                 broken: set[str]) -> None:
    if cache_dir is None:
        return
    payload = {
        "version": CACHE_VERSION,
        "digest": digest,
        "errors": [{"line": e.line, "message": e.message} for e in errors],
        "broken": sorted(broken),
        "deck": None if deck is None else {
            "id": deck.id, "title": deck.title,
            "cards": [{"id": c.id, "kind": c.kind, "anchor": c.anchor, "texts": c.texts, "line": c.line}
                      for c in deck.cards],
        },
    }
    target = _cache_file(cache_dir, path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # the cache is only a speed-up


def _parse_card(raw: Any, deck_id: str, position: int, line: int = 0) -> tuple[CardContent | None, str | None]:
    if not isinstance(raw, dict):
        return None, "a card must be a table"
    card_id = raw.get("id")
    if not isinstance(card_id, str) or not ID_RE.match(card_id):
        return None, f"id must be a non-empty id of letters, digits, '-', '_' or '.', got {card_id!r}"
    kind = raw.get("kind")
    if kind not in KINDS:
        return None, f"card {card_id}: kind must be one of {', '.join(KINDS)}, got {kind!r}"
    anchor = raw.get("anchor")
    if anchor is not None and (not isinstance(anchor, str) or not anchor):
        return None, f"card {card_id}: anchor must be a heading anchor string"
    texts: dict[str, dict[str, Any]] = {}
    for lang in LANGUAGES:
        fields = raw.get(lang)
        if not isinstance(fields, dict):
            return None, f"card {card_id}: the [cards.{lang}] table is missing"
        problem = validate_fields(kind, fields)
        if problem:
            return None, f"card {card_id} ({lang}): {problem}"
        texts[lang] = {name: fields[name] for name in FIELDS_OF_KIND[kind]}
    return CardContent(card_id, deck_id, kind, texts, anchor, "content", position, line), None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading a big collection builds tens of thousands of small dicts and no reference cycles; left on, the cyclic
    garbage collector walks the growing heap again and again for nothing (half of the open time at 10k cards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_decks(cards_dir: Path = CARDS_DIR, files: Iterable[Path] | None = None,
               cache_dir: Path | None = None) -> DeckSet:
    """Every *.toml deck in `cards_dir`, in file-name order, with the problems found. With `cache_dir`, unchanged
    files are not parsed again."""
    with gc_paused():
        return _load_decks(cards_dir, files, cache_dir)


def _load_decks(cards_dir: Path, files: Iterable[Path] | None, cache_dir: Path | None) -> DeckSet:
    result = DeckSet()
    seen: dict[str, Path] = {}
    digests = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    paths = sorted(files) if files is not None else (sorted(cards_dir.glob("*.toml")) if cards_dir.is_dir() else [])
    for path in paths:
        deck, errors, broken, digest = load_deck_file(path, cache_dir)
        digests.update(f"{path.name}:{digest};".encode())
        result.errors.extend(errors)
        result.broken_ids |= broken
        if deck is None:
            result.failed_files.append(path)
            continue
        if deck.id in result.decks:
            other = result.decks[deck.id].path
            result.errors.append(DeckError(path, 1, f"deck {deck.id!r} is already defined in {other.name if other else '?'}"))
            result.failed_files.append(path)
            continue
        kept: list[CardContent] = []
        for card in deck.cards:
            if card.id in seen:
                result.errors.append(DeckError(path, card.line or None,
                                               f"card id {card.id!r} is already used in {seen[card.id].name}"))
                result.broken_ids.add(card.id)
                continue
            seen[card.id] = path
            kept.append(card)
        deck.cards = [replace(c, position=n) for n, c in enumerate(kept)] if len(kept) != len(deck.cards) else kept
        result.decks[deck.id] = deck
    result.fingerprint = digests.hexdigest()
    return result
