"""A chart's count axis shows whole numbers only: on an empty dashboard it read "0 0 0 0 1"."""

from __future__ import annotations

import pytest
from babel import numbers
from gui import show_window
from PySide6.QtCharts import QChartView, QValueAxis
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from hubdesk.i18n import LANGUAGES, language
from hubdesk.i18n.formatting import babel_locale
from hubdesk.ui.charts import (
    LINE_COLOUR,
    PERCENT_AXIS_FORMAT,
    add_rate_line,
    bar_chart,
    whole_ticks,
)


@pytest.mark.parametrize("maximum", [0, 1, 2, 3, 5, 7, 10, 23, 99, 480, 1234, 98_765])
def test_every_tick_is_a_whole_number_above_the_tallest_bar(maximum: int) -> None:
    top, ticks = whole_ticks(maximum)
    step = top / (ticks - 1)
    assert step == int(step) and step >= 1
    assert top >= maximum
    assert 2 <= ticks <= 7
    assert top <= max(2, maximum * 2)  # the bars keep most of the chart's height


@pytest.mark.parametrize("fmt", ["%d", "%.0f"])
def test_an_empty_chart_counts_0_and_1(qapp: object, fmt: str) -> None:
    chart = bar_chart("Members", ["Police", "Health"], [("Members", [0, 0])], value_format=fmt)
    [axis] = [a for a in chart.axes() if isinstance(a, QValueAxis)]
    assert (axis.min(), axis.max(), axis.tickCount()) == (0, 1, 2)


@pytest.mark.parametrize("lang", ["en", "sq", "mk"])
def test_the_attendance_axis_writes_percentages_as_the_tiles_do(qapp: object, lang: str) -> None:
    """The axis said "80 %" beside a tile saying "85.0%"; Babel writes "80%" in these."""
    with language(lang):
        chart = bar_chart("Meetings", ["Jan", "Feb"], [("Meetings", [2, 3])])
        add_rate_line(chart, "Attendance", [0.8, None])
    rate_axis = [a for a in chart.axes() if isinstance(a, QValueAxis) and a.max() == 100]
    assert [a.labelFormat() for a in rate_axis] == ["%d%%"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_writes_a_whole_percentage_as_the_axis_does(lang: str) -> None:
    """The axis's fixed pattern is Babel's for each language (no space before the sign)."""
    written = numbers.format_percent(0.8, format="#,##0%", locale=babel_locale(lang))
    assert written == PERCENT_AXIS_FORMAT % 80


def test_a_month_alone_shows_its_attendance(qtbot: QtBot) -> None:
    """A new team's first meeting: the tile said 100% attendance while the chart's attendance
    line, one point long, drew nothing at all."""
    chart = bar_chart("Meetings", ["Oct", "Nov", "Dec"], [("Meetings", [0, 0, 1])])
    add_rate_line(chart, "Attendance", [None, None, 1.0])
    view = QChartView(chart)
    view.resize(600, 320)
    show_window(qtbot, view)
    plot = view.mapFromScene(chart.mapToScene(chart.plotArea())).boundingRect()
    image = view.grab().toImage()
    wanted = QColor(LINE_COLOUR)
    marked = [
        (x, y)
        for x in range(plot.left(), plot.right())
        for y in range(plot.top(), plot.bottom())
        if image.pixelColor(x, y) == wanted
    ]
    assert marked, "no attendance drawn for the month"
    assert min(x for x, _y in marked) > plot.left() + plot.width() * 2 / 3  # in December


def test_a_short_chart_keeps_its_count_labels_readable(qtbot: QtBot) -> None:
    """At its least height on a 768-pixel screen the youth chart's six count labels were each
    cut to "...": the axis takes as many ticks as its height holds, whole numbers still."""
    from hubdesk.ui.charts import chart_view, set_chart

    view = chart_view()
    set_chart(view, bar_chart("Young people", ["Q1", "Q2"], [("Female", [10, 23])]))
    view.resize(380, 220)
    show_window(qtbot, view)
    qtbot.wait(50)
    [axis] = [a for a in view.chart().axes() if isinstance(a, QValueAxis)]
    step = axis.max() / (axis.tickCount() - 1)
    assert axis.tickCount() <= 4 and step == int(step) and axis.max() >= 23
    view.resize(380, 600)
    qtbot.wait(50)
    assert axis.tickCount() > 4  # room again: more ticks


def test_bars_lying_side_by_side_get_a_line_each(qtbot: QtBot) -> None:
    """Eleven sectors in 220 pixels: QtCharts hid every other name."""
    from hubdesk.ui.charts import chart_view, set_chart

    names = [f"Sector {n}" for n in range(11)]
    view = chart_view()
    set_chart(view, bar_chart("Members", names, [("Members", [3] * 11)], horizontal=True))
    assert view.minimumHeight() >= 11 * 14 + 90  # a line of labels each, and the frame
    set_chart(view, bar_chart("Members", names[:3], [("Members", [3] * 3)], horizontal=True))
    assert view.minimumHeight() == 220
