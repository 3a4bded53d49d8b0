"""Checking `studydesk://` links in lessons and the glossary (content/FORMAT.md, "Links").

A link that does not resolve must fail CI (tests/core/test_content.py), not surprise a student at run time. This
module knows every place a link may point to and every parameter each place accepts, with the values it allows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.lessons.glossary import Glossary
from desktop.core.lessons.loader import ContentProblem, Lesson
from desktop.core.links import LinkError, parse_link
from desktop.core.paths import CONTENT_DIR

Check = Callable[[str], bool]


def _number(low: float = -math.inf, high: float = math.inf, integer: bool = False) -> Check:
    def ok(value: str) -> bool:
        try:
            number = int(value) if integer else float(value)
        except ValueError:
            return False
        return math.isfinite(number) and low <= number <= high

    return ok


def _one_of(*choices: str) -> Check:
    return lambda value: value in choices


def _text(value: str) -> bool:
    return bool(value.strip())


# (host, path) -> {parameter: check}; deck parameters are checked against the deck files separately.
ROUTES: dict[tuple[str, str], dict[str, Check]] = {
    ("lab", "sampling"): {
        "prompt": _text,
        "temperature": _number(0.0, 10.0),
        "top_k": _number(0, 1_000_000, integer=True),
        "top_p": _number(0.0, 1.0),
        "min_p": _number(0.0, 1.0),
        "mode": _one_of("greedy", "random"),
        "seed": _number(0, 2**32 - 1, integer=True),
        "max_new_tokens": _number(1, 100_000, integer=True),
    },
    ("tokenizer", ""): {"text": _text},
    ("memory", ""): {
        "params": _number(1.0, 1e15),
        "dtype": _one_of("fp32", "fp16", "bf16", "int8", "int4", "q8_0", "q4_k_m"),
        "mode": _one_of("inference", "training", "lora", "qlora"),
        "optimizer": _one_of("adam", "adam8bit", "sgd"),
        "preset": _one_of("course"),
    },
    ("memory", "quantization"): {"value": _number()},
    ("scaling", ""): {"params": _number(1.0, 1e15), "tokens": _number(1.0, 1e18), "compute": _number(1.0, 1e32)},
    ("cards", "review"): {"deck": _text},
    ("cards", "quiz"): {"deck": _text},
    ("models", ""): {},
    ("inside", "attention"): {
        "prompt": _text,
        "layer": _number(0, 1000, integer=True),
        "head": lambda value: value == "avg" or _number(0, 1000, integer=True)(value),
    },
    ("inside", "lens"): {"prompt": _text, "position": _number(0, 100_000, integer=True)},
    ("inside", "surprisal"): {"text": _text},
}


@dataclass
class LinkTargets:
    """Everything a link may point to: lessons (with their anchors), glossary terms and card decks."""

    lessons: dict[str, set[str]] = field(default_factory=dict)
    glossary: set[str] = field(default_factory=set)
    decks: set[str] = field(default_factory=set)


def deck_ids(content_dir: Path = CONTENT_DIR) -> set[str]:
    return {p.stem for p in (content_dir / "cards").glob("*.toml")}


def check_link(url: str, targets: LinkTargets, own_anchors: set[str] | None = None) -> str | None:
    """None when `url` resolves; otherwise why not, in words."""
    if url.startswith("#"):
        if own_anchors is not None and url[1:] not in own_anchors:
            return f"anchor {url!r} is not a heading id in this lesson"
        return None
    if not url.startswith("studydesk://"):
        return f"only studydesk:// links and #anchors are allowed (cite outside sources as text): {url}"
    try:
        link = parse_link(url)
    except LinkError as exc:
        return str(exc)
    if link.host in ("lesson", "lessons"):
        if link.params:
            return f"a lesson link takes no parameters: {url}"
        if link.path not in targets.lessons:
            return f"no lesson with id {link.path!r}: {url}"
        if link.fragment and link.fragment not in targets.lessons[link.path]:
            return f"lesson {link.path!r} has no heading anchor {link.fragment!r}: {url}"
        return None
    if link.host == "glossary":
        if link.path not in targets.glossary:
            return f"no glossary term with id {link.path!r}: {url}"
        return None
    rules = ROUTES.get((link.host, link.path))
    if rules is None:
        places = ", ".join(sorted(f"{h}/{p}".rstrip("/") for h, p in ROUTES))
        return f"studydesk://{link.host}/{link.path} is not a known place (known: {places}): {url}"
    if link.fragment:
        return f"only lesson links may have a #fragment: {url}"
    for name, value in link.params.items():
        check = rules.get(name)
        if check is None:
            return f"{link.host} links do not take the parameter {name!r} (known: {', '.join(sorted(rules))}): {url}"
        if not check(value):
            return f"bad value {value!r} for {name!r}: {url}"
    deck = link.params.get("deck")
    if link.host == "cards":
        if deck is None:
            return f"a cards link needs ?deck=<lesson-id>: {url}"
        if deck not in targets.decks:
            return f"no card deck {deck!r} (content/cards/{deck}.toml): {url}"
    return None


def _line_in(text: str, needle: str, first_line: int) -> int:
    for i, line in enumerate(text.splitlines()):
        if needle in line:
            return first_line + i
    return first_line


def lesson_hrefs(lesson: Lesson) -> list[str]:
    return [el.attrs["href"] for el in lesson.tree.iter() if el.tag == "a" and "href" in el.attrs]


def check_lesson_links(lesson: Lesson, targets: LinkTargets) -> list[ContentProblem]:
    """Every link of a lesson (front matter deck and labs, and every <a href> the Markdown renders)."""
    problems: list[ContentProblem] = []
    source = lesson.path.read_text(encoding="utf-8") if lesson.path.exists() else lesson.markdown
    if lesson.deck and lesson.deck not in targets.decks:
        problems.append(
            ContentProblem(lesson.path, _line_in(source, "deck", 1), f"no card deck {lesson.deck!r} for 'deck'")
        )
    for url in lesson.labs:
        error = check_link(url, targets)
        if error:
            problems.append(ContentProblem(lesson.path, _line_in(source, url, 1), f"in 'labs': {error}"))
    for href in lesson_hrefs(lesson):
        error = check_link(href, targets, lesson.anchors)
        if error:
            problems.append(ContentProblem(lesson.path, _line_in(lesson.markdown, href, lesson.body_line), error))
    return problems


def check_glossary_links(glossary: Glossary, targets: LinkTargets) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for term in glossary.terms:
        error = check_link(term.link, targets)
        if error:
            problems.append(ContentProblem(glossary.path, term.line, f"term {term.id!r}: {error}"))
    return problems
