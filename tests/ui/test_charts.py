"""A chart's count axis shows whole numbers only: on an empty dashboard it read "0 0 0 0 1"."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QValueAxis

from hubdesk.ui.charts import bar_chart, whole_ticks


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
