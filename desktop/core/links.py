"""`studydesk://` links: how lessons open a lab, a calculator or a deck with settings.

The window routes a parsed link to the page named by PAGE_OF_HOST; the page reads `path` and `params`.
Examples: studydesk://lab/sampling?prompt=Hi&temperature=0.2, studydesk://lesson/parameters#top-p,
studydesk://memory?preset=course, studydesk://cards/review?deck=intro,
studydesk://inside/attention?prompt=O%20gato&layer=5&head=avg.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

SCHEME = "studydesk"

# host -> page key (see desktop/ui/pages.py)
PAGE_OF_HOST = {
    "lesson": "lessons",
    "lessons": "lessons",
    "glossary": "lessons",
    "lab": "lab",
    "tokenizer": "tokenizer",
    "memory": "memory",
    "scaling": "scaling",
    "cards": "cards",
    "models": "models",
    "settings": "settings",
    "inside": "inside",
}


class LinkError(ValueError):
    pass


@dataclass(frozen=True)
class StudyLink:
    host: str
    path: str = ""  # without the leading slash, e.g. "sampling" or "parameters"
    params: dict[str, str] = field(default_factory=dict)
    fragment: str = ""

    @property
    def page(self) -> str:
        return PAGE_OF_HOST[self.host]


def parse_link(url: str) -> StudyLink:
    parts = urlsplit(url)
    if parts.scheme != SCHEME:
        raise LinkError(f"not a {SCHEME}:// link: {url!r}")
    host = parts.netloc.lower()
    if host not in PAGE_OF_HOST:
        raise LinkError(f"unknown place {host!r} in link {url!r}")
    return StudyLink(
        host=host,
        path=unquote(parts.path.strip("/")),
        params=dict(parse_qsl(parts.query, keep_blank_values=True)),
        fragment=unquote(parts.fragment),
    )
