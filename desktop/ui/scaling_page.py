"""The Scaling laws page: compute-optimal parameters ↔ tokens ↔ FLOPs (≈20 tokens per parameter, C ≈ 6·N·D),
training time on G GPUs, well-known models on a log-log chart against the 20:1 line, and Chinchilla's Table 3.

Links: studydesk://scaling?params=70B, ?tokens=1.4T, ?compute=5.76e23 (optionally &gpus=1024&gpu=a100&utilization=40%).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QLogValueAxis, QScatterSeries, QXYSeries
from PySide6.QtCore import QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calc import scaling as sc
from desktop.core.calc.quantity import CalcInputError, format_count, format_flops, parse_quantity
from desktop.core.calc.results import scaling_results
from desktop.core.calc.scenarios import SavedScenario
from desktop.core.links import StudyLink
from desktop.ui.charts import theme_chart
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.memory.messages import calc_message
from desktop.ui.memory.scenarios_panel import ScenarioPanel
from desktop.ui.memory.style import ERROR_STYLE, card, card_title, heading, mark_field, numeric_edit
from desktop.ui.responsive import VerticalScrollArea
from desktop.ui.zoom import relative_font

GIVEN = {
    "params": ("Parameters", "e.g. 70B"),
    "tokens": ("Tokens", "e.g. 1.4T"),
    "flops": ("Compute (FLOPs)", "e.g. 5.76e23"),
}
X_RANGE = (3e8, 2e12)  # parameters shown on the chart
Y_RANGE = (5e9, 5e13)  # tokens shown on the chart
# Points whose names would print on top of a neighbour's; they still show their details on hover.
UNLABELLED = {"Gopher", "MT-NLG", "LLaMA-13B", "LLaMA-33B", "LLaMA-65B", "Llama-2-7B", "Llama-2-70B"}


class ScalingPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.point: sc.ScalingPoint | None = None
        self.time: sc.TrainingTime | None = None
        self.error: CalcInputError | None = None

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_calculator())
        splitter.addWidget(self._build_chart_and_table())
        theme_chart(self.chart)
        ctx.sig_theme_changed.connect(self._on_theme)
        ctx.sig_zoom_changed.connect(self._on_zoom)
        self.scenarios = ScenarioPanel(ctx, "scaling", self.current_scenario, self.tr("Saved scaling scenarios"))
        self.scenarios.sig_opened.connect(self.open_scenario)
        splitter.addWidget(self.scenarios)
        splitter.setSizes([340, 600, 130])  # the saved-scenarios panel gives way first in a narrow window
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.addWidget(splitter)
        self.retr(self._static_texts)
        self.recompute()

    # ---- language ------------------------------------------------------------------------------------------
    def focus_on_arrival(self) -> None:
        """Ctrl+5 lands in the number to start from (the column's scroll area took the keyboard, with no focus
        to see)."""
        self.value.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _placeholder(self, key: str) -> str:
        return {"params": self.tr("e.g. 70B"), "tokens": self.tr("e.g. 1.4T"), "flops": self.tr("e.g. 5.76e23")}[key]

    def _static_texts(self) -> None:
        texts = {"params": (self.tr("&Parameters"), self.tr("Start from parameters")),
                 "tokens": (self.tr("&Tokens"), self.tr("Start from tokens")),
                 "flops": (self.tr("&Compute"), self.tr("Start from compute (FLOPs)"))}
        for key, (text, tip) in texts.items():
            self.given_buttons[key].setText(text)
            self.given_buttons[key].setToolTip(tip)
        self.value.setPlaceholderText(self._placeholder(self.given()))
        self.value.setToolTip(self.tr("Typed the way you say it: 70B, 1.4T, 5.76e23"))
        card_title(self.result_card, self.tr("Compute-optimal (≈20 tokens per parameter)"))
        self.gpus.setPlaceholderText(self.tr("e.g. 1024"))
        self.accelerator.setItemText(self.accelerator.findData("custom"), self.tr("Custom peak"))
        self.peak.setToolTip(self.tr("Peak dense BF16/FP16 TFLOP/s per GPU (from the datasheet)"))
        self.utilization.setPlaceholderText(self.tr("e.g. 40%"))
        self.utilization.setToolTip(self.tr("Share of peak actually sustained (MFU); 30–50% is typical for large "
                                            "training runs"))
        card_title(self.time_card, self.tr("Training time"))
        for field, text in ((self.gpus, self.tr("GPUs")), (self.accelerator, self.tr("Accelerator")),
                            (self.peak, self.tr("Peak TFLOP/s")), (self.utilization, self.tr("Utilization"))):
            label = self.time_form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)
        self.explain.setText(self.tr(
            "Hoffmann et al. 2022 (Chinchilla): grow parameters and training tokens <b>equally</b>; about "
            "<b>20 tokens per parameter</b> is compute-optimal. Training costs C ≈ 6·N·D FLOPs (forward 2·N·D, "
            "backward 4·N·D). Models above the line are over-parameterized and under-trained."))
        self.title.setText(self.tr("Scaling laws"))
        self.start_label.setText(self.tr("Start from"))
        self.chart.setTitle(self.tr("Known models vs the 20:1 line (log-log)"))
        self.x_axis.setTitleText(self.tr("Parameters"))
        self.y_axis.setTitleText(self.tr("Training tokens"))
        self.line.setName(self.tr("20:1 line"))
        self.table3.setName(self.tr("Table 3"))
        self.models_series.setName(self.tr("Known models"))
        self.you.setName(self.tr("You"))
        self.table.setHorizontalHeaderLabels(["N", "FLOPs", "D", "D / N", "20 × N"])
        for j, tip in enumerate((self.tr("N: parameters"), self.tr("C: training compute (6·N·D)"),
                                 self.tr("D: training tokens"), self.tr("Tokens per parameter"),
                                 self.tr("The 20:1 rule's tokens for N"))):
            self.table.horizontalHeaderItem(j).setToolTip(tip)
        rows = sc.CHINCHILLA_TABLE3
        for i, r in enumerate(rows):
            cells = [
                fmt.localize(format_count(r.params)),
                fmt.localize(f"{r.flops:.3g}".replace("e+", "e")),
                fmt.localize(format_count(r.tokens)),
                fmt.decimal(r.tokens / r.params, 1),
                fmt.localize(format_count(20 * r.params)),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        card_title(self.table_card, self.tr("Chinchilla's Table 3 (Hoffmann et al. 2022): estimated compute-optimal "
                                            "training"))
        self.source.setText(self.tr(
            "Hover a point for the model's numbers and source. The paper's fitted loss constants do not "
            "reproduce 20:1 (Besiroglu et al. 2024); Table 3 and the 20:1 rule are what to remember."))
        self.scenarios.set_title(self.tr("Saved scaling scenarios"))

    def retranslate(self) -> None:
        super().retranslate()
        for edit in (self.value, self.gpus, self.peak, self.utilization):
            edit.setText(fmt.localize(fmt.delocalize_from_other(edit.text())))
        self.recompute()

    # ---- calculator ----------------------------------------------------------------------------------------
    def _build_calculator(self) -> QWidget:
        self.given_group = QButtonGroup(self)
        self.given_buttons: dict[str, QRadioButton] = {}
        radios = QHBoxLayout()
        for i, key in enumerate(GIVEN):
            button = QRadioButton()
            self.given_group.addButton(button, i)
            self.given_buttons[key] = button
            radios.addWidget(button)
        self.given_buttons["params"].setChecked(True)
        self.given_group.idToggled.connect(lambda _id, on: on and self._given_changed())
        self.value = numeric_edit("70B", "")
        self.value.textEdited.connect(lambda _t: self.recompute())

        result_card, result_layout = card(" ")
        self.result_card = result_card
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setStyleSheet("border: none; background: transparent;")
        result_layout.addWidget(self.result_label)

        self.gpus = numeric_edit("1024", "")
        self.accelerator = QComboBox()
        for a in sc.ACCELERATORS.values():
            self.accelerator.addItem(f"{a.label} ({fmt.localize(f'{a.peak_flops / 1e12:g}')} TFLOP/s)", a.key)
            self.accelerator.setItemData(self.accelerator.count() - 1, a.source, Qt.ItemDataRole.ToolTipRole)
        self.accelerator.addItem("", "custom")
        # The box may elide a long accelerator name (its list shows them whole): asking for the longest one made
        # the calculator column so wide that a 1024 px window left the chart ~160 px.
        self.accelerator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.accelerator.setMinimumContentsLength(14)
        self.accelerator.view().setMinimumWidth(self.accelerator.view().sizeHintForColumn(0) + 24)
        self.peak = numeric_edit("312", "TFLOP/s")
        self.peak.setEnabled(False)
        self.utilization = numeric_edit("40%", "")
        self.accelerator.currentIndexChanged.connect(self._accelerator_changed)
        for edit in (self.gpus, self.peak, self.utilization):
            edit.textEdited.connect(lambda _t: self.recompute())
        time_card, time_layout = card(" ")
        self.time_card = time_card
        form = self.time_form = QFormLayout()
        form.addRow("GPUs", self.gpus)
        form.addRow("Accelerator", self.accelerator)
        form.addRow("Peak TFLOP/s", self.peak)
        form.addRow("Utilization", self.utilization)
        time_layout.addLayout(form)
        self.time_label = QLabel()
        self.time_label.setWordWrap(True)
        self.time_label.setStyleSheet("border: none; background: transparent;")
        time_layout.addWidget(self.time_label)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        explain = self.explain = QLabel()
        explain.setWordWrap(True)

        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 8, 0)
        self.title = heading("")
        col.addWidget(self.title)
        col.addWidget(explain)
        self.start_label = QLabel()
        col.addWidget(self.start_label)
        col.addLayout(radios)
        col.addWidget(self.value)
        col.addWidget(self.error_label)
        col.addWidget(result_card)
        col.addWidget(time_card)
        col.addStretch(1)
        scroll = VerticalScrollArea(box)
        self.fields: dict[str, QWidget] = {label: self.value for label, _ in GIVEN.values()}
        self.fields.update(
            {
                "GPUs": self.gpus,
                "Utilization": self.utilization,
                "Peak FLOP/s per GPU": self.peak,
                "Scaling": self.value,
            }
        )
        return scroll

    def given(self) -> str:
        return next(k for k, b in self.given_buttons.items() if b.isChecked())

    def _given_changed(self) -> None:
        # Keep the current point and show it in the new unit, so switching does not lose the calculation.
        key = self.given()
        self.value.setPlaceholderText(self._placeholder(key))
        if self.point is not None:
            v = getattr(self.point, key)
            self.value.setText(fmt.localize(f"{v:.3g}" if key == "flops" else format_count(v)))
        self.recompute()

    def _accelerator_changed(self) -> None:
        key = str(self.accelerator.currentData())
        custom = key == "custom"
        self.peak.setEnabled(custom)
        if not custom:
            self.peak.setText(fmt.localize(f"{sc.ACCELERATORS[key].peak_flops / 1e12:g}"))
        self.recompute()

    # ---- chart and table -----------------------------------------------------------------------------------
    def _build_chart_and_table(self) -> QWidget:
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.x_axis = QLogValueAxis()
        self.x_axis.setBase(10)
        self.x_axis.setLabelFormat("%.0e")
        self.x_axis.setRange(*X_RANGE)
        self.y_axis = QLogValueAxis()
        self.y_axis.setBase(10)
        self.y_axis.setLabelFormat("%.0e")
        self.y_axis.setRange(*Y_RANGE)
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)

        line = self.line = QLineSeries()
        line.append(X_RANGE[0], 20 * X_RANGE[0])
        line.append(Y_RANGE[1] / 20, Y_RANGE[1])
        pen = QPen(QColor("#54A24B"))
        pen.setWidthF(2)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        self._add(line)

        table3 = self.table3 = QScatterSeries()
        table3.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        table3.setMarkerSize(8)
        table3.setColor(QColor("#72B7B2"))
        for row in sc.CHINCHILLA_TABLE3:
            table3.append(row.params, row.tokens)
        table3.hovered.connect(lambda p, on: self._hover_table3(p, on))
        self._add(table3)

        self.models_series = QScatterSeries()
        self.models_series.setMarkerSize(10)
        self.models_series.setColor(QColor("#4C78A8"))
        for m in sc.KNOWN_MODELS:
            self.models_series.append(m.params, m.tokens)
        # Names are placed by hand (see _place_labels): Qt's point labels all sit above their points and ran into
        # each other, into neighbouring points and into the "You" star.
        self._labels = [
            (m, QGraphicsSimpleTextItem(m.name, self.chart)) for m in sc.KNOWN_MODELS if m.name not in UNLABELLED
        ]
        for _m, item in self._labels:
            item.setZValue(10)
        self.models_series.hovered.connect(lambda p, on: self._hover_model(p, on))
        self._add(self.models_series)

        self.you = QScatterSeries()
        self.you.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeStar)
        self.you.setMarkerSize(18)
        self.you.setColor(QColor("#E45756"))
        self._add(self.you)

        self.chart.plotAreaChanged.connect(lambda _area: self._place_labels())
        self.chart_view = QChartView(self.chart)
        self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: no Tab stop with nothing to show
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(330)

        rows = sc.CHINCHILLA_TABLE3
        self.table = QTableWidget(len(rows), 5)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), not cell by cell
        # Short headers in the notation of C ≈ 6·N·D, so five columns fit a narrow column; the tooltips spell them.
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        # Columns as wide as their numbers (the table scrolls sideways in a narrow column; stretched columns
        # showed "…" in every cell at 1024 px), the last one filling any room left.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setFixedHeight(22 * len(rows) + self.table.horizontalHeader().sizeHint().height() + 4)
        table_card, table_layout = card(" ")
        self.table_card = table_card
        table_layout.addWidget(self.table)
        source = self.source = QLabel()
        source.setWordWrap(True)
        source.setObjectName("hint")
        source.setStyleSheet("border: none; background: transparent;")
        table_layout.addWidget(source)

        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(8, 0, 8, 0)
        col.addWidget(self.chart_view, 1)
        col.addWidget(table_card)
        # At the minimum window size the chart and the table do not fit one above the other: scroll, never overlap.
        return VerticalScrollArea(box)

    def _on_theme(self, _dark: bool) -> None:
        theme_chart(self.chart)
        self._place_labels()

    def _on_zoom(self, _percent: int) -> None:
        theme_chart(self.chart)
        self.recompute()  # the result's text size; places the model names again

    def _place_labels(self) -> None:
        """Each model's name beside its point, on the first side where it covers no other name, point or star."""
        plot = self.chart.plotArea()
        points = [self.chart.mapToPosition(p, self.models_series) for p in self.models_series.points()]
        taken = [QRectF(p.x() - 6, p.y() - 6, 12, 12) for p in points]
        stars = [self.chart.mapToPosition(q, self.you) for q in self.you.points()]
        taken += [QRectF(p.x() - 10, p.y() - 10, 20, 20) for p in stars]
        color = self.x_axis.labelsColor()
        names_font = relative_font(0.85)  # model names a little smaller than the axis labels, zoomed alike
        for m, item in self._labels:
            item.setBrush(color)
            item.setFont(names_font)
            at = self.chart.mapToPosition(QPointF(m.params, m.tokens), self.models_series)
            w, h = item.boundingRect().width(), item.boundingRect().height()
            # Clear of the point's marker, or of the star when "You" sit on (or next to) this model.
            r = 11 if any(abs(p.x() - at.x()) < 20 and abs(p.y() - at.y()) < 20 for p in stars) else 5
            sides = [(-w / 2, -h - r), (r + 2, -h / 2), (-w - r - 2, -h / 2), (-w / 2, r), (r, -h - 2),
                     (-w - r, -h - 2)]
            rects = [QRectF(at.x() + dx, at.y() + dy, w, h) for dx, dy in sides]
            free = [r for r in rects if plot.contains(r) and not any(r.intersects(t) for t in taken)]
            # No free side (a narrow chart in a 1024 px window): no name rather than names on top of each other;
            # hovering the point still names the model.
            item.setVisible(plot.contains(at) and bool(free))
            if free:
                item.setPos(free[0].topLeft())
                taken.append(free[0])

    def _add(self, series: QXYSeries) -> None:
        self.chart.addSeries(series)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)

    def _hover_model(self, point: QPointF, on: bool) -> None:
        if not on:
            QToolTip.hideText()
            return
        m = min(sc.KNOWN_MODELS, key=lambda k: abs(k.params / point.x() - 1) + abs(k.tokens / point.y() - 1))
        QToolTip.showText(QCursor.pos(), self.model_tooltip(m), self.chart_view)

    def model_tooltip(self, m: sc.KnownModel) -> str:
        return self.tr("<b>{name}</b> ({year})<br>{params} parameters, {tokens} tokens<br>{ratio} tokens per "
                       "parameter, {flops}<br><i>{source}</i>").format(
            name=m.name, year=m.year, params=fmt.localize(format_count(m.params)),
            tokens=fmt.localize(format_count(m.tokens)), ratio=fmt.decimal(m.tokens_per_param, 1),
            flops=fmt.localize(format_flops(m.flops)), source=m.source)

    def _hover_table3(self, point: QPointF, on: bool) -> None:
        if not on:
            QToolTip.hideText()
            return
        r = min(sc.CHINCHILLA_TABLE3, key=lambda row: abs(row.params / point.x() - 1))
        QToolTip.showText(
            QCursor.pos(),
            self.tr("Table 3: {params} parameters → {tokens} tokens, {flops}").format(
                params=fmt.localize(format_count(r.params)), tokens=fmt.localize(format_count(r.tokens)),
                flops=fmt.localize(format_flops(r.flops))),
            self.chart_view,
        )

    # ---- computing -----------------------------------------------------------------------------------------
    def recompute(self) -> None:
        for w in (self.value, self.gpus, self.utilization, self.peak):
            mark_field(w, False)
        self.error = None
        try:
            point = sc.compute_optimal(**{self.given(): fmt.delocalize(self.value.text())})
        except CalcInputError as exc:
            self._fail(exc)
            self.point = None
            self.time = None
            self.you.clear()
            self.result_label.setText("—")
            self.time_label.setText("")
            return
        self.point = point
        row = "<tr><td>{}</td><td align=right><b>{}</b></td><td>{}</td></tr>"
        self.result_label.setText(
            "<table cellspacing=4>"
            + row.format(self.tr("Parameters"), fmt.localize(format_count(point.params)),
                         f"({fmt.integer(round(point.params))})")
            + row.format(self.tr("Tokens"), fmt.localize(format_count(point.tokens)),
                         "(" + self.tr("{n} per parameter").format(n=fmt.decimal(point.tokens_per_param, 0)) + ")")
            + row.format(self.tr("Compute"), fmt.localize(format_flops(point.flops)), "= 6 · N · D")
            + "</table>"
        )
        self.you.clear()
        self.you.append(point.params, point.tokens)
        self._place_labels()
        try:
            peak = parse_quantity(fmt.delocalize(self.peak.text()), "Peak FLOP/s per GPU", maximum=1e6) * 1e12
            self.time = sc.training_time(point.flops, fmt.delocalize(self.gpus.text()),
                                         fmt.delocalize(self.utilization.text()), peak)
        except CalcInputError as exc:
            self.time = None
            self.time_label.setText("")
            self._fail(exc)
            return
        t = self.time
        self.error_label.hide()
        years = " (" + self.tr("{n} years").format(n=fmt.decimal(t.days / 365.25, 1)) + ")" if t.days > 365 else ""
        self.time_label.setText(
            "<span style='font-size:{}pt; font-weight:700'>{}</span>{}<br>{}".format(
                f"{relative_font(1.5).pointSizeF():g}", self.tr("{n} days").format(n=fmt.decimal(t.days, 1)), years,
                self.tr("{hours} GPU-hours on {gpus} GPUs at {share} of {peak} TFLOP/s").format(
                    hours=fmt.integer(round(t.gpu_hours)), gpus=fmt.integer(t.gpus), share=fmt.percent(t.utilization, 0),
                    peak=fmt.localize(f"{t.peak_flops / 1e12:g}")))
        )

    def _fail(self, exc: CalcInputError) -> None:
        self.error = exc
        names = {"Parameters": self.tr("Parameters"), "Tokens": self.tr("Tokens"),
                 "Compute (FLOPs)": self.tr("Compute (FLOPs)"), "GPUs": self.tr("GPUs"),
                 "Utilization": self.tr("Utilization"), "Peak FLOP/s per GPU": self.tr("Peak FLOP/s per GPU")}
        self.error_label.setText(f"⚠ {names.get(exc.field, exc.field)}: {calc_message(exc.message)}")
        self.error_label.show()
        widget = self.fields.get(exc.field)
        if widget is not None:
            mark_field(widget, True)

    # ---- scenarios and links -------------------------------------------------------------------------------
    def current_scenario(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        if self.point is None or self.error is not None:
            return None
        given = self.given()
        inputs: dict[str, Any] = {"given": given, "value": getattr(self.point, given)}
        if self.time is not None:
            inputs.update(
                gpus=self.time.gpus,
                utilization=self.time.utilization,
                peak_flops=self.time.peak_flops,
                accelerator=str(self.accelerator.currentData()),
            )
        return inputs, scaling_results(self.point, self.time)

    def open_scenario(self, scenario: SavedScenario) -> None:
        data = scenario.inputs
        given = str(data.get("given", "params"))
        if given not in GIVEN:
            given = "params"
        self.given_buttons[given].blockSignals(True)
        self.given_buttons[given].setChecked(True)
        self.given_buttons[given].blockSignals(False)
        value = data.get("value")
        self.value.setText(f"{value:.6g}" if isinstance(value, int | float) else str(value or ""))
        if "gpus" in data:
            self.gpus.setText(str(data["gpus"]))
        if "utilization" in data:
            self.utilization.setText(f"{float(data['utilization']):.0%}")
        accel = str(data.get("accelerator", ""))
        index = self.accelerator.findData(accel)
        if index >= 0:
            self.accelerator.blockSignals(True)
            self.accelerator.setCurrentIndex(index)
            self.accelerator.blockSignals(False)
            self.peak.setEnabled(accel == "custom")
        if "peak_flops" in data:
            self.peak.setText(f"{float(data['peak_flops']) / 1e12:g}")
        self.recompute()

    def open_link(self, link: StudyLink) -> None:
        p = link.params
        key = next((k for k in ("params", "tokens", "compute", "flops") if k in p), None)
        if key is not None:
            given = "flops" if key == "compute" else key
            self.given_buttons[given].blockSignals(True)
            self.given_buttons[given].setChecked(True)
            self.given_buttons[given].blockSignals(False)
            self.value.setPlaceholderText(self._placeholder(given))
            self.value.setText(p[key])
        if "gpus" in p:
            self.gpus.setText(p["gpus"])
        if "utilization" in p:
            self.utilization.setText(p["utilization"])
        if "gpu" in p:
            index = self.accelerator.findData(p["gpu"].strip().lower())
            if index >= 0:
                self.accelerator.setCurrentIndex(index)
        self.recompute()
