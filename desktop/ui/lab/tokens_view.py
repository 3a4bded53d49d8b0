"""The prompt and the generated tokens, each token coloured by the probability it had when it was chosen.

Hovering a token shows the alternatives at its position; clicking one emits sig_token_clicked so the page can
offer a branch. Tokens are links (`tok:<index>`), which gives hover and click for free in a QTextBrowser.
The token the lab's chart shows is highlighted; ←/→ (with the text focused) move that position (sig_scrub).

Which probability colours a token: the one after the samplers — except where the samplers left a single token
(greedy, top-k 1): there it is 100 % and says nothing, so the model's own (raw softmax) probability is shown."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QCursor, QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from desktop.core.sampling import GeneratedToken
from desktop.ui.lab.chart import show_piece
from desktop.ui.lab.texts import number


def probability_color(p: float, dark: bool) -> QColor:
    """Red (unlikely) through amber to green (likely); the square root spreads the low end, where most of the
    interesting choices are."""
    hue = int(120 * max(0.0, min(1.0, p)) ** 0.5)
    return QColor.fromHsl(hue, 150, 70 if dark else 205)


def colour_probability(token: GeneratedToken) -> float:
    """The probability a token is coloured by (see the module docstring)."""
    return token.p_raw if token.kept == 1 else token.p


def colours_raw(token: GeneratedToken) -> bool:
    return token.kept == 1


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
        f"{lang_words['chosen']} {number(lang, token.p, '.1%')} &nbsp;·&nbsp; {lang_words['kept']} {getattr(token, 'kept_label', '') or number(lang, token.kept)}<br>"
        f"<i>{lang_words['alternatives']}</i> ({lang_words.get('columns', 'p final, raw p')}):"
    )
    return head + "<table cellspacing='0'>" + "".join(rows) + "</table>"


class GeneratedTextView(QTextBrowser):
    sig_token_clicked = Signal(int)  # index into the generated tokens
    sig_scrub = Signal(int)  # -1 / +1: the user pressed ← / → to move the shown position

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
        self._current: int | None = None  # the token the chart shows, highlighted
        self._follow_end = True  # keep the end in view (while tokens stream in)

    def set_words(self, placeholder: str, words: dict[str, str], lang: str = "en") -> None:
        self._placeholder = placeholder
        self._words = words
        self._lang = lang
        self.render()

    def set_content(self, prompt: str, tokens: list[GeneratedToken], current: int | None = None) -> None:
        self._prompt = prompt
        self._tokens = list(tokens)
        self._current = current if current is not None and 0 <= current < len(tokens) else None
        self._follow_end = self._current is None or self._current == len(tokens) - 1
        self.render()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(320, 130)  # see DistributionChart.sizeHint

    @property
    def current(self) -> int | None:
        return self._current

    def token_color(self, index: int) -> QColor:
        return probability_color(colour_probability(self._tokens[index]), self.dark)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier) and \
                event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._tokens:
            self.sig_scrub.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.render()

    @property
    def tokens(self) -> list[GeneratedToken]:
        return self._tokens

    def render(self) -> None:
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        text_color = "#1c1e21" if not self.dark else "#f0f0f0"
        # The generated text is the demo's centre: a little larger than the interface font, and scaled with it.
        size = self.font().pointSizeF() * 1.25 if self.font().pointSizeF() > 0 else 11.5
        highlight = self.palette().color(QPalette.ColorRole.Highlight).name()
        highlight_text = self.palette().color(QPalette.ColorRole.HighlightedText).name()
        parts = [
            f"<div style='white-space: pre-wrap; font-size: {size:.1f}pt; line-height: 150%;'>",
            f"<span style='color:{muted}'>{html.escape(self._prompt)}</span>",
        ]
        cursor_at = len(self._prompt)
        anchor = -1
        for i, tok in enumerate(self._tokens):
            bg = probability_color(colour_probability(tok), self.dark).name()
            label = html.escape(tok.text) if not tok.end else "⏹"
            if not label:
                label = "·"  # part of a character split over tokens: still clickable
            style = f"background-color:{bg}; color:{text_color}; text-decoration:none"
            if i == self._current:
                anchor = cursor_at
                style = (f"background-color:{highlight}; color:{highlight_text}; font-weight:bold; "
                         "text-decoration:underline")
            cursor_at += len(tok.text) if not tok.end and tok.text else 1
            parts.append(f"<a href='tok:{i}' style='{style}'>{label}</a>")
        parts.append("</div>")
        if not self._tokens and self._placeholder:
            parts.append(f"<p style='color:{muted}'><i>{html.escape(self._placeholder)}</i></p>")
        self.setHtml("".join(parts))
        if self._follow_end or anchor < 0:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())
        else:
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(anchor, self.document().characterCount() - 1))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

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


def legend_html(low: str, high: str, title: str, dark: bool, which: str = "") -> str:
    """The colour scale; `which` says which probability the colours show."""
    swatches = "".join(
        f"<span style='background-color:{probability_color(p, dark).name()}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
        for p in (0.02, 0.1, 0.25, 0.5, 0.8, 1.0)
    )
    tail = f" &nbsp;— {html.escape(which)}" if which else ""
    return f"{html.escape(title)} {html.escape(low)} {swatches} {html.escape(high)}{tail}"

