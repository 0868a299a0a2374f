"""Small QtCharts helpers: calm bar charts that report which bar was clicked.

Charts are rebuilt from scratch on refresh and on a language switch (their labels are words),
which for a dashboard's handful of series costs less than keeping them in step.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QCursor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

PALETTE = ("#2f6f8f", "#e0a43a", "#7aa95c", "#b0577c", "#6c6fb3", "#9a9a9a")
LINE_COLOUR = "#b23a2e"
MARGIN = 4


MAX_AXIS_SHARE = 0.4  # QtCharts gives a left-hand axis at most 40 % of the chart's width
LABEL_ROOM = 14  # pixels beside a category label: QtCharts' label padding and tick
FULL_NAMES = "hubdeskCategories"  # the axis property keeping the whole category names
MIN_HEIGHT = 220  # a chart's least height, in pixels
CHART_FRAME = 90  # its title, value axis, legend and margins, beside the bars' own room
MAXIMUM = "hubdeskMaximum"  # a whole-number axis's largest value, to space its ticks again


Key = Qt.Key
NEXT, PREVIOUS = (Key.Key_Right, Key.Key_Down), (Key.Key_Left, Key.Key_Up)
OPEN = (Key.Key_Return, Key.Key_Enter, Key.Key_Space)


class ChartView(QChartView):
    """A chart view that keeps every category label whole as the chart is resized, and whose
    bars a keyboard reaches as a mouse does: Tab comes to the chart, the arrow keys (Home,
    End) go from bar to bar in reading order, Enter or Space opens the one focused, and the
    chart's accessible description says which one that is and its figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.bar = 0  # the bar focused, in reading order (top to bottom, left to right)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_labels(self.chart())

    def bars(self) -> tuple[QAbstractBarSeries | None, int]:
        """The chart's bars and how many categories they have (0: nothing to focus)."""
        chart = self.chart()
        for series in chart.series() if chart is not None else []:
            if isinstance(series, QAbstractBarSeries) and series.barSets():
                return series, series.barSets()[0].count()
        return None, 0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        series, count = self.bars()
        key = event.key()
        if series is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif key in NEXT or key in PREVIOUS or key in (Key.Key_Home, Key.Key_End):
            if key == Key.Key_Home:
                self.focus_bar(0)
            elif key == Key.Key_End:
                self.focus_bar(count - 1)
            else:
                self.focus_bar(self.bar + (1 if key in NEXT else -1))
        elif key in OPEN:
            # as a click on it: the chart's own ``on_click`` opens the list behind the bar
            series.clicked.emit(_series_index(series, count, self.bar), series.barSets()[0])
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focus_bar(self.bar)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        series, _count = self.bars()
        for bar_set in series.barSets() if series is not None else []:
            bar_set.deselectAllBars()

    def focus_bar(self, bar: int) -> None:
        """Show bar ``bar`` (in reading order) as focused and describe it; a chart drawn again
        (new figures, another language) keeps the place, within its bars."""
        series, count = self.bars()
        self.bar = max(0, min(bar, count - 1))
        if series is None or not count:
            self.setAccessibleDescription("")
            return
        index = _series_index(series, count, self.bar)
        if self.hasFocus():
            for bar_set in series.barSets():
                bar_set.deselectAllBars()
                bar_set.setSelectedColor(QColor(bar_set.color()).darker(160))
                bar_set.selectBar(index)
        self.setAccessibleDescription(bar_text(series, index))
        QAccessible.updateAccessibility(
            QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
        )


def _series_index(series: QAbstractBarSeries, count: int, bar: int) -> int:
    """The series' own index of the ``bar``-th bar read: horizontal charts list their first
    category at the top, which is the series' last (``bar_chart``)."""
    return count - 1 - bar if isinstance(series, QHorizontalBarSeries) else bar


def bar_text(series: QAbstractBarSeries, index: int) -> str:
    """What a bar says to a screen reader: its whole category and each set's figure."""
    axes = [a for a in series.attachedAxes() if isinstance(a, QBarCategoryAxis)]
    names = axes[0].property(FULL_NAMES) if axes else None
    category = names[index] if names and index < len(names) else ""
    figures = ", ".join(f"{b.label()}: {_number(b.at(index))}" for b in series.barSets())
    return f"{category}: {figures}" if category else figures


def chart_view(parent: QWidget | None = None) -> QChartView:
    view = ChartView(parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(MIN_HEIGHT)
    return view


def fit_label(text: str, width: int) -> str:
    """``text`` wrapped at spaces into lines of about ``width`` characters, never cut (a cut
    sector name cannot be read). Axis labels are rich text, so lines are joined by <br>."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) < 2:
        return text
    return "<br>".join(html.escape(line) for line in out)


def fit_labels(chart: QChart | None) -> None:
    """Whole category labels at the chart's present size.

    Under vertical bars a label that is wider than its bar goes onto one line per word ("Q3",
    "25") instead of being hidden by QtCharts for overlapping its neighbour. Beside horizontal
    bars labels stay on one line (two-line labels would overlap and be hidden); a label wider
    than the 40 % QtCharts gives the axis would run off the chart's left edge, so the chart gets
    a left margin as wide as the overflow.
    """
    if chart is None or chart.size().width() <= 0:
        return
    fit_ticks(chart)
    for axis in chart.axes():
        names = axis.property(FULL_NAMES) if isinstance(axis, QBarCategoryAxis) else None
        if not names:
            continue
        assert isinstance(axis, QBarCategoryAxis)
        metrics = QFontMetrics(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(name) for name in names)
        if axis.alignment() & Qt.AlignmentFlag.AlignLeft:
            wanted = list(names)
            width = chart.size().width()
            margins = chart.margins()
            need = widest + LABEL_ROOM
            left = (need - MAX_AXIS_SHARE * (width - MARGIN - margins.right())) / (
                1 - MAX_AXIS_SHARE
            )
            left = max(MARGIN, math.ceil(left))
            if left != margins.left():
                margins.setLeft(left)
                chart.setMargins(margins)
        else:
            room = chart.plotArea().width() / max(len(names), 1)
            wrap = room > 0 and widest + 6 > room
            wanted = [fit_label(name, 1) if wrap else name for name in names]
        if axis.categories() != wanted:
            axis.setCategories(wanted)


def fit_ticks(chart: QChart) -> None:
    """As many ticks on an upright axis of whole numbers as its height holds readably: on a
    chart at its smallest (a 768-pixel screen), six labels in 120 pixels were each cut to
    "..." by QtCharts, and the axis said nothing."""
    height = chart.plotArea().height()
    if height <= 0:
        return
    for axis in chart.axes(Qt.Orientation.Vertical):
        maximum = axis.property(MAXIMUM)
        if not isinstance(axis, QValueAxis) or maximum is None:
            continue
        spacing = 1.8 * QFontMetrics(axis.labelsFont()).height()
        most = max(1, min(6, int(height // spacing)))
        top, ticks = whole_ticks(float(maximum), most)
        if axis.tickCount() != ticks or axis.max() != top:
            axis.setRange(0, top)
            axis.setTickCount(ticks)


def _tooltip(status: bool, category: str, bar_set: QBarSet, index: int) -> None:
    """Pointing at a bar tells its category in full and its value."""
    if not status:
        QToolTip.hideText()
        return
    QToolTip.showText(QCursor.pos(), f"{category}\n{bar_set.label()}: {_number(bar_set.at(index))}")


def _number(value: float) -> str:
    """A bar's figure as the tiles and lists write it, in the window's language (Babel, loaded
    once a bar is pointed at or focused)."""
    from hubdesk.i18n.formatting import format_number

    return format_number(round(value)) if value >= 1000 else format_number(value)


def set_chart(view: QChartView, chart: QChart) -> None:
    """Show ``chart``; the one it replaces is deleted (the view only lets go of it)."""
    old = view.chart()
    view.setChart(chart)
    view.setAccessibleName(chart.title())  # translated already; a screen reader says it
    view.setMinimumHeight(_height_for_labels(chart))
    fit_labels(chart)
    if isinstance(view, ChartView):
        # described when the keyboard comes to it (``focusInEvent``): a start drawing its kept
        # figures loads no number formatting for descriptions nobody has asked for yet
        view.focus_bar(view.bar) if view.hasFocus() else view.setAccessibleDescription("")
    if old is not None and old is not chart:
        old.deleteLater()


def _height_for_labels(chart: QChart) -> int:
    """The chart's least height: 220 pixels, or more for bars lying side by side whose labels
    need a line each (eleven sectors in 220 pixels: QtCharts hid every other name)."""
    lines = 0
    for axis in chart.axes(Qt.Orientation.Vertical):
        names = axis.property(FULL_NAMES) if isinstance(axis, QBarCategoryAxis) else None
        if names:
            lines = max(lines, len(names))
            font = axis.labelsFont()
    if not lines:
        return MIN_HEIGHT
    return max(MIN_HEIGHT, CHART_FRAME + lines * (QFontMetrics(font).height() + 4))


def _base_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setBackgroundRoundness(4)
    chart.setMargins(QMargins(MARGIN, MARGIN, MARGIN, MARGIN))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


WHOLE_FORMATS = ("%d", "%.0f")


def whole_ticks(maximum: float, most: int = 6) -> tuple[int, int]:
    """(top, tick count) of an axis of whole numbers from 0 that holds ``maximum`` with some
    headroom, every tick a whole number: 1, 2, 2.5 or 5 times a power of ten apart, at most
    ``most`` steps. Qt's nice numbers put four ticks between 0 and 1 on an empty dashboard,
    which read "0 0 0 0 1" printed as whole numbers (and 2.5 read as 2 on an axis to 10)."""
    target = max(1, math.ceil(maximum * 1.1))
    power = 1
    while True:
        quarter = [5 * power // 2] if power >= 10 else []  # 2.5 apart is not whole
        for step in (power, 2 * power, *quarter, 5 * power):
            steps = math.ceil(target / step)
            if steps <= most:
                return step * steps, steps + 1
        power *= 10


def _value_axis(maximum: float, fmt: str = "%d") -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat(fmt)
    if fmt in WHOLE_FORMATS:
        top, ticks = whole_ticks(maximum)
        axis.setRange(0, top)
        axis.setTickCount(ticks)
        axis.setProperty(MAXIMUM, maximum)  # for ``fit_ticks`` as the chart is resized
        return axis
    axis.setRange(0, max(1.0, maximum * 1.1))
    axis.applyNiceNumbers()
    axis.setLabelFormat(fmt)
    return axis


def bar_chart(
    title: str,
    categories: Sequence[str],
    sets: Sequence[tuple[str, Sequence[float]]],
    *,
    stacked: bool = False,
    horizontal: bool = False,
    on_click: Callable[[int], None] | None = None,
    value_format: str = "%d",
    value_title: str = "",
    label_angle: int = 0,
) -> QChart:
    """Bars per category; one QBarSet per (name, values); ``on_click(category index)``.

    Horizontal charts list the first category at the top, the way people read a list.
    """
    chart = _base_chart(title)
    count = len(categories)
    if horizontal:
        categories = list(reversed(categories))
        sets = [(name, list(reversed(values))) for name, values in sets]
        clicked = on_click
        on_click = None if clicked is None else (lambda index: clicked(count - 1 - index))
    series: QAbstractBarSeries
    if horizontal:
        series = QHorizontalBarSeries()
    elif stacked:
        series = QStackedBarSeries()
    else:
        series = QBarSeries()
    for index, (name, values) in enumerate(sets):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
        bar_set.setBorderColor(QColor(PALETTE[index % len(PALETTE)]))
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    if on_click is not None:
        series.clicked.connect(lambda index, _set: on_click(int(index)))
    names = list(categories)
    series.hovered.connect(
        lambda status, index, bar_set: _tooltip(status, names[int(index)], bar_set, int(index))
    )
    chart.addSeries(series)
    category_axis = QBarCategoryAxis()
    category_axis.append(list(categories))
    category_axis.setProperty(FULL_NAMES, list(categories))  # fit_labels wraps them to fit
    category_axis.setTruncateLabels(False)  # "Centre for social work" must stay readable
    category_axis.setLabelsAngle(label_angle)
    if stacked:
        top = max((sum(v) for v in zip(*(values for _n, values in sets), strict=True)), default=0)
    else:
        top = max((max(values, default=0) for _n, values in sets), default=0)
    value_axis = _value_axis(float(top), value_format)
    value_axis.setTitleText(value_title)
    if horizontal:
        chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(category_axis)
    series.attachAxis(value_axis)
    chart.legend().setVisible(len(sets) > 1)
    return chart


# Whole percentages as every language HubDesk speaks writes them ("80%", no space: Babel's
# pattern, checked by tests/ui/test_charts.py). A constant, not Babel: the chart is drawn from
# remembered figures before Babel is loaded. It was "%d %%": "80 %" beside a tile's "85.0%".
PERCENT_AXIS_FORMAT = "%d%%"


def add_rate_line(chart: QChart, name: str, rates: Sequence[float | None]) -> None:
    """A percentage line (0–100 %) on its own right-hand axis over a bar chart's categories."""
    line = QLineSeries()
    line.setName(name)
    line.setColor(QColor(LINE_COLOUR))
    pen = line.pen()
    pen.setWidth(2)
    line.setPen(pen)
    # Each month's rate is a dot on the line: a month alone (a new team's first meeting) is
    # no line at all, and the tile's "100%" had nothing beside it in the chart.
    line.setPointsVisible(True)
    line.setMarkerSize(7)
    for index, rate in enumerate(rates):
        if rate is not None:
            line.append(index, rate * 100)
    chart.addSeries(line)
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setLabelFormat(PERCENT_AXIS_FORMAT)
    axis.setTickCount(6)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignRight)
    line.attachAxis(axis)
    hidden = QValueAxis()
    hidden.setRange(-0.5, max(len(rates) - 0.5, 0.5))
    hidden.setVisible(False)
    chart.addAxis(hidden, Qt.AlignmentFlag.AlignBottom)
    line.attachAxis(hidden)
    chart.legend().setVisible(True)
