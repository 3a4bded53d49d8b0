"""Card decks from content/cards/<deck>.toml (format: content/FORMAT.md).

A file that is not valid TOML is reported with its file name and line and skipped; the other decks still load.
A card with a missing or wrong field is reported (file, line of its `[[cards]]` header) and skipped; the rest of
its deck still loads. Every card is bilingual: one id, one scheduling history, texts per language.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.paths import CONTENT_DIR

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
_TOML_POS_RE = re.compile(r"at line (\d+), column (\d+)")
_CARD_HEADER_RE = re.compile(r"^[ \t]*\[\[[ \t]*cards[ \t]*\]\]", re.MULTILINE)


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
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

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

    @property
    def cards(self) -> dict[str, CardContent]:
        return {card.id: card for deck in self.decks.values() for card in deck.cards}


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
    return [text.count("\n", 0, m.start()) + 1 for m in _CARD_HEADER_RE.finditer(text)]


def load_deck_file(path: Path, seen_ids: dict[str, Path] | None = None,
                   broken_ids: set[str] | None = None) -> tuple[Deck | None, list[DeckError]]:
    """One deck file. Returns (None, [error]) when the file is not readable TOML."""
    seen_ids = {} if seen_ids is None else seen_ids
    broken_ids = set() if broken_ids is None else broken_ids
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [DeckError(path, None, f"cannot be read ({exc})")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POS_RE.search(str(exc))
        line = int(match.group(1)) if match else None
        message = _TOML_POS_RE.sub("", str(exc)).replace("()", "").strip() or "invalid TOML"
        return None, [DeckError(path, line, f"not valid TOML: {message}")]

    errors: list[DeckError] = []
    deck_id = data.get("deck", path.stem)
    if not isinstance(deck_id, str) or not ID_RE.match(deck_id):
        return None, [DeckError(path, 1, f"deck must be a short id like {path.stem!r}, got {deck_id!r}")]
    title_raw = data.get("title", {})
    title = {k: str(v) for k, v in title_raw.items()} if isinstance(title_raw, dict) else {}
    if not title:
        title = {lang: deck_id for lang in LANGUAGES}
    deck = Deck(id=deck_id, title=title, path=path)

    raw_cards = data.get("cards", [])
    if not isinstance(raw_cards, list):
        return None, [DeckError(path, 1, "cards must be an array of tables ([[cards]])")]
    lines = _header_lines(text)
    for index, raw in enumerate(raw_cards):
        line = lines[index] if index < len(lines) else None
        card, problem = _parse_card(raw, deck_id, len(deck.cards))
        if problem is None and card is not None and card.id in seen_ids:
            problem = f"card id {card.id!r} is already used in {seen_ids[card.id].name}"
        if problem is not None or card is None:
            errors.append(DeckError(path, line, problem or "not a card"))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                broken_ids.add(raw["id"])
            continue
        seen_ids[card.id] = path
        deck.cards.append(card)
    return deck, errors


def _parse_card(raw: Any, deck_id: str, position: int) -> tuple[CardContent | None, str | None]:
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
    return CardContent(card_id, deck_id, kind, texts, anchor, "content", position), None


def load_decks(cards_dir: Path = CARDS_DIR, files: Iterable[Path] | None = None) -> DeckSet:
    """Every *.toml deck in `cards_dir`, in file-name order, with the problems found."""
    result = DeckSet()
    seen: dict[str, Path] = {}
    paths = sorted(files) if files is not None else (sorted(cards_dir.glob("*.toml")) if cards_dir.is_dir() else [])
    for path in paths:
        deck, errors = load_deck_file(path, seen, result.broken_ids)
        result.errors.extend(errors)
        if deck is None:
            result.failed_files.append(path)
            continue
        if deck.id in result.decks:
            other = result.decks[deck.id].path
            result.errors.append(DeckError(path, 1, f"deck {deck.id!r} is already defined in {other.name if other else '?'}"))
            for card in deck.cards:
                seen.pop(card.id, None)
            result.failed_files.append(path)
            continue
        result.decks[deck.id] = deck
    return result
