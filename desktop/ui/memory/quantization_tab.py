"""The Quantization tab: type a number and see how FP32, FP16 and BF16 store it (sign, exponent and mantissa bits
coloured), INT8 absmax quantization of a small vector, a table of the types, and the loaded GGUF's quant mix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calc import dtypes
from desktop.core.calc.gguf_types import GGUFReadError, GGUFSummary
from desktop.core.calc.memory import PRECISIONS
from desktop.core.calc.quantity import CalcInputError
from desktop.core.calc.scenarios import SavedScenario
from desktop.ui.charts import theme_chart
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.memory.loaded_model import loaded_summary, summary_for
from desktop.ui.memory.messages import calc_message
from desktop.ui.memory.scenarios_panel import ScenarioPanel
from desktop.ui.memory.style import (
    ERROR_STYLE,
    EXPONENT_COLOR,
    MANTISSA_COLOR,
    SIGN_COLOR,
    card,
    card_title,
    heading,
    mark_field,
    numeric_edit,
)
from desktop.ui.responsive import VerticalScrollArea
from desktop.ui.zoom import set_relative_font

DEFAULT_VECTOR = "3.14159, -1.5, 0.25, 2.0, -0.7"
MONO_SCALE = 1.15  # bit strings and INT8 values, in the monospace font, a little larger than the text


def _colored_bits(s: dtypes.StoredFloat) -> str:
    return (
        f"<span style='color:{SIGN_COLOR}'>{s.sign_bits}</span> "
        f"<span style='color:{EXPONENT_COLOR}'>{s.exponent_bits}</span> "
        f"<span style='color:{MANTISSA_COLOR}'>{s.mantissa_bits}</span>"
    )


class QuantizationTab(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ctx.sig_theme_changed.connect(self._on_theme)
        ctx.sig_zoom_changed.connect(self._on_theme)
        self.stored: list[dtypes.StoredFloat] = []
        self.int8: dtypes.AbsmaxQuantization | None = None
        self.error: CalcInputError | None = None
        self.gguf: GGUFSummary | None = None
        self._gguf_loaded = False
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        # -- number -> bits
        self.value = numeric_edit(fmt.localize("3.14159"), "")
        self.value.textEdited.connect(lambda _t: self.recompute())
        self.value_error = QLabel()
        self.value_error.setStyleSheet(ERROR_STYLE)
        self.value_error.setWordWrap(True)
        self.value_error.hide()
        legend = self.legend = QLabel()
        bits_card, bits_layout = card(" ")
        self.bits_card = bits_card
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.bit_labels: dict[str, QLabel] = {}
        self.value_labels: dict[str, QLabel] = {}
        self.formula_labels: dict[str, QLabel] = {}
        for row, ff in enumerate(dtypes.FLOAT_FORMATS.values()):
            name = QLabel(f"<b>{ff.label}</b><br><small>1·{ff.exponent_bits}·{ff.mantissa_bits}</small>")
            bits = QLabel()
            bits.setFont(mono)
            set_relative_font(bits, MONO_SCALE)  # the family stays monospace, the size follows the zoom
            bits.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            formula = QLabel()
            formula.setObjectName("hint")
            for w in (name, bits, value, formula):
                w.setStyleSheet("border: none; background: transparent;")
            bits.setWordWrap(True)  # FP32's 32 bits break between exponent and mantissa in a narrow column
            value.setWordWrap(True)
            formula.setWordWrap(True)
            grid.addWidget(name, 3 * row, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(bits, 3 * row, 1)
            grid.addWidget(value, 3 * row + 1, 1)
            grid.addWidget(formula, 3 * row + 2, 1)
            grid.setRowMinimumHeight(3 * row + 2, 0)
            self.bit_labels[ff.key], self.value_labels[ff.key], self.formula_labels[ff.key] = (
                bits,
                value,
                formula,
            )
            if row < 2:
                grid.setRowMinimumHeight(3 * row + 3, 6)
        grid.setColumnStretch(1, 1)
        bits_layout.addWidget(legend)
        bits_layout.addLayout(grid)

        # -- INT8 absmax
        self.vector = numeric_edit(DEFAULT_VECTOR, "")
        self.vector.setCursorPosition(0)  # a narrow field shows the start of the list, not "‡159, -1.5, …"
        self.vector.textEdited.connect(lambda _t: self.recompute())
        self.use_value = QPushButton()
        self.use_value.clicked.connect(self._value_into_vector)
        int8_card, int8_layout = card(" ")
        self.int8_card = int8_card
        row = QHBoxLayout()
        row.addWidget(self.vector, 1)
        row.addWidget(self.use_value)
        self.int8_summary = QLabel()
        self.int8_summary.setWordWrap(True)
        self.int8_summary.setStyleSheet("border: none; background: transparent;")
        # One row per number (a long vector grows downwards, never sideways out of the column).
        self.int8_table = QTableWidget(0, 4)
        self.int8_table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), not cell by cell
        self.int8_table.verticalHeader().setVisible(False)
        self.int8_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.int8_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.int8_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.int8_table.verticalHeader().setDefaultSectionSize(24)
        self.int8_table.setFont(mono)
        set_relative_font(self.int8_table, MONO_SCALE)
        self.int8_table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        int8_layout.addLayout(row)
        int8_layout.addWidget(self.int8_summary)
        int8_layout.addWidget(self.int8_table)

        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 8, 0)
        self.title = heading("")
        left_col.addWidget(self.title)
        intro = self.intro = QLabel()
        intro.setWordWrap(True)
        left_col.addWidget(intro)
        value_row = QHBoxLayout()
        self.value_label = QLabel()
        value_row.addWidget(self.value_label)
        value_row.itemAt(0).widget().setBuddy(self.value)
        value_row.addWidget(self.value, 1)
        left_col.addLayout(value_row)
        left_col.addWidget(self.value_error)
        left_col.addWidget(bits_card)
        left_col.addWidget(int8_card)
        left_col.addStretch(1)

        # -- types table and GGUF mix
        types_card, types_layout = card(" ")
        self.types_card = types_card
        rows = dtypes.type_table()
        gguf_types = [p for p in PRECISIONS.values() if p.kind == "gguf"]
        self.types_table = QTableWidget(len(rows) + len(gguf_types), 5)
        self.types_table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), not cell by cell
        self.types_table.verticalHeader().setVisible(False)
        self.types_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._fill_types()
        header = self.types_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.types_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # All five columns where there is room; a narrow window (1024 px) scrolls the table sideways instead.
        self.types_table.setMinimumWidth(min(
            sum(max(self.types_table.sizeHintForColumn(j), header.sectionSizeHint(j)) for j in range(5)) + 4, 240))
        self.types_table.verticalHeader().setDefaultSectionSize(22)
        self.types_table.setMinimumHeight(22 * self.types_table.rowCount() + 30)
        types_layout.addWidget(self.types_table)

        gguf_card, gguf_layout = card(" ")
        self.gguf_card = gguf_card
        self.gguf_label = QLabel()
        self.gguf_label.setWordWrap(True)
        self.gguf_label.setStyleSheet("border: none; background: transparent;")
        self.open_gguf = QPushButton()
        self.open_gguf.clicked.connect(self._choose_gguf)
        self.gguf_chart = QChart()
        self.gguf_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.gguf_chart.legend().hide()
        self.gguf_chart.setMargins(QMargins(2, 2, 2, 2))
        self.gguf_view = QChartView(self.gguf_chart)
        self.gguf_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: no Tab stop with nothing to show
        self.gguf_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.gguf_view.setMinimumHeight(200)
        top = QHBoxLayout()
        top.addWidget(self.gguf_label, 1)
        top.addWidget(self.open_gguf, 0, Qt.AlignmentFlag.AlignTop)
        gguf_layout.addLayout(top)
        gguf_layout.addWidget(self.gguf_view, 1)
        self.gguf_detail = QLabel()
        self.gguf_detail.setWordWrap(True)
        self.gguf_detail.setObjectName("hint")
        self.gguf_detail.setStyleSheet("border: none; background: transparent;")
        gguf_layout.addWidget(self.gguf_detail)
        # Without a model (no chart) the title and the text stay at the top instead of spreading down the card.
        gguf_layout.addStretch(0)

        right = QWidget()
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(8, 0, 0, 0)
        right_col.addWidget(types_card)
        right_col.addWidget(gguf_card, 1)

        self.scenarios = ScenarioPanel(ctx, "quantization", self.current_scenario, self.tr("Saved numbers"))
        self.scenarios.sig_opened.connect(self.open_scenario)

        def scrolled(widget: QWidget) -> QScrollArea:
            return VerticalScrollArea(widget)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scrolled(left))
        splitter.addWidget(scrolled(right))
        splitter.addWidget(self.scenarios)
        splitter.setSizes([300, 460, 170])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.addWidget(splitter)

        ctx.sig_model_status.connect(self._on_model_status)
        self.retr(self._static_texts)
        self.recompute()
        self.refresh_gguf()

    # ---- language ------------------------------------------------------------------------------------------
    def _static_texts(self) -> None:
        self.value.setPlaceholderText(self.tr("e.g. 3.14159, 65504, 1e-5"))
        self.value.setToolTip(self.tr("Any real number; try 65520 or 1e-8"))
        self.legend.setText(
            "<span style='color:{}'>■ {}</span> &nbsp; <span style='color:{}'>■ {}</span> &nbsp; "
            "<span style='color:{}'>■ {}</span>".format(SIGN_COLOR, self.tr("sign"), EXPONENT_COLOR, self.tr("exponent"),
                                                         MANTISSA_COLOR, self.tr("mantissa"))
        )
        card_title(self.bits_card, self.tr("How the number is stored"))
        self.vector.setPlaceholderText(self.tr("numbers separated by commas (or ; with decimal commas)"))
        self.use_value.setText(self.tr("Use my number"))
        self.use_value.setToolTip(self.tr("Replace the first value of the vector with the number above"))
        card_title(self.int8_card, self.tr("INT8: symmetric absmax quantization (LLM.int8(), Dettmers et al. 2022)"))
        self.int8_table.setHorizontalHeaderLabels([self.tr("value"), self.tr("code"), self.tr("stored"),
                                                   self.tr("error")])
        self.title.setText(self.tr("Quantization explorer"))
        self.intro.setText(self.tr("Type a number: see the bits each format keeps, the value it really stores and the "
                                   "rounding error. FP16 and BF16 halve FP32's memory; INT8 quarters it."))
        self.value_label.setText(self.tr("&Number"))
        card_title(self.types_card, self.tr("Number types"))
        card_title(self.gguf_card, self.tr("Quant types in a GGUF file"))
        self.open_gguf.setText(self.tr("Open GGUF file…"))
        self.scenarios.set_title(self.tr("Saved numbers"))

    def _fill_types(self) -> None:
        self.types_table.setHorizontalHeaderLabels([self.tr("Type"), self.tr("Bits"), self.tr("Range"),
                                                    self.tr("Precision"), self.tr("vs FP32")])
        rows = dtypes.type_table()
        gguf_types = [p for p in PRECISIONS.values() if p.kind == "gguf"]
        for i, r in enumerate(rows):
            precision = (
                self.tr("~{n} digits").format(n=fmt.decimal(r.decimal_digits, 1)) if r.decimal_digits is not None
                else self.tr("step × scale")
            )
            cells = [r.label, fmt.localize(f"{r.bits:g}"), fmt.localize(r.range_text.replace(" codes", "")),
                     precision, fmt.localize(r.memory_vs_fp32)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                eps = (self.tr("; ε (gap after 1) = {eps}").format(eps=fmt.localize(f"{r.epsilon:.3g}"))
                       if r.epsilon is not None else "")
                item.setToolTip(r.layout + eps)
                self.types_table.setItem(i, j, item)
        for k, p in enumerate(gguf_types, start=len(rows)):
            cells = [
                p.label,
                fmt.localize(f"{p.bits_per_weight:.4g}"),
                self.tr("per block"),
                self.tr("per block"),
                "−" + fmt.percent(1 - p.bits_per_weight / 32, 0),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(p.source)
                self.types_table.setItem(k, j, item)

    def retranslate(self) -> None:
        super().retranslate()
        self._fill_types()
        self.value.setText(fmt.localize(fmt.delocalize_from_other(self.value.text())))
        self.recompute()
        if self.gguf is not None:
            self.show_gguf(self.gguf, loaded=self._gguf_loaded)
        else:
            self.refresh_gguf()

    # ---- computing -----------------------------------------------------------------------------------------
    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.recompute()

    def _value_into_vector(self) -> None:
        try:
            values = dtypes.parse_vector(self.vector.text())
        except CalcInputError:
            values = []
        first = self.value.text().strip()
        rest = ", ".join(f"{v:g}" for v in values[1:]) if values else "-1.5, 0.25, 2.0, -0.7"
        first = fmt.delocalize(first)
        self.vector.setText(f"{first}, {rest}" if rest else first)
        self.vector.setCursorPosition(0)
        self.recompute()

    def recompute(self) -> None:
        mark_field(self.value, False)
        mark_field(self.vector, False)
        self.error = None
        try:
            value = dtypes.parse_real(fmt.delocalize(self.value.text()), "Number")
            self.stored = dtypes.store_all(value)
            self.value_error.hide()
            self._show_bits()
        except CalcInputError as exc:
            self._fail(exc, self.value, self.value_error)
        try:
            self.int8 = dtypes.absmax_int8(dtypes.parse_vector(self.vector.text(), "Vector"))
            self._show_int8()
        except CalcInputError as exc:
            self.int8 = None
            self.int8_table.setRowCount(0)
            name = self.tr("Vector")
            self.int8_summary.setText(f"<span style='{ERROR_STYLE}'>⚠ {name}: {calc_message(exc.message)}</span>")
            mark_field(self.vector, True)
            self.error = self.error or exc

    def _fail(self, exc: CalcInputError, field: QWidget, label: QLabel) -> None:
        self.error = exc
        self.stored = []
        name = self.tr("Number")
        label.setText(f"⚠ {name}: {calc_message(exc.message)}")
        label.show()
        mark_field(field, True)
        for key in dtypes.FLOAT_FORMATS:
            self.bit_labels[key].setText("—")
            self.value_labels[key].setText("")
            self.formula_labels[key].setText("")

    def _show_bits(self) -> None:
        for s in self.stored:
            self.bit_labels[s.fmt.key].setText(_colored_bits(s))
            if s.overflow:
                text = "<b style='color:#d64545'>{} → {}∞</b> · {}".format(
                    self.tr("overflow"), "−" if s.sign_bits == "1" else "+",
                    self.tr("largest {type} is {value}").format(
                        type=s.fmt.label, value=fmt.localize(f"{dtypes._float_info(s.fmt).max_value:.6g}")))
            else:
                rel = s.rel_error
                rel_text = "" if rel is None else " (" + self.tr("{n} relative").format(
                    n=fmt.localize(f"{rel:.2e}")) + ")"
                under = "<br><b style='color:#d64545'>{} → 0</b>".format(self.tr("underflow")) if s.underflow else ""
                sub = "<br><i>{}</i>".format(self.tr("subnormal")) if s.category == "subnormal" else ""
                text = "{} <b>{}</b> <small>({})</small> · {} {}{}{}{}".format(
                    self.tr("stores"), fmt.localize(f"{s.stored:.10g}"), s.hex, self.tr("error"),
                    fmt.localize(f"{s.abs_error:.3g}"), rel_text, under, sub)
            self.value_labels[s.fmt.key].setText(text)
            self.formula_labels[s.fmt.key].setText(fmt.localize(s.formula()))

    def _show_int8(self) -> None:
        q = self.int8
        assert q is not None
        self.int8_summary.setText(self.tr(
            "absmax = {absmax}, scale = 127 / absmax = <b>{scale}</b>; code = round(x · scale). One step is {step}, so "
            "errors stay under {half}. Largest error here: <b>{largest}</b>. (The course rounds π to the integer 3; "
            "absmax spends the 8 bits on the vector's own range instead.)").format(
            absmax=fmt.localize(f"{max(abs(v) for v in q.values):.6g}"), scale=fmt.localize(f"{q.scale:.6g}"),
            step=fmt.localize(f"{q.step:.4g}"), half=fmt.localize(f"{q.step / 2:.3g}"),
            largest=fmt.localize(f"{q.max_abs_error:.3g}")))
        self.int8_table.setRowCount(len(q.values))
        for i, (v, c, d, e) in enumerate(zip(q.values, q.codes, q.dequantized, q.errors, strict=True)):
            for j, text in enumerate(fmt.localize(t) for t in (f"{v:.6g}", f"{c}", f"{d:.6g}", f"{e:.2g}")):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.int8_table.setItem(i, j, item)
        shown = min(len(q.values), 8)  # past eight numbers the table scrolls
        self.int8_table.setFixedHeight(24 * shown + self.int8_table.horizontalHeader().sizeHint().height() + 4)

    # ---- GGUF ----------------------------------------------------------------------------------------------
    def _on_model_status(self, _text: str) -> None:
        self.refresh_gguf()

    def _on_theme(self, *_args: object) -> None:
        theme_chart(self.gguf_chart)

    def refresh_gguf(self) -> None:
        summary, problem = loaded_summary(self.ctx)
        if summary is not None:
            self.show_gguf(summary, loaded=True)
        elif self.gguf is None:
            self.gguf_label.setText(
                f"<span style='{ERROR_STYLE}'>⚠ {problem}</span>"
                if problem
                else self.tr("No model is loaded. Load one on the Models page, or open any GGUF file here, to see how "
                             "its parameters are split across quant types.")
            )
            self.gguf_view.setVisible(False)

    def open_gguf_path(self, path: Path) -> bool:
        try:
            summary = summary_for(path)
        except GGUFReadError as exc:
            self.gguf_label.setText(f"<span style='{ERROR_STYLE}'>⚠ {exc}</span>")
            return False
        self.show_gguf(summary, loaded=False)
        return True

    def _choose_gguf(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a GGUF model"), str(self.ctx.paths.models_dir), self.tr("GGUF models (*.gguf)")
        )
        if name:
            self.open_gguf_path(Path(name))

    def show_gguf(self, s: GGUFSummary, loaded: bool) -> None:
        self.gguf, self._gguf_loaded = s, loaded
        top = s.shares[0] if s.shares else None
        where = self.tr("The loaded model") if loaded else self.tr("This file")
        self.gguf_label.setText(
            self.tr("<b>{name}</b> — {n} parameters, tensor data ≈ <b>{bits} bits per weight</b>.<br>{where} stores "
                    "{share} of its parameters as {type}.").format(
                name=s.name, n=fmt.integer(s.parameters), bits=fmt.decimal(s.bits_per_weight, 2), where=where,
                share=fmt.percent(top.share, 0), type=top.type_name)
            if top
            else self.tr("<b>{name}</b> has no tensors.").format(name=s.name)
        )
        self.gguf_label.setToolTip(str(s.path))
        self.gguf_chart.removeAllSeries()
        for axis in self.gguf_chart.axes():
            self.gguf_chart.removeAxis(axis)
        bars = QBarSet(self.tr("share of parameters"))
        bars.setColor(QColor("#4C78A8"))
        bars.setLabelColor(self.palette().text().color())
        names = []
        for share in s.shares:
            bars.append(100 * share.share)
            names.append(share.type_name)
        self.gguf_detail.setText(
            " · ".join(
                self.tr("{type}: {share} of parameters, {tensors} tensors, {bits} bits/weight").format(
                    type=x.type_name, share=fmt.percent(x.share, 1), tensors=fmt.integer(x.tensors),
                    bits=fmt.localize(f"{x.bits_per_weight:.4g}"))
                for x in s.shares
            )
        )
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value%")
        series.setLabelsPrecision(3)
        self.gguf_chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(names)
        y = QValueAxis()
        y.setRange(0, 100)
        y.setTitleText(self.tr("% of parameters"))
        self.gguf_chart.setLocalizeNumbers(True)
        y.setLabelFormat("%d")
        self.gguf_chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.gguf_chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        theme_chart(self.gguf_chart)
        self.gguf_view.setVisible(True)

    # ---- scenarios -----------------------------------------------------------------------------------------
    def current_scenario(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        if not self.stored or self.int8 is None:
            return None
        inputs = {"value": self.stored[0].value, "vector": list(self.int8.values)}
        results: dict[str, Any] = {f"{s.fmt.key}_stored": s.stored for s in self.stored}
        results.update({f"{s.fmt.key}_error": (None if s.overflow else s.abs_error) for s in self.stored})
        results.update(
            int8_scale=self.int8.scale,
            int8_codes=list(self.int8.codes),
            int8_max_error=self.int8.max_abs_error,
        )
        return inputs, results

    def open_scenario(self, scenario: SavedScenario) -> None:
        self.value.setText(f"{scenario.inputs.get('value', '')}")
        vector = scenario.inputs.get("vector")
        if isinstance(vector, list):
            self.vector.setText(", ".join(f"{v:g}" for v in vector))
            self.vector.setCursorPosition(0)
        self.recompute()
