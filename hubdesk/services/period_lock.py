"""The lock on a submitted or accepted quarter: which day places a record in a quarter, and the
one check every create, edit and delete of such a record passes (``records.py`` calls it).

Which day counts (the same here, in the bundle import and in the overview):

- a meeting: the day it took place (``starts_at`` on the region's clock, as the reports count it);
  its attendance, guests and decisions: their meeting's day;
- an action item: the day it was done (``done_on``). An open item belongs to no quarter yet,
  so work carried over from an accepted quarter can still be followed up and closed; closing
  it *into* a locked quarter (a ``done_on`` inside it) is refused;
- a youth activity: the day it started (``starts_on``), as the youth report counts it.

Members, teams and proposals are not period-bound: they are the standing register and the fund's
own workflow, not what happened in a quarter.

A quarter is locked while the hub reviews it (submitted) and once it accepted it: the hub accepts
exactly what it reviewed. Reopening (with a reason the hub sees) unlocks it until it is
submitted again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import (
    ActionItem,
    Attendance,
    Decision,
    Meeting,
    MeetingGuest,
    PeriodSubmission,
    YouthActivity,
)
from hubdesk.domain.base import Synced
from hubdesk.domain.enums import Role
from hubdesk.domain.periods import LOCKING, PeriodAction, Quarter
from hubdesk.i18n import N_
from hubdesk.services.errors import FieldError, ValidationError

HUB_ANSWERS = frozenset({PeriodAction.ACCEPTED, PeriodAction.RETURNED})

MEETING_CHILDREN = ("attendance", "meeting_guests", "decisions")
PERIOD_BOUND = ("meetings", *MEETING_CHILDREN, "action_items", "youth_activities")
# The field a refusal is shown next to in each kind's form.
FIELD_OF = {
    "meetings": "starts_at",
    "action_items": "status",
    "youth_activities": "starts_on",
}
_MODELS: dict[type[Any], str] = {
    Meeting: "meetings",
    Attendance: "attendance",
    MeetingGuest: "meeting_guests",
    Decision: "decisions",
    ActionItem: "action_items",
    YouthActivity: "youth_activities",
}

MeetingStart = Callable[[str], "dt.datetime | None"]


# The one field of each record ``day_of`` reads: records alike in it are in the same quarter.
DAY_FIELD = {
    "meetings": "starts_at",
    **dict.fromkeys(MEETING_CHILDREN, "meeting_id"),
    "action_items": "done_on",
    "youth_activities": "starts_on",
}


def day_of(table: str, values: Mapping[str, Any], meeting_start: MeetingStart) -> dt.date | None:
    """The day that places one record (as a row mapping) in a quarter, or None (in none)."""
    if table not in DAY_FIELD:
        return None
    value = values.get(DAY_FIELD[table])
    if table == "meetings":
        return clock.local_day(value) if isinstance(value, dt.datetime) else None
    if table in MEETING_CHILDREN:
        starts = meeting_start(value or "")
        return None if starts is None else clock.local_day(starts)
    return value if isinstance(value, dt.date) else None  # done_on, starts_on


def newest_events(
    session: Session, municipality_id: str | None = None
) -> dict[tuple[str, str], PeriodSubmission]:
    """The event that sets the state of every (municipality, quarter): its action is the
    quarter's state. Events count in version order, except a hub answer to a submission that
    is no longer the one waiting (the municipality reopened it before the answer arrived)."""
    query = select(PeriodSubmission).where(~PeriodSubmission.deleted)
    if municipality_id is not None:
        query = query.where(PeriodSubmission.municipality_id == municipality_id)
    by_quarter: dict[tuple[str, str], list[PeriodSubmission]] = {}
    for event in session.scalars(query):
        by_quarter.setdefault((event.municipality_id, event.quarter), []).append(event)
    found = {key: effective(events) for key, events in by_quarter.items()}
    return {key: event for key, event in found.items() if event is not None}


class Event(Protocol):
    """One step of a quarter as its state is worked out from it: a ``PeriodSubmission``, or
    the import's slim copy of one (``sync/period_import.py``)."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def updated_by(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def answers(self) -> str | None: ...


E = TypeVar("E", bound=Event)


def event_order(event: Event) -> tuple[int, str]:
    return (event.version, event.updated_by)


def replay(events: Iterable[E]) -> Iterator[E | None]:
    """The events of one quarter in version order, each giving the event that sets the
    quarter's state once it happened (see ``newest_events``)."""
    current: E | None = None
    waiting: E | None = None  # the submission the hub may answer
    for event in sorted(events, key=event_order):
        if event.action in HUB_ANSWERS:
            if waiting is None or event.answers not in (None, waiting.id):
                yield current  # it answers a submission withdrawn meanwhile
                continue
            waiting = None
        else:
            waiting = event if event.action == PeriodAction.SUBMITTED else None
        current = event
        yield current


def effective(events: Iterable[E]) -> E | None:
    """The event of one quarter that sets its state (see ``newest_events``)."""
    steps = list(replay(events))
    return steps[-1] if steps else None


def locked_quarters(session: Session, municipality_id: str) -> dict[str, str]:
    """Quarter -> state (submitted or accepted) of each locked quarter of the municipality."""
    return {
        quarter: event.action
        for (_m, quarter), event in newest_events(session, municipality_id).items()
        if event.action in LOCKING
    }


def locked_message(state: str, reader: Role = Role.MUNICIPALITY) -> str:
    """The refusal as the person who reads it can act on it: only the municipality's own PC
    reopens a quarter, so a field laptop is sent to its office and the hub, refusing a
    municipality's bundle, is told the municipality must reopen it."""
    accepted = state == PeriodAction.ACCEPTED
    if reader is Role.FIELD:
        if accepted:
            return N_(
                "The quarter {quarter} was accepted by the hub and its records are locked. "
                "Only the municipality's own PC reopens a quarter: ask the office to reopen it; "
                "this laptop hears of the reopening with the office's next bundle."
            )
        return N_(
            "The quarter {quarter} is submitted to the hub and its records are locked while the "
            "hub reviews it. Only the municipality's own PC reopens a quarter: ask the office to "
            "reopen it; this laptop hears of the reopening with the office's next bundle."
        )
    if reader is Role.HUB:
        if accepted:
            return N_(
                "The quarter {quarter} was accepted by the hub and its records are locked; the "
                "municipality reopens the quarter with a reason before it changes them."
            )
        return N_(
            "The quarter {quarter} is submitted to the hub and its records are locked while the "
            "hub reviews it; the municipality reopens the quarter with a reason (or the hub "
            "returns it) before it changes them."
        )
    if accepted:
        return N_(
            "The quarter {quarter} was accepted by the hub and its records are locked. To change "
            "them, reopen the quarter with a reason on the Quarters page (or: hubdesk periods "
            "reopen --quarter {quarter} --comment REASON); the hub sees the reopening."
        )
    return N_(
        "The quarter {quarter} is submitted to the hub and its records are locked while the hub "
        "reviews it. To change them, reopen the quarter with a reason on the Quarters page (or: "
        "hubdesk periods reopen --quarter {quarter} --comment REASON); the hub sees the "
        "reopening."
    )


def _meeting_start(session: Session) -> MeetingStart:
    def start(meeting_id: str) -> dt.datetime | None:
        meeting = session.get(Meeting, meeting_id) if meeting_id else None
        return None if meeting is None else meeting.starts_at

    return start


def _municipality_of(session: Session, table: str, record: Any) -> str | None:
    if table in MEETING_CHILDREN:
        meeting = session.get(Meeting, record.meeting_id)
        return None if meeting is None else meeting.municipality_id
    return getattr(record, "municipality_id", None)


def record_day(session: Session, record: Synced) -> dt.date | None:
    """The day that places ``record`` in a quarter (None: it is not period-bound)."""
    table = _MODELS.get(type(record))
    if table is None:
        return None
    values = {name: getattr(record, name, None) for name in FIELD_NAMES}
    with session.no_autoflush:
        return day_of(table, values, _meeting_start(session))


FIELD_NAMES = ("starts_at", "meeting_id", "done_on", "starts_on")


def guard(
    session: Session, record: Synced, *days: dt.date | None, reader: Role = Role.MUNICIPALITY
) -> None:
    """Refuse (ValidationError) when ``record`` is, or was (``days``: its day before an edit),
    in a locked quarter of its municipality; ``reader`` is the role of the PC writing it."""
    table = _MODELS.get(type(record))
    if table is None:
        return
    candidates = {d for d in (record_day(session, record), *days) if d is not None}
    if not candidates:
        return
    with session.no_autoflush:  # the record may hold an edit not yet stamped
        municipality_id = _municipality_of(session, table, record)
        if municipality_id is None:
            return
        locked = locked_quarters(session, municipality_id)
    problem = locked_problem(locked, table, candidates, reader)
    if problem is not None:
        raise ValidationError([problem])


def table_of(model: type[Any]) -> str | None:
    """The period-bound table of records of ``model`` (None: not period-bound)."""
    return _MODELS.get(model)


def locked_problem(
    locked: Mapping[str, str],
    table: str,
    days: Iterable[dt.date | None],
    reader: Role = Role.MUNICIPALITY,
) -> FieldError | None:
    """The refusal for a record of ``table`` placed on any of ``days`` when one of them is in
    a quarter of ``locked`` (``locked_quarters``), else None. ``guard`` and the spreadsheet
    import's preview both judge with this."""
    for day in sorted({d for d in days if d is not None}):
        quarter = str(Quarter.of(day))
        if quarter in locked:
            return FieldError(
                FIELD_OF.get(table, "meeting_id"),
                locked_message(locked[quarter], reader),
                {"quarter": quarter},
            )
    return None
