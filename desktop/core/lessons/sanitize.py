"""Allow-list HTML sanitizer for rendered lessons.

Lessons must not contain raw HTML, but the renderer is the last line of defence: `attr_list` can attach any
attribute to an element (`{: onclick=... }`), and a careless edit can paste a `<script>` or a remote `<img>`.
Everything not on the allow-list goes: dangerous elements with their content, unknown elements keep only their
text, unknown attributes are dropped, and images may only point at local, relative files — the app is offline
and must never fetch a remote resource.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from desktop.core.lessons.html_tree import Element, parse_html, serialize

# Elements removed together with everything inside them.
DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template",
        "svg", "math", "form", "textarea", "select", "button", "input", "head", "title", "link", "meta", "base",
        "audio", "video", "canvas", "source", "track", "picture",
    }
)

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
        "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "kbd",
        "samp", "var", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "div", "span",
        "abbr",
    }
)

GLOBAL_ATTRS = frozenset({"id", "class", "title"})
TAG_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "name"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"colspan", "rowspan", "align", "style"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "ol": frozenset({"start"}),
}

LINK_SCHEMES = frozenset({"studydesk", "https", "http", "mailto"})
_SAFE_TOKEN = re.compile(r"^[A-Za-z0-9_\-:. ]*$")
# The tables extension writes column alignment as an inline style; that one style is all we keep.
_TEXT_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
_NUMBER = re.compile(r"^\d{1,4}$")


def is_local_image_source(src: str) -> bool:
    """True for a relative path on disk; False for anything with a scheme (http, https, file, data, …) or `//host`."""
    src = src.strip()
    if not src or src.startswith("//") or src.startswith("/") or src.startswith("\\"):
        return False
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc


def is_allowed_href(href: str) -> bool:
    href = href.strip()
    if href.startswith("#"):
        return True
    scheme = urlsplit(href).scheme.lower()
    return scheme in LINK_SCHEMES


def _clean_attrs(el: Element) -> dict[str, str]:
    allowed = GLOBAL_ATTRS | TAG_ATTRS.get(el.tag, frozenset())
    out: dict[str, str] = {}
    for name, value in el.attrs.items():
        if name not in allowed or name.startswith("on"):
            continue
        if name in ("id", "class", "name") and not _SAFE_TOKEN.match(value):
            continue
        if name == "href" and not is_allowed_href(value):
            continue
        if name == "src" and not is_local_image_source(value):
            continue
        if name == "style":
            match = _TEXT_ALIGN.match(value)
            if not match:
                continue
            value = f"text-align: {match.group(1)};"
        if name in ("width", "height", "colspan", "rowspan", "start") and not _NUMBER.match(value):
            continue
        out[name] = value
    return out


def _clean_children(children: list[Element | str]) -> list[Element | str]:
    out: list[Element | str] = []
    for child in children:
        if isinstance(child, str):
            out.append(child)
            continue
        if child.tag in DROP_WITH_CONTENT:
            continue
        if child.tag not in ALLOWED_TAGS:
            out.extend(_clean_children(child.children))  # unknown wrapper: keep what it says, not what it is
            continue
        attrs = _clean_attrs(child)
        if child.tag == "img" and "src" not in attrs:
            # A remote or missing image is replaced by its description, never fetched.
            alt = child.attrs.get("alt", "").strip()
            if alt:
                out.append(Element("span", {"class": "image-removed"}, [f"[{alt}]"]))
            continue
        out.append(Element(child.tag, attrs, _clean_children(child.children)))
    return out


def sanitize_tree(root: Element) -> Element:
    return Element("#root", {}, _clean_children(root.children))


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the allow-list removed."""
    return serialize(sanitize_tree(parse_html(html)))
