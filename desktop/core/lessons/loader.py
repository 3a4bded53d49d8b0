"""Loading lesson files: TOML front matter between `+++` lines, then Markdown (content/FORMAT.md).

A broken lesson never stops the others from loading. Every problem is a `ContentProblem` naming the file and the
line, so the page can show "content/lessons/en/02-parameters.md:4: …" and the content test can fail CI with the
same words. Fatal problems (no front matter, bad TOML, no id/title/order, unreadable file) leave the lesson out;
the others (a missing deck, raw HTML, a heading without an anchor…) are reported and the lesson still loads.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.lessons.html_tree import Element
from desktop.core.lessons.render import Heading, render_markdown
from desktop.core.paths import CONTENT_DIR
from desktop.core.toml_errors import toml_error_location

LANGUAGES = ("pt-BR", "en")
DEFAULT_LANGUAGE = "pt-BR"
REQUIRED_FIELDS: dict[str, type] = {"id": str, "title": str, "order": int}
EXPECTED_FIELDS: dict[str, type] = {"deck": str, "labs": list, "summary": str}
ADMONITION_KINDS = frozenset({"notes", "correction", "tip", "example", "info", "note", "warning"})

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*$")
_EXPLICIT_ANCHOR = re.compile(r"\{[^}]*#[A-Za-z0-9_-]+[^}]*\}\s*$")
_ADMONITION = re.compile(r"^\s*!!!\s+([A-Za-z-]+)")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ContentProblem:
    """Something wrong in a content file, with where it is. `fatal` means the file could not be used at all."""

    path: Path
    line: int
    message: str
    fatal: bool = False

    @property
    def location(self) -> str:
        try:
            shown = self.path.resolve().relative_to(CONTENT_DIR.parent)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}" if self.line else str(shown)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class Lesson:
    id: str
    lang: str
    title: str
    order: int
    path: Path
    markdown: str  # the body, without front matter
    body_line: int  # line number of the body's first line in the file
    html: str  # sanitized HTML
    headings: list[Heading]
    anchors: set[str]
    tree: Element
    deck: str = ""
    labs: list[str] = field(default_factory=list)
    summary: str = ""
    front_matter: dict[str, Any] = field(default_factory=dict)

    def heading_title(self, anchor: str) -> str:
        for heading in self.headings:
            if heading.anchor == anchor:
                return heading.title
        return self.title


@dataclass
class LessonLibrary:
    """The lessons of one language, in course order, and what went wrong while loading them."""

    lang: str
    lessons: list[Lesson]
    problems: list[ContentProblem]

    def get(self, lesson_id: str) -> Lesson | None:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        return None

    def ids(self) -> list[str]:
        return [lesson.id for lesson in self.lessons]

    def neighbours(self, lesson_id: str) -> tuple[Lesson | None, Lesson | None]:
        ids = self.ids()
        if lesson_id not in ids:
            return None, None
        i = ids.index(lesson_id)
        return (self.lessons[i - 1] if i > 0 else None, self.lessons[i + 1] if i + 1 < len(ids) else None)


def lessons_dir(content_dir: Path, lang: str) -> Path:
    return content_dir / "lessons" / lang


def split_front_matter(text: str) -> tuple[str, str, int, int]:
    """Return (front matter TOML, Markdown body, line of the TOML's first line, line of the body's first line).

    Raises _Fatal(line, message) when the `+++` fences are missing."""
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise _Fatal(1, "the file is empty; a lesson starts with a front matter block between '+++' lines")
    if lines[first].strip() != "+++":
        raise _Fatal(first + 1, "a lesson must start with a front matter block between '+++' lines")
    for j in range(first + 1, len(lines)):
        if lines[j].strip() == "+++":
            return "".join(lines[first + 1 : j]), "".join(lines[j + 1 :]), first + 2, j + 2
    raise _Fatal(first + 1, "the front matter opened here is never closed with a '+++' line")


class _Fatal(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _parse_front_matter(toml_text: str, first_line: int) -> dict[str, Any]:
    try:
        return tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error_location(exc, toml_text, "the front matter")
        raise _Fatal(first_line + line - 1, f"front matter is not valid TOML: {reason}") from exc


def _field_line(toml_text: str, first_line: int, key: str) -> int:
    for i, line in enumerate(toml_text.splitlines()):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return first_line + i
    return first_line - 1  # the opening '+++'


def lint_markdown(body: str, body_line: int) -> list[tuple[int, str]]:
    """Structural checks the Markdown renderer itself would silently accept."""
    found: list[tuple[int, str]] = []
    fence_open: int | None = None
    fence_mark = ""
    for i, line in enumerate(body.splitlines()):
        lineno = body_line + i
        fence = _FENCE.match(line)
        if fence:
            if fence_open is None:
                fence_open, fence_mark = lineno, fence.group(1)
            elif fence.group(1) == fence_mark:
                fence_open = None
            continue
        if fence_open is not None:
            continue
        heading = _HEADING.match(line)
        if heading and not _EXPLICIT_ANCHOR.search(heading.group(2)):
            found.append((lineno, f"heading {heading.group(2)!r} has no explicit anchor {{#some-id}}"))
        admonition = _ADMONITION.match(line)
        if admonition and admonition.group(1).lower() not in ADMONITION_KINDS:
            found.append((lineno, f"unknown admonition type {admonition.group(1)!r}"))
    if fence_open is not None:
        found.append((fence_open, "this code block is never closed (missing closing ```)"))
    return found


def _line_of(snippet: str, body: str, body_line: int) -> int:
    for i, line in enumerate(body.splitlines()):
        if snippet in line:
            return body_line + i
    return body_line


# Python-Markdown's inline pass costs time with the square of a paragraph's length (a 488 KB paragraph took 4 s,
# 5 MB almost 3 minutes). Real lessons are ~16 KB with paragraphs under 2,000 characters; these limits keep the
# worst case linear and short (a quarter of a second) while leaving ample room.
MAX_LESSON_CHARS = 512 * 1024
MAX_PARAGRAPH_CHARS = 20_000
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")


def _check_size(text: str) -> None:
    if len(text) > MAX_LESSON_CHARS:
        raise _Fatal(1, f"the file has {len(text):,} characters; a lesson can have at most {MAX_LESSON_CHARS:,} "
                        "(split it into several lessons)")


def _check_paragraphs(body: str, body_line: int) -> None:
    line = body_line
    start = 0
    for match in [*_BLOCK_SPLIT.finditer(body), None]:
        end = match.start() if match else len(body)
        if end - start > MAX_PARAGRAPH_CHARS:
            raise _Fatal(line, f"this paragraph has {end - start:,} characters; at most {MAX_PARAGRAPH_CHARS:,} "
                               "fit in one (add blank lines between paragraphs)")
        if match:
            line += body.count("\n", start, match.end())
            start = match.end()


def parse_lesson(path: Path, lang: str, text: str | None = None) -> tuple[Lesson | None, list[ContentProblem]]:
    """Parse one lesson file. Returns (lesson or None when it cannot be used, problems)."""
    problems: list[ContentProblem] = []
    try:
        if text is None:
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise _Fatal(line, f"the file is not UTF-8 text (byte {exc.start})") from exc
        text = text.removeprefix("\ufeff")  # a BOM some editors add is not part of the front matter
        _check_size(text)
        toml_text, body, first_line, body_line = split_front_matter(text)
        _check_paragraphs(body, body_line)
        meta = _parse_front_matter(toml_text, first_line)
        for key, kind in REQUIRED_FIELDS.items():
            if key not in meta:
                raise _Fatal(first_line - 1, f"front matter has no {key!r} field")
            if not isinstance(meta[key], kind) or isinstance(meta[key], bool):
                raise _Fatal(
                    _field_line(toml_text, first_line, key),
                    f"front matter field {key!r} must be a {kind.__name__}, not {type(meta[key]).__name__}",
                )
        if not meta["id"] or not _ID.match(meta["id"]):
            raise _Fatal(_field_line(toml_text, first_line, "id"), f"lesson id {meta['id']!r} is not a kebab-case id")
    except _Fatal as exc:
        return None, [ContentProblem(path, exc.line, exc.message, fatal=True)]
    except OSError as exc:
        return None, [ContentProblem(path, 0, f"cannot read the file ({exc.strerror or exc})", fatal=True)]

    def note(line: int, message: str) -> None:
        problems.append(ContentProblem(path, line, message))

    for key, kind in EXPECTED_FIELDS.items():
        if key not in meta:
            note(first_line - 1, f"front matter has no {key!r} field")
        elif not isinstance(meta[key], kind):
            note(_field_line(toml_text, first_line, key), f"front matter field {key!r} must be a {kind.__name__}")
            meta.pop(key)
    labs = meta.get("labs", [])
    if not all(isinstance(x, str) for x in labs):
        note(_field_line(toml_text, first_line, "labs"), "every entry of 'labs' must be a link string")
        labs = [x for x in labs if isinstance(x, str)]
    unknown = sorted(set(meta) - set(REQUIRED_FIELDS) - set(EXPECTED_FIELDS))
    for key in unknown:
        note(_field_line(toml_text, first_line, key), f"unknown front matter field {key!r}")
    stem_id = re.sub(r"^\d+-", "", path.stem)
    if stem_id != meta["id"]:
        note(_field_line(toml_text, first_line, "id"), f"the file name says {stem_id!r} but the id is {meta['id']!r}")

    for line, message in lint_markdown(body, body_line):
        note(line, message)
    try:
        rendered = render_markdown(body)
    except Exception as exc:  # noqa: BLE001 - Markdown extensions can raise anything; the page must survive
        return None, [*problems, ContentProblem(path, body_line, f"the Markdown could not be rendered: {exc}", True)]
    for snippet in rendered.raw_html:
        note(_line_of(snippet, body, body_line), f"raw HTML is not allowed in lessons (shown as text): {snippet}")

    lesson = Lesson(
        id=meta["id"],
        lang=lang,
        title=meta["title"],
        order=meta["order"],
        path=path,
        markdown=body,
        body_line=body_line,
        html=rendered.html,
        headings=rendered.headings,
        anchors=rendered.anchors,
        tree=rendered.tree,
        deck=str(meta.get("deck", "")),
        labs=list(labs),
        summary=str(meta.get("summary", "")),
        front_matter=meta,
    )
    return lesson, problems


def load_lessons(lang: str, content_dir: Path = CONTENT_DIR) -> LessonLibrary:
    """Load every `*.md` lesson of one language, in course order (front matter `order`, then id)."""
    folder = lessons_dir(content_dir, lang)
    lessons: list[Lesson] = []
    problems: list[ContentProblem] = []
    if not folder.is_dir():
        problems.append(ContentProblem(folder, 0, f"there is no lesson folder for language {lang!r}", fatal=True))
        return LessonLibrary(lang, lessons, problems)
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")):
        lesson, found = parse_lesson(path, lang)
        problems.extend(found)
        if lesson is None:
            continue
        if lesson.id in seen:
            problems.append(
                ContentProblem(path, 2, f"lesson id {lesson.id!r} is already used by {seen[lesson.id].name}", True)
            )
            continue
        seen[lesson.id] = path
        lessons.append(lesson)
    lessons.sort(key=lambda item: (item.order, item.id))
    return LessonLibrary(lang, lessons, problems)
