"""A calm, centred message for a page that has nothing to show yet, with what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(self, title: str, text: str, items: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel(title)
        heading.setObjectName("emptyTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(560)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addWidget(body, alignment=Qt.AlignmentFlag.AlignHCenter)
        if items:
            bullets = QLabel("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            bullets.setTextFormat(Qt.TextFormat.RichText)
            bullets.setMaximumWidth(560)
            bullets.setWordWrap(True)
            layout.addWidget(bullets, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
