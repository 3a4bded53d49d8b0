"""Lessons: load content/lessons (front matter + Markdown), render safe HTML, search, glossary, read marks.

Qt-free; the Lessons page (desktop/ui/lessons_page.py) only shows what this package returns.
"""

from desktop.core.lessons.glossary import Glossary, GlossaryEntry, GlossaryTerm, load_glossary
from desktop.core.lessons.loader import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    ContentProblem,
    Lesson,
    LessonLibrary,
    load_lessons,
    parse_lesson,
)
from desktop.core.lessons.render import Heading, render_markdown
from desktop.core.lessons.sanitize import sanitize_html
from desktop.core.lessons.search import SearchHit, SearchIndex

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "ContentProblem",
    "Glossary",
    "GlossaryEntry",
    "GlossaryTerm",
    "Heading",
    "Lesson",
    "LessonLibrary",
    "SearchHit",
    "SearchIndex",
    "load_glossary",
    "load_lessons",
    "parse_lesson",
    "render_markdown",
    "sanitize_html",
]
