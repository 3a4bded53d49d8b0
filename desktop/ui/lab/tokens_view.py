"""The prompt and the generated tokens, each token coloured by the probability it had when it was chosen.

Hovering a token shows the alternatives at its position; clicking one emits sig_token_clicked so the page can
offer a branch. Tokens are links (`tok:<index>`), which gives hover and click for free in a QTextBrowser."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QCursor, QPalette
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from desktop.core.sampling import GeneratedToken
from desktop.ui.lab.chart import show_piece
from desktop.ui.lab.texts import number


def probability_color(p: float, dark: bool) -> QColor:
    """Red (unlikely) through amber to green (likely); the square root spreads the low end, where most of the
    interesting choices are."""
    hue = int(120 * max(0.0, min(1.0, p)) ** 0.5)
    return QColor.fromHsl(hue, 150, 70 if dark else 205)


def alternatives_html(token: GeneratedToken, lang_words: dict[str, str], lang: str = "en") -> str:
    rows = []
    for alt in token.alternatives:
        mark = "▶ " if alt.id == token.id else ""
        removed = f"&nbsp;&nbsp;✕ {alt.removed_by}" if alt.removed_by else ""
        rows.append(
            f"<tr><td>{mark}<b>{html.escape(show_piece(alt.text))}</b></td>"
            f"<td align='right'>&nbsp;{number(lang, alt.p_final, '.1%')}</td>"
            f"<td align='right' style='color:gray'>&nbsp;({number(lang, alt.p_raw, '.1%')})</td><td>{removed}</td></tr>"
        )
    head = (
        f"<b>{html.escape(show_piece(token.text) if not token.end else lang_words['end'])}</b> — "
        f"{lang_words['chosen']} {number(lang, token.p, '.1%')} &nbsp;·&nbsp; {lang_words['kept']} {number(lang, token.kept)}<br>"
        f"<i>{lang_words['alternatives']}</i> (p final, p raw):"
    )
    return head + "<table cellspacing='0'>" + "".join(rows) + "</table>"


class GeneratedTextView(QTextBrowser):
    sig_token_clicked = Signal(int)  # index into the generated tokens

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setMinimumHeight(90)
        self.anchorClicked.connect(self._on_click)
        self.highlighted.connect(self._on_hover)
        self._prompt = ""
        self._tokens: list[GeneratedToken] = []
        self._placeholder = ""
        self._words: dict[str, str] = {"chosen": "chosen", "kept": "kept", "alternatives": "Alternatives",
                                       "end": "end of text"}
        self.dark = False
        self._lang = "en"

    def set_words(self, placeholder: str, words: dict[str, str], lang: str = "en") -> None:
        self._placeholder = placeholder
        self._words = words
        self._lang = lang
        self.render()

    def set_content(self, prompt: str, tokens: list[GeneratedToken]) -> None:
        self._prompt = prompt
        self._tokens = list(tokens)
        self.render()

    @property
    def tokens(self) -> list[GeneratedToken]:
        return self._tokens

    def render(self) -> None:
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        text_color = "#1c1e21" if not self.dark else "#f0f0f0"
        parts = [
            "<div style='white-space: pre-wrap; font-size: 11.5pt; line-height: 150%;'>",
            f"<span style='color:{muted}'>{html.escape(self._prompt)}</span>",
        ]
        for i, tok in enumerate(self._tokens):
            bg = probability_color(tok.p, self.dark).name()
            label = html.escape(tok.text) if not tok.end else "⏹"
            if not label:
                label = "·"  # part of a character split over tokens: still clickable
            parts.append(
                f"<a href='tok:{i}' style='background-color:{bg}; color:{text_color}; text-decoration:none'>"
                f"{label}</a>"
            )
        parts.append("</div>")
        if not self._tokens and self._placeholder:
            parts.append(f"<p style='color:{muted}'><i>{html.escape(self._placeholder)}</i></p>")
        self.setHtml("".join(parts))
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _index(self, url: QUrl) -> int | None:
        text = url.toString()
        if text.startswith("tok:"):
            try:
                i = int(text[4:])
            except ValueError:
                return None
            return i if 0 <= i < len(self._tokens) else None
        return None

    def _on_hover(self, url: QUrl) -> None:
        i = self._index(url)
        if i is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), alternatives_html(self._tokens[i], self._words, self._lang), self)

    def _on_click(self, url: QUrl) -> None:
        i = self._index(url)
        if i is not None:
            self.sig_token_clicked.emit(i)


def legend_html(low: str, high: str, title: str, dark: bool) -> str:
    swatches = "".join(
        f"<span style='background-color:{probability_color(p, dark).name()}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
        for p in (0.02, 0.1, 0.25, 0.5, 0.8, 1.0)
    )
    return f"{html.escape(title)} {html.escape(low)} {swatches} {html.escape(high)}"

