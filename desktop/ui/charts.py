"""Qt Charts do not follow the application palette: colour a chart's frame from it, for light and dark."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QXYSeries
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


def theme_chart(chart: QChart) -> None:
    """Background, title, legend, axes and point labels from the app palette; series keep their own colours.

    Call it after the chart's axes and series are in place, and again when the theme changes."""
    pal = QApplication.palette()
    text = pal.color(QPalette.ColorRole.Text)
    grid = pal.color(QPalette.ColorRole.Mid)
    chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
    chart.setTitleBrush(text)
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setTitleBrush(text)
        axis.setGridLineColor(grid)
        axis.setLinePenColor(grid)
    for series in chart.series():
        if isinstance(series, QXYSeries):
            series.setPointLabelsColor(text)
