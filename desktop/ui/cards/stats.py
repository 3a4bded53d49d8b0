"""Stats tab: headline numbers, due forecast (bars), reviews per day for six months (heatmap), progress per deck
(stacked bars). Everything comes from desktop.core.srs.stats, rebuilt from the review log."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QMargins,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.srs import Collection
from desktop.core.srs.stats import FORECAST_DAYS, HEATMAP_DAYS, Stats, compute_stats
from desktop.ui.charts import LABEL_SCALE, TITLE_SCALE
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.zoom import relative_font, set_relative_font

PROGRESS_COLORS = [(QT_TRANSLATE_NOOP("StatsTab", "New"), "#9aa0a6"),
                   (QT_TRANSLATE_NOOP("StatsTab", "Learning"), "#e37400"),
                   (QT_TRANSLATE_NOOP("StatsTab", "Young"), "#81c995"),
                   (QT_TRANSLATE_NOOP("StatsTab", "Mature"), "#188038")]


class ReviewHeatmap(QWidget):
    """Reviews per day, one square per day, a column per week (Monday on top), like a contribution calendar."""

    CELL = 13  # grows with the widget's width (see resizeEvent)
    GAP = 3
    LEFT = 30
    TOP = 18

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[date, int] = {}
        self.today = date.today()
        self.dark = False
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7))
        return font

    def _fit(self) -> None:
        """Margins and squares sized from the label font, so the zoom grows the whole calendar."""
        metrics = QFontMetrics(self._label_font())
        self.LEFT = metrics.horizontalAdvance("Wed") + 8
        self.TOP = metrics.height() + 4
        line = metrics.height()
        self.CELL = int(max(line * 0.8, min(line * 1.4, (self.width() - self.LEFT) / self._weeks() - self.GAP)))
        self.setMinimumHeight(self.TOP + 7 * (self.CELL + self.GAP) + line + 12)

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        if event.type() == QEvent.Type.FontChange:
            self._fit()
            self.update()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        self._fit()
        super().resizeEvent(event)

    def set_data(self, counts: dict[date, int], today: date, dark: bool) -> None:
        self.counts, self.today, self.dark = dict(counts), today, dark
        self.update()

    def _start(self) -> date:
        first = self.today - timedelta(days=HEATMAP_DAYS - 1)
        return first - timedelta(days=first.weekday())  # back to a Monday so columns are whole weeks

    def _weeks(self) -> int:
        return (self.today - self._start()).days // 7 + 1

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        step = self.CELL + self.GAP
        return QSize(self.LEFT + 27 * step, self.TOP + 7 * step + 22)

    def _cell_rect(self, day: date) -> QRectF:
        step = self.CELL + self.GAP
        offset = (day - self._start()).days
        return QRectF(self.LEFT + (offset // 7) * step, self.TOP + (offset % 7) * step, self.CELL, self.CELL)

    def _color(self, n: int, peak: int) -> QColor:
        if n == 0:
            return QColor("#3c4043") if self.dark else QColor("#ebedf0")
        shades = ["#9be9a8", "#40c463", "#30a14e", "#216e39"]
        level = min(int(4 * n / max(peak, 1) - 1e-9), 3) if peak > 0 else 0
        return QColor(shades[level])

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(self.foregroundRole())
        p.setPen(text_color)
        p.setFont(self._label_font())
        for row in (0, 2, 4):  # Monday, Wednesday, Friday
            name = fmt.weekday_name(row)
            p.drawText(QPointF(0, self.TOP + row * (self.CELL + self.GAP) + self.CELL - 2), name)
        peak = max(self.counts.values(), default=0)
        start = self._start()
        first_shown = self.today - timedelta(days=HEATMAP_DAYS - 1)
        last_month = None
        last_label_x = -1000.0
        day = start
        while day <= self.today:
            rect = self._cell_rect(day)
            if day.weekday() == 0 and day.month != last_month:
                last_month = day.month
                if rect.x() - last_label_x >= 3 * (self.CELL + self.GAP):  # a month that starts late in the first week would overlap
                    p.setPen(text_color)
                    p.drawText(QPointF(rect.x(), self.TOP - 5), fmt.month_name(day))
                    last_label_x = rect.x()
            if day >= first_shown:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(self._color(self.counts.get(day, 0), peak))
                p.drawRoundedRect(rect, 2, 2)
            day += timedelta(days=1)
        # legend
        y = self.TOP + 7 * (self.CELL + self.GAP) + 6
        x = self.LEFT
        p.setPen(text_color)
        less = self.tr("Less")
        p.drawText(QPointF(x, y + self.CELL - 2), less)
        x += QFontMetrics(self._label_font()).horizontalAdvance(less) + 6
        for n in (0, 1, 2, 3, 4):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._color(n, 4))
            p.drawRoundedRect(QRectF(x, y, self.CELL, self.CELL), 2, 2)
            x += self.CELL + self.GAP
        p.setPen(text_color)
        p.drawText(QPointF(x + 4, y + self.CELL - 2), self.tr("More"))
        p.end()

    def event(self, e) -> bool:  # noqa: ANN001 (QEvent)
        if isinstance(e, QHelpEvent):
            day = self._day_at(e.position() if hasattr(e, "position") else QPointF(e.pos()))
            if day is not None:
                n = self.counts.get(day, 0)
                reviews = self.tr("%n review(s)", "", n)
                QToolTip.showText(e.globalPos(), f"{fmt.long_date(day)}: {reviews}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def _day_at(self, pos: QPointF) -> date | None:
        step = self.CELL + self.GAP
        col = int((pos.x() - self.LEFT) // step)
        row = int((pos.y() - self.TOP) // step)
        if col < 0 or not 0 <= row < 7:
            return None
        day = self._start() + timedelta(days=col * 7 + row)
        if day > self.today or day < self.today - timedelta(days=HEATMAP_DAYS - 1):
            return None
        return day


def _tile() -> tuple[QFrame, QLabel, QLabel]:
    frame = QFrame()
    frame.setObjectName("statTile")
    frame.setStyleSheet("QFrame#statTile { border: 1px solid palette(mid); border-radius: 8px; }")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(14, 10, 14, 10)
    value = QLabel("–")
    set_relative_font(value, 2.0, bold=True)
    caption = QLabel()
    caption.setWordWrap(True)
    caption.setStyleSheet("color: palette(placeholder-text);")
    lay.addWidget(value)
    lay.addWidget(caption)
    return frame, value, caption


class StatsTab(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, collection: Collection) -> None:
        super().__init__()
        self.ctx = ctx
        self.collection = collection
        self.stats: Stats | None = None
        self._stale = True
        self._chart_axes: dict[QChart, tuple[object, object]] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)

        tiles = QHBoxLayout()
        self.tiles: dict[str, QLabel] = {}
        captions: list[QLabel] = []
        for key in ("due", "today", "streak", "retention", "total"):
            frame, value, caption = _tile()
            tiles.addWidget(frame)
            self.tiles[key] = value
            captions.append(caption)

        def captions_text() -> None:
            for caption, text in zip(captions, (self.tr("Due today"), self.tr("Reviews today"), self.tr("Day streak"),
                                                self.tr("True retention (30 days)"), self.tr("Reviews in all")),
                                     strict=True):
                caption.setText(text)

        self.retr(captions_text)
        layout.addLayout(tiles)

        grid = QGridLayout()
        self.forecast_chart = QChart()
        self.retr(lambda: self.forecast_chart.setTitle(self.tr("Due in the next 30 days")))
        self.forecast_chart.legend().hide()
        self.forecast_chart.setMargins(QMargins(4, 4, 4, 4))
        self.forecast_view = QChartView(self.forecast_chart)
        self.forecast_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: no Tab stop with nothing to show
        self.forecast_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.forecast_view.setMinimumHeight(270)
        grid.addWidget(self.forecast_view, 0, 0)

        self.progress_chart = QChart()
        self.retr(lambda: self.progress_chart.setTitle(self.tr("Progress per lesson")))
        self.progress_chart.setMargins(QMargins(4, 4, 4, 4))
        self.progress_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.progress_view = QChartView(self.progress_chart)
        self.progress_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: no Tab stop with nothing to show
        self.progress_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.progress_view.setMinimumHeight(270)
        self.progress_view.installEventFilter(self)
        grid.addWidget(self.progress_view, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        heat_title = QLabel()
        self.retr(lambda: heat_title.setText(self.tr("<b>Reviews per day</b> — the last six months")))
        layout.addWidget(heat_title)
        self.heatmap = ReviewHeatmap()
        layout.addWidget(self.heatmap)
        self.retention_detail = QLabel()
        self.retention_detail.setWordWrap(True)
        self.retention_detail.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.retention_detail)
        layout.addStretch(1)
        ctx.sig_theme_changed.connect(self._on_theme)
        ctx.sig_zoom_changed.connect(self._on_zoom)

    def _on_theme(self, _dark: bool) -> None:
        self.refresh()

    def _on_zoom(self, _percent: int) -> None:
        self.heatmap.updateGeometry()
        self.mark_stale()

    def retranslate(self) -> None:
        super().retranslate()
        self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        st = compute_stats(self.collection)
        self.stats = st
        lang = self.ctx.language
        month = st.retention_month
        self.tiles["due"].setText(fmt.integer(st.due_today))
        self.tiles["today"].setText(fmt.integer(st.reviews_today))
        # No streak is a plain 0: Qt's Brazilian plural rule makes it "0 dia", which reads wrong.
        self.tiles["streak"].setText(self.tr("%n day(s)", "", st.streak) if st.streak else fmt.integer(0))
        self.tiles["retention"].setText("–" if month.rate is None else fmt.percent(month.rate, 1))
        self.tiles["total"].setText(fmt.integer(st.total_reviews))
        every = st.retention_all
        target = self.collection.desired_retention
        self.retention_detail.setText(self.tr(
            "True retention is the share of reviews of already-learned cards that you did not grade {again} "
            "(last 30 days: {month_passed} of {month_total}; all time: {all_passed} of {all_total}). Your desired "
            "retention is {target}: FSRS spaces the reviews so that you remember about that share.").format(
            again=QCoreApplication.translate("CardWords", "Again"), month_passed=fmt.integer(month.passed),
            month_total=fmt.integer(month.total), all_passed=fmt.integer(every.passed),
            all_total=fmt.integer(every.total), target=fmt.percent(target, 0)))
        self._fill_forecast(st)
        self._fill_progress(st, lang)
        self.heatmap.set_data(st.reviews_per_day, st.today, self.ctx.dark)

    def _axis_color(self) -> QColor:
        return self.palette().color(self.foregroundRole())

    def _style(self, chart: QChart) -> None:
        chart.setBackgroundVisible(False)
        chart.setTitleBrush(self._axis_color())
        chart.setTitleFont(relative_font(TITLE_SCALE, bold=True))
        chart.legend().setLabelColor(self._axis_color())
        chart.legend().setFont(relative_font(LABEL_SCALE))
        for axis in chart.axes():
            axis.setTruncateLabels(False)
            axis.setLabelsColor(self._axis_color())
            axis.setLabelsFont(relative_font(LABEL_SCALE))
            axis.setGridLineColor(QColor(128, 128, 128, 60))

    def _axes(self, chart: QChart, x_kind: type, y_kind: type) -> tuple[object, object]:
        """The chart's two axes, made once and kept: removing axes and adding new ones leaves the old labels
        painted on top of the new (stray axis text after a theme switch or a zoom)."""
        if chart not in self._chart_axes:
            x, y = x_kind(), y_kind()
            chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
            self._chart_axes[chart] = (x, y)
        return self._chart_axes[chart]

    def _fill_forecast(self, st: Stats) -> None:
        chart = self.forecast_chart
        chart.removeAllSeries()
        x, y = self._axes(chart, QBarCategoryAxis, QValueAxis)
        bars = QBarSet(self.tr("Due"))
        bars.setColor(QColor("#1a73e8"))
        bars.append([float(n) for n in st.forecast])
        series = QBarSeries()
        series.setBarWidth(0.8)
        series.append(bars)
        chart.addSeries(series)
        labels = []
        for i in range(FORECAST_DAYS):
            day = st.today + timedelta(days=i)
            # A date a week apart (every fifth day's "10 de dez." ran into the next in a 1024 px window), none
            # on the last bars, where the label would hang past the plot and be cut.
            dated = i % 7 == 0 and i < FORECAST_DAYS - 3
            labels.append(self.tr("Today") if i == 0 else (fmt.short_date(day) if dated else " " * i))
        x.setCategories(labels)
        x.setGridLineVisible(False)
        y.setLabelFormat("%d")
        y.setTickCount(5)  # applyNiceNumbers changed it last time: start from the same place as a fresh axis
        y.setRange(0, max(max(st.forecast, default=0), 4))
        y.applyNiceNumbers()
        series.attachAxis(x)
        series.attachAxis(y)
        self._style(chart)

    def _fill_progress(self, st: Stats, lang: str) -> None:
        chart = self.progress_chart
        chart.removeAllSeries()
        x, y = self._axes(chart, QValueAxis, QBarCategoryAxis)
        decks = list(reversed(st.decks))  # first lesson on top
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.7)
        values = [[d.new for d in decks], [d.learning for d in decks], [d.young for d in decks],
                  [d.mature for d in decks]]
        for (label, color), data in zip(PROGRESS_COLORS, values, strict=True):
            s = QBarSet(self.tr(label))
            s.setColor(QColor(color))
            s.setBorderColor(QColor(color))
            s.append([float(v) for v in data])
            series.append(s)
        chart.addSeries(series)
        self._lesson_names = [_short(d.title_for(lang)) for d in decks] or ["–"]
        self._fit_lesson_names()
        y.setGridLineVisible(False)
        x.setLabelFormat("%d")
        x.setTickCount(5)
        x.setRange(0, max([d.total for d in decks], default=1))
        x.applyNiceNumbers()
        series.attachAxis(x)
        series.attachAxis(y)
        self._style(chart)
        # Room for every lesson's name at the current zoom (Qt Charts drops labels that would overlap).
        line = QFontMetrics(relative_font(LABEL_SCALE)).height()
        self.progress_view.setMinimumHeight(max(270, 4 * line + round(1.7 * line) * len(decks)))
        self.forecast_view.setMinimumHeight(self.progress_view.minimumHeight())

    def _fit_lesson_names(self) -> None:
        """Lesson names no wider than ~36 % of the chart: Qt Charts keeps the plot that wide whatever the labels
        need, so a longer name lost its first letters at the chart's left edge in a 1024 px window."""
        axes = self._chart_axes.get(self.progress_chart)
        names = getattr(self, "_lesson_names", None)
        if axes is None or not names:
            return
        metrics = QFontMetrics(relative_font(LABEL_SCALE))
        room = max(60, round(self.progress_view.width() * 0.36))
        fitted = [metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) for name in names]
        # Categories must be unique: two names elided alike keep apart by trailing spaces.
        fitted = [name + " " * fitted[:i].count(name) for i, name in enumerate(fitted)]
        if axes[1].categories() != fitted:
            axes[1].setCategories(fitted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.progress_view and event.type() == QEvent.Type.Resize:
            self._fit_lesson_names()
        return super().eventFilter(watched, event)


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
