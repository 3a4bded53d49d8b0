"""The memory calculator's chart: where the memory goes, one stacked bar of the parts (weights, gradients,
optimizer states, activations, KV cache…) with the GPU sizes it passes as dashed lines."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen

from desktop.core.calc import memory as mem
from desktop.core.calc.quantity import GB, format_bytes
from desktop.ui.charts import LABEL_SCALE
from desktop.ui.i18n import fmt
from desktop.ui.memory.style import PART_COLORS
from desktop.ui.memory.words import part_label
from desktop.ui.zoom import relative_font


class MemoryChart(QChartView):
    """Built once; draw() replaces the series and keeps the axes (re-adding axes leaves stale labels painted)."""

    def __init__(self) -> None:
        chart = QChart()
        super().__init__(chart)
        self._chart = chart  # the Python wrapper lives as long as the view
        self.chart().setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart().setMargins(QMargins(4, 4, 4, 4))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: no Tab stop with nothing to show
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.fit_height()

    def fit_height(self) -> None:
        """Tall enough for the title, the bar, the numbers, the axis title and the legend at this zoom: a shorter
        chart cut its axis title ("GB (10⁹ bytes)") down to "…"."""
        line = QFontMetrics(relative_font(LABEL_SCALE)).height()
        self.setMinimumHeight(max(230, 14 * line))

    def clear(self) -> None:
        """No result (an input is wrong): no bar, no title, no legend."""
        self.chart().removeAllSeries()
        self.chart().setTitle("")
        self.chart().legend().setVisible(False)

    def retranslate(self) -> None:
        if self.chart().axes():
            self._categories.clear()
            self._categories.append([self.tr("Memory")])
            self._value_axis.setTitleText(self.tr("GB (10⁹ bytes)"))

    def draw(self, e: mem.MemoryEstimate) -> None:
        # Axes are made once and kept: removing and re-adding axes leaves stale labels painted on some platforms.
        self.chart().removeAllSeries()
        if not self.chart().axes():
            self._categories = QBarCategoryAxis()
            self._categories.append([self.tr("Memory")])
            self._categories.setVisible(False)
            self._value_axis = QValueAxis()
            self._value_axis.setTitleText(self.tr("GB (10⁹ bytes)"))
            self.chart().setLocalizeNumbers(True)
            self._value_axis.setLabelFormat("%.3g")
            self._value_axis.setTruncateLabels(False)  # a short chart showed every number as "…"
            self.chart().addAxis(self._value_axis, Qt.AlignmentFlag.AlignBottom)
            self.chart().addAxis(self._categories, Qt.AlignmentFlag.AlignLeft)
        value_axis, categories = self._value_axis, self._categories
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.55)
        total_gb = e.total_bytes / GB
        for name, value in e.parts().items():
            if value == 0:
                continue
            bar = QBarSet(part_label(name, mem.PART_LABELS[name]))
            bar.append(value / GB)
            bar.setColor(PART_COLORS[name])
            bar.setBorderColor(PART_COLORS[name].darker(115))
            series.append(bar)
        self.chart().addSeries(series)

        # GPU sizes as dashed lines: every size the total exceeds, and the next one up if it is close enough to
        # read (within 3×), so a small model's bar is not squashed against an 80 GB line.
        shown = 0.0
        for gpu in mem.GPU_CLASSES:
            cap = gpu.capacity_bytes / GB
            if cap <= total_gb or (shown < total_gb and cap <= 3 * max(total_gb, 1e-9)):
                line = QLineSeries()
                line.setName(self.tr("{size} GPU").format(size=gpu.label))
                line.append(cap, -0.45)
                line.append(cap, 0.45)
                pen = QPen(QColor("#888888"))
                pen.setStyle(Qt.PenStyle.DashLine)
                pen.setWidthF(1.5)
                line.setPen(pen)
                self.chart().addSeries(line)
                shown = max(shown, cap)
        top = max(total_gb, shown) * 1.08 or 1.0
        value_axis.setTickCount(5)  # applyNiceNumbers changed it last time: the same axis for the same numbers
        value_axis.setRange(0, top)
        value_axis.applyNiceNumbers()
        for s in self.chart().series():
            s.attachAxis(value_axis)
            s.attachAxis(categories)
        self.chart().setTitle(self.tr("Where {total} go").format(total=fmt.localize(format_bytes(e.total_bytes))))
        # The table beside the chart already names the coloured parts; the legend names only the GPU lines.
        for marker in self.chart().legend().markers(series):
            marker.setVisible(False)
        self.chart().legend().setVisible(len(self.chart().series()) > 1)
