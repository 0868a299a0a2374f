"""The day, asked in one place.

HubDesk's rules measure against today: a report falls overdue, a tranche may not be planned
before its decision, an action is not done in the future. When every rule asks here instead of
``datetime.date.today()`` directly, a piece of work that spans midnight can agree with itself on
the day: the test suite pins the day it started on, so a test whose expectations were written
before midnight is not checked against a service that asks after it.

Only the day is pinned, never the moment: timestamps (``changed_at``, a message's time) keep
coming from the real clock, since versions are ordered by them and must never go backwards.
"""

from __future__ import annotations

import datetime as dt

_pinned: dt.date | None = None


def today() -> dt.date:
    """This PC's calendar day, or the pinned one."""
    return dt.date.today() if _pinned is None else _pinned


def pin(day: dt.date | None) -> None:
    """Fix the day ``today`` answers for this process; ``None`` follows the calendar again."""
    global _pinned
    _pinned = day
