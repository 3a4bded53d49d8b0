"""Qt Charts follow neither the application palette nor the application font: colour a chart's frame from the
palette and size its text from the (zoomed) application font, for light and dark and every zoom step."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QXYSeries
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.zoom import relative_font

LABEL_SCALE = 1.0  # axis and point labels: the interface's own text size, so they zoom with it
TITLE_SCALE = 1.1


def theme_chart(chart: QChart) -> None:
    """Background, title, legend, axes and point labels from the app palette and font; series keep their own
    colours.

    Call it after the chart's axes and series are in place, and again when the theme or the zoom changes."""
    pal = QApplication.palette()
    text = pal.color(QPalette.ColorRole.Text)
    grid = pal.color(QPalette.ColorRole.Mid)
    chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
    chart.setTitleBrush(text)
    chart.setTitleFont(relative_font(TITLE_SCALE, bold=True))
    chart.legend().setLabelColor(text)
    chart.legend().setFont(relative_font(LABEL_SCALE))
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setLabelsFont(relative_font(LABEL_SCALE))
        axis.setTitleBrush(text)
        axis.setTitleFont(relative_font(LABEL_SCALE))
        axis.setGridLineColor(grid)
        axis.setLinePenColor(grid)
    for series in chart.series():
        if isinstance(series, QXYSeries):
            series.setPointLabelsColor(text)
            series.setPointLabelsFont(relative_font(LABEL_SCALE))
