"""The Models page: the default model, every GGUF found on disk, what is inside the selected file, and how the
model is run (threads, context size, GPU layers).

File checks and loads run on the model thread (ctx.model). Listing the folders (discovery) runs as a file job
(ctx.files, ui/background.py): a slow or hung folder leaves the window responsive while "Looking for models…"
shows. A bad file gets a one-line message under the list; the loaded model stays loaded.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView, QPieSeries
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.llm.catalog import DEFAULT_MODEL, INSTALL_HELP, is_default_model_ready, package_installed
from desktop.core.llm.discovery import SOURCE_DEFAULT, ModelFile, discover_models
from desktop.core.llm.engine import GPU_HELP, LoadOptions, default_threads, gpu_offload_supported, max_threads
from desktop.core.llm.gguf_info import GGUFInfo, inspect_gguf
from desktop.core.llm.probe import remembered_verdict
from desktop.ui.charts import theme_chart
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.responsive import FlowRow, VerticalScrollArea
from desktop.ui.workers import KEY_RECENT

CONTEXT_SIZES = [512, 1024, 2048, 4096, 8192, 16384, 32768]
# Bits per weight of each GGUF block type (ggml/src/ggml-common.h; FACTS.md), for the explanation.
TYPE_BITS = {"F32": 32.0, "F16": 16.0, "BF16": 16.0, "Q8_0": 8.5, "Q6_K": 6.5625, "Q5_0": 5.5, "Q5_1": 6.0,
             "Q5_K": 5.5, "Q4_0": 4.5, "Q4_1": 5.0, "Q4_K": 4.5, "Q3_K": 3.4375, "Q2_K": 2.625}
PIE_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"]
ERROR_STYLE = "color: #c0392b; font-weight: 600;"


SOURCES = {  # discovery's source names (desktop.core.llm.discovery) as the list shows them
    "Default": QT_TRANSLATE_NOOP("ModelFacts", "Default"),
    "Models folder": QT_TRANSLATE_NOOP("ModelFacts", "Models folder"),
    "Hugging Face cache": QT_TRANSLATE_NOOP("ModelFacts", "Hugging Face cache"),
    "Opened": QT_TRANSLATE_NOOP("ModelFacts", "Opened"),
}


def source_label(source: str) -> str:
    return QCoreApplication.translate("ModelFacts", SOURCES[source]) if source in SOURCES else source


def license_name() -> str:
    """The default model's license as named in the interface language."""
    if DEFAULT_MODEL.license == "Gemma Terms of Use":
        return QCoreApplication.translate("ModelFacts", "Gemma Terms of Use")
    return DEFAULT_MODEL.license


def human_bytes(n: int | None) -> str:
    if n is None:
        return "—"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            return f"{fmt.decimal(n / size, 1)} {unit}"
    return QCoreApplication.translate("ModelFacts", "{n} bytes").format(n=fmt.integer(n))


def human_count(n: int) -> str:
    for unit, size in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if n >= size:
            return f"{fmt.decimal(n / size, 1)} {unit}"
    return fmt.integer(n)


def explain(info: GGUFInfo) -> str:
    """Plain-language reading of the numbers: why the average bits per weight are what they are."""
    label = info.file_type or QCoreApplication.translate("ModelFacts", "its quantization label")
    parts = ["<p>" + QCoreApplication.translate(
        "ModelFacts", "<b>{name}</b> has <b>{params}</b> parameters (every weight of every tensor, counted from the "
        "file) in <b>{mb} MB</b>: {bits} bits ÷ {params} parameters = <b>{bpw} bits per weight</b> on average.").format(
        name=escape(info.display_name), params=fmt.integer(info.parameters), mb=fmt.decimal(info.file_bytes / 1e6, 1),
        bits=fmt.integer(info.file_bytes * 8), bpw=fmt.decimal(info.bits_per_weight, 2)) + "</p>"]
    share = info.embedding_share
    if info.embedding_parameters and info.vocab_size and info.embedding_length:
        bits = TYPE_BITS.get(info.embedding_type)
        bits_text = (" (" + QCoreApplication.translate("ModelFacts", "{n} bits per weight").format(
            n=fmt.localize(f"{bits:g}")) + ")") if bits else ""
        table = QCoreApplication.translate(
            "ModelFacts", "The token-embedding table — one row of {width} numbers for each of the {vocab} tokens of the "
            "vocabulary, {weights} weights — is <b>{share}</b> of all parameters and is stored as <b>{type}</b>"
            "{bits}.").format(
            width=fmt.integer(info.embedding_length), vocab=fmt.integer(info.vocab_size),
            weights=human_count(info.embedding_parameters), share=fmt.percent(share, 0),
            type=escape(info.embedding_type), bits=bits_text)
        if share > 0.3:
            tied = (
                " " + QCoreApplication.translate(
                    "ModelFacts", "The model reuses that same table as its output layer (it turns the last hidden "
                    "state back into a score for every token), so it is needed twice but stored once.")
                if info.output_shares_embedding else ""
            )
            parts.append("<p>" + QCoreApplication.translate(
                "ModelFacts", "Why not ~4.5 bits, if the file says <b>{label}</b>? {label} is the recipe for the big "
                "matrices inside the {layers} layers (mostly 4- to 6-bit K-quants). In a small model with a large "
                "vocabulary those layers are not where most weights are: {table}{tied} The average is pulled toward "
                "the embedding table's precision.").format(
                label=escape(label), layers=info.layers or "?", table=table, tied=tied) + "</p>")
        else:
            parts.append("<p>" + QCoreApplication.translate(
                "ModelFacts", "{table} The layers hold most of the weights here, so the average stays close to what "
                "<b>{label}</b> promises.").format(table=table, label=escape(label)) + "</p>")
    if info.kv_heads and info.heads and info.kv_heads < info.heads:
        parts.append("<p>" + QCoreApplication.translate(
            "ModelFacts", "{heads} attention heads share {kv} key/value head(s) (grouped-query attention), which keeps "
            "the KV cache small: {layers} layers × {kv} × {dim} numbers for keys and the same for values, per token "
            "of context.").format(heads=info.heads, kv=info.kv_heads, layers=info.layers or "?",
                                  dim=info.head_dim or "?") + "</p>")
    if not info.has_chat_template:
        parts.append("<p>" + QCoreApplication.translate(
            "ModelFacts", "No chat template: this is a base model. It continues text rather than answering questions "
            "— exactly what the sampling lab needs.") + "</p>")
    return "".join(parts)


class ModelSettingsBox(Retranslating, QGroupBox):
    """Threads, context size and GPU layers; Apply saves them and reloads the model with them.

    The same box sits on the Models page and on the Settings page; both follow ctx.model.sig_options_changed.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        form = self.form = QFormLayout(self)
        self.threads = QSpinBox()
        self.threads.setRange(0, max_threads())  # more would only be refused by the loader
        self.context = QComboBox()
        for size in CONTEXT_SIZES:
            self.context.addItem("", size)
        self.gpu_layers = QSpinBox()
        self.gpu_layers.setRange(-1, 999)
        self.apply = QPushButton()
        self.apply.clicked.connect(self._apply)
        self.gpu_note = QLabel()
        self.gpu_note.setWordWrap(True)
        self.gpu_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not gpu_offload_supported():
            self.gpu_note.linkActivated.connect(lambda _l: self.gpu_note.setText(
                "<pre style='white-space: pre-wrap'>" + escape(self.gpu_help()) + "</pre>"))
        for field in (self.threads, self.context, self.gpu_layers):
            form.addRow(QLabel(), field)
        form.addRow("", self.gpu_note)
        form.addRow("", self.apply)
        self.show_options(ctx.model.settings_options())
        ctx.model.sig_options_changed.connect(self.show_options)
        self.retr(self._static_texts)

    def gpu_help(self) -> str:
        """GPU_HELP with its sentence in the interface language (the commands stay as they are)."""
        commands = GPU_HELP.split(":\n", 1)[1] if ":\n" in GPU_HELP else GPU_HELP
        return self.tr("This llama-cpp-python was built for the CPU only. To use a GPU, rebuild it into the app's "
                       "virtual environment with the backend for your card, then set GPU layers in Settings:") + "\n" \
            + commands

    def _static_texts(self) -> None:
        self.setTitle(self.tr("Model"))
        if not gpu_offload_supported():
            sentence, _, commands = self.gpu_help().partition("\n")
            self.gpu_note.setToolTip(f"<p>{escape(sentence)}</p><pre>{escape(commands)}</pre>")
        self.threads.setSpecialValueText(self.tr("Automatic ({n})").format(n=default_threads()))
        self.threads.setToolTip(self.tr("CPU threads llama.cpp uses; 0 = one per CPU core, up to 8"))
        for i in range(self.context.count()):
            self.context.setItemText(i, self.tr("{n} tokens").format(n=fmt.integer(int(self.context.itemData(i)))))
        self.context.setToolTip(self.tr("How many tokens of prompt plus output the model can see; more costs memory"))
        self.gpu_layers.setSpecialValueText(self.tr("All layers"))
        self.gpu_layers.setToolTip(self.tr("Layers to offload to the GPU (0 = CPU only; needs a GPU build)"))
        self.apply.setText(self.tr("Apply and reload the model"))
        if gpu_offload_supported():
            self.gpu_note.setText(self.tr("This llama.cpp build can offload layers to a GPU."))
        elif not self.gpu_note.text().startswith("<pre"):
            self.gpu_note.setText(self.tr("This build runs on the CPU only, so GPU layers are ignored.") + " <a href='#gpu'>"
                                  + self.tr("How to install a GPU build…") + "</a>")
        for field, text in ((self.threads, self.tr("CPU threads:")), (self.context, self.tr("Context size:")),
                            (self.gpu_layers, self.tr("GPU layers:"))):
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)

    def show_options(self, options: LoadOptions) -> None:
        self.threads.setValue(options.n_threads or 0)
        index = self.context.findData(options.n_ctx)
        if index < 0:
            self.context.addItem(self.tr("{n} tokens").format(n=fmt.integer(options.n_ctx)), options.n_ctx)
            index = self.context.count() - 1
        self.context.setCurrentIndex(index)
        self.gpu_layers.setValue(options.n_gpu_layers)

    def options(self) -> LoadOptions:
        return LoadOptions(
            n_ctx=int(self.context.currentData()),
            n_threads=self.threads.value() or None,
            n_gpu_layers=self.gpu_layers.value(),
        )

    def _apply(self) -> None:
        options = self.options()
        self.ctx.model.set_options(options)
        info = self.ctx.model.engine_info
        self.ctx.model.load(info.path if info is not None else None, options)


class FactsView(Retranslating, QWidget):
    """The inspector: facts of one GGUF, a chart of its tensor types and the plain-language explanation."""

    FIELDS = [
        ("architecture", QT_TRANSLATE_NOOP("ModelFacts", "Architecture")),
        ("size_label", QT_TRANSLATE_NOOP("ModelFacts", "Size label")),
        ("file_type", QT_TRANSLATE_NOOP("ModelFacts", "Quantization")),
        ("parameters", QT_TRANSLATE_NOOP("ModelFacts", "Parameters")),
        ("file_bytes", QT_TRANSLATE_NOOP("ModelFacts", "File size")),
        ("bits_per_weight", QT_TRANSLATE_NOOP("ModelFacts", "Bits per weight")),
        ("context_length", QT_TRANSLATE_NOOP("ModelFacts", "Context length")),
        ("embedding_length", QT_TRANSLATE_NOOP("ModelFacts", "Embedding length")),
        ("layers", QT_TRANSLATE_NOOP("ModelFacts", "Layers")),
        ("heads", QT_TRANSLATE_NOOP("ModelFacts", "Attention heads")),
        ("kv_heads", QT_TRANSLATE_NOOP("ModelFacts", "KV heads")),
        ("head_dim", QT_TRANSLATE_NOOP("ModelFacts", "Head dim")),
        ("vocab_size", QT_TRANSLATE_NOOP("ModelFacts", "Vocabulary")),
        ("has_chat_template", QT_TRANSLATE_NOOP("ModelFacts", "Chat template")),
        ("license", QT_TRANSLATE_NOOP("ModelFacts", "License")),
    ]

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(1)  # long paths wrap instead of widening the page
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        top = FlowRow(14)  # the facts beside the ring chart, or above it in a narrow window
        # The two halves of the facts side by side, one above the other in a narrow column (at 1024×600 the four
        # columns were wider than the column and cut off at its right edge)
        grid_box = self.grid_box = FlowRow(14)
        grids: list[QGridLayout] = []
        for _part in range(2):
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 4, 0, 4)
            grid.setHorizontalSpacing(14)
            grid.setVerticalSpacing(3)
            grid.setColumnStretch(1, 1)
            grid_box.add(box, 1)
            grids.append(grid)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        half = (len(self.FIELDS) + 1) // 2
        for n, (key, _label) in enumerate(self.FIELDS):
            part, row = divmod(n, half)
            name = self.names[key] = QLabel()
            name.setStyleSheet("color: palette(placeholder-text);")
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grids[part].addWidget(name, row, 0)
            grids[part].addWidget(value, row, 1)
            self.values[key] = value
        top.add(grid_box, 3)
        self.chart = QChart()
        # Our own legend label beside the ring: slice labels and QLegend both get clipped at this size.
        self.chart.legend().setVisible(False)
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.setBackgroundVisible(False)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumSize(180, 250)
        self.chart_view.setStyleSheet("background: transparent;")
        chart_box = self.chart_box = QWidget()
        chart_row = QHBoxLayout(chart_box)
        chart_row.setContentsMargins(0, 0, 0, 0)
        chart_row.addWidget(self.chart_view, 1)
        self.chart_legend = QLabel()
        self.chart_legend.setTextFormat(Qt.TextFormat.RichText)
        chart_row.addWidget(self.chart_legend, 0, Qt.AlignmentFlag.AlignVCenter)
        top.add(chart_box, 2)
        layout.addWidget(top)
        self.types = QTableWidget(0, 4)
        self.types.verticalHeader().setVisible(False)
        self.types.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.types.setTabKeyNavigation(False)  # read-only: Tab leaves the table instead of walking its cells
        self.types.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.types.verticalHeader().setDefaultSectionSize(24)
        self.types.setMaximumHeight(24 * 6 + 8)
        layout.addWidget(self.types)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explanation)
        layout.addStretch(1)
        self._info: GGUFInfo | None = None
        self._message: tuple[str, str] | None = None
        self.retr(self._static_texts)

    def _static_texts(self) -> None:
        for key, label in self.FIELDS:
            self.names[key].setText(QCoreApplication.translate("ModelFacts", label) + ":")
        self.chart.setTitle(self.tr("Parameters by tensor type"))
        self.fit_chart_title()

    def fit_chart_title(self) -> None:
        """The ring is never narrower than its title (at 150 % it was cut to "Parâmetros por tipo ...")."""
        title = QFontMetrics(self.chart.titleFont()).horizontalAdvance(self.chart.title())
        self.chart_view.setMinimumWidth(max(180, title + 24))
        self.types.setHorizontalHeaderLabels([self.tr("Tensor type"), self.tr("Tensors"), self.tr("Parameters"),
                                              self.tr("Share")])

    def retranslate(self) -> None:
        super().retranslate()
        if self._info is not None:
            self.show_info(self._info)

    def values_tip(self, info: GGUFInfo) -> None:
        self.values["file_bytes"].setToolTip(self.tr("{n} bytes").format(n=fmt.integer(info.file_bytes)))
        self.values["bits_per_weight"].setToolTip(self.tr("file bits ÷ parameters"))

    def show_message(self, title: str, text: str) -> None:
        self._info = None
        self.title.setText(f"<h3>{escape(title)}</h3>")
        for value in self.values.values():
            value.setText("—")
        self.chart.removeAllSeries()
        self.types.setRowCount(0)
        self.explanation.setText(text)
        self._show_facts(False)  # a message alone, right under the title: no empty grid, ring or table above it

    def _show_facts(self, on: bool) -> None:
        for widget in (self.grid_box, self.chart_box, self.types):
            widget.setVisible(on)

    def show_info(self, info: GGUFInfo) -> None:
        self.title.setText(f"<h3 style='margin-bottom:0'>{escape(info.display_name)}</h3>"
                           f"<span style='color:gray'>{escape(str(info.path))}</span>")
        self._info = info
        self._show_facts(True)
        self.values_tip(info)
        shown = {
            "parameters": fmt.integer(info.parameters),
            "file_bytes": human_bytes(info.file_bytes),
            "bits_per_weight": fmt.decimal(info.bits_per_weight, 2),
            "has_chat_template": self.tr("yes") if info.has_chat_template else self.tr("no (a base model)"),
        }
        for key, label in self.values.items():
            value = shown.get(key, getattr(info, key))
            label.setText("—" if value in (None, "") else (fmt.integer(value) if isinstance(value, int) else str(value)))
        self.chart.removeAllSeries()
        series = QPieSeries()
        series.setHoleSize(0.35)
        legend: list[str] = []
        for n, (name, share) in enumerate(info.tensor_types.items()):
            pct = share.parameters / info.parameters if info.parameters else 0
            slice_ = series.append(f"{name} {fmt.percent(pct, 0)}", share.parameters)
            slice_.setColor(QColor(PIE_COLORS[n % len(PIE_COLORS)]))
            legend.append(f"<span style='color:{PIE_COLORS[n % len(PIE_COLORS)]}'>■</span> {name}")  # % in the table
        self.chart.addSeries(series)
        theme_chart(self.chart)  # the title follows light/dark; the background stays transparent
        self.chart_legend.setText("<br>".join(legend))
        self.types.setRowCount(len(info.tensor_types))
        for row, (name, share) in enumerate(info.tensor_types.items()):
            pct = share.parameters / info.parameters if info.parameters else 0
            bits = TYPE_BITS.get(name)
            bits_text = "  (" + self.tr("{n} bits/weight").format(n=fmt.localize(f"{bits:g}")) + ")" if bits else ""
            cells = [f"{name}{bits_text}", fmt.integer(share.count), fmt.integer(share.parameters), fmt.percent(pct, 1)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.types.setItem(row, col, item)
        self.explanation.setText(explain(info))


class ModelsPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.model
        self._info_cache: dict[tuple[str, int, int], GGUFInfo] = {}
        self._list_key = f"models.list.{id(self)}"
        self.listing = False  # True while a listing runs (the list shows the previous one meanwhile)
        self._select_after: Path | None = None  # the row to select once the listing arrives (a file just opened)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        header = QHBoxLayout()
        title = QLabel()
        self.retr(lambda: title.setText("<h2 style='margin:0'>{}</h2>".format(self.tr("Models"))))
        header.addWidget(title)
        header.addStretch(1)
        self.current = QLabel()
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.current)
        outer.addLayout(header)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        outer.addWidget(self.progress)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(False)
        self.list.currentItemChanged.connect(lambda _c, _p: self._selection_changed())
        self.list.itemActivated.connect(lambda _item, _col: self.load_selected())
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.load_button = QPushButton()
        self.load_button.clicked.connect(self.load_selected)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_file)
        self.rescan_button = QPushButton()
        self.rescan_button.clicked.connect(self.refresh)
        for b in (self.load_button, self.open_button, self.rescan_button):
            buttons.addWidget(b)
        self.looking = QLabel()  # "Looking for models…" while the folders are listed
        self.looking.setStyleSheet("color: palette(placeholder-text);")
        self.looking.setVisible(False)
        buttons.addWidget(self.looking)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        server_row = QHBoxLayout()
        self.server_button = QPushButton(self.tr("Connect to a server…"))
        self.server_button.setToolTip(self.tr("Use a model on llama-server, vLLM, Ollama or llama-cpp-python's server"))
        self.server_button.clicked.connect(self.connect_server)
        self.local_button = QPushButton(self.tr("Use the local model"))
        self.local_button.clicked.connect(self.service.use_local)
        server_row.addWidget(self.server_button)
        server_row.addWidget(self.local_button)
        server_row.addStretch(1)
        left_layout.addLayout(server_row)
        self.server_line = QLabel()
        self.server_line.setWordWrap(True)
        self.server_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left_layout.addWidget(self.server_line)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setVisible(False)
        left_layout.addWidget(self.error)
        self.where = QLabel()
        self.where.setWordWrap(True)
        left_layout.addWidget(self.where)
        self.settings_box = ModelSettingsBox(ctx)
        left_layout.addWidget(self.settings_box)
        splitter.addWidget(left)

        self.facts = FactsView()
        ctx.sig_theme_changed.connect(self._restyle_chart)
        ctx.sig_zoom_changed.connect(self._restyle_chart)
        self._restyle_chart()
        scroll = VerticalScrollArea(self.facts)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # when both columns cannot fit (1024×600 in pt-BR) the facts scroll sideways instead of being cut off
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 840])
        outer.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Open, self, activated=self.open_file)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.refresh)

        self.service.sig_loading.connect(self._on_loading)
        self.service.sig_progress.connect(self._on_progress)
        self.service.sig_loaded.connect(self._on_loaded)
        self.service.sig_load_failed.connect(self._on_failed)
        self.service.sig_backend_changed.connect(self._on_backend)
        self.retr(self._static_texts)
        self.refresh()

    def _static_texts(self) -> None:
        self.progress.setFormat(self.tr("Preparing the default model from its package… %p%"))
        self.list.setHeaderLabels([self.tr("Model"), self.tr("Found in"), self.tr("Size")])
        self.load_button.setText(self.tr("Load"))
        self.load_button.setToolTip(self.tr("Load the selected model (Enter)"))
        self.open_button.setText(self.tr("Open GGUF file…"))
        self.open_button.setToolTip(self.tr("Open any GGUF file on disk (Ctrl+O)"))
        self.rescan_button.setText(self.tr("Rescan"))
        self.rescan_button.setToolTip(self.tr("Look for GGUF files again (F5)"))
        self.looking.setText(self.tr("Looking for models…"))
        self.server_button.setText(self.tr("Connect to a server…"))
        self.server_button.setToolTip(self.tr("Use a model on llama-server, vLLM, Ollama or llama-cpp-python's server"))
        self.local_button.setText(self.tr("Use the local model"))
        self.where.setText("<small>{}</small>".format(self.tr(
            "Looked in: the app's models folder, the Hugging Face cache, LM Studio's and Ollama's model folders. Any "
            "other .gguf: <b>Open GGUF file…</b>")))
        self._on_backend(None)
        self._show_current()

    def retranslate(self) -> None:
        """New words only; nothing is sent to the model thread (the facts view re-says what it shows)."""
        super().retranslate()
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            entry: ModelFile = item.data(0, Qt.ItemDataRole.UserRole)
            item.setText(1, source_label(entry.source))
            item.setText(2, self._size_text(entry))
        model = self.selected()
        if self.facts._info is None and model is not None and model.source == SOURCE_DEFAULT and not model.exists:
            self._selection_changed()  # the default model's "not prepared yet" note

    # servers ---------------------------------------------------------------------------------------------------
    def connect_server(self) -> None:
        from desktop.ui.server_dialog import ServerDialog

        ServerDialog(self.ctx, self).open()

    def _on_backend(self, _info: object) -> None:
        server = self.service.server
        self.local_button.setVisible(server is not None)
        if server is None or server.info is None:
            self.server_line.setText("")
            self.server_line.setVisible(False)
            return
        self.server_line.setVisible(True)
        self.server_line.setText(
            self.tr("<b>Active: {model}</b> on {url} ({kind}). The lab shows its top {n} tokens and the rest of the "
                    "vocabulary as one bar.").format(model=str(server.model), url=server.info.url,
                                                     kind=server.info.kind, n=min(server.info.max_top, 20))
        )

    # list ------------------------------------------------------------------------------------------------------
    def opened_files(self) -> list[Path]:
        return [Path(p) for p in (self.ctx.db.get_setting(KEY_RECENT, []) or [])]

    def _restyle_chart(self, *_args: object) -> None:
        theme_chart(self.facts.chart)
        self.facts.fit_chart_title()  # theme_chart sets the title's font from the interface zoom

    def refresh(self, select: Path | None = None) -> None:
        """List the GGUF files again as a file job; the list keeps its rows (and the selection) until the new
        listing arrives. `select`: the row to choose then (else the selected one, else the loaded model)."""
        if select is not None:
            self._select_after = select
        models_dir, opened = self.ctx.paths.models_dir, self.opened_files()
        self.listing = True
        self.looking.setVisible(True)
        self.ctx.files.submit(self._list_key, lambda _job: discover_models(models_dir, opened), self._fill_list,
                              self._list_failed, owner=self)

    def _list_failed(self, message: str) -> None:
        self.listing = False
        self.looking.setVisible(False)
        self.set_error(self.tr("Could not look for models: {reason}").format(reason=message))

    def _fill_list(self, items: list[ModelFile]) -> None:
        self.listing = False
        self.looking.setVisible(False)
        selected = self._select_after or self.selected_path()
        self._select_after = None
        self.list.clear()
        loaded = self.service.engine_info.path if self.service.engine_info else None
        for model in items:
            row = QTreeWidgetItem([model.label, source_label(model.source), self._size_text(model)])
            row.setData(0, Qt.ItemDataRole.UserRole, model)
            row.setToolTip(0, str(model.path))
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if loaded is not None and _same(model.path, loaded):
                font = row.font(0)
                font.setBold(True)
                for col in range(3):
                    row.setFont(col, font)
                row.setText(0, f"● {model.label}")
            self.list.addTopLevelItem(row)
        target = selected or loaded
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if target is None or _same(item.data(0, Qt.ItemDataRole.UserRole).path, target):
                self.list.setCurrentItem(item)
                break

    def _size_text(self, model: ModelFile) -> str:
        if model.exists:
            return human_bytes(model.size_bytes)
        return self.tr("from package") if package_installed() else self.tr("not installed")

    def models(self) -> list[ModelFile]:
        return [self.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(self.list.topLevelItemCount())]

    def selected(self) -> ModelFile | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_path(self) -> Path | None:
        model = self.selected()
        return model.path if model is not None else None

    def select_path(self, path: Path) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if _same(item.data(0, Qt.ItemDataRole.UserRole).path, path):
                self.list.setCurrentItem(item)
                return

    # inspector -------------------------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        model = self.selected()
        if model is None:
            return
        if model.source == SOURCE_DEFAULT and not model.exists:
            if package_installed():
                self.facts.show_message(
                    DEFAULT_MODEL.name,
                    "<p>" + self.tr("Not prepared yet: it is assembled from the installed package <code>{package}</code> "
                                    "({size}, sha256-checked) the first time it loads. Press <b>Load</b>.").format(
                        package=DEFAULT_MODEL.source_package, size=human_bytes(DEFAULT_MODEL.size_bytes))
                    + "</p><p>" + self.tr("License: {license}.").format(license=escape(license_name())) + "</p>",
                )
            else:
                self.facts.show_message(
                    DEFAULT_MODEL.name,
                    "<p>" + self.tr("The default model's package <code>{package}</code> is not installed.").format(
                        package=DEFAULT_MODEL.source_package) + f" {escape(INSTALL_HELP)}.</p><p>"
                    + self.tr("Every page that does not need a model still works, and you can open any GGUF file you "
                              "have.") + "</p>",
                )
            return
        self.inspect(model.path)

    def inspect(self, path: Path) -> None:
        key = _cache_key(path)
        if key is not None and key in self._info_cache:
            self._show_info(self._info_cache[key], key)
            return
        self.facts.show_message(path.name, "<p>{}</p>".format(self.tr("Reading the file's header…")))
        self.service.submit(
            "models.inspect",
            lambda _engine, _job: inspect_gguf(path),
            lambda info: self._show_info(info, key),
            self._show_error,
            needs_engine=False,
        )

    def _show_info(self, info: GGUFInfo, key: tuple[str, int, int] | None) -> None:
        if key is not None:
            self._info_cache[key] = info
        if self.selected_path() is None or _same(self.selected_path(), info.path):
            self.facts.show_info(info)
            verdict = remembered_verdict(info.path, self.ctx.paths.cache_dir)
            if verdict is not None and not verdict.ok:  # the trial load in a child process failed before
                self.set_error(self.tr("llama.cpp cannot run this file: {reason}").format(reason=verdict.reason))

    def _show_error(self, message: str) -> None:
        self.set_error(message)
        self.facts.show_message(self.tr("Cannot read this file"), f"<p>{escape(message)}</p>")

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # loading ---------------------------------------------------------------------------------------------------
    def load_selected(self) -> None:
        model = self.selected()
        if model is None:
            return
        self.set_error("")
        self.service.load(None if model.source == SOURCE_DEFAULT else model.path, self.settings_box.options())

    def open_file(self) -> None:
        start = str(self.ctx.paths.models_dir)
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Open a GGUF model"), start,
                                                    self.tr("GGUF models (*.gguf);;All files (*)"))
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """Check a file chosen by the student; load it if it is a model, else say what is wrong."""
        self.set_error("")

        def check(_engine: object, _job: object) -> tuple[GGUFInfo, tuple[str, int, int] | None]:
            return inspect_gguf(path), _cache_key(path)

        def ok(result: tuple[GGUFInfo, tuple[str, int, int] | None]) -> None:
            info, key = result
            if key is not None:
                self._info_cache[key] = info
            recent = [str(path)] + [p for p in (self.ctx.db.get_setting(KEY_RECENT, []) or []) if p != str(path)]
            self.ctx.db.set_setting(KEY_RECENT, recent[:10])
            self.refresh(select=path)
            self.facts.show_info(info)
            self.service.load(path, self.settings_box.options())

        self.service.submit("models.open", check, ok, self._show_error, needs_engine=False)

    def _show_current(self) -> None:
        info = self.service.engine_info
        if info is None:
            self.current.setText(self.tr("Loading…") if self.service.is_loading else self.tr("No model loaded"))
        else:
            n_ctx = self.service.loaded_options.n_ctx if self.service.loaded_options else None
            self.current.setText(self.tr(
                "Loaded: <b>{name}</b> · {device} · {n} tokens of context · loaded in {seconds} s").format(
                name=escape(info.display_name), device=self.service.device,
                n=fmt.integer(n_ctx) if n_ctx is not None else "?", seconds=fmt.decimal(self.service.load_seconds, 1)))

    def _on_loading(self, path: str) -> None:
        self.current.setText(self.tr("Loading {name}…").format(name=escape(Path(path).name)))
        if not is_default_model_ready(self.ctx.paths.models_dir) and Path(path).name == DEFAULT_MODEL.file:
            self.progress.setValue(0)
            self.progress.setVisible(True)

    def _on_progress(self, fraction: float) -> None:
        self.progress.setVisible(fraction < 1.0)
        self.progress.setValue(int(fraction * 100))

    def _on_loaded(self, info: GGUFInfo) -> None:
        self.progress.setVisible(False)
        self.set_error("")
        self._show_current()
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.set_error(message)
        self._show_current()


def _cache_key(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime_ns)


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
