"""How old the last bundle from or to a peer is, as the Sync page says it: in the region's
calendar days, whatever zone the PC is set to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from hubdesk import clock
from hubdesk.sync.overview import age_text


def wall(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return clock.from_wall(dt.datetime(2026, 12, day, hour, minute))


@pytest.mark.parametrize("pc", ["UTC", "Asia/Tokyo", "America/New_York", "Europe/Skopje"])
def test_a_bundle_of_last_evening_came_yesterday(pc: str, pc_zone: Callable[[str], None]) -> None:
    pc_zone(pc)
    morning = wall(7, 9)
    assert age_text(wall(6, 22), morning) == "1 day ago"
    assert age_text(wall(5, 23), morning) == "2 days ago"
    assert age_text(wall(7, 0, 30), morning) == "today"
    assert age_text(wall(7, 8, 59), morning) == "today"
    assert age_text(None, morning) == "never"


def test_without_a_moment_it_counts_from_todays_day() -> None:
    yesterday = clock.today() - dt.timedelta(days=1)
    late = clock.from_wall(dt.datetime.combine(yesterday, dt.time(23, 59)))
    assert age_text(late) == "1 day ago"
