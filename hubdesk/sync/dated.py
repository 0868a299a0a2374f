"""Days the services never set after today, held so at the import.

The forms refuse some days in the future (``not_in_future``): an activity recorded with the
people who came, the day a member joined or consented, the day a help desk question was asked;
a help desk message is stamped with the moment it is written, a needs assessment with the day it
is submitted. The rule depends on today, so
the rule book every path shares (``services/rules``) cannot hold it; the import holds the rows a
bundle writes to it by the receiver's calendar, with a day's clock difference allowed (the
import's own clock check refuses a sender further ahead). Otherwise a youth activity dated next
year would count in the hub's figures of a period not lived yet, and a question dated a year
ahead would never be overdue.

Only rows that change something are judged (new here, or outranking the version held): a day
that was allowed when it was written (before a rule existed) stays until the record changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import changing

# table -> the day (or moment) fields the services never set after today
DAYS: dict[str, tuple[str, ...]] = {
    "youth_activities": ("starts_on",),
    "community_activities": ("starts_on",),
    "members": ("joined_on", "consent_on"),
    "helpdesk_requests": ("asked_on",),
    "helpdesk_messages": ("written_at",),
    "needs_assessments": ("submitted_on",),
}
AHEAD = dt.timedelta(days=1)  # how far a sender's clock may run ahead (``max_drift_ms``)
FUTURE = N_("it is dated {day}, after today; the services do not set this day in the future")


def check_rows(
    table: str, rows: list[Incoming], current: Mapping[str, dict[str, Any]], now: dt.datetime
) -> list[Problem]:
    """A problem for each row of a batch that sets one of ``DAYS[table]`` after today."""
    names = DAYS.get(table)
    if names is None:
        return []
    latest = now + AHEAD
    problems = []
    for inc, _held in changing(table, rows, current):
        values = inc.values
        if values["deleted"]:
            continue
        for name in names:
            value = values.get(name)
            if isinstance(value, dt.datetime):
                ahead, day = value > latest, value.date()
            elif isinstance(value, dt.date):
                ahead, day = value > latest.date(), value
            else:
                continue
            if ahead:
                params = {"day": format_date(day)}
                problems.append(Problem(table, inc.id, name, FUTURE, params))
                break
    return problems
