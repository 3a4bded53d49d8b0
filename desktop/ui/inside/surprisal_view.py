"""The surprisal tab: a text coloured by how surprised the model was by each token (bits = −log₂ p), with the mean
bits per token and the perplexity; hovering a token shows its probability and what the model expected instead."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from desktop.core.llm.inspect_report import SurprisalView
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.inside.attention_view import is_dark, shown
from desktop.ui.responsive import flow_rects

MAX_BITS_COLOUR = 16.0  # 16 bits (p ≈ 1/65,000) and above get the strongest colour


def bits_colour(bits: float, dark: bool) -> QColor:
    t = max(0.0, min(1.0, bits / MAX_BITS_COLOUR)) ** 0.8
    low = (30, 70, 45) if dark else (220, 252, 231)  # expected: green
    mid = (110, 90, 20) if dark else (254, 240, 138)
    high = (140, 30, 30) if dark else (252, 165, 165)  # surprising: red
    a, b, u = (low, mid, t * 2) if t < 0.5 else (mid, high, t * 2 - 1)
    return QColor(*(int(x + (y - x) * u) for x, y in zip(a, b, strict=True)))


class SurprisalText(QWidget):
    PAD_X, PAD_Y, GAP = 3, 2, 2

    def __init__(self) -> None:
        super().__init__()
        self.view: SurprisalView | None = None
        self._rects: list[QRect] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_view(self, view: SurprisalView | None) -> None:
        self.view = view
        self._layout(self.width())
        self.update()

    def _labels(self) -> list[str]:
        return [shown(t) for t in self.view.texts] if self.view else []

    def _layout(self, width: int) -> int:
        fm = QFontMetrics(self.font())
        h = fm.height() + 2 * self.PAD_Y
        sizes = (QSize(fm.horizontalAdvance(label) + 2 * self.PAD_X, h) for label in self._labels())
        self._rects, height = flow_rects(sizes, max(width, 80), self.GAP)
        self.setMinimumHeight(max(height, 40))
        return height

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self._layout(width)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(400, self._layout(max(self.width(), 400)))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._layout(event.size().width())
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        if self.view is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = is_dark(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for label, score, rect in zip(self._labels(), self.view.scores, self._rects, strict=False):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bits_colour(score.bits, dark))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    def index_at(self, x: float, y: float) -> int:
        for i, rect in enumerate(self._rects):
            if rect.contains(int(x), int(y)):
                return i
        return -1

    def tooltip_for(self, index: int) -> str:
        view = self.view
        assert view is not None
        score = view.scores[index]
        alts = ", ".join(f"{shown(view.alt_texts.get(i, '?'))} {fmt.decimal(p, 3)}" for i, p in score.alternatives)
        return self.tr("{token}: p {p} · {bits} bits\nThe model expected: {alts}").format(
            token=shown(view.texts[index]), p=fmt.decimal(score.p, 4), bits=fmt.decimal(score.bits, 2), alts=alts)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        i = self.index_at(event.position().x(), event.position().y())
        if i < 0:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(i), self)


class SurprisalPanel(Retranslating, QWidget):
    """One model's surprisal of the text: heading, summary and the coloured tokens."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.shown_view: SurprisalView | None = None
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.text_view = SurprisalText()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.text_view)
        layout.addWidget(scroll, 1)

    def retranslate(self) -> None:
        super().retranslate()
        if self.shown_view is not None:
            self.show_view(self.shown_view)

    def show_view(self, view: SurprisalView) -> None:
        self.shown_view = view
        self.heading.setText(f"<b>{escape(view.model)}</b>")
        cut = self.tr(" (only the first {n} tokens)").format(n=len(view.scores) + 1) if view.cut else ""
        self.summary.setText(self.tr(
            "<b>{bits}</b> bits per token on average · perplexity <b>{ppl}</b> · {bpc} bits per character "
            "(comparable across tokenizers){cut}").format(
            bits=fmt.decimal(view.mean_bits, 2), ppl=fmt.decimal(view.perplexity, 1),
            bpc=fmt.decimal(view.bits_per_character, 2), cut=cut))
        self.text_view.set_view(view)

    def show_message(self, heading: str, text: str) -> None:
        self.shown_view = None
        self.heading.setText(f"<b>{escape(heading)}</b>")
        self.summary.setText(text)
        self.text_view.set_view(None)
