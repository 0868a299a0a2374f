"""The day and the wall clock, asked in one place.

HubDesk's rules measure against today: a report falls overdue, a tranche may not be planned
before its decision, an action is not done in the future. When every rule asks here instead of
``datetime.date.today()`` directly, a piece of work that spans midnight can agree with itself on
the day: the test suite pins the day it started on, so a test whose expectations were written
before midnight is not checked against a service that asks after it.

Only the day is pinned, never the moment: timestamps (``changed_at``, a message's time) keep
coming from the real clock, since versions are ordered by them and must never go backwards.

Days are the region's, not the PC's. Every country HubDesk serves keeps Central European Time
with the EU's summer time, and rules that compare days cross PCs: the hub refuses an office's
meeting in a quarter it has locked, and the regional report counts meetings by month. A PC left
on UTC (a hub server, a donated laptop) would place a meeting at 00:30 on 1 April in March, so
the hub refused a bundle the office had every right to send, and the two reports disagreed.
Every moment is stored in UTC; this module alone turns it into a day or a time on the wall.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

# Tirana, Sarajevo, Zagreb, Belgrade, Podgorica, Skopje and Pristina share this zone's rules.
REGION_ZONE = "Europe/Belgrade"

_pinned: dt.date | None = None


@functools.cache
def region() -> ZoneInfo:
    """The region's zone (read once; on Windows from the ``tzdata`` package). Imported when a
    time is first read, not with the first frame."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(REGION_ZONE)


def today() -> dt.date:
    """The region's calendar day, or the pinned one."""
    return dt.datetime.now(region()).date() if _pinned is None else _pinned


def pin(day: dt.date | None) -> None:
    """Fix the day ``today`` answers for this process; ``None`` follows the calendar again."""
    global _pinned
    _pinned = day


def local(moment: dt.datetime) -> dt.datetime:
    """``moment`` on the region's clocks. A naive moment is UTC, as the database keeps it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(region())


def local_day(moment: dt.datetime) -> dt.date:
    """The region's calendar day ``moment`` falls on."""
    return local(moment).date()


def wall(moment: dt.datetime) -> dt.datetime:
    """``moment`` as the naive time a clock on a wall in the region showed."""
    return local(moment).replace(tzinfo=None)


def now_wall() -> dt.datetime:
    """The time on the region's wall clocks now (naive)."""
    return dt.datetime.now(region()).replace(tzinfo=None)


def from_wall(time: dt.datetime) -> dt.datetime:
    """The UTC moment of a naive wall-clock time in the region. A time repeated when summer
    time ends is its first occurrence; a skipped one is read with the winter offset (see
    ``skipped``, which forms use to refuse it)."""
    return time.replace(tzinfo=region(), fold=0).astimezone(dt.UTC)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight starting ``day`` in the region, as UTC: "meetings in May" means May where the
    teams live, not May in Greenwich."""
    return from_wall(dt.datetime.combine(day, dt.time()))


def skipped(time: dt.datetime) -> bool:
    """Whether the region's clocks never show this naive time (the hour they go forward)."""
    return wall(from_wall(time)) != time.replace(fold=0)
