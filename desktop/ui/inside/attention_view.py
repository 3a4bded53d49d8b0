"""Attention drawings: the heatmap of one head (or the average), the strip of every head of a layer grouped by the
key/value head they share, and the BertViz-style head view (where one token looks, as weighted links).

Cells are rendered into a QImage from numpy in one step (a 512 × 512 map is 262,144 cells: painting them one by
one would stall the GUI thread), then drawn scaled. Colour = √weight, so that small weights stay visible next to
the large share most heads give to <bos>; the legend says so. Future cells (the causal mask) are hatched.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QImage, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

HEAD_COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"]


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def shown(text: str) -> str:
    """A token's text with its spaces and line breaks visible."""
    return text.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥") or "∅"


def heat_image(weights: np.ndarray, dark: bool) -> QImage:
    """n × n weights (0…1) as an RGB image: √w from the background colour to a strong blue (amber in dark)."""
    w = np.sqrt(np.clip(np.nan_to_num(weights), 0.0, 1.0))[..., None]
    low = np.array([30, 31, 34] if dark else [255, 255, 255], dtype=np.float32)
    high = np.array([250, 190, 60] if dark else [29, 78, 216], dtype=np.float32)
    rgb = (low + (high - low) * w).astype(np.uint8)
    h, wd = rgb.shape[:2]
    rgba = np.empty((h, wd, 4), dtype=np.uint8)
    rgba[..., :3] = rgb
    rgba[..., 3] = 255
    image = QImage(rgba.data, wd, h, wd * 4, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: the numpy buffer goes away


class HeatmapView(QWidget):
    """Rows: the token that looks (query); columns: the tokens it looks at (keys)."""

    sig_token_clicked = Signal(int)

    LABEL_FONT_SCALE = 0.85

    def __init__(self) -> None:
        super().__init__()
        self.weights: np.ndarray | None = None
        self.labels: list[str] = []
        self.selected = -1
        self.caption = ""
        self._image: QImage | None = None
        self._grid = QRect()
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab: ↑/↓ choose the token
        self.setMinimumSize(260, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.font_small = QFont(self.font())
        self.font_small.setPointSizeF(self.font().pointSizeF() * self.LABEL_FONT_SCALE)

    def set_data(self, weights: np.ndarray | None, labels: list[str], caption: str = "") -> None:
        self.weights = weights
        self.labels = [shown(t) for t in labels]
        self.caption = caption
        self._image = heat_image(weights, is_dark(self)) if weights is not None else None
        self.update()

    def set_selected(self, index: int) -> None:
        self.selected = index
        self.update()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # the interface zoom: the row and column labels follow
            self.font_small = QFont(self.font())
            self.font_small.setPointSizeF(self.font().pointSizeF() * self.LABEL_FONT_SCALE)
            self.update()
        if self.weights is not None and event.type() == event.Type.PaletteChange:
            self._image = heat_image(self.weights, is_dark(self))
            self.update()

    def _label_width(self) -> int:
        fm = QFontMetrics(self.font_small)
        longest = max((fm.horizontalAdvance(t) for t in self.labels[:600]), default=0)
        return min(longest + 10, 130)

    def _layout(self) -> tuple[QRect, float]:
        n = len(self.labels)
        lw = self._label_width()
        top = lw if n <= 64 else 24  # column labels are written vertically while they fit
        side = max(10, min(self.width() - lw - 12, self.height() - top - 44))
        cell = side / max(n, 1)
        return QRect(lw + 4, top, int(cell * n), int(cell * n)), cell

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        if self._image is None or not self.labels:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.caption)
            painter.end()
            return
        grid, cell = self._layout()
        self._grid = grid
        n = len(self.labels)
        painter.drawImage(QRectF(grid), self._image)
        # The causal mask: the cells above the diagonal (keys after the query) are hatched.
        stairs = [QPointF(grid.left() + cell, grid.top()), QPointF(grid.right() + 1, grid.top()),
                  QPointF(grid.right() + 1, grid.bottom() + 1 - cell)]
        for i in range(n - 1, 0, -1):
            stairs.append(QPointF(grid.left() + (i + 1) * cell, grid.top() + i * cell))
            stairs.append(QPointF(grid.left() + i * cell, grid.top() + i * cell))
        mask = QColor(text)
        mask.setAlpha(70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(mask, Qt.BrushStyle.BDiagPattern))
        painter.drawPolygon(QPolygonF(stairs))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(grid.adjusted(0, 0, -1, -1))
        painter.setFont(self.font_small)
        fm = QFontMetrics(self.font_small)
        step = max(1, int(np.ceil(fm.height() / max(cell, 0.1))))  # label every row when they fit
        painter.setPen(text)
        for i in range(0, n, step):
            y = grid.top() + i * cell
            r = QRect(0, int(y), grid.left() - 6, int(max(cell * step, fm.height())))
            painter.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(self.labels[i], Qt.TextElideMode.ElideRight, r.width()))
        if 0 <= self.selected < n:
            # The selected token's label, on its own row even when only every other row is labelled (it was
            # missing then, or a blue box with the neighbour's height reached into the caption).
            y = grid.top() + (self.selected + 0.5) * cell - fm.height() / 2
            r = QRect(0, int(y), grid.left() - 6, fm.height())
            painter.fillRect(r, self.palette().color(QPalette.ColorRole.Highlight))
            painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
            painter.drawText(r.adjusted(0, 0, -2, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(self.labels[self.selected], Qt.TextElideMode.ElideRight, r.width() - 2))
            painter.setPen(text)
        if n <= 64:
            painter.save()
            for j in range(0, n, step):
                x = grid.left() + j * cell
                painter.save()
                painter.translate(x + cell / 2 + fm.ascent() / 2 - 2, grid.top() - 6)
                painter.rotate(-90)
                painter.drawText(0, 0, fm.elidedText(self.labels[j], Qt.TextElideMode.ElideRight, grid.top() - 10))
                painter.restore()
            painter.restore()
        if 0 <= self.selected < n:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRect(QRectF(grid.left(), grid.top() + self.selected * cell, grid.width(), cell))
        if self.hasFocus():  # keyboard focus: a dotted frame around the map (↑/↓ pick the token)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine))
            painter.drawRect(grid.adjusted(-3, -3, 2, 2))
        painter.setPen(text)
        painter.drawText(QRect(4, grid.bottom() + 6, self.width() - 8, fm.height() * 3),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self.caption)
        painter.end()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """↑/↓ (Home/End) move the selected token, as a click on a row does."""
        n = len(self.labels)
        moves = {Qt.Key.Key_Up: self.selected - 1, Qt.Key.Key_Down: self.selected + 1, Qt.Key.Key_Home: 0,
                 Qt.Key.Key_End: n - 1}
        target = moves.get(Qt.Key(event.key()))
        if target is None or n == 0:
            super().keyPressEvent(event)
            return
        if self.selected < 0 and event.key() == Qt.Key.Key_Up:
            target = n - 1
        self.sig_token_clicked.emit(max(0, min(n - 1, target)))

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self.update()

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(query, key) under a point of the map, or (query, -1) over a row label."""
        n = len(self.labels)
        if not n or self._image is None:
            return None
        grid, cell = self._layout()
        row = int((y - grid.top()) // cell)
        if not 0 <= row < n:
            return None
        if x < grid.left():
            return row, -1
        col = int((x - grid.left()) // cell)
        return (row, col) if 0 <= col < n else None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is None or hit[1] < 0 or self.weights is None:
            QToolTip.hideText()
            return
        q, k = hit
        if k > q:
            tip = self.tr("{q} cannot look at {k}: it comes later (causal mask)")
        else:
            tip = self.tr("{q} → {k}: {w}")
        QToolTip.showText(event.globalPosition().toPoint(),
                          tip.format(q=self.labels[q], k=self.labels[k], w=f"{self.weights[q, k]:.3f}"), self)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is not None:
            self.sig_token_clicked.emit(hit[0])


class HeadsStrip(QWidget):
    """Every head of one layer as a small map, boxed by the key/value head they share, plus the average."""

    sig_head_clicked = Signal(int)  # -1 = the average

    THUMB = 52

    def __init__(self) -> None:
        super().__init__()
        self.maps: list[QImage] = []
        self.group = 1
        self.current = -1
        self._rects: list[tuple[int, QRect]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_layer(self, heads: np.ndarray | None, group: int, current: int) -> None:
        self.group = max(1, group)
        self.current = current
        dark = is_dark(self)
        if heads is None:
            self.maps = []
        else:
            step = max(1, -(-heads.shape[-1] // 128))  # a 64-pixel thumbnail needs no more than 128 rows
            small = heads[:, ::step, ::step]
            self.maps = [heat_image(h, dark) for h in small] + [heat_image(small.mean(axis=0), dark)]
        self.update()

    def _height(self) -> int:
        """The group label above and the head names below the thumbnails take a line each at the current font
        (a fixed height cut the names off at 150 % zoom)."""
        return self.THUMB + 2 * QFontMetrics(self.font()).height() + 20

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(len(self.maps) * (self.THUMB + 14) + 40, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(0, self._height())

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        fm = QFontMetrics(self.font())
        n_heads = len(self.maps) - 1
        # Thumbnails shrink to fit a narrow column (down to 24 px) instead of being cut off.
        size = max(24, min(self.THUMB, (self.width() - 30) // max(1, n_heads + 1) - 10))
        x, top = 6, fm.height() + 8
        self._rects = []
        for h in range(n_heads + 1):
            if h < n_heads and h % self.group == 0:
                members = min(self.group, n_heads - h)
                box = QRect(x - 4, 2, members * (size + 10) - 2, size + fm.height() * 2 + 14)
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
                painter.drawRoundedRect(box, 6, 6)
                painter.setPen(text)
                label = self.tr("shares K/V head {k}").format(k=h // self.group)
                painter.drawText(QRect(box.left() + 6, 3, box.width() - 8, fm.height()),
                                 Qt.AlignmentFlag.AlignLeft, fm.elidedText(label, Qt.TextElideMode.ElideRight,
                                                                          box.width() - 8))
            if h == n_heads:
                x += 14
            rect = QRect(x, top, size, size)
            painter.drawImage(rect, self.maps[h])
            index = -1 if h == n_heads else h
            selected = index == self.current
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid),
                       3 if selected else 1)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(text)
            name = self.tr("average") if h == n_heads else self.tr("head {h}").format(h=h)
            if h < n_heads and fm.horizontalAdvance(name) > size + 8:
                name = str(h)  # a narrow thumbnail (or a longer word for "head"): the number alone
            painter.drawText(QRect(x - 4, rect.bottom() + 2, size + 8, fm.height()),
                             Qt.AlignmentFlag.AlignCenter, name)
            self._rects.append((index, rect))
            x += size + 10
        painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        for index, rect in self._rects:
            if rect.contains(event.position().toPoint()):
                self.sig_head_clicked.emit(index)
                return


class HeadView(QWidget):
    """Where the selected token looks: lines from it (left) to every earlier token (right), as thick and as
    opaque as the weight — BertViz's head view. With the average selected, each head draws in its own colour."""

    sig_token_clicked = Signal(int)

    ROW = 22

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.weights: np.ndarray | None = None  # (heads, n, n) of the chosen layer
        self.head = -1
        self.selected = -1
        self.group = 1
        self.setMinimumWidth(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, weights: np.ndarray | None, labels: list[str], head: int, selected: int, group: int) -> None:
        self.weights, self.labels, self.head, self.selected, self.group = weights, [shown(t) for t in labels], head, \
            selected, max(1, group)
        self.setMinimumHeight(self.ROW * len(labels) + 16)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(320, self.ROW * len(self.labels) + 16)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        fm = QFontMetrics(self.font())
        n = len(self.labels)
        # Only the rows in the exposed area (a long text is thousands of pixels tall inside its scroll area).
        first = max(0, (event.rect().top() - 8) // self.ROW - 1)
        last = min(n, (event.rect().bottom() - 8) // self.ROW + 2)
        col_w = min(150, max(70, (self.width() - 40) // 3))
        left_x, right_x = 4, self.width() - col_w - 4
        if self.weights is not None and 0 <= self.selected < n:
            heads = range(self.weights.shape[0]) if self.head < 0 else [self.head]
            y0 = 8 + self.selected * self.ROW + self.ROW / 2
            n_heads = self.weights.shape[0]
            for h in heads:
                color = QColor(HEAD_COLORS[h % len(HEAD_COLORS)])
                dy = (h - (n_heads - 1) / 2) * 2.5 if self.head < 0 else 0.0  # heads side by side, not on top
                for k in range(self.selected + 1):
                    w = float(self.weights[h, self.selected, k])
                    if w < 0.01:
                        continue
                    c = QColor(color)
                    c.setAlphaF(min(1.0, 0.15 + 0.85 * w))
                    painter.setPen(QPen(c, 1 + 5 * w))
                    y1 = 8 + k * self.ROW + self.ROW / 2
                    painter.drawLine(QPointF(left_x + col_w + 6, y0 + dy), QPointF(right_x - 6, y1 + dy))
        for i in range(first, last):
            label = self.labels[i]
            y = 8 + i * self.ROW
            for x, align in ((left_x, Qt.AlignmentFlag.AlignRight), (right_x, Qt.AlignmentFlag.AlignLeft)):
                r = QRect(x, y, col_w, self.ROW)
                if x == left_x and i == self.selected:
                    painter.fillRect(r, self.palette().color(QPalette.ColorRole.Highlight))
                    painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
                else:
                    painter.setPen(text)
                painter.drawText(r.adjusted(4, 0, -4, 0), align | Qt.AlignmentFlag.AlignVCenter,
                                 fm.elidedText(label, Qt.TextElideMode.ElideRight, col_w - 8))
        painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        row = int((event.position().y() - 8) // self.ROW)
        if 0 <= row < len(self.labels):
            self.sig_token_clicked.emit(row)
