"""The Flashcards group of the Settings page: desired retention and the daily new-card limit."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox

from desktop.core.srs.collection import (
    DEFAULT_NEW_PER_DAY,
    DEFAULT_RETENTION,
    RETENTION_RANGE,
    SETTING_NEW_PER_DAY,
    SETTING_RETENTION,
)
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating
from desktop.ui.i18n.widgets import DecimalSpinBox


class FlashcardSettings(Retranslating, QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        form = QFormLayout(self)
        retention_label, per_day_label, note = QLabel(), QLabel(), QLabel()
        self.retention = DecimalSpinBox()
        self.retention.setRange(*RETENTION_RANGE)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(float(ctx.db.get_setting(SETTING_RETENTION, DEFAULT_RETENTION)))
        self.retention.valueChanged.connect(lambda v: ctx.db.set_setting(SETTING_RETENTION, round(v, 2)))
        form.addRow(retention_label, self.retention)
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 999)
        self.new_per_day.setValue(int(ctx.db.get_setting(SETTING_NEW_PER_DAY, DEFAULT_NEW_PER_DAY)))
        self.new_per_day.valueChanged.connect(lambda v: ctx.db.set_setting(SETTING_NEW_PER_DAY, v))
        form.addRow(per_day_label, self.new_per_day)
        note.setStyleSheet("color: palette(placeholder-text);")
        note.setWordWrap(True)  # at a large zoom the sentence is wider than the settings column
        form.addRow("", note)

        def texts() -> None:
            self.setTitle(self.tr("Flashcards"))
            retention_label.setText(self.tr("Desired retention:"))
            self.retention.setToolTip(self.tr(
                "The chance of remembering a card when it comes back. Higher means more reviews."))
            per_day_label.setText(self.tr("New cards per day:"))
            self.new_per_day.setSuffix(self.tr(" cards"))
            note.setText(self.tr("Scheduling is FSRS-6 with its default parameters; {value} is the usual retention.")
                         .format(value=QLocale().toString(0.9, "f", 2)))

        self.retr(texts)
