"""Markdown → safe HTML for lessons (Python-Markdown with toc, tables, admonition, attr_list, fenced_code).

Raw HTML is never passed through: Python-Markdown's raw-HTML block preprocessor is removed and its inline HTML
pattern is replaced by one that keeps the markup as visible, escaped text and records it, so the loader can name
the line. The result is then run through the allow-list sanitizer, because attr_list can still attach arbitrary
attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import markdown
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.util import AtomicString

from desktop.core.lessons.html_tree import Element, parse_html, serialize
from desktop.core.lessons.sanitize import sanitize_tree

EXTENSIONS = ["toc", "tables", "admonition", "attr_list", "fenced_code"]
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    title: str


@dataclass
class RenderedMarkdown:
    html: str  # sanitized
    headings: list[Heading]
    anchors: set[str]  # every id in the rendered HTML
    raw_html: list[str] = field(default_factory=list)  # raw HTML snippets found (and neutralised) in the source
    tree: Element = field(default_factory=lambda: Element("#root"))


class _RawHtmlAsText(InlineProcessor):
    """Shows raw inline HTML as literal text and remembers it."""

    def __init__(self, pattern: str, md: markdown.Markdown, found: list[str]) -> None:
        super().__init__(pattern, md)
        self.found = found

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # noqa: N802 (Markdown API)
        self.found.append(m.group(1))
        return AtomicString(m.group(1)), m.start(0), m.end(0)


def _markdown(found: list[str]) -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.register(_RawHtmlAsText(HTML_RE, md, found), "html", 90)
    return md


def render_markdown(text: str) -> RenderedMarkdown:
    found: list[str] = []
    md = _markdown(found)
    raw = md.convert(text)
    tree = sanitize_tree(parse_html(raw))
    headings: list[Heading] = []
    anchors: set[str] = set()
    for el in tree.iter():
        anchor = el.attrs.get("id")
        if anchor:
            anchors.add(anchor)
        if el.tag in HEADING_TAGS and anchor:
            headings.append(Heading(int(el.tag[1]), anchor, " ".join(el.text().split())))
    return RenderedMarkdown(serialize(tree), headings, anchors, found, tree)
