"""Lesson HTML adapted to what Qt's rich-text engine (QTextBrowser) can draw, with a light and a dark stylesheet.

QTextBrowser understands a subset of HTML 4 and CSS 2.1: no borders or padding on <div>, no max-width, no
border-radius. So callouts become one-row tables (a thin coloured bar cell and a tinted body cell, which Qt does
draw), code blocks become tinted single-cell tables with padding, and Markdown tables get cell borders. Font sizes
are explicit points computed from the zoom level, so zooming is exact and headings scale with the text.
This module is Qt-free: it only produces strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import unquote

from desktop.core.lessons.html_tree import Element, serialize
from desktop.core.lessons.loader import Lesson
from desktop.core.links import LinkError, parse_link

BASE_POINT_SIZE = 12.5
ZOOM_STEPS = (70, 80, 90, 100, 110, 120, 135, 150, 170, 200)
DEFAULT_ZOOM = 100
TEXT_COLUMN_PX = 760  # the text column at 100 %: ~75 characters per line, the classic comfortable measure


@dataclass(frozen=True)
class Callout:
    background: str
    bar: str
    title: str


@dataclass(frozen=True)
class ReaderPalette:
    dark: bool
    text: str
    background: str
    muted: str
    heading: str
    link: str
    rule: str
    code_background: str
    code_text: str
    table_header: str
    table_border: str
    highlight: str
    callouts: dict[str, Callout]


LIGHT = ReaderPalette(
    dark=False,
    text="#24292f",
    background="#fdfcfa",
    muted="#5f6670",
    heading="#1b2a41",
    link="#1a5fb4",
    rule="#dcdfe3",
    code_background="#f2f1ee",
    code_text="#2b2f36",
    table_header="#f0efeb",
    table_border="#d5d7db",
    highlight="#ffe58a",
    callouts={
        "notes": Callout("#f3f0fb", "#7a5cc7", "#5b3fa8"),  # the student's words: a distinct violet
        "correction": Callout("#fff3e6", "#d9731a", "#a3520b"),  # warm: something to fix
        "tip": Callout("#ecf7ef", "#2f9e55", "#1d7a3e"),
        "example": Callout("#eef5fc", "#3a7bd5", "#22599f"),
        "info": Callout("#eef3f6", "#5b7f95", "#3f6275"),
        "warning": Callout("#fdf0f0", "#c94444", "#9b2c2c"),
    },
)

DARK = ReaderPalette(
    dark=True,
    text="#d8dade",
    background="#1e1f22",
    muted="#9aa0a8",
    heading="#e9ecf1",
    link="#79b0ff",
    rule="#3a3d42",
    code_background="#2a2c30",
    code_text="#e2e4e8",
    table_header="#2a2c30",
    table_border="#44474d",
    highlight="#7a6300",
    callouts={
        "notes": Callout("#29253a", "#9a7fe6", "#c2b0ff"),
        "correction": Callout("#33271b", "#e08a3c", "#ffb877"),
        "tip": Callout("#1f2e24", "#47b36d", "#8fdca8"),
        "example": Callout("#1f2836", "#5b95e6", "#9cc3ff"),
        "info": Callout("#232b31", "#7a9cb0", "#a9c6d8"),
        "warning": Callout("#352122", "#e06666", "#ff9d9d"),
    },
)

CALLOUT_ALIASES = {"note": "info"}

LABELS: dict[str, dict[str, str]] = {
    "pt-BR": {
        "review": "Revisar os cartões desta lição",
        "quiz": "Fazer o quiz desta lição",
        "lab": "Abrir no laboratório de amostragem",
        "tokenizer": "Abrir no tokenizador",
        "memory": "Abrir a calculadora de memória",
        "quantization": "Abrir o explorador de quantização",
        "scaling": "Abrir a calculadora de leis de escala",
        "models": "Abrir a página de modelos",
        "inside/attention": "Ver a atenção dentro do modelo",
        "inside/lens": "Ver a lente de logits dentro do modelo",
        "inside/surprisal": "Ver a surpresa do modelo token a token",
        "layer": "camada",
        "head": "cabeça",
        "average": "média",
        "position": "posição",
        "read": "Lida em",
        "param.text": "texto",
    },
    "en": {
        "review": "Review this lesson's cards",
        "quiz": "Take this lesson's quiz",
        "lab": "Open in the sampling lab",
        "tokenizer": "Open in the tokenizer",
        "memory": "Open the memory calculator",
        "quantization": "Open the quantization explorer",
        "scaling": "Open the scaling-law calculator",
        "models": "Open the Models page",
        "inside/attention": "See the attention inside the model",
        "inside/lens": "See the logit lens inside the model",
        "inside/surprisal": "See the model's surprisal token by token",
        "layer": "layer",
        "head": "head",
        "average": "average",
        "position": "position",
        "read": "Read on",
    },
}

SERIF = "'Noto Serif', 'Source Serif Pro', Georgia, 'DejaVu Serif', serif"
SANS = "'Noto Sans', 'Segoe UI', 'Helvetica Neue', 'DejaVu Sans', sans-serif"
MONO = "'JetBrains Mono', 'Cascadia Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace"


def point_size(zoom: int) -> float:
    return round(BASE_POINT_SIZE * zoom / 100.0, 2)


def text_column_px(zoom: int) -> int:
    return int(TEXT_COLUMN_PX * zoom / 100.0)


def stylesheet(palette: ReaderPalette, zoom: int = DEFAULT_ZOOM) -> str:
    """The default stylesheet for the reader's document (only properties Qt's rich text supports)."""
    pt = point_size(zoom)

    def size(factor: float) -> str:
        return f"{round(pt * factor, 1)}pt"

    rules = [
        f"body {{ font-family: {SERIF}; font-size: {size(1)}; color: {palette.text}; line-height: 160%; }}",
        f"p {{ margin-top: 0px; margin-bottom: {round(pt * 0.9)}px; }}",
        f"li {{ margin-bottom: {round(pt * 0.3)}px; }}",
        f"h1 {{ font-family: {SANS}; font-size: {size(2.0)}; font-weight: 700; color: {palette.heading};"
        f" margin-top: 4px; margin-bottom: {round(pt * 1.2)}px; line-height: 120%; }}",
        f"h2 {{ font-family: {SANS}; font-size: {size(1.5)}; font-weight: 650; color: {palette.heading};"
        f" margin-top: {round(pt * 2.2)}px; margin-bottom: {round(pt * 0.7)}px; line-height: 125%; }}",
        f"h3 {{ font-family: {SANS}; font-size: {size(1.25)}; font-weight: 650; color: {palette.heading};"
        f" margin-top: {round(pt * 1.6)}px; margin-bottom: {round(pt * 0.5)}px; line-height: 125%; }}",
        f"h4, h5, h6 {{ font-family: {SANS}; font-size: {size(1.05)}; font-weight: 650; color: {palette.heading}; }}",
        f"a {{ color: {palette.link}; text-decoration: none; }}",
        f"code {{ font-family: {MONO}; font-size: {size(0.88)}; color: {palette.code_text};"
        f" background-color: {palette.code_background}; }}",
        f"pre {{ font-family: {MONO}; font-size: {size(0.86)}; color: {palette.code_text}; line-height: 135%;"
        " margin: 0px; white-space: pre-wrap; }",
        f"td.code {{ background-color: {palette.code_background}; padding: {round(pt * 0.8)}px; }}",
        f"table.code {{ margin-top: 4px; margin-bottom: {round(pt * 1.1)}px; }}",
        f"table.data {{ border-collapse: collapse; border-color: {palette.table_border}; border-style: solid;"
        f" margin-top: 4px; margin-bottom: {round(pt * 1.1)}px; }}",
        f"table.data th {{ background-color: {palette.table_header}; font-family: {SANS}; font-size: {size(0.9)};"
        f" font-weight: 650; border: 1px solid {palette.table_border}; padding: 5px 10px; }}",
        f"table.data td {{ font-size: {size(0.93)}; border: 1px solid {palette.table_border}; padding: 5px 10px;"
        " line-height: 130%; }",
        f"table.callout {{ margin-top: 6px; margin-bottom: {round(pt * 1.3)}px; }}",
        f"p.callout-title {{ font-family: {SANS}; font-size: {size(0.82)}; font-weight: 700;"
        " margin-bottom: 4px; letter-spacing: 0.5px; text-transform: uppercase; }",
        f"p.summary {{ font-family: {SANS}; font-size: {size(1.02)}; color: {palette.muted};"
        f" margin-bottom: {round(pt * 1.6)}px; }}",
        f"p.meta {{ font-family: {SANS}; font-size: {size(0.8)}; color: {palette.muted}; margin-bottom: 2px; }}",
        f"hr {{ color: {palette.rule}; }}",
        f"span.image-removed {{ color: {palette.muted}; }}",
    ]
    for kind, callout in palette.callouts.items():
        rules.append(f"td.callout-{kind} {{ background-color: {callout.background}; padding: {round(pt * 1.0)}px"
                     f" {round(pt * 1.2)}px; }}")
        rules.append(f"td.bar-{kind} {{ background-color: {callout.bar}; }}")
        rules.append(f"p.title-{kind} {{ color: {callout.title}; }}")
    return "\n".join(rules)


def _callout_kind(el: Element) -> str | None:
    classes = el.classes
    if el.tag != "div" or "admonition" not in classes:
        return None
    for name in classes:
        if name != "admonition":
            name = CALLOUT_ALIASES.get(name, name)
            return name if name in LIGHT.callouts else "info"
    return "info"


def _adapt(children: list[Element | str]) -> list[Element | str]:
    out: list[Element | str] = []
    for child in children:
        if isinstance(child, str):
            out.append(child)
            continue
        kind = _callout_kind(child)
        if kind is not None:
            out.append(_callout(child, kind))
            continue
        if child.tag == "pre":
            code = _adapt(child.children)
            _strip_trailing_newline(code)  # Markdown ends code with "\n"; Qt would draw it as an empty line
            cell = Element("td", {"class": "code"}, [Element("pre", {}, code)])
            out.append(_one_row_table("code", [cell]))
            continue
        if child.tag == "table":
            attrs = {**child.attrs, "class": "data", "border": "1", "cellspacing": "0", "cellpadding": "6"}
            out.append(Element("table", attrs, _adapt(child.children)))
            continue
        out.append(Element(child.tag, dict(child.attrs), _adapt(child.children)))
    return out


def _strip_trailing_newline(children: list[Element | str]) -> None:
    if not children:
        return
    last = children[-1]
    if isinstance(last, str):
        children[-1] = last.rstrip("\n")
    else:
        _strip_trailing_newline(last.children)


def _one_row_table(kind: str, cells: list[Element]) -> Element:
    attrs = {"class": kind, "width": "100%", "cellspacing": "0", "cellpadding": "0", "border": "0"}
    return Element("table", attrs, [Element("tr", {}, list(cells))])


def _callout(div: Element, kind: str) -> Element:
    body: list[Element | str] = []
    for child in _adapt(div.children):
        if isinstance(child, Element) and "admonition-title" in child.classes:
            child = Element("p", {"class": f"callout-title title-{kind}"}, child.children)
        body.append(child)
    bar = Element("td", {"class": f"bar-{kind}", "width": "4"}, [])
    cell = Element("td", {"class": f"callout-{kind}"}, body)
    return _one_row_table("callout", [bar, cell])


def describe_link(url: str, lang: str) -> str:
    """A short human label for a practice link, e.g. 'Open in the sampling lab — “A capital do Brasil é”, T 0.8'."""
    labels = LABELS.get(lang, LABELS["en"])
    try:
        link = parse_link(url)
    except LinkError:
        return url
    p = link.params
    if link.host == "lab":
        bits = []
        if "prompt" in p:
            bits.append(f"“{unquote(p['prompt'])}”")
        names = {"mode": "", "temperature": "T ", "top_k": "top-k ", "top_p": "top-p ", "min_p": "min-p ",
                 "max_new_tokens": "max ", "seed": "seed "}
        for key, prefix in names.items():
            if key in p:
                bits.append(f"{prefix}{p[key]}")
        return labels["lab"] + (" — " + ", ".join(bits) if bits else "")
    if link.host == "memory" and link.path == "quantization":
        return labels["quantization"] + (f" — {p['value']}" if "value" in p else "")
    if link.host == "inside" and f"inside/{link.path}" in labels:
        bits = [f"“{unquote(p[k])}”" for k in ("prompt", "text") if k in p]
        for key in ("layer", "head", "position"):
            if key in p:
                value = labels["average"] if p[key] == "avg" else p[key]
                bits.append(f"{labels[key]} {value}")
        return labels[f"inside/{link.path}"] + (" — " + ", ".join(bits) if bits else "")
    if link.host in ("tokenizer", "memory", "scaling", "models"):
        detail = ", ".join(f"{labels.get('param.' + k, k)} {v}" for k, v in p.items())
        return labels[link.host] + (f" — {detail}" if detail else "")
    return url


def reader_html(lesson: Lesson, read_on: str | None = None) -> str:
    """The lesson as a QTextBrowser document: the summary under the title, callouts and code as tables."""
    children = _adapt(lesson.tree.children)
    # The summary sits right under the lesson's title (the first h1), like a book chapter's standfirst.
    if lesson.summary:
        summary = Element("p", {"class": "summary"}, [lesson.summary])
        at = next((i for i, c in enumerate(children) if isinstance(c, Element) and c.tag == "h1"), -1)
        children.insert(at + 1, summary)
    if read_on:
        label = LABELS.get(lesson.lang, LABELS["en"])["read"]
        children.insert(0, Element("p", {"class": "meta"}, [f"✓ {label} {read_on}"]))
    return "<html><body>" + serialize(Element("#root", {}, children)) + "</body></html>"


def message_html(title: str, text: str, lines: list[str] | None = None) -> str:
    """A plain page for the reader when there is no lesson to show (an empty state or a load error)."""
    items = "".join(f"<p class='meta'>{_esc(line)}</p>" for line in lines or [])
    return f"<html><body><h2>{_esc(title)}</h2><p>{_esc(text)}</p>{items}</body></html>"


def _esc(text: str) -> str:
    return escape(text, quote=True)
