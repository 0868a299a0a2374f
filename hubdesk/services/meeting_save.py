"""A meeting's form saved as one: the meeting, its attendance, guests and decisions together.

The form shows all four parts on one Save button. Saved part by part, a refused guest line
left the meeting (and whatever came before it) written while the form still said "not saved";
a Cancel then kept a meeting the person thought discarded. Here every part is checked first,
every problem is reported at once, and the writes share one unit of work: all of them or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import Decision, Meeting
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, NotFoundError, ValidationError
from hubdesk.services.meetings import (
    DECISION,
    attendance_of,
    check_attendance,
    check_decision_text,
    check_guests,
    check_meeting,
    own_meeting,
    write_attendance,
    write_guests,
    write_new_decision,
)
from hubdesk.services.team import require_municipality
from hubdesk.services.validation import gathered

DECISIONS = "decisions"  # the field decision problems are reported on


@dataclass(frozen=True)
class MeetingChanges:
    """What a meeting's form changed. ``details``: the meeting's own fields (all of them for a
    new meeting, the changed ones otherwise); a part left ``None`` stays as it is."""

    details: Mapping[str, Any] = field(default_factory=dict)
    attendance: Mapping[str, str | None] | None = None
    guests: Iterable[tuple[str, int]] | None = None
    # every decision as listed, in order: (its id, or None for a new one; its text)
    decisions: Sequence[tuple[str | None, str]] | None = None


@dataclass(frozen=True)
class SavedMeeting:
    id: str
    attendance: dict[str, str]
    decision_ids: list[str]  # the ids of the decisions given, in their order ([] if not given)


def save_meeting(
    ctx: ServiceContext, meeting_id: str | None, changes: MeetingChanges
) -> SavedMeeting:
    """Create (``meeting_id`` None) or change a meeting with the parts given, all or nothing.

    Raises ValidationError with every problem found in the details, guests and decisions (the
    attendance is checked against the meeting's team, so once the details hold)."""
    problems: list[FieldError] = []
    guests = None
    if changes.guests is not None:
        guests = gathered(problems, lambda: check_guests(changes.guests))
    for _id, text in changes.decisions or ():
        gathered(problems, partial(check_decision_text, text), DECISIONS)
    municipality_id = require_municipality(ctx) if meeting_id is None else None
    with ctx.transaction() as session:
        meeting = None if meeting_id is None else own_meeting(session, ctx, meeting_id)
        values: dict[str, Any] | None = {}
        if meeting is None or changes.details:
            values = gathered(
                problems, lambda: check_meeting(session, ctx, changes.details, meeting)
            )
        if problems:
            raise ValidationError(problems)
        assert values is not None  # no problems: the details were checked
        if meeting is None:
            meeting = records.create(
                session, ctx, Meeting, {**values, "municipality_id": municipality_id}
            )
        elif values:
            records.change(session, ctx, meeting, values)
        if changes.attendance is not None:
            check_attendance(session, meeting, changes.attendance)
            write_attendance(session, ctx, meeting, changes.attendance)
        if guests is not None:
            write_guests(session, ctx, meeting, guests)
        ids: list[str] = []
        if changes.decisions is not None:
            ids = _write_decisions(session, ctx, meeting, changes.decisions)
        return SavedMeeting(meeting.id, attendance_of(session, meeting.id), ids)


def _write_decisions(
    session: Session, ctx: ServiceContext, meeting: Meeting, rows: Sequence[tuple[str | None, str]]
) -> list[str]:
    """The meeting's decisions made what ``rows`` list: the others removed, changed texts
    changed, new ones added after the last; an unchanged one keeps its version. One deleted
    meanwhile (by a bundle from the other PC) stays deleted: the rest is saved all the same."""
    query = select(Decision).where(Decision.meeting_id == meeting.id)
    held = {decision.id: decision for decision in session.scalars(query)}
    stored = {i: decision for i, decision in held.items() if not decision.deleted}
    for decision_id, _text in rows:
        if decision_id is not None and decision_id not in held:
            raise NotFoundError(DECISION, decision_id)  # another meeting's, or none
    kept = {decision_id for decision_id, _text in rows}
    for decision_id, decision in stored.items():
        if decision_id not in kept:
            records.tombstone(session, ctx, decision)
    ids = []
    for decision_id, text in rows:
        if decision_id is None:
            ids.append(write_new_decision(session, ctx, meeting, text).id)
            continue
        if decision_id not in stored:  # deleted meanwhile: its deletion stands
            ids.append(decision_id)
            continue
        if stored[decision_id].text != text:
            records.change(session, ctx, stored[decision_id], {"text": text})
        ids.append(decision_id)
    return ids
