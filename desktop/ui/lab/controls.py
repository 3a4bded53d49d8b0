"""Sliders with spin boxes for every sampler setting, each with its explanation and a link to its lesson."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.sampling import LIMITS, SamplerSettings
from desktop.ui.lab.texts import explanation_html, tr

MAX_NEW_TOKENS = 512
MAX_BARS = 60
SEED_MAX = 2**31 - 1


@dataclass(frozen=True)
class RunOptions:
    """What the lab needs besides the sampler settings."""

    max_new_tokens: int = 48
    seed: int = 1234
    new_seed_each_run: bool = False
    bars: int = 20


class SliderSpin(QWidget):
    """A slider and a spin box showing one value; the slider works in integer steps of `step`."""

    valueChanged = Signal(float)  # noqa: N815 (Qt naming)

    def __init__(self, low: float, high: float, step: float, decimals: int, value: float) -> None:
        super().__init__()
        self._scale = 1.0 / step
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(round(low * self._scale), round(high * self._scale))
        self.slider.setPageStep(max(1, round((high - low) * self._scale / 10)))
        if decimals == 0:
            self.spin: QAbstractSpinBox = QSpinBox()
            self.spin.setRange(int(low), int(high))
        else:
            self.spin = QDoubleSpinBox()
            self.spin.setDecimals(decimals)
            self.spin.setRange(low, high)
            self.spin.setSingleStep(step)
        self.spin.setKeyboardTracking(False)
        self.spin.setMinimumWidth(84)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.setValue(value)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)

    def value(self) -> float:
        return float(self.spin.value())

    def setValue(self, value: float) -> None:  # noqa: N802 (Qt naming)
        self.spin.blockSignals(True)
        self.slider.blockSignals(True)
        self.spin.setValue(value)
        self.slider.setValue(round(value * self._scale))
        self.spin.blockSignals(False)
        self.slider.blockSignals(False)

    def _from_slider(self, position: int) -> None:
        value = position / self._scale
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self.valueChanged.emit(self.value())

    def _from_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * self._scale))
        self.slider.blockSignals(False)
        self.valueChanged.emit(float(value))


class SamplerControls(QWidget):
    sig_changed = Signal()  # any sampler setting or the number of bars changed
    sig_link = Signal(str)  # a lesson link was clicked

    def __init__(self, lang: str, settings: SamplerSettings | None = None, run: RunOptions | None = None):
        super().__init__()
        settings = settings or SamplerSettings()
        run = run or RunOptions()
        self._lang = lang
        self._labels: dict[str, QLabel] = {}
        self._explains: dict[str, QLabel] = {}
        self._titles: list[QLabel] = []
        grid = QVBoxLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setSpacing(4)

        # mode
        self.greedy_button = QRadioButton()
        self.random_button = QRadioButton()
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.greedy_button)
        self.mode_group.addButton(self.random_button)
        (self.greedy_button if settings.greedy else self.random_button).setChecked(True)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.greedy_button)
        mode_row.addWidget(self.random_button)
        mode_row.addStretch(1)
        self._add(grid, "mode", mode_row)

        lim = LIMITS
        self.temperature = SliderSpin(lim["temperature"].low, lim["temperature"].high, 0.05, 2, settings.temperature)
        self._add(grid, "temperature", self.temperature)
        self.top_k = SliderSpin(lim["top_k"].low, lim["top_k"].high, 1, 0, settings.top_k)
        self.top_k.spin.setSpecialValueText(tr(lang, "off"))
        self._add(grid, "top_k", self.top_k)
        self.top_p = SliderSpin(lim["top_p"].low, lim["top_p"].high, 0.01, 2, settings.top_p)
        self._add(grid, "top_p", self.top_p)
        self.min_p = SliderSpin(lim["min_p"].low, lim["min_p"].high, 0.01, 2, settings.min_p)
        self._add(grid, "min_p", self.min_p)
        self.repeat_penalty = SliderSpin(lim["repeat_penalty"].low, lim["repeat_penalty"].high, 0.05, 2,
                                         settings.repeat_penalty)
        self._add(grid, "repeat_penalty", self.repeat_penalty)
        self.temperature_first = QCheckBox()
        self.temperature_first.setChecked(settings.temperature_first)
        self._add(grid, "temperature_first", self.temperature_first, label=False)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line)

        self.max_new_tokens = SliderSpin(1, MAX_NEW_TOKENS, 1, 0, run.max_new_tokens)
        self._add(grid, "max_new_tokens", self.max_new_tokens)
        self.seed = QSpinBox()
        self.seed.setRange(0, SEED_MAX)
        self.seed.setValue(run.seed)
        self.seed.setKeyboardTracking(False)
        self.new_seed = QCheckBox()
        self.new_seed.setChecked(run.new_seed_each_run)
        seed_row = QVBoxLayout()  # one above the other: the column stays narrow enough for a 1024-wide window
        seed_row.addWidget(self.seed, 0, Qt.AlignmentFlag.AlignLeft)
        seed_row.addWidget(self.new_seed)
        self.seed.setMinimumWidth(120)
        self._add(grid, "seed", seed_row)
        self.bars = QSpinBox()
        self.bars.setRange(5, MAX_BARS)
        self.bars.setValue(run.bars)
        self.bars.setKeyboardTracking(False)
        bars_row = QGridLayout()
        self._labels["bars"] = QLabel()
        bars_row.addWidget(self._labels["bars"], 0, 0)
        bars_row.addWidget(self.bars, 0, 1, alignment=Qt.AlignmentFlag.AlignRight)
        grid.addLayout(bars_row)
        grid.addStretch(1)

        for w in (self.temperature, self.top_k, self.top_p, self.min_p, self.repeat_penalty):
            w.valueChanged.connect(lambda _v: self._changed())
        self.mode_group.buttonToggled.connect(lambda _b, on: on and self._changed())
        self.temperature_first.toggled.connect(lambda _on: self._changed())
        self.bars.valueChanged.connect(lambda _v: self.sig_changed.emit())
        self.retranslate(lang)
        self._update_enabled()
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        """Titles bold, explanations a little smaller — both derived from this widget's font, again whenever it
        changes (the app-wide zoom changes the application font)."""
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.92)
        for title in self._titles:
            title.setFont(bold)
        for explain in self._explains.values():
            explain.setFont(small)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()

    def _add(self, layout: QVBoxLayout, key: str, control: QWidget | QHBoxLayout | QVBoxLayout, label: bool = True) -> None:
        if label:
            title = QLabel()
            self._labels[key] = title
            self._titles.append(title)
            layout.addSpacing(6)
            layout.addWidget(title)
        if isinstance(control, QWidget):
            layout.addWidget(control)
        else:
            layout.addLayout(control)
        explain = QLabel()
        explain.setWordWrap(True)
        explain.setTextFormat(Qt.TextFormat.RichText)
        explain.setOpenExternalLinks(False)
        explain.linkActivated.connect(self.sig_link)
        explain.setForegroundRole(explain.foregroundRole())
        explain.setObjectName(f"explain-{key}")
        self._explains[key] = explain
        layout.addWidget(explain)

    def _changed(self) -> None:
        self._update_enabled()
        self.sig_changed.emit()

    def _update_enabled(self) -> None:
        # In greedy mode the truncation stages cannot change the pick; grey them so that is visible.
        random = not self.greedy_button.isChecked()
        for w in (self.temperature, self.top_k, self.top_p, self.min_p, self.temperature_first):
            w.setEnabled(random)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.greedy_button.setText(tr(lang, "greedy"))
        self.random_button.setText(tr(lang, "random"))
        self.temperature_first.setText(tr(lang, "temperature_first"))
        self.new_seed.setText(tr(lang, "new_seed"))
        self.top_k.spin.setSpecialValueText(tr(lang, "off"))
        for key, label in self._labels.items():
            label.setText(tr(lang, key))
        for key, explain in self._explains.items():
            explain.setText(explanation_html(lang, key))

    # values ----------------------------------------------------------------------------------------------------
    def settings(self) -> SamplerSettings:
        return SamplerSettings(
            temperature=round(self.temperature.value(), 4),
            top_k=int(self.top_k.value()),
            top_p=round(self.top_p.value(), 4),
            min_p=round(self.min_p.value(), 4),
            repeat_penalty=round(self.repeat_penalty.value(), 4),
            greedy=self.greedy_button.isChecked(),
            temperature_first=self.temperature_first.isChecked(),
        )

    def run_options(self) -> RunOptions:
        return RunOptions(
            max_new_tokens=int(self.max_new_tokens.value()),
            seed=int(self.seed.value()),
            new_seed_each_run=self.new_seed.isChecked(),
            bars=int(self.bars.value()),
        )

    def set_settings(self, s: SamplerSettings) -> None:
        """Show `s` (clamped to the sliders' ranges) and emit one sig_changed."""
        s = s.clamped()
        self.blockSignals(True)
        try:
            (self.greedy_button if s.greedy else self.random_button).setChecked(True)
            self.temperature.setValue(s.temperature)
            self.top_k.setValue(s.top_k)
            self.top_p.setValue(s.top_p)
            self.min_p.setValue(s.min_p)
            self.repeat_penalty.setValue(s.repeat_penalty)
            self.temperature_first.setChecked(s.temperature_first)
        finally:
            self.blockSignals(False)
        self._changed()

    def set_run_options(self, max_new_tokens: int | None = None, seed: int | None = None) -> None:
        if max_new_tokens is not None:
            self.max_new_tokens.setValue(max(1, min(MAX_NEW_TOKENS, max_new_tokens)))
        if seed is not None:
            self.seed.setValue(max(0, min(SEED_MAX, seed)))
