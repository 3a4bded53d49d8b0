"""A generic check that nothing on screen is clipped: walk the widget tree of a shown window and report every
visible widget that does not fit its parent's visible area, unless it sits in a scroll area (which is how a page
says "this part scrolls"), and every button, label or field smaller than the least size its own text needs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QSplitterHandle,
    QTabBar,
    QWidget,
)

TEXT_WIDGETS = (QAbstractButton, QLabel, QComboBox, QAbstractSpinBox)


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        outer = parent.parentWidget()
        if isinstance(outer, QAbstractScrollArea) and parent is outer.viewport():
            return True
        parent = outer
    return False


def _describe(widget: QWidget) -> str:
    path = []
    w: QWidget | None = widget
    while w is not None and not isinstance(w, QMainWindow):
        name = w.objectName() or type(w).__name__
        text = getattr(w, "text", None)
        if callable(text) and isinstance(widget, TEXT_WIDGETS) and w is widget:
            name += f"[{str(text())[:30]!r}]"
        path.append(name)
        w = w.parentWidget()
    return " < ".join(path[:5])


def clipped_widgets(root: QWidget) -> list[str]:
    """Every visible widget under `root` that is cut off, as readable paths (empty when all fit)."""
    problems: list[str] = []
    for area in root.findChildren(QScrollArea):
        # Content that scrolls only up and down must not be narrower than it can be: its right side would be cut
        # with no way to scroll to it.
        content = area.widget()
        if (area.isVisible() and content is not None and area.widgetResizable()
                and area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
                and content.width() > area.viewport().width() + 1):
            problems.append(f"{_describe(area)}: content {content.width()} px wide in a view of "
                            f"{area.viewport().width()} (no sideways scrolling)")
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or isinstance(widget, QSplitterHandle):
            continue
        parent = widget.parentWidget()
        if parent is None or isinstance(parent, QTabBar):
            continue  # a tab bar scrolls its own tabs
        if isinstance(parent, QAbstractScrollArea) and widget is not parent.viewport():
            continue  # the scroll area's own bars and corner
        if not _in_scroll_area(widget):  # a scroll area's content may reach past what shows: it scrolls
            inside = parent.rect()
            geometry = widget.geometry()
            if not inside.contains(geometry):
                problems.append(f"{_describe(widget)}: {geometry.getRect()} outside {inside.getRect()}")
                continue
        # Scrolled or not, a button, label, box or field smaller than its own text is cut.
        if isinstance(widget, TEXT_WIDGETS) and not (isinstance(widget, QLabel) and widget.wordWrap()):
            need = widget.minimumSizeHint()
            if isinstance(widget, QLabel) and widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            # A combo box elides its current item by design; it must still be tall enough to read.
            too_narrow = widget.width() + 1 < need.width() and not isinstance(widget, QComboBox)
            if too_narrow or widget.height() + 1 < need.height():
                problems.append(f"{_describe(widget)}: {widget.width()}×{widget.height()} < needs "
                                f"{need.width()}×{need.height()}")
        elif (isinstance(widget, QLineEdit) and not isinstance(parent, QAbstractSpinBox)
              and widget.height() + 1 < widget.minimumSizeHint().height()):
            problems.append(f"{_describe(widget)}: height {widget.height()} < {widget.minimumSizeHint().height()}")
    return problems
