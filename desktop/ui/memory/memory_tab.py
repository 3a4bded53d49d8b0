"""The Memory tab: inputs (with presets) on the left, the breakdown chart and totals in the middle, scenarios right.

Every edit recomputes at once (the arithmetic is microseconds); a bad value is named in red under the inputs and
its field is outlined, and the results grey out until it is fixed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calc import memory as mem
from desktop.core.calc.quantity import GB, GIB, CalcInputError, format_bytes, parse_fraction, parse_quantity
from desktop.core.calc.results import memory_results
from desktop.core.calc.scenarios import SavedScenario
from desktop.ui.charts import theme_chart
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.memory.loaded_model import loaded_summary
from desktop.ui.memory.memory_chart import MemoryChart
from desktop.ui.memory.messages import calc_message
from desktop.ui.memory.notes import memory_notes
from desktop.ui.memory.scenarios_panel import ScenarioPanel
from desktop.ui.memory.style import ERROR_STYLE, PART_COLORS, card, heading, mark_field, numeric_edit
from desktop.ui.memory.words import mode_label, optimizer_label, part_label, preset_label
from desktop.ui.responsive import FlowRow, VerticalScrollArea
from desktop.ui.zoom import relative_font, set_relative_font


def set_row_label(form: QFormLayout, field: QWidget, text: str) -> None:
    label = form.labelForField(field)
    if isinstance(label, QLabel):
        label.setText(text)


class MemoryTab(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        self.estimate: mem.MemoryEstimate | None = None
        self.inputs: mem.MemoryInputs | None = None
        self.error: CalcInputError | None = None

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_inputs())
        splitter.addWidget(self._build_results())
        self.scenarios = ScenarioPanel(ctx, "memory", self.current_scenario, self.tr("Saved memory scenarios"))
        self.scenarios.sig_opened.connect(self.open_scenario)
        splitter.addWidget(self.scenarios)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        # At the 1180 px minimum window the results column needs ~450 px: the inputs and the saved list stay slim.
        splitter.setSizes([270, 620, 180])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.addWidget(splitter)

        self.refresh_presets()
        ctx.sig_model_status.connect(self._on_model_status)
        ctx.sig_theme_changed.connect(self._on_theme)
        ctx.sig_zoom_changed.connect(self._on_zoom)
        self.apply_preset("course")
        self.retr(self._static_texts)

    # ---- inputs --------------------------------------------------------------------------------------------
    def _build_inputs(self) -> QWidget:
        self.preset = QComboBox()
        self.preset.activated.connect(lambda _i: self.apply_preset(str(self.preset.currentData())))
        self.preset.view().setMinimumWidth(340)  # the list shows whole preset names even where the box is narrow
        self.params = numeric_edit("1B", "")
        self.dtype = QComboBox()
        for p in mem.PRECISIONS.values():
            self.dtype.addItem(f"{p.label}  ({p.bits_per_weight:g} bits)", p.key)
            self.dtype.setItemData(self.dtype.count() - 1, p.source, Qt.ItemDataRole.ToolTipRole)
        self.mode = QComboBox()
        for key, label in mem.MODES.items():
            self.mode.addItem(mode_label(key, label), key)
        self.optimizer = QComboBox()
        for o in mem.OPTIMIZERS.values():
            self.optimizer.addItem(optimizer_label(o.key, o.label), o.key)
            self.optimizer.setItemData(self.optimizer.count() - 1, o.source, Qt.ItemDataRole.ToolTipRole)
        self.mixed = QCheckBox()
        self.trainable = numeric_edit("1%", "")
        self.activations = numeric_edit("", "")
        self.overhead = numeric_edit("0%", "")

        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Preset", self.preset)
        form.addRow("&Parameters", self.params)
        form.addRow("P&recision", self.dtype)
        form.addRow("&Mode", self.mode)
        form.addRow("&Optimizer", self.optimizer)
        form.addRow("", self.mixed)
        form.addRow("Trainable share", self.trainable)
        form.addRow("Activations (B/param)", self.activations)
        form.addRow("Overhead", self.overhead)

        self.kv_group = QGroupBox()
        self.context = numeric_edit("", "")
        self.batch = numeric_edit("1", "")
        self.layers = numeric_edit("", "")
        self.kv_heads = numeric_edit("", "")
        self.head_dim = numeric_edit("", "")
        self.kv_dtype = QComboBox()
        for key in mem.KV_CACHE_DTYPES:
            self.kv_dtype.addItem(mem.PRECISIONS[key].label, key)
        self.kv_dtype.setCurrentIndex(mem.KV_CACHE_DTYPES.index("fp16"))
        kv_form = self.kv_form = QFormLayout(self.kv_group)
        kv_form.addRow("&Context length", self.context)
        kv_form.addRow("Batch size", self.batch)
        kv_form.addRow("Layers", self.layers)
        kv_form.addRow("KV heads", self.kv_heads)
        kv_form.addRow("Head dim", self.head_dim)
        kv_form.addRow("KV precision", self.kv_dtype)
        self.kv_hint = QLabel()
        self.kv_hint.setWordWrap(True)
        self.kv_hint.setObjectName("hint")

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.fields: dict[str, QWidget] = {
            "Parameters": self.params,
            "Precision": self.dtype,
            "Mode": self.mode,
            "Optimizer": self.optimizer,
            "Trainable share": self.trainable,
            "Activations (bytes per parameter)": self.activations,
            "Overhead": self.overhead,
            "Context length": self.context,
            "Batch size": self.batch,
            "Layers": self.layers,
            "KV heads": self.kv_heads,
            "Head dim": self.head_dim,
            "KV cache precision": self.kv_dtype,
        }
        for edit in (
            self.params,
            self.trainable,
            self.activations,
            self.overhead,
            self.context,
            self.batch,
            self.layers,
            self.kv_heads,
            self.head_dim,
        ):
            edit.textEdited.connect(self._edited)
        for combo in (self.dtype, self.mode, self.optimizer, self.kv_dtype):
            combo.currentIndexChanged.connect(self._edited)
        self.mixed.toggled.connect(self._edited)

        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 8, 0)
        self.title = heading("")
        col.addWidget(self.title)
        col.addLayout(form)
        # Under the fields it is about, not below the KV group: in a 600 px window it was scrolled out of sight.
        col.addWidget(self.error_label)
        col.addWidget(self.kv_group)
        col.addWidget(self.kv_hint)
        col.addStretch(1)
        scroll = VerticalScrollArea(box)
        for combo in (self.preset, self.dtype, self.mode, self.optimizer, self.kv_dtype):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.setMinimumWidth(100)  # its hint under a style sheet (the red error rim) asks for the longest item
        return scroll

    # ---- results -------------------------------------------------------------------------------------------
    def _build_results(self) -> QWidget:
        banner, banner_layout = card()
        self.course_label = QLabel()
        self.course_label.setWordWrap(True)
        self.course_label.setStyleSheet("border: none; background: transparent;")
        self.course_button = QPushButton()
        self.course_button.clicked.connect(lambda: self.apply_preset("course"))
        self.mixed_button = QPushButton()
        self.mixed_button.clicked.connect(lambda: self.apply_preset("mixed"))
        row = FlowRow(6)  # side by side, or one above the other in a narrow column
        row.add(self.course_button)
        row.add(self.mixed_button)
        row.box.addStretch(1)
        banner_layout.addWidget(self.course_label)
        banner_layout.addWidget(row)

        self.total_label = QLabel()
        set_relative_font(self.total_label, 1.9, bold=True)
        self.total_sub = QLabel()
        self.total_sub.setWordWrap(True)

        self.chart_view = MemoryChart()
        self.chart = self.chart_view.chart()

        self.table = QTableWidget(len(mem.PART_LABELS) + 1, 5)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), not cell by cell
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for j in range(1, 5):
            self.table.horizontalHeader().setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setFixedHeight(24 * 7 + self.table.horizontalHeader().sizeHint().height() + 4)

        gpu_row = FlowRow(6)
        self.gpu_labels: dict[str, QLabel] = {}
        for gpu in mem.GPU_CLASSES:
            frame, inner = card()
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("border: none; background: transparent;")
            inner.addWidget(label)
            self.gpu_labels[gpu.label] = label
            gpu_row.add(frame, 1)

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("hint")

        self.results = QWidget()
        col = QVBoxLayout(self.results)
        col.setContentsMargins(0, 0, 0, 0)
        totals = QHBoxLayout()
        totals.addWidget(self.total_label)
        totals.addWidget(self.total_sub, 1)
        col.addLayout(totals)
        col.addWidget(self.chart_view, 1)
        col.addWidget(self.table)
        col.addWidget(gpu_row)
        col.addWidget(self.notes)

        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(8, 0, 8, 0)
        outer.addWidget(banner)
        outer.addWidget(self.results, 1)
        return VerticalScrollArea(box)

    # ---- presets -------------------------------------------------------------------------------------------
    def _on_model_status(self, _text: str) -> None:
        self.refresh_presets()

    def _on_theme(self, _dark: bool) -> None:
        theme_chart(self.chart)

    def _on_zoom(self, _percent: int) -> None:
        self.chart_view.fit_height()
        self.recompute()  # the result cards' text sizes and the chart's labels'

    def refresh_presets(self) -> None:
        current = self.preset.currentData()
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(self.tr("Custom"), "custom")
        self.preset.addItem(self.tr("Course rule: 24 bytes/param (1B, FP32, Adam)"), "course")
        self.preset.addItem(self.tr("Mixed-precision rule: 16 bytes/param + activations"), "mixed")
        self.preset.insertSeparator(self.preset.count())
        self._gguf, problem = loaded_summary(self.ctx)
        if self._gguf is not None:
            self.preset.addItem(self.tr("The loaded GGUF: {name}").format(name=self._gguf.name), "gguf")
            self.preset.setItemData(
                self.preset.count() - 1, str(self._gguf.path), Qt.ItemDataRole.ToolTipRole
            )
        elif problem:
            self.preset.addItem(self.tr("The loaded GGUF (unreadable)"), "gguf-error")
            self.preset.setItemData(self.preset.count() - 1, problem, Qt.ItemDataRole.ToolTipRole)
        for p in mem.PRESETS.values():
            self.preset.addItem(preset_label(p.key, p.name), p.key)
            self.preset.setItemData(
                self.preset.count() - 1, self.tr("Source: {source}").format(source=p.source), Qt.ItemDataRole.ToolTipRole
            )
        index = self.preset.findData(current)
        self.preset.setCurrentIndex(max(index, 0))
        self.preset.blockSignals(False)

    def preset_keys(self) -> list[str]:
        return [str(self.preset.itemData(i)) for i in range(self.preset.count()) if self.preset.itemData(i)]

    def apply_preset(self, key: str) -> bool:
        """Fill the inputs from a preset; False (with an inline message) for an unknown one."""
        key = key.strip().lower()
        if key in ("course", "mixed"):
            rule = mem.COURSE_RULE if key == "course" else mem.MIXED_PRECISION_RULE
            self.set_inputs(replace(rule, shape=self._current_shape_or_none(), context=None))
        elif key == "gguf" and self._gguf is not None:
            preset = self._gguf.preset()
            self._apply_model(preset)
        elif key in mem.PRESETS:
            self._apply_model(mem.PRESETS[key])
        elif key == "custom":
            pass
        else:
            self._show_error(CalcInputError("Preset", f"unknown preset {key!r}"))
            return False
        self._select_preset(key)
        return True

    def _apply_model(self, preset: mem.ModelPreset) -> None:
        self._loading = True
        self.params.setText(fmt.integer(preset.params))
        self.layers.setText(str(preset.shape.layers))
        self.kv_heads.setText(str(preset.shape.kv_heads))
        self.head_dim.setText(str(preset.shape.head_dim))
        if preset.context:
            self.context.setText(str(preset.context))
        self._loading = False
        self.recompute()

    def _select_preset(self, key: str) -> None:
        index = self.preset.findData(key)
        if index >= 0:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(index)
            self.preset.blockSignals(False)

    def _current_shape_or_none(self) -> mem.ModelShape | None:
        try:
            return self._read_shape()
        except CalcInputError:
            return None

    # ---- reading and showing -------------------------------------------------------------------------------
    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self._select_preset("custom")
            self.recompute()

    def _read_shape(self) -> mem.ModelShape | None:
        texts = [self.layers.text().strip(), self.kv_heads.text().strip(), self.head_dim.text().strip()]
        if not any(texts):
            return None
        return mem.ModelShape(
            int(parse_quantity(fmt.delocalize(texts[0]), "Layers", maximum=1000, integer=True)),
            int(parse_quantity(fmt.delocalize(texts[1]), "KV heads", maximum=1024, integer=True)),
            int(parse_quantity(fmt.delocalize(texts[2]), "Head dim", maximum=16384, integer=True)),
        )

    def read_inputs(self) -> mem.MemoryInputs:
        """The inputs as typed; raises CalcInputError naming the field."""
        mode = str(self.mode.currentData())
        context = None
        shape = self._read_shape()
        if self.context.text().strip() and mode == "inference":
            context = int(
                parse_quantity(fmt.delocalize(self.context.text()), "Context length", maximum=mem.MAX_CONTEXT, integer=True)
            )
            if shape is None:
                raise CalcInputError(
                    "Layers", "the KV cache needs layers, KV heads and head dim (or pick a model preset)"
                )
        activations = self.activations.text().strip()
        return mem.MemoryInputs(
            params=parse_quantity(fmt.delocalize(self.params.text()), "Parameters", maximum=mem.MAX_PARAMS),
            dtype=str(self.dtype.currentData()),
            mode=mode,
            optimizer=str(self.optimizer.currentData()),
            mixed_precision=self.mixed.isChecked(),
            trainable_share=parse_fraction(fmt.delocalize(self.trainable.text()), "Trainable share"),
            activation_bytes_per_param=(
                parse_quantity(
                    fmt.delocalize(activations), "Activations (bytes per parameter)", maximum=1000, allow_zero=True
                )
                if activations
                else None
            ),
            batch=int(parse_quantity(fmt.delocalize(self.batch.text()), "Batch size", maximum=mem.MAX_BATCH, integer=True)),
            context=context,
            shape=shape,
            kv_dtype=str(self.kv_dtype.currentData()),
            overhead_share=parse_fraction(fmt.delocalize(self.overhead.text() or "0"), "Overhead", allow_zero=True),
        )

    def set_inputs(self, inputs: mem.MemoryInputs) -> None:
        """Show `inputs` in the form (from a preset, a link or a saved scenario) and recompute."""
        self._loading = True
        self.params.setText(
            fmt.integer(int(inputs.params)) if inputs.params == int(inputs.params) else fmt.localize(str(inputs.params))
        )
        self.dtype.setCurrentIndex(max(self.dtype.findData(mem.precision(inputs.dtype).key), 0))
        self.mode.setCurrentIndex(max(self.mode.findData(inputs.mode), 0))
        self.optimizer.setCurrentIndex(max(self.optimizer.findData(mem.optimizer(inputs.optimizer).key), 0))
        self.mixed.setChecked(inputs.mixed_precision)
        self.trainable.setText(fmt.localize(f"{inputs.trainable_share:.4g}"))
        self.activations.setText(
            "" if inputs.activation_bytes_per_param is None else fmt.localize(f"{inputs.activation_bytes_per_param:g}")
        )
        self.batch.setText(str(inputs.batch))
        self.context.setText("" if inputs.context is None else str(inputs.context))
        if inputs.shape is not None:
            self.layers.setText(str(inputs.shape.layers))
            self.kv_heads.setText(str(inputs.shape.kv_heads))
            self.head_dim.setText(str(inputs.shape.head_dim))
        self.kv_dtype.setCurrentIndex(max(self.kv_dtype.findData(inputs.kv_dtype), 0))
        self.overhead.setText(f"{inputs.overhead_share:.0%}" if inputs.overhead_share else "0%")
        self._loading = False
        self.recompute()

    def recompute(self) -> None:
        mode = str(self.mode.currentData())
        lora = mode in ("lora", "qlora")
        self.trainable.setEnabled(lora)
        self.optimizer.setEnabled(mode != "inference")
        self.mixed.setEnabled(mode in ("training", "lora"))
        self.kv_group.setEnabled(mode == "inference")
        self.kv_hint.setVisible(mode != "inference")
        for widget in self.fields.values():
            mark_field(widget, False)
        try:
            inputs = self.read_inputs()
            estimate = mem.estimate_memory(inputs)
        except CalcInputError as exc:
            self._show_error(exc)
            return
        self.inputs, self.estimate, self.error = inputs, estimate, None
        self.error_label.hide()
        self.results.setEnabled(True)
        self._show(inputs, estimate)

    def _show_error(self, exc: CalcInputError) -> None:
        self.error = exc
        self.estimate = None
        self.error_label.setText(f"⚠ {self._field_name(exc.field)}: {calc_message(exc.message)}")
        self.error_label.show()
        widget = self.fields.get(exc.field)
        if widget is not None:
            mark_field(widget, True)
        self.results.setEnabled(False)
        # No stale numbers: the last valid result (often a half-typed value, "1e3" on the way to "1e30") would
        # read as the answer for what is typed now.
        self.total_label.setText("—")
        self.total_sub.setText(self.tr("No result until the input marked in red is fixed."))
        self.table.clearContents()
        for label in self.gpu_labels.values():
            label.setText("")
        self.notes.clear()
        self.chart_view.clear()

    def _show(self, inputs: mem.MemoryInputs, e: mem.MemoryEstimate) -> None:
        total = e.total_bytes
        self.total_label.setText(fmt.localize(format_bytes(total)))
        per_param = total / inputs.params
        self.total_sub.setText("= {}  ·  {}  ·  {}, {}, {}".format(
            fmt.localize(format_bytes(total, binary=True)),
            self.tr("{n} bytes per parameter").format(n=fmt.localize(f"{per_param:.4g}")),
            self.tr("{n} parameters").format(n=fmt.integer(round(inputs.params))), mem.precision(inputs.dtype).label,
            mode_label(inputs.mode, mem.MODES[inputs.mode])))
        parts = e.parts()
        for i, (name, value) in enumerate(parts.items()):
            swatch = QTableWidgetItem(f"■  {part_label(name, mem.PART_LABELS[name])}")
            swatch.setForeground(PART_COLORS[name])
            cells = [
                swatch,
                QTableWidgetItem(fmt.localize(f"{value / inputs.params:.4g}")),
                QTableWidgetItem(fmt.localize(f"{value / GB:,.3f}")),
                QTableWidgetItem(fmt.localize(f"{value / GIB:,.3f}")),
                QTableWidgetItem(fmt.percent(value / total, 1) if total else "—"),
            ]
            for j, item in enumerate(cells):
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        last = len(parts)
        totals = [self.tr("Total"), fmt.localize(f"{per_param:.4g}"), fmt.localize(f"{total / GB:,.3f}"),
                  fmt.localize(f"{total / GIB:,.3f}"), fmt.percent(1, 0)]
        for j, text in enumerate(totals):
            item = QTableWidgetItem(text)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            if j:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(last, j, item)
        for gpu in mem.GPU_CLASSES:
            n = e.gpus_needed(gpu)
            self.gpu_labels[gpu.label].setText(
                "<div style='font-size:{}pt'>{}</div><div style='font-size:{}pt; font-weight:700'>{}</div>"
                "<div>{}</div>".format(f"{relative_font(1.1).pointSizeF():g}", self.tr("{size} GPU").format(size=gpu.label),
                                       f"{relative_font(1.6).pointSizeF():g}", fmt.integer(n),
                                       self.tr("needed") if n != 1 else self.tr("is enough"))
            )
        self.notes.setText("<br>".join(f"• {n}" for n in memory_notes(inputs)))
        self.chart_view.draw(e)
        theme_chart(self.chart)

    # ---- language ------------------------------------------------------------------------------------------
    def _field_name(self, field: str) -> str:
        """The interface's name for a field the core names in English (CalcInputError.field)."""
        names = {
            "Parameters": self.tr("Parameters"), "Precision": self.tr("Precision"), "Mode": self.tr("Mode"),
            "Optimizer": self.tr("Optimizer"), "Trainable share": self.tr("Trainable share"),
            "Activations (bytes per parameter)": self.tr("Activations (bytes per parameter)"),
            "Overhead": self.tr("Overhead"), "Context length": self.tr("Context length"),
            "Batch size": self.tr("Batch size"), "Layers": self.tr("Layers"), "KV heads": self.tr("KV heads"),
            "Head dim": self.tr("Head dim"), "KV cache precision": self.tr("KV cache precision"),
            "Preset": self.tr("Preset"), "Scenario": self.tr("Scenario"),
        }
        return names.get(field, field)

    def _static_texts(self) -> None:
        self.title.setText(self.tr("Memory calculator"))
        self.preset.setToolTip(self.tr("Fill the inputs from a rule of the course or a well-known model"))
        self.params.setPlaceholderText(self.tr("e.g. 7B, 1.5e9, 350M"))
        self.params.setToolTip(self.tr("Parameter count, typed the way you say it"))
        self.mixed.setText(self.tr("Mixed precision"))
        self.mixed.setToolTip(self.tr("FP16/BF16 weights and gradients, FP32 master copy with the optimizer "
                                      "(ZeRO §3.1)"))
        self.trainable.setPlaceholderText(self.tr("e.g. 1% or 0.005"))
        self.trainable.setToolTip(self.tr("LoRA/QLoRA: adapter parameters as a share"))
        self.activations.setPlaceholderText(self.tr("course allowance"))
        self.activations.setToolTip(self.tr("Activation bytes per parameter; empty = the course's high-end allowance "
                                            "(8 bytes at FP32, 4 in 16-bit)"))
        self.overhead.setPlaceholderText(self.tr("e.g. 20%"))
        self.overhead.setToolTip(self.tr("Extra for the framework, CUDA context and fragmentation"))
        form, kv = self.form, self.kv_form
        set_row_label(form, self.preset, self.tr("Preset"))
        set_row_label(form, self.params, self.tr("&Parameters"))
        set_row_label(form, self.dtype, self.tr("P&recision"))
        set_row_label(form, self.mode, self.tr("&Mode"))
        set_row_label(form, self.optimizer, self.tr("&Optimizer"))
        set_row_label(form, self.trainable, self.tr("Trainable share"))
        set_row_label(form, self.activations, self.tr("Activations (B/param)"))
        set_row_label(form, self.overhead, self.tr("Overhead"))
        self.kv_group.setTitle(self.tr("KV cache (inference)"))
        self.context.setPlaceholderText(self.tr("e.g. 4096 or 4k"))
        self.context.setToolTip(self.tr("Tokens kept in the cache; empty = no KV cache"))
        self.batch.setPlaceholderText(self.tr("sequences"))
        self.batch.setToolTip(self.tr("Sequences decoded at once"))
        self.layers.setPlaceholderText(self.tr("e.g. 32"))
        self.kv_heads.setPlaceholderText(self.tr("e.g. 8"))
        self.kv_heads.setToolTip(self.tr("Key/value heads: fewer than attention heads with grouped-query attention "
                                         "(GQA)"))
        self.head_dim.setPlaceholderText(self.tr("e.g. 128"))
        set_row_label(kv, self.context, self.tr("&Context length"))
        set_row_label(kv, self.batch, self.tr("Batch size"))
        set_row_label(kv, self.layers, self.tr("Layers"))
        set_row_label(kv, self.kv_heads, self.tr("KV heads"))
        set_row_label(kv, self.head_dim, self.tr("Head dim"))
        set_row_label(kv, self.kv_dtype, self.tr("KV precision"))
        self.kv_hint.setText(self.tr("Training keeps no KV cache: keys and values are part of the activations."))
        self.course_label.setText(self.tr(
            "<b>Course rule:</b> FP32 training with Adam = weights <b>4</b> + optimizer states <b>8</b> + gradients "
            "<b>4</b> + activations &amp; temporaries <b>8</b> = <b>24 bytes per parameter</b> → 24 GB for 1B "
            "parameters.<br><b>Mixed precision</b> (ZeRO): 2 + 2 + 12 = <b>16 bytes per parameter</b> plus "
            "activations.<br><i>80 GB is the memory of one NVIDIA A100 — not the sum of these parts.</i>"))
        self.course_button.setText(self.tr("Course: 24 bytes/param"))
        self.course_button.setToolTip(self.tr("1B parameters, FP32, full training with Adam, no mixed precision"))
        self.mixed_button.setText(self.tr("Mixed: 16 bytes/param"))
        self.table.setHorizontalHeaderLabels([self.tr("Part"), self.tr("B/param"), "GB", "GiB", self.tr("Share")])
        for gpu in mem.GPU_CLASSES:
            self.gpu_labels[gpu.label].setToolTip(self.tr(
                "{size} GPUs such as the {examples}; assumes the memory could be split perfectly across them").format(
                size=gpu.label, examples=gpu.examples))
        for i in range(self.mode.count()):
            self.mode.setItemText(i, mode_label(str(self.mode.itemData(i))))
        for i in range(self.optimizer.count()):
            key = str(self.optimizer.itemData(i))
            self.optimizer.setItemText(i, optimizer_label(key, mem.OPTIMIZERS[key].label))
        self.scenarios.set_title(self.tr("Saved memory scenarios"))

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh_presets()
        self.chart_view.retranslate()
        # Re-show the inputs in the new locale's number style, then the results in the new language.
        self._loading = True
        for edit in (self.params, self.trainable, self.activations, self.overhead, self.context, self.batch,
                     self.layers, self.kv_heads, self.head_dim):
            edit.setText(fmt.localize(fmt.delocalize_from_other(edit.text())))
        self._loading = False
        if self.error is not None:
            self._show_error(self.error)
        else:
            self.recompute()

    # ---- scenarios and links -------------------------------------------------------------------------------
    def current_scenario(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        if self.estimate is None or self.inputs is None:
            return None
        inputs = self.inputs.as_dict()
        inputs["preset"] = str(self.preset.currentData())
        return inputs, memory_results(self.estimate)

    def open_scenario(self, scenario: SavedScenario) -> None:
        data = dict(scenario.inputs)
        preset = str(data.pop("preset", "custom"))
        try:
            inputs = mem.MemoryInputs.from_dict(data)
        except (TypeError, ValueError) as exc:
            self._show_error(CalcInputError("Scenario", f"“{scenario.name}” cannot be reopened ({exc})"))
            return
        self.set_inputs(inputs)
        self._select_preset(preset if self.preset.findData(preset) >= 0 else "custom")

    def apply_link(self, params: dict[str, str]) -> None:
        """studydesk://memory?preset=course or ?params=7B&dtype=fp16&mode=training&optimizer=adam&context=4096…
        A link starts from the defaults (inference, FP32, Adam) unless it names a rule preset, so it always shows
        the same numbers. Bad values land in their field and are reported inline like typed ones."""
        if params.get("preset", "").strip().lower() not in ("course", "mixed"):
            self.set_inputs(mem.MemoryInputs(params=1e9, shape=self._current_shape_or_none()))
        if "preset" in params:
            if not self.apply_preset(params["preset"]):
                return
        self._loading = True
        simple = {
            "params": self.params,
            "context": self.context,
            "batch": self.batch,
            "layers": self.layers,
            "kv_heads": self.kv_heads,
            "head_dim": self.head_dim,
            "trainable": self.trainable,
            "overhead": self.overhead,
            "activations": self.activations,
        }
        for key, edit in simple.items():
            value = params.get(key, params.get(key.replace("_", "-")))
            if value is not None:
                edit.setText(value)
        problem: CalcInputError | None = None
        for key, combo, lookup in (
            ("dtype", self.dtype, mem.precision),
            ("optimizer", self.optimizer, mem.optimizer),
        ):
            if key in params:
                try:
                    combo.setCurrentIndex(combo.findData(lookup(params[key]).key))
                except CalcInputError as exc:
                    problem = exc
        if "mode" in params:
            index = self.mode.findData(params["mode"].strip().lower())
            if index >= 0:
                self.mode.setCurrentIndex(index)
            else:
                problem = CalcInputError(
                    "Mode", f"unknown mode {params['mode']!r}; choose inference, training, lora or qlora"
                )
        if "mixed" in params:
            self.mixed.setChecked(params["mixed"].strip().lower() in ("1", "true", "yes", "on"))
        self._loading = False
        if set(params) - {"preset"}:
            self._select_preset("custom")
        self.recompute()
        if problem is not None:
            self._show_error(problem)
