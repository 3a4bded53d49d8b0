"""What is inside a GGUF file, as the Models page shows it: the facts read from its header (no weights loaded), the
tensor types by share of the parameters (ring chart and table), and a plain-language reading of them."""


from html import escape

from PySide6.QtCharts import QChart, QChartView, QPieSeries
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.llm.catalog import DEFAULT_MODEL
from desktop.core.llm.gguf_info import GGUFInfo
from desktop.ui.charts import theme_chart
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.responsive import FlowRow

TYPE_BITS = {"F32": 32.0, "F16": 16.0, "BF16": 16.0, "Q8_0": 8.5, "Q6_K": 6.5625, "Q5_0": 5.5, "Q5_1": 6.0,
             "Q5_K": 5.5, "Q4_0": 4.5, "Q4_1": 5.0, "Q4_K": 4.5, "Q3_K": 3.4375, "Q2_K": 2.625}
PIE_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"]


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
