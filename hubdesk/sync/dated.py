"""Days the services never set after today, held so at the import.

The forms refuse some days in the future (``not_in_future``): the day a member joined or
consented, the day a help desk question was asked; a request is closed today; a help desk message
and a comment on a fund proposal are stamped with the moment they are written, a needs assessment
with the day it is submitted. The rule depends on today, so the rule book every path shares
(``services/rules``) cannot hold it; the import holds the rows a bundle writes to it by the
receiver's calendar (``clock.today``), with a day's clock difference allowed (the import's own
clock check refuses a sender further ahead). Otherwise a question dated a year ahead would never
be overdue at the hub.

Only rows that change something are judged (``merge.changing``). A youth or community activity's
start is not judged here, although its form refuses a future day since 2026-12-07: a record saved
before then with a future day (a planned activity) travels in every full bundle, and refusing it
would stop its office's sync until someone changed a record the form no longer lets them keep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hubdesk import clock
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import changing

# table -> the day (or moment) fields the services never set after today
DAYS: dict[str, tuple[str, ...]] = {
    "members": ("joined_on", "consent_on"),
    "helpdesk_requests": ("asked_on", "closed_on"),
    "helpdesk_messages": ("written_at",),
    "proposal_comments": ("written_at",),
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
    latest, last_day = now + AHEAD, clock.today() + AHEAD
    problems = []
    for inc, _held in changing(table, rows, current):
        values = inc.values
        if values["deleted"]:
            continue
        for name in names:
            value = values.get(name)
            if isinstance(value, dt.datetime):
                ahead, day = value > latest, clock.local_day(value)
            elif isinstance(value, dt.date):
                ahead, day = value > last_day, value
            else:
                continue
            if ahead:
                params = {"day": format_date(day)}
                problems.append(Problem(table, inc.id, name, FUTURE, params))
                break
    return problems
