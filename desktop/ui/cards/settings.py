"""The Flashcards group of the Settings page: desired retention and the daily new-card limit."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QSpinBox

from desktop.core.srs.collection import (
    DEFAULT_NEW_PER_DAY,
    DEFAULT_RETENTION,
    RETENTION_RANGE,
    SETTING_NEW_PER_DAY,
    SETTING_RETENTION,
)
from desktop.ui.context import AppContext


class FlashcardSettings(QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Flashcards")
        form = QFormLayout(self)
        self.retention = QDoubleSpinBox()
        self.retention.setRange(*RETENTION_RANGE)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(float(ctx.db.get_setting(SETTING_RETENTION, DEFAULT_RETENTION)))
        self.retention.setToolTip("The chance of remembering a card when it comes back. Higher means more reviews.")
        self.retention.valueChanged.connect(lambda v: ctx.db.set_setting(SETTING_RETENTION, round(v, 2)))
        form.addRow("Desired retention:", self.retention)
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 999)
        self.new_per_day.setValue(int(ctx.db.get_setting(SETTING_NEW_PER_DAY, DEFAULT_NEW_PER_DAY)))
        self.new_per_day.setSuffix(" cards")
        self.new_per_day.valueChanged.connect(lambda v: ctx.db.set_setting(SETTING_NEW_PER_DAY, v))
        form.addRow("New cards per day:", self.new_per_day)
        note = QLabel("Scheduling is FSRS-6 with its default parameters; 0.90 is the usual retention.")
        note.setStyleSheet("color: palette(mid);")
        note.setWordWrap(True)  # at a large zoom the sentence is wider than the settings column
        form.addRow("", note)
