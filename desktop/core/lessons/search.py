"""Full-text search across the lessons of one language, section by section.

Each lesson is cut at its headings (h1–h3 with an anchor), so a hit can jump straight to the right heading. Matching
is accent- and case-insensitive ("temperatura", "TEMPERATURA" and "temperatúra" are the same), every word of the
query must occur in the section, and a word also matches longer words it starts or is contained in
("parametro" finds "parâmetros"). A hit carries a snippet with the matches marked and the exact original text of the
first match, so the reader can highlight it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from desktop.core.lessons.html_tree import Element
from desktop.core.lessons.loader import Lesson
from desktop.core.lessons.textfold import find_all, fold, fold_with_map

SECTION_TAGS = ("h1", "h2", "h3")
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "pre", "table", "tr", "td", "th", "blockquote", "h1", "h2", "h3", "h4", "h5",
     "h6", "dt", "dd", "br", "hr"}
)
MIN_TERM = 2
SNIPPET_BEFORE = 60
SNIPPET_AFTER = 120


@dataclass(frozen=True)
class Section:
    lesson_id: str
    lesson_title: str
    anchor: str  # "" = the top of the lesson
    heading: str
    text: str  # whitespace collapsed
    folded: str
    index: tuple[int, ...]  # folded position -> text position
    folded_heading: str


@dataclass(frozen=True)
class SearchHit:
    lesson_id: str
    lesson_title: str
    anchor: str
    heading: str
    snippet: str  # plain text
    snippet_html: str  # escaped, matches in <b>
    match: str  # the original text of the first match (for highlighting in the reader)
    score: float


def _sections_of(lesson: Lesson) -> list[Section]:
    parts: list[tuple[str, str, list[str]]] = [("", lesson.title, [])]

    def walk(node: Element) -> None:
        for child in node.children:
            if isinstance(child, str):
                parts[-1][2].append(child)
                continue
            if child.tag in SECTION_TAGS and child.attrs.get("id"):
                title = " ".join(child.text().split())
                if len(parts) == 1 and not "".join(parts[0][2]).strip():
                    parts[0] = (child.attrs["id"], title, [title, " "])  # the lesson's title heading
                else:
                    parts.append((child.attrs["id"], title, [title, " "]))
                continue
            if child.tag in BLOCK_TAGS:
                parts[-1][2].append(" ")
            walk(child)
            if child.tag in BLOCK_TAGS:
                parts[-1][2].append(" ")

    walk(lesson.tree)
    sections: list[Section] = []
    for anchor, heading, chunks in parts:
        text = " ".join("".join(chunks).split())
        if not text:
            continue
        folded, index = fold_with_map(text)
        sections.append(
            Section(lesson.id, lesson.title, anchor, heading, text, folded, tuple(index), fold(heading))
        )
    return sections


def query_terms(query: str) -> list[str]:
    return [t for t in fold(query).split() if len(t) >= MIN_TERM]


class SearchIndex:
    def __init__(self, lessons: list[Lesson]) -> None:
        self.sections: list[Section] = [s for lesson in lessons for s in _sections_of(lesson)]
        self._order = {lesson.id: n for n, lesson in enumerate(lessons)}

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        terms = query_terms(query)
        if not terms:
            return []
        phrase = " ".join(terms)
        hits: list[SearchHit] = []
        for section in self.sections:
            positions = {term: find_all(section.folded, term) for term in terms}
            if not all(positions.values()):
                continue
            phrase_at = find_all(section.folded, phrase) if len(terms) > 1 else positions[terms[0]]
            score = float(sum(min(len(p), 10) for p in positions.values()))
            score += 5.0 * sum(1 for term in terms if term in section.folded_heading)
            score += 10.0 * min(len(phrase_at), 3) if len(terms) > 1 else 0.0
            first = phrase_at[0] if phrase_at else min(p[0] for p in positions.values())
            length = len(phrase) if phrase_at else len(next(t for t in terms if first in positions[t]))
            hits.append(self._hit(section, terms, first, length, score))
        hits.sort(key=lambda h: (-h.score, self._order.get(h.lesson_id, 0)))
        return hits[:limit]

    def _hit(self, section: Section, terms: list[str], first: int, length: int, score: float) -> SearchHit:
        text, index = section.text, section.index
        start_orig = index[first]
        end_orig = index[first + length - 1] + 1
        match = text[start_orig:end_orig]

        lo = max(0, start_orig - SNIPPET_BEFORE)
        hi = min(len(text), end_orig + SNIPPET_AFTER)
        if lo > 0:  # cut at a word boundary
            space = text.find(" ", lo)
            lo = space + 1 if 0 <= space < start_orig else lo
        if hi < len(text):
            space = text.rfind(" ", end_orig, hi)
            hi = space if space > end_orig else hi
        # Mark every occurrence of every term inside the window.
        marks: list[tuple[int, int]] = []
        for term in terms:
            for pos in find_all(section.folded, term):
                a, b = index[pos], index[pos + len(term) - 1] + 1
                if a >= lo and b <= hi:
                    marks.append((a, b))
        marks.sort()
        merged: list[tuple[int, int]] = []
        for a, b in marks:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        html_parts: list[str] = []
        cursor = lo
        for a, b in merged:
            html_parts.append(escape(text[cursor:a]))
            html_parts.append(f"<b>{escape(text[a:b])}</b>")
            cursor = b
        html_parts.append(escape(text[cursor:hi]))
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(text) else ""
        return SearchHit(
            lesson_id=section.lesson_id,
            lesson_title=section.lesson_title,
            anchor=section.anchor,
            heading=section.heading,
            snippet=prefix + text[lo:hi] + suffix,
            snippet_html=prefix + "".join(html_parts) + suffix,
            match=match,
            score=score,
        )
