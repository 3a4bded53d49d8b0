"""The lesson reader: a QTextBrowser laid out like an e-book page.

The text column keeps a comfortable measure (~75 characters) by widening the root frame's side margins as the
window grows, so the page background stays one colour edge to edge. Links are never followed by Qt itself
(setOpenLinks(False)): the page decides what a click means.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QResizeEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from desktop.core.lessons.reader import DARK, LIGHT, ReaderPalette, stylesheet, text_column_px

TOP_MARGIN = 36
BOTTOM_MARGIN = 72
MIN_SIDE_MARGIN = 28
HEADING_AIR = 18


class ReaderView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Qt lays bordered tables out a few pixels wider than asked; that spills into the side margin, so a
        # horizontal scroll bar would only ever scroll through empty margin.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.palette_ = LIGHT
        self.zoom = 100
        self._html = ""
        self.apply_look(LIGHT, 100)

    # look --------------------------------------------------------------------------------------------------------
    def apply_look(self, palette: ReaderPalette, zoom: int) -> None:
        self.palette_ = palette
        self.zoom = zoom
        self.document().setDefaultStyleSheet(stylesheet(palette, zoom))
        self.setStyleSheet(
            f"QTextBrowser#reader {{ background-color: {palette.background}; color: {palette.text};"
            f" border: none; selection-background-color: {palette.highlight};"
            f" selection-color: {palette.text}; }}"
        )

    @property
    def dark(self) -> bool:
        return self.palette_ is DARK

    def show_html(self, html: str, keep_scroll: bool = False) -> None:
        """Replace the document (the stylesheet must already be set: Qt applies it when parsing)."""
        bar = self.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if keep_scroll and bar.maximum() > 0 else 0.0
        self._html = html
        self.setExtraSelections([])
        self.setHtml(html)
        self._apply_margins()
        if keep_scroll:
            bar.setValue(round(fraction * bar.maximum()))
        else:
            bar.setValue(0)

    def rerender(self) -> None:
        """Parse the same HTML again (after a stylesheet change), keeping the reading position."""
        self.show_html(self._html, keep_scroll=True)

    def column_width(self) -> int:
        return text_column_px(self.zoom)

    def _apply_margins(self) -> None:
        width = self.viewport().width()
        side = max(MIN_SIDE_MARGIN, (width - self.column_width()) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.topMargin()) == (side, TOP_MARGIN) and fmt.rightMargin() == side:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(TOP_MARGIN)
        fmt.setBottomMargin(BOTTOM_MARGIN)
        frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._apply_margins()

    # offline: never fetch anything that is not a local file --------------------------------------------------------
    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 (Qt API)
        if name.scheme() not in ("", "file", "qrc") or (name.scheme() == "file" and name.host()):
            return None
        return super().loadResource(kind, name)

    # finding -------------------------------------------------------------------------------------------------------
    def anchor_position(self, anchor: str) -> int | None:
        """Document position of the heading anchor `anchor`, or None."""
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if anchor in fragment.charFormat().anchorNames():
                    return fragment.position()
                it += 1
            block = block.next()
        return None

    def go_to_anchor(self, anchor: str) -> bool:
        position = self.anchor_position(anchor)
        if position is None:
            return False
        self.scrollToAnchor(anchor)
        bar = self.verticalScrollBar()
        if bar.value() < bar.maximum():  # leave a little air above the heading
            bar.setValue(max(0, bar.value() - HEADING_AIR))
        return True

    def anchor_at_top(self, anchors: list[str]) -> str:
        """The last of `anchors` (in document order) whose heading starts above the middle of the top third of the
        view: the section the student is reading. "" when still above the first one."""
        layout = self.document().documentLayout()
        line = self.verticalScrollBar().value() + self.viewport().height() // 6
        current = ""
        for anchor in anchors:
            position = self.anchor_position(anchor)
            if position is None:
                continue
            block = self.document().findBlock(position)
            if layout.blockBoundingRect(block).top() > line:
                break
            current = anchor
        return current

    def highlight(self, text: str, after_anchor: str = "") -> bool:
        """Scroll to and highlight the first `text` after the heading `after_anchor` (or from the top)."""
        self.setExtraSelections([])
        if not text:
            return False
        start = self.anchor_position(after_anchor) if after_anchor else 0
        doc = self.document()
        found = doc.find(text, start or 0)
        if found.isNull():  # accents/case may differ in the rendered text: fall back to a case-insensitive search
            found = doc.find(text, start or 0, QTextDocument.FindFlag(0))
        if found.isNull():
            return False
        selection = QTextEdit.ExtraSelection()
        selection.cursor = found
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self.palette_.highlight))
        selection.format = fmt
        self.setExtraSelections([selection])
        caret = QTextCursor(found)
        caret.clearSelection()
        self.setTextCursor(caret)
        self.ensureCursorVisible()
        # Show the match with some context above it rather than glued to the window's top or bottom edge.
        rect = self.cursorRect(caret)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        return True

    def highlighted_text(self) -> str:
        selections = self.extraSelections()
        return selections[0].cursor.selectedText() if selections else ""
