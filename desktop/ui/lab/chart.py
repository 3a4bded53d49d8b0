"""The next-token chart: the top-N tokens by raw probability, each with its plain softmax probability (light bar)
and its probability after the samplers (strong bar); removed tokens are grey and labelled with the stage; at a
generated position the chosen token is marked ▶ and its bar drawn in the accent colour.

Label fonts derive from the widget's font (recomputed when it changes), so the app-wide zoom scales them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QEvent, QMargins, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QFontMetricsF, QPainter, QResizeEvent
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.core.sampling import TokenRow
from desktop.ui.charts import theme_chart
from desktop.ui.i18n import fmt

RAW_COLOR = QColor(120, 160, 220)
FINAL_COLOR = QColor(30, 100, 210)
REMOVED_COLOR = QColor(175, 175, 180)
CHOSEN_COLOR = QColor(230, 120, 20)
REST_COLOR = QColor(128, 128, 136)  # the "rest of the vocabulary" bar (server mode): hatched grey
LABEL_SCALE = 1.0  # chart labels as large as the interface text: they must read from the back of a room
MIN_LABEL_PT = 6.0


def show_piece(text: str) -> str:
    """A token as a student should see it: spaces and line breaks visible, quotes around it."""
    visible = text.replace("\n", "⏎").replace("\t", "⇥").replace("\r", "␍")
    if visible.startswith(" "):
        visible = "␣" + visible[1:]
    return visible if visible.strip() else visible.replace(" ", "␣") or "∅"


@dataclass(frozen=True)
class ChartRow:
    row: TokenRow
    text: str
    rank: int = 0  # 1 = most likely; 0: its place in the list
    p_range: tuple[float, float] | None = None  # server mode: the range the final p lies in, when not exact
    log_p: bool = False  # server mode: `row.logit` is the server's log-probability, not a logit


@dataclass(frozen=True)
class RestBar:
    """Server mode: one bar for every token the server did not list (raw mass 1 − Σp), drawn hatched grey."""

    label: str
    p_raw: float
    tooltip: str


LEGEND_HEIGHT, AXIS_HEIGHT = 34, 50  # what the legend and the value axis with the margins take, in pixels


class DistributionChart(QChartView):
    """Built once; an update only replaces bar values and category labels (a slider move must repaint fast)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # animations would lag behind the slider
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.setBackgroundRoundness(0)
        self.raw_set = QBarSet("raw")
        self.final_set = QBarSet("final")
        self.raw_set.setColor(RAW_COLOR)
        self.raw_set.setBorderColor(RAW_COLOR)
        self.raw_set.setSelectedColor(REMOVED_COLOR)  # selection is how one bar of a set gets its own colour
        self.final_set.setColor(FINAL_COLOR)
        self.final_set.setBorderColor(FINAL_COLOR)
        self.final_set.setSelectedColor(CHOSEN_COLOR)
        self.series = QHorizontalBarSeries()
        self.series.setBarWidth(0.85)
        self.series.append(self.final_set)
        self.series.append(self.raw_set)
        chart.addSeries(self.series)
        # Server mode only: a second series over the same categories whose one non-zero bar is the rest of the
        # vocabulary (the main series has zeros there), so that bar looks unlike any token's.
        self.rest_set = QBarSet("rest")
        self.rest_set.setBrush(QBrush(REST_COLOR, Qt.BrushStyle.BDiagPattern))
        self.rest_set.setBorderColor(REST_COLOR)
        self.rest_series = QHorizontalBarSeries()
        self.rest_series.setBarWidth(0.85)
        self.rest_series.append(self.rest_set)
        chart.addSeries(self.rest_series)
        self.axis_y = QBarCategoryAxis()
        self.axis_x = QValueAxis()
        self.axis_x.setRange(0, 100)
        self.axis_x.setLabelFormat("%.0f%%")
        self.axis_x.setTickCount(6)
        self._label_font = self._base_label_font()
        self.axis_y.setLabelsFont(self._label_font)
        self.axis_y.setTruncateLabels(False)  # token texts are short; "…" instead of them would hide everything
        self.axis_x.setLabelsFont(self._label_font)
        chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.axis_y)
        self.series.attachAxis(self.axis_x)
        self.rest_series.attachAxis(self.axis_y)
        self.rest_series.attachAxis(self.axis_x)
        self.setChart(chart)
        self._rows: list[ChartRow] = []
        self._categories: list[str] = []
        self._chosen: int | None = None
        self._rest: RestBar | None = None
        self._row_budget = 20
        self.series.hovered.connect(self._on_hover)
        self.rest_series.hovered.connect(self._on_rest_hover)
        self._show_rest_legend(False)
        self.apply_palette()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Modest, so that in a scroll area (which sizes its content by the preferred height) the chart takes
        # the room that is there instead of forcing a scroll bar; it still grows with stretch.
        return QSize(420, 260)

    def set_row_budget(self, rows: int) -> None:
        """Ask for the height at which `rows` labels fit at 80 % of the label font (the legend hidden), so a
        small window shrinks the labels a little but never drops one; past that the lab's tab scrolls."""
        self._row_budget = rows
        font = QFont(self._label_font)
        font.setPointSizeF(max(MIN_LABEL_PT, font.pointSizeF() * 0.8))
        self.setMinimumHeight(int(AXIS_HEIGHT + rows * (QFontMetricsF(font).height() + 4)) + 2)

    def _base_label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(MIN_LABEL_PT + 1.5, font.pointSizeF() * LABEL_SCALE))
        return font

    def label_font(self) -> QFont:
        """The font the token labels are drawn in (before shrinking to fit a short chart)."""
        return QFont(self._label_font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._label_font = self._base_label_font()
            self.axis_x.setLabelsFont(self._label_font)
            legend = QFont(self._label_font)
            self.chart().legend().setFont(legend)
            self.set_row_budget(self._row_budget)
            self._fit_labels(force=True)

    def set_labels(self, raw: str, final: str, rest: str = "") -> None:
        self.raw_set.setLabel(raw)
        self.final_set.setLabel(final)
        if rest:
            self.rest_set.setLabel(rest)

    def _show_rest_legend(self, shown: bool) -> None:
        for marker in self.chart().legend().markers(self.rest_series):
            marker.setVisible(shown)

    @property
    def rest(self) -> RestBar | None:
        return self._rest

    def apply_palette(self) -> None:
        """Colours from the app palette (call again when the theme changes); tokens need no horizontal grid."""
        theme_chart(self.chart())
        self.axis_y.setGridLineVisible(False)

    def clear(self) -> None:
        self.set_rows([])

    @property
    def rows(self) -> list[ChartRow]:
        return list(self._rows)

    @property
    def chosen(self) -> int | None:
        return self._chosen

    def set_rows(self, rows: list[ChartRow], chosen: int | None = None, rest: RestBar | None = None) -> None:
        """Show rows highest first (the horizontal series draws its first category at the bottom); `chosen`: the
        token drawn at this position, marked ▶ with an accent bar; `rest` (server mode): one hatched bar under
        them for every token the server did not list."""
        self._rows = rows
        self._chosen = chosen
        self._rest = rest
        ordered = list(reversed(rows))
        categories = [rest.label] if rest is not None else []
        skip = len(categories)  # the rest bar's slot at the bottom: zeros in the main series
        for i, item in enumerate(ordered):
            label = show_piece(item.text)
            if len(label) > 18:
                label = label[:17] + "…"
            if item.row.removed_by:
                label = f"{label}  ✕ {item.row.removed_by}"
            if item.row.id == chosen:
                label = f"▶ {label}"
            # the rank makes categories unique (two tokens can look alike) and reads well
            categories.append(f"{item.rank or len(ordered) - i}. {label}")
        raw = [0.0] * skip + [item.row.p_raw * 100 for item in ordered]
        final = [0.0] * skip + [item.row.p_final * 100 for item in ordered]
        n = len(raw)
        rest_values = [rest.p_raw * 100] + [0.0] * len(ordered) if rest is not None else []
        if self.rest_set.count() or rest_values:
            self.rest_set.remove(0, self.rest_set.count())
            self.rest_set.append(rest_values)
        self._show_rest_legend(rest is not None)
        if self.raw_set.count() != n:
            self.raw_set.remove(0, self.raw_set.count())
            self.final_set.remove(0, self.final_set.count())
            self.raw_set.append(raw)
            self.final_set.append(final)
        else:
            for i in range(n):
                self.raw_set.replace(i, raw[i])
                self.final_set.replace(i, final[i])
        if categories != self._categories:
            if not categories:
                self.axis_y.clear()  # setCategories([]) would keep the old labels: a ghost chart
            else:
                self.axis_y.setCategories(categories)
            self._categories = categories
            self._fit_labels()
        removed = [i + skip for i, item in enumerate(ordered) if item.row.removed_by]
        self.raw_set.deselectAllBars()
        if removed:
            self.raw_set.selectBars(removed)
        self.final_set.deselectAllBars()
        marked = [i + skip for i, item in enumerate(ordered) if item.row.id == chosen]
        if marked:
            self.final_set.selectBars(marked)
        top, ticks = _nice_range(max([0.0, *raw, *final, *rest_values]))
        if self.axis_x.max() != top:
            self.axis_x.setRange(0, top)
            self.axis_x.setTickCount(ticks)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self, force: bool = False) -> None:
        """Qt Charts drops a category label that would overlap its neighbour, so a short chart showed every other
        token. When the rows do not fit, the legend goes first (the note under the chart says what the light and
        strong bars are), then the labels shrink until each fits its row (down to a still readable 6 pt)."""
        rows = max(1, len(self._categories))

        def row_height(font: QFont) -> float:
            return QFontMetricsF(font).height() + 4  # the label item's own margins

        legend = self.height() >= rows * row_height(self._label_font) + LEGEND_HEIGHT + AXIS_HEIGHT
        self.chart().legend().setVisible(legend)
        per_row = (self.height() - AXIS_HEIGHT - (LEGEND_HEIGHT if legend else 0)) / rows
        font = QFont(self._label_font)
        while font.pointSizeF() > MIN_LABEL_PT and row_height(font) > per_row:
            font.setPointSizeF(font.pointSizeF() - 0.5)
        if force or font != self.axis_y.labelsFont():
            self.axis_y.setLabelsFont(font)

    def _on_hover(self, status: bool, index: int, _barset: QBarSet) -> None:
        index -= 1 if self._rest is not None else 0
        if not status or not 0 <= index < len(self._rows):
            QToolTip.hideText()
            return
        item = list(reversed(self._rows))[index]
        r = item.row
        final = self.tr("p final {p}").format(p=fmt.percent(r.p_final, 2))
        if item.p_range is not None and not r.removed_by:
            final = self.tr("p final {low} – {high}").format(low=fmt.percent(item.p_range[0], 2),
                                                             high=fmt.percent(item.p_range[1], 2))
        lines = [
            f"<b>{_html(show_piece(item.text))}</b>" + (f" &nbsp; id {r.id}" if r.id >= 0 else ""),
            f"log p {fmt.decimal(r.logit, 3)}" if item.log_p else f"logit {fmt.decimal(r.logit, 3)}",
            self.tr("raw p {p}").format(p=fmt.percent(r.p_raw, 2)),
            final + (f" — ✕ {r.removed_by}" if r.removed_by else ""),
        ]
        QToolTip.showText(QCursor.pos(), "<br>".join(lines), self)

    def _on_rest_hover(self, status: bool, index: int, _barset: QBarSet) -> None:
        if status and index == 0 and self._rest is not None:
            QToolTip.showText(QCursor.pos(), self._rest.tooltip, self)
        else:
            QToolTip.hideText()


def _nice_range(percent: float) -> tuple[float, int]:
    """An axis end and tick count with round tick values (e.g. 0, 20, 40, 60, 80)."""
    for top, ticks in ((5, 6), (10, 6), (20, 5), (25, 6), (40, 5), (50, 6), (60, 7), (80, 5), (100, 6)):
        if percent <= top:
            return float(top), ticks
    return 100.0, 6


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
