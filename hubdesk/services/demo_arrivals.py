"""On the demo hub, a city's words reached the hub on the days they were said.

The hub demo imports each demo municipality's whole history in one bundle, at the moment the
demo is built; taken as it is, every question and every submission would have "reached the
hub" today, after the hub had already answered and decided them. A real hub receives a bundle
soon after each step. So, right after each demo import, the moments the hub keeps of the
arrivals it reads (``services/arrivals.py``: the import's audit entries) are set after the day
or moment the city gave: a question two days after it was asked (the city sent its bundle
then; the hub reads both days, and counts from the later) unless the hub answered it sooner,
then just before that answer; a follow-up or a proposal's status change a few hours after it
was written; never later than now. Only the demo does this; a real import's moments are the
import's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, HelpdeskMessage, HelpdeskRequest, ProposalStatusChange
from hubdesk.domain.base import utcnow
from hubdesk.domain.enums import Role
from hubdesk.services.arrivals import SYNC
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo_rows import at

DELAY = dt.timedelta(hours=3)  # from a city's word to the bundle that carried it
QUESTION_DELAY = dt.timedelta(days=2)  # a question waits for the city's next bundle
Answered = dict[str, dt.datetime]  # request -> the hub's first answer


def _asked(row: Any, answered: Answered) -> dt.datetime:
    sent = at(row.asked_on + QUESTION_DELAY, 9)
    first = answered.get(row.id)
    return sent if first is None else min(sent, first - dt.timedelta(hours=1))


def _written(row: Any, _answered: Answered) -> dt.datetime:
    return row.written_at + DELAY


def _changed(row: Any, _answered: Answered) -> dt.datetime:
    return row.changed_at + DELAY


def _answered(session: Session) -> Answered:
    query = (
        select(HelpdeskMessage.request_id, func.min(HelpdeskMessage.written_at))
        .where(HelpdeskMessage.author_role == Role.HUB.value)
        .group_by(HelpdeskMessage.request_id)
    )
    return {request_id: first for request_id, first in session.execute(query)}


# Per kind of record the hub reads arrivals of: its rows the city wrote, and when they arrived.
ARRIVALS: tuple[tuple[Any, Any, Callable[[Any, Answered], dt.datetime]], ...] = (
    (HelpdeskRequest, None, _asked),
    (HelpdeskMessage, HelpdeskMessage.author_role != Role.HUB.value, _written),
    (ProposalStatusChange, ProposalStatusChange.by_role != Role.HUB.value, _changed),
)


def date_demo_arrivals(hub: ServiceContext) -> int:
    """Give the arrivals of what the demo cities sent realistic moments (after the hub's own
    answers are in: a question reached the hub before its answer); how many were set."""
    now = utcnow()
    audit: Table = AuditEntry.__table__  # type: ignore[assignment]
    done = 0
    with hub.transaction() as session:
        answered = _answered(session)
        for model, city_only, moment in ARRIVALS:
            query = select(model)
            if city_only is not None:
                query = query.where(city_only)
            values = [
                {"record": row.id, "moment": min(moment(row, answered), now)}
                for row in session.scalars(query)
            ]
            if not values:
                continue
            statement = (
                update(audit)
                .where(
                    audit.c.table_name == model.__tablename__,
                    audit.c.action == SYNC,
                    audit.c.record_id == bindparam("record"),
                )
                .values(at=bindparam("moment"))
            )
            session.connection().execute(statement, values)
            done += len(values)
    return done
