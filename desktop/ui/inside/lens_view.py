"""The logit lens tab: at one position, what each layer would predict if the model stopped there, and the rank of
the model's final prediction layer by layer (a chart with rank on a log axis)."""

from __future__ import annotations

from html import escape

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QLogValueAxis, QValueAxis
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from desktop.core.llm.inspect_report import LensGridView, LensView
from desktop.ui.charts import theme_chart
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.inside.attention_view import shown


def kind_name(kind: str) -> str:
    """A layer kind ("sliding", "global") in the interface language."""
    names = {"sliding": QCoreApplication.translate("LensPanel", "sliding"),
             "global": QCoreApplication.translate("LensPanel", "global")}
    return names.get(kind, kind)


class LensPanel(Retranslating, QWidget):
    sig_position_changed = Signal(int)
    sig_grid_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        position_label = QLabel()
        self.retr(lambda: position_label.setText(self.tr("Position:")))
        row.addWidget(position_label)
        self.position = QComboBox()
        self.position.setMinimumWidth(200)
        self.position.currentIndexChanged.connect(self._on_position)
        row.addWidget(self.position)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.summary, 1)
        self.grid_button = QPushButton()
        self.retr(lambda: self.grid_button.setText(self.tr("Every position…")))
        self.retr(lambda: self.grid_button.setToolTip(
            self.tr("The top token of every layer at every position (texts up to 64 tokens)")))
        self.grid_button.clicked.connect(self.sig_grid_requested)
        row.addWidget(self.grid_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.note = QLabel()
        self.retr(lambda: self.note.setText(self.tr(
            "Each layer's output goes through the model's own final norm and output matrix, as if the model "
            "stopped there. The last layer is the model's real prediction for the token after this position.")))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, 4)
        self.retr(lambda: self.table.setHorizontalHeaderLabels([
            self.tr("Layer"), self.tr("Top tokens (probability)"), self.tr("Rank of final"), self.tr("p(final)")]))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # read-only: Tab leaves the table instead of walking its cells
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        splitter.addWidget(self.table)
        self.chart = QChart()
        self.retr(lambda: self.chart.setTitle(self.tr("The final prediction, layer by layer")))
        self.chart.setLocalizeNumbers(True)  # axis labels in the interface language's QLocale (0,5 in pt-BR)
        self.retr(lambda: self.chart.setLocale(QLocale()))
        self.series = QLineSeries()
        self.retr(lambda: self.series.setName(self.tr("rank")))
        self.series.setPointsVisible(True)
        self.chart.addSeries(self.series)
        self.p_series = QLineSeries()
        self.retr(lambda: self.p_series.setName(self.tr("probability")))
        self.chart.addSeries(self.p_series)
        self.x_axis = QValueAxis()
        self.retr(lambda: self.x_axis.setTitleText(self.tr("layer")))
        self.x_axis.setLabelFormat("%.0f")  # localized labels take %f, not %d or %g
        self.y_axis = QLogValueAxis()
        self.y_axis.setBase(10)
        self.y_axis.setReverse(True)  # rank 1 at the top
        self.y_axis.setLabelFormat("%.0f")
        self.retr(lambda: self.y_axis.setTitleText(self.tr("rank (log scale, 1 = top)")))
        self.p_axis = QValueAxis()
        self.p_axis.setRange(0.0, 1.0)
        self.p_axis.setLabelFormat("%.1f")
        self.retr(lambda: self.p_axis.setTitleText(self.tr("probability")))
        self.p_axis.setGridLineVisible(False)  # the rank axis draws the grid
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(self.p_axis, Qt.AlignmentFlag.AlignRight)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.p_series.attachAxis(self.x_axis)
        self.p_series.attachAxis(self.p_axis)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumWidth(280)
        self.chart_view.installEventFilter(self)  # narrow: fewer layer ticks, no axis titles (see _fit_axes)
        self._layers = 0
        splitter.addWidget(self.chart_view)
        splitter.setSizes([560, 380])
        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.vsplit.addWidget(splitter)
        self.grid = QTableWidget(0, 0)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setTabKeyNavigation(False)
        self.grid.setVisible(False)
        self.vsplit.addWidget(self.grid)
        layout.addWidget(self.vsplit, 1)
        self.kinds: list[str] = []
        self._lens: LensView | None = None  # the lens shown, shown again after a language switch
        self._grid: LensGridView | None = None
        theme_chart(self.chart)

    def retranslate(self) -> None:
        super().retranslate()
        if self._lens is not None:
            self.show_lens(self._lens)
        if self._grid is not None and self.grid.isVisible():
            self.show_grid(self._grid)

    def set_tokens(self, texts: list[str], position: int, kinds: list[str]) -> None:
        self.kinds = kinds
        self.position.blockSignals(True)
        self.position.clear()
        for i, t in enumerate(texts):
            self.position.addItem(f"{i}: {shown(t)}", i)
        self.position.setCurrentIndex(max(0, min(position, len(texts) - 1)))
        self.position.blockSignals(False)

    def _on_position(self, index: int) -> None:
        if index >= 0:
            self.sig_position_changed.emit(int(self.position.itemData(index)))

    def show_message(self, text: str) -> None:
        self._lens = None
        self.table.setRowCount(0)
        self.series.clear()
        self.p_series.clear()
        self.summary.setText(text)

    def show_lens(self, view: LensView) -> None:
        if view.lens is None:
            self.show_message(escape(self.tr("The logit lens is unavailable: {why}").format(why=view.missing)))
            self._lens = view
            return
        self._lens = view
        lens, texts = view.lens, view.texts
        final = escape(shown(texts.get(lens.final_id, "?")))  # tokens such as <h1> are text, not markup
        first = next((layer.layer for layer in lens.layers if layer.final_rank == 1), None)
        self.summary.setText(self.tr(
            "After <b>{token}</b> the model predicts <b>{final}</b> (p {p}); it becomes the top token at layer "
            "<b>{first}</b>.").format(token=escape(shown(texts.get(lens.token_id, "?"))), final=final,
                                      p=fmt.decimal(lens.final_p, 3), first=first if first is not None else "—"))
        self.table.setRowCount(len(lens.layers))
        for r, layer in enumerate(lens.layers):
            kind = self.kinds[layer.layer] if layer.layer < len(self.kinds) else ""
            tops = "   ".join(f"{shown(texts.get(i, '?'))} {fmt.decimal(p, 3)}" for i, p in layer.top)
            cells = [f"{layer.layer} · {kind_name(kind)}" if kind else str(layer.layer), tops,
                     fmt.integer(layer.final_rank), fmt.decimal(layer.final_p, 4)]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if c in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if layer.final_rank == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.series.clear()
        self.p_series.clear()
        for layer in lens.layers:
            self.series.append(layer.layer, layer.final_rank)
            self.p_series.append(layer.layer, layer.final_p)
        worst = max(layer.final_rank for layer in lens.layers)
        self.x_axis.setRange(0, max(1, len(lens.layers) - 1))
        self.x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.x_axis.setTickAnchor(0)
        self._layers = len(lens.layers)
        self._fit_axes()
        self.y_axis.setRange(0.8, max(10.0, worst * 1.5))
        self.series.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 2))
        self.p_series.setPen(QPen(QColor("#16a34a"), 2, Qt.PenStyle.DashLine))
        theme_chart(self.chart)

    NARROW = 460  # chart width in pixels under which the axis titles go (the legend names both lines)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.chart_view and event.type() == QEvent.Type.Resize:
            self._fit_axes()
        return super().eventFilter(watched, event)

    def _fit_axes(self) -> None:
        """In a narrow chart (1024×600) the rank labels were elided ("1,...") and the layer numbers ran together:
        drop the two value-axis titles and label every other tick."""
        narrow = self.chart_view.width() < self.NARROW
        self.y_axis.setTitleVisible(not narrow)
        self.p_axis.setTitleVisible(not narrow)
        n = self._layers
        step = 1 if n <= 12 else 2 if n <= 26 else 4
        self.x_axis.setTickInterval(step * 2 if narrow and n > 6 else step)

    def retheme(self) -> None:
        theme_chart(self.chart)

    def show_grid_message(self, text: str) -> None:
        self._grid = None
        self.grid.setVisible(True)
        self.grid.clear()
        self.grid.setRowCount(1)
        self.grid.setColumnCount(1)
        self.grid.horizontalHeader().setVisible(False)
        self.grid.setItem(0, 0, QTableWidgetItem(text))
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def show_grid(self, view: LensGridView) -> None:
        """Rows: layers, the last (the model's output) on top; columns: positions; cell: the top next token."""
        layers, n = view.top_p.shape
        self._grid = view
        self.grid.setVisible(True)
        self.grid.clear()
        self.grid.horizontalHeader().setVisible(True)
        self.grid.setRowCount(layers)
        self.grid.setColumnCount(n)
        self.grid.setHorizontalHeaderLabels([f"{i}: {shown(t)}" for i, t in enumerate(view.texts)])
        self.grid.setVerticalHeaderLabels([self.tr("layer {l}").format(l=layers - 1 - r) for r in range(layers)])
        strong = self.palette().color(self.palette().ColorRole.Highlight)
        for r in range(layers):
            layer = layers - 1 - r
            for c in range(n):
                p = float(view.top_p[layer, c])
                item = QTableWidgetItem(shown(view.top_texts[layer][c]))
                fill = QColor(strong)
                fill.setAlphaF(0.08 + 0.6 * p)
                item.setBackground(fill)
                rank = int(view.final_rank[layer, c])
                item.setToolTip(self.tr("Layer {l}, after {t}: {top} (p {p}); the final prediction ranks {rank}").format(
                    l=layer, t=shown(view.texts[c]), top=shown(view.top_texts[layer][c]), p=fmt.decimal(p, 3),
                    rank=fmt.integer(rank)))
                if rank == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.grid.setItem(r, c, item)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        height = self.vsplit.height()
        if height < 24 * self.fontMetrics().height():
            # A short window (1024×600): both halves were unreadable (one row of the grid, a chart with its
            # labels piled up). The grid the student asked for takes the room; the splitter handle brings the
            # table and chart back, and so does the next text (hide_grid).
            self.vsplit.setSizes([0, height])
        else:
            self.vsplit.setSizes([height * 3 // 5, height * 2 // 5])

    def hide_grid(self) -> None:
        self.grid.setVisible(False)
        self.vsplit.setSizes([max(1, self.vsplit.height()), 0])  # the table and chart back, if the grid had them
