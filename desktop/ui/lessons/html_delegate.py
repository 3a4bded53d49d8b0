"""A list delegate that draws a small piece of rich text per item (search results with their matches in bold)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING = 8


class HtmlItemDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, html: str, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        doc.setTextWidth(max(40, width - 2 * PADDING))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        html = index.data(HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, html, opt.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.left() + PADDING, opt.rect.top() + PADDING)
        painter.setClipRect(QRectF(0, 0, opt.rect.width() - PADDING, opt.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        html = index.data(HTML_ROLE)
        if not html:
            return super().sizeHint(option, index)
        width = option.rect.width()
        view = option.widget
        if width <= 0 and view is not None:
            width = view.viewport().width() if hasattr(view, "viewport") else view.width()
        doc = self._document(option, html, max(width, 200))
        return QSize(max(width, 200), int(doc.size().height()) + 2 * PADDING)


class WrappingTreeDelegate(QStyledItemDelegate):
    """Tree rows tall enough for their text wrapped to the column width, with a little air (long lesson titles
    wrap instead of being elided)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if index.column() != 0:
            return QSize(size.width(), size.height() + 10)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(60, self.view.columnWidth(0) - self.view.indentation() * depth - 14)
        text = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(size.width(), max(size.height(), text.height() + 4) + 10)
