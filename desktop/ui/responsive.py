"""Layout pieces that let a page fit a small window (1024×600) and a large zoom without cutting anything.

VerticalScrollArea: a column that scrolls up and down only and is never narrower than its content can be: in a
splitter or a layout the column keeps the width its fields need (at any zoom) and the other columns give way,
instead of the right side of the fields being cut with no way to scroll to it.

FlowRow: widgets side by side while they fit, one above the other when they do not."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QWidget


class VerticalScrollArea(QScrollArea):
    def __init__(self, widget: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if widget is not None:
            self.setWidget(widget)

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt API)
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's least width changed (a zoom, a longer label): ask again
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())


class FlowRow(QWidget):
    """A row of widgets that turns into a column when the row is narrower than the widgets need side by side.
    Its least width is the column's, so a splitter or a layout may squeeze it that far."""

    def __init__(self, spacing: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        self._stretches: list[int] = []

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        self.box.addWidget(widget, stretch)
        self._stretches.append(stretch)

    def _widgets(self) -> list[QWidget]:
        items = (self.box.itemAt(i) for i in range(self.box.count()))
        return [item.widget() for item in items if item.widget() is not None and not item.widget().isHidden()]

    @staticmethod
    def _least_width(widget: QWidget) -> int:
        """What a layout gives the widget at least: its hint, or the minimum width set on it when larger."""
        return max(widget.minimumSizeHint().width(), widget.minimumWidth())

    def row_width(self) -> int:
        widgets = self._widgets()
        return sum(map(self._least_width, widgets)) + self.box.spacing() * max(len(widgets) - 1, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        widgets = self._widgets()
        width = max(map(self._least_width, widgets), default=0)
        if self.box.direction() == QBoxLayout.Direction.TopToBottom:
            height = sum(w.minimumSizeHint().height() for w in widgets) + self.box.spacing() * max(len(widgets) - 1, 0)
        else:
            height = max((w.minimumSizeHint().height() for w in widgets), default=0)
        return QSize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        wanted = (QBoxLayout.Direction.LeftToRight if event.size().width() >= self.row_width()
                  else QBoxLayout.Direction.TopToBottom)
        if wanted != self.box.direction():
            self.box.setDirection(wanted)
            self.updateGeometry()
        super().resizeEvent(event)


def flow_rects(sizes: Iterable[QSize], width: int, gap: int) -> tuple[list[QRect], int]:
    """Boxes laid out like words in a paragraph (token chips, coloured tokens): left to right, a new row when the
    next box would pass `width`. Returns each box's rect and the height they take, margins included."""
    x = y = gap
    row_h = 0
    rects = []
    for size in sizes:
        if x + size.width() > width - gap and x > gap:
            x, y, row_h = gap, y + row_h + gap, 0
        rects.append(QRect(x, y, size.width(), size.height()))
        x += size.width() + gap
        row_h = max(row_h, size.height())
    return rects, y + row_h + gap
