"""A field laptop's changes to a locked quarter, met at its municipality's import.

A laptop may have edited a meeting or an activity before it learnt that its municipality
submitted the quarter, or that the hub accepted it. Its municipality refuses such a bundle
whole, naming the quarter and how to reopen it, and changes nothing: the accepted records stay
exactly what the hub accepted, and the laptop's work is not lost either: it stays on the laptop
(and in the bundle file), and the same bundle imports once the office has reopened the quarter
(a reopening the hub sees). Logging the laptop's versions as conflicts instead would keep the
accepted data but leave the laptop holding edits that win everywhere else, and hide from the
hub that a reviewed quarter was changed in the field.

Only rows that would change something are judged: a stale copy the merge would pass over, or
a row the laptop relays unchanged, is no edit. The hub does not judge this: the municipality's
own services and this import keep its quarters, and a reopening travels to the hub with the
edits it allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from hubdesk.domain import Meeting
from hubdesk.domain.enums import Role
from hubdesk.domain.periods import Quarter
from hubdesk.services.context import ServiceContext
from hubdesk.services.period_lock import PERIOD_BOUND, day_of, locked_message, locked_quarters
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import rank


def check_locked_quarters(
    session: Session,
    ctx: ServiceContext,
    sender_role: Role,
    tables: Mapping[str, list[Incoming]],
    current: Mapping[str, Mapping[str, dict[str, Any]]],
    problems: list[Problem],
) -> None:
    """Add a problem for every laptop row that would change a record of a locked quarter."""
    if ctx.role is not Role.MUNICIPALITY or sender_role is not Role.FIELD:
        return
    if ctx.municipality_id is None or not any(tables.get(t) for t in PERIOD_BOUND):
        return
    locked = locked_quarters(session, ctx.municipality_id)
    if not locked:
        return
    incoming_meetings = {inc.id: inc.values for inc in tables.get("meetings", [])}

    def stored_start(meeting_id: str) -> dt.datetime | None:
        meeting = session.get(Meeting, meeting_id) if meeting_id else None
        return None if meeting is None else meeting.starts_at

    def new_start(meeting_id: str) -> dt.datetime | None:
        values = incoming_meetings.get(meeting_id)
        return values["starts_at"] if values is not None else stored_start(meeting_id)

    for table in PERIOD_BOUND:
        held = current.get(table, {})
        for inc in tables.get(table, []):
            stored = held.get(inc.id)
            if stored is not None and rank(inc.values, table) <= rank(stored, table):
                continue  # it would change nothing here
            days = {day_of(table, inc.values, new_start)}
            if stored is not None:
                days.add(day_of(table, stored, stored_start))
            for day in sorted(d for d in days if d is not None):
                quarter = str(Quarter.of(day))
                if quarter in locked:
                    problems.append(
                        Problem(
                            table,
                            inc.id,
                            "",
                            locked_message(locked[quarter]),
                            {"quarter": quarter},
                            reason="locked_period",
                        )
                    )
                    break
