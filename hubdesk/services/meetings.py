"""Meeting use cases: the meeting itself, who attended, guests and decisions.

Action items agreed at a meeting have their own module, :mod:`hubdesk.services.actions`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import ActionItem, Attendance, Decision, Meeting, MeetingGuest, Member, Team
from hubdesk.domain.base import Synced
from hubdesk.domain.enums import AttendanceStatus
from hubdesk.domain.meetings import attendance_id
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import flags, normalised, pillar_match, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page, count, fetch, stream, text_match
from hubdesk.services.rules import meetings as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.validation import Checker, folded, unknown_fields

MEETING_FIELDS = (
    "team_id",
    "starts_at",
    "ends_at",
    "place",
    "kind",
    "pillars",
    "themes",
    "agenda",
    "minutes",
    "minutes_internal",
)
MEETING = N_("meeting")
DECISION = N_("decision")
ATTENDANCE = "attendance"  # the field attendance problems are reported on
GUESTS = "guests"


# --- helpers of meetings and action items ------------------------------------------------


def meeting_day(meeting: Meeting) -> dt.date:
    """The calendar day a meeting took place on, in the region (``clock``): the office and the
    hub must agree on it, whatever zone either PC is set to."""
    return clock.local_day(meeting.starts_at)


def own_meeting(session: Session, ctx: ServiceContext, meeting_id: str) -> Meeting:
    """A live meeting this installation may change (its own municipality's)."""
    return records.owned(session, ctx, Meeting, meeting_id, MEETING)


def team_member_ids(session: Session, team_id: str, candidates: Iterable[str]) -> set[str]:
    """Which of ``candidates`` are live members of the team."""
    wanted = [c for c in candidates if isinstance(c, str)]
    if not wanted:
        return set()
    query = select(Member.id).where(
        Member.team_id == team_id, ~Member.deleted, Member.id.in_(wanted)
    )
    return set(session.scalars(query))


# --- meetings ----------------------------------------------------------------------------------


def check_meeting(
    session: Session, ctx: ServiceContext, data: Mapping[str, Any], current: Meeting | None
) -> dict[str, Any]:
    unknown_fields(data, MEETING_FIELDS)
    check = Checker()
    required = ("team_id", "starts_at", "kind")
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.text(data, Meeting)
    plain_text(check, data, "agenda", "minutes")
    check.choices(data, "pillars")
    check.choices(data, "themes")
    check.moment(data, "starts_at")
    check.moment(data, "ends_at")
    flags(check, data, "minutes_internal")
    merged: dict[str, Any] = {"starts_at": None, "ends_at": None}
    if current is not None:
        merged = {"starts_at": current.starts_at, "ends_at": current.ends_at}
    check.rules(rules.check_meeting({**merged, **data}, changed=data))
    team_id = data.get("team_id")
    if team_id and check.ok("team_id"):
        team = session.get(Team, team_id) if isinstance(team_id, str) else None
        if team is None or team.deleted or team.municipality_id != ctx.municipality_id:
            check.add("team_id", N_("Choose one of this municipality's teams."))
        elif current is not None and team_id != current.team_id and _has_children(session, current):
            check.add(
                "team_id",
                N_(
                    "This meeting already has attendance or action items of its team; "
                    "it cannot move to another team."
                ),
            )
    check.done()
    return normalised(data, ("place", "agenda", "minutes"), ("minutes_internal",))


def _has_children(session: Session, meeting: Meeting) -> bool:
    for model in (Attendance, ActionItem):
        query = select(model.id).where(model.meeting_id == meeting.id, ~model.deleted).limit(1)
        if session.scalar(query) is not None:
            return True
    return False


def create_meeting(ctx: ServiceContext, data: Mapping[str, Any]) -> Meeting:
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        values = check_meeting(session, ctx, data, None)
        return records.create(session, ctx, Meeting, {**values, "municipality_id": municipality_id})


def update_meeting(ctx: ServiceContext, meeting_id: str, data: Mapping[str, Any]) -> Meeting:
    with ctx.transaction() as session:
        meeting = own_meeting(session, ctx, meeting_id)
        records.change(session, ctx, meeting, check_meeting(session, ctx, data, meeting))
        return meeting


def delete_meeting(ctx: ServiceContext, meeting_id: str) -> None:
    """Tombstone the meeting with everything recorded at it, all in one unit of work."""
    with ctx.transaction() as session:
        tombstone_meeting(session, ctx, own_meeting(session, ctx, meeting_id))


# What a meeting's deletion takes along: every record that lives under it.
MEETING_PARTS = (Attendance, MeetingGuest, Decision, ActionItem)


def tombstone_meeting(session: Session, ctx: ServiceContext, meeting: Meeting) -> None:
    """The deletion itself, also for a deletion a person keeps from the conflict log: no
    attendance, guest, decision or action item stays alive under a deleted meeting.

    The meeting's tombstone and those of the records it takes along carry one and the same
    stamp (version and author), which no other change ever shares: that is how every PC, and
    the merge in particular (``sync/meeting_merge.py``), tells what this deletion took along
    from what someone deleted before."""
    with records.one_stamp(ctx):
        for model in MEETING_PARTS:
            children = select(model).where(model.meeting_id == meeting.id, ~model.deleted)
            for child in session.scalars(children).all():
                # select() over a tuple of models infers their common base, not the mixin.
                records.tombstone(session, ctx, cast(Synced, child))
        records.tombstone(session, ctx, meeting)


def restore_meeting(session: Session, ctx: ServiceContext, meeting: Meeting) -> None:
    """Bring a deleted meeting back with what its deletion took along (the records carrying
    its tombstone's stamp, see ``tombstone_meeting``), for a version a person keeps from the
    conflict log over that deletion; what was deleted before it stays deleted."""
    records.restore_taken(session, ctx, meeting, MEETING_PARTS, "meeting_id")


def restore_part(session: Session, ctx: ServiceContext, part: Any) -> None:
    """Bring back a record under a meeting (attendance, a guest line, a decision, an action
    item), and its meeting with it if that was deleted: none lives under a deleted meeting."""
    meeting = session.get(Meeting, part.meeting_id)
    records.restore_under(session, ctx, part, meeting, MEETING_PARTS, "meeting_id")


def get_meeting(ctx: ServiceContext, meeting_id: str) -> Meeting:
    with ctx.read() as session:
        return records.live(session, Meeting, meeting_id, MEETING)


@dataclass(frozen=True)
class MeetingFilter:
    search: str | None = None
    team_id: str | None = None
    kind: str | None = None
    pillar: str | None = None
    theme: str | None = None
    date_from: dt.date | None = None  # first day included (local calendar)
    date_to: dt.date | None = None  # last day included
    municipality_id: str | None = None  # for the hub, which sees every municipality


MEETING_SORT = {"starts_at": Meeting.starts_at, "kind": Meeting.kind, "place": Meeting.place}
DEFAULT_ORDER = (Meeting.starts_at.desc(), Meeting.id)


def meeting_query(ctx: ServiceContext, f: MeetingFilter) -> Select[Meeting]:
    query = select(Meeting).where(~Meeting.deleted)
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(Meeting.municipality_id == municipality_id)
    query = query.where(text_match(f.search, Meeting.search_text))
    if f.team_id is not None:
        query = query.where(Meeting.team_id == f.team_id)
    if f.kind is not None:
        query = query.where(Meeting.kind == f.kind)
    query = query.where(pillar_match(Meeting.pillars, f.pillar))
    query = query.where(pillar_match(Meeting.themes, f.theme))
    if f.date_from is not None:
        query = query.where(Meeting.starts_at >= clock.day_start(f.date_from))
    if f.date_to is not None:
        query = query.where(Meeting.starts_at < clock.day_start(f.date_to + dt.timedelta(days=1)))
    return query


def count_meetings(ctx: ServiceContext, f: MeetingFilter = MeetingFilter()) -> int:
    with ctx.read() as session:
        return count(session, meeting_query(ctx, f))


def list_meetings(
    ctx: ServiceContext,
    f: MeetingFilter = MeetingFilter(),
    page: Page = Page(order_by="starts_at", descending=True),
) -> list[Meeting]:
    with ctx.read() as session:
        return fetch(session, meeting_query(ctx, f), page, MEETING_SORT, DEFAULT_ORDER)


def iter_meetings(
    ctx: ServiceContext,
    f: MeetingFilter = MeetingFilter(),
    page: Page = Page(order_by="starts_at", descending=True),
) -> Iterator[Meeting]:
    """``list_meetings`` a batch at a time (``listing.stream``), for an export."""
    with ctx.read() as session:
        yield from stream(session, meeting_query(ctx, f), page, MEETING_SORT, DEFAULT_ORDER)


# --- attendance --------------------------------------------------------------------------------


def check_attendance(session: Session, meeting: Meeting, statuses: Any) -> None:
    """Statuses of live members of the meeting's team, each newly given one a member on the
    meeting's day (``rules.check_member_on_day``). A member already recorded at the meeting
    keeps whatever status is given, as the form lists them whatever their dates: a member's
    dates corrected after the meeting must not make the meeting impossible to save."""
    check = Checker()
    if not isinstance(statuses, Mapping):
        check.add(ATTENDANCE, N_("Give a status for each member."))
        check.done()
    allowed = {s.value for s in AttendanceStatus}
    for status in statuses.values():
        if status is not None and status not in allowed:
            check.add(ATTENDANCE, N_("'{value}' is not one of the allowed choices."), value=status)
    recorded = [m for m, status in statuses.items() if status is not None]
    unknown = sorted(set(map(str, recorded)) - team_member_ids(session, meeting.team_id, recorded))
    if unknown:
        check.add(
            ATTENDANCE,
            N_("Unknown member in attendance: {members} is not a member of this meeting's team."),
            members=", ".join(unknown),
        )
    _check_members_on_day(check, session, meeting, set(map(str, recorded)) - set(unknown))
    check.done()


def _check_members_on_day(
    check: Checker, session: Session, meeting: Meeting, member_ids: set[str]
) -> None:
    """Members given a status at the meeting for the first time must be on the team that day
    (as the form's grid lists them); not in a bundle's import, see ``check_member_on_day``."""
    new_ids = member_ids - set(attendance_of(session, meeting.id))
    if not new_ids:
        return
    day = meeting_day(meeting)
    query = select(Member).where(Member.id.in_(new_ids)).order_by(Member.name, Member.id)
    for member in session.scalars(query):
        problem = rules.check_member_on_day(
            member.name, member.joined_on, member.left_on, day, ATTENDANCE
        )
        if problem is not None:
            check.add(problem.field, problem.message, **problem.params)


def set_attendance(
    ctx: ServiceContext, meeting_id: str, statuses: Mapping[str, str | None]
) -> dict[str, str]:
    """Record present/excused/absent for the members given (``None`` clears a member's entry).

    Members not in ``statuses`` keep what they had; an unchanged status is not re-stamped.
    """
    with ctx.transaction() as session:
        meeting = own_meeting(session, ctx, meeting_id)
        check_attendance(session, meeting, statuses)
        return write_attendance(session, ctx, meeting, statuses)


def write_attendance(
    session: Session, ctx: ServiceContext, meeting: Meeting, statuses: Mapping[str, str | None]
) -> dict[str, str]:
    """Attendance already checked (``check_attendance``), written in the caller's unit."""
    stored = {
        a.member_id: a
        for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    }
    for member_id, status in statuses.items():
        row = stored.get(member_id)
        if status is None:
            if row is not None:
                records.tombstone(session, ctx, row)
        elif row is None:
            values = {"meeting_id": meeting.id, "member_id": member_id, "status": status}
            records.create(
                session, ctx, Attendance, {"id": attendance_id(meeting.id, member_id), **values}
            )
        elif row.deleted:
            records.change(session, ctx, row, {"deleted": False, "status": status}, "restore")
        else:
            records.change(session, ctx, row, {"status": status})
    return attendance_of(session, meeting.id)


ATTENDANCE_BATCH = 500  # meetings per query, well under every database's limit of parameters


def attendance_of(session: Session, meeting_id: str) -> dict[str, str]:
    query = select(Attendance.member_id, Attendance.status).where(
        Attendance.meeting_id == meeting_id, ~Attendance.deleted
    )
    return {member_id: status for member_id, status in session.execute(query)}


def get_attendance(ctx: ServiceContext, meeting_id: str) -> dict[str, str]:
    """``{member_id: status}`` for everyone recorded at the meeting."""
    with ctx.read() as session:
        records.live(session, Meeting, meeting_id, MEETING)
        return attendance_of(session, meeting_id)


def meetings_attended(ctx: ServiceContext, member_id: str) -> int:
    """How many live meetings hold a live attendance row of the member (any status): the
    history that deleting the member leaves in the minutes and the attendance rates, which the
    question before the deletion names."""
    query = (
        select(func.count(func.distinct(Attendance.meeting_id)))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.member_id == member_id, ~Attendance.deleted, ~Meeting.deleted)
    )
    with ctx.read() as session:
        return int(session.scalar(query) or 0)


@dataclass(frozen=True)
class FormerAttendance:
    """A meeting's attendance row whose member is no longer on the meeting's team."""

    member_id: str
    name: str
    status: str
    moved_to: str | None  # the team they belong to now; None: the member was deleted


def former_members_attendance(ctx: ServiceContext, meeting_id: str) -> list[FormerAttendance]:
    """The meeting's attendance rows whose member was deleted or moved to another team since,
    by name. Such a row stays in the minutes and the rates (the record of a meeting is not
    rewritten by a later change to the roster), so the form shows it too, though the team's
    list of members no longer holds the person."""
    query = (
        select(Member.id, Member.name, Attendance.status, Member.deleted, Team.name)
        .join(Attendance, Attendance.member_id == Member.id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Team, Team.id == Member.team_id)
        .where(
            Attendance.meeting_id == meeting_id,
            ~Attendance.deleted,
            Member.deleted | (Member.team_id != Meeting.team_id),
        )
        .order_by(Member.name, Member.id)
    )
    with ctx.read() as session:
        return [
            FormerAttendance(member_id, name, status, None if deleted else team_name)
            for member_id, name, status, deleted, team_name in session.execute(query)
        ]


def attendance_of_meetings(
    ctx: ServiceContext, meeting_ids: Iterable[str]
) -> dict[str, dict[str, str]]:
    """``{meeting_id: {member_id: status}}`` for many meetings, read together: one read per
    meeting made a hub's attendance export take seconds before it could show progress."""
    ids = list(dict.fromkeys(meeting_ids))
    found: dict[str, dict[str, str]] = {meeting_id: {} for meeting_id in ids}
    with ctx.read() as session:
        for start in range(0, len(ids), ATTENDANCE_BATCH):
            query = select(Attendance.meeting_id, Attendance.member_id, Attendance.status).where(
                Attendance.meeting_id.in_(ids[start : start + ATTENDANCE_BATCH]),
                ~Attendance.deleted,
            )
            for meeting_id, member_id, status in session.execute(query):
                found[meeting_id][member_id] = status
    return found


def attendance_rate(ctx: ServiceContext, f: MeetingFilter = MeetingFilter()) -> float | None:
    """Share of recorded attendances that were "present"; ``None`` when nothing is recorded."""
    meetings = meeting_query(ctx, f).with_only_columns(Meeting.id)
    query = select(
        func.count(), func.sum(case((Attendance.status == AttendanceStatus.PRESENT, 1), else_=0))
    ).where(~Attendance.deleted, Attendance.meeting_id.in_(meetings))
    with ctx.read() as session:
        recorded, present = session.execute(query).one()
    return None if not recorded else present / recorded


# --- guests ------------------------------------------------------------------------------------


def check_guests(guests: Any) -> list[tuple[str, int]]:
    check = Checker()
    rows: list[tuple[str, int]] = []
    try:
        entries = [tuple(entry) for entry in guests]
    except TypeError:
        entries = [()]
    for entry in entries:
        if len(entry) != 2:
            check.add(GUESTS, N_("Give each guest line an organisation and a number."))
            continue
        organisation, number = entry
        if not isinstance(organisation, str) or not organisation.strip():
            check.add(GUESTS, N_("Each guest line needs an organisation."))
            continue
        organisation = organisation.strip()
        problems = rules.check_guest({"organisation": organisation, "count": number})
        if problems:
            check.add(GUESTS, problems[0].message, **problems[0].params)
        elif any(folded(organisation) == folded(seen) for seen, _n in rows):  # case, spaces
            check.add(GUESTS, N_("{organisation} is listed twice."), organisation=organisation)
        else:
            rows.append((organisation, number))
    check.done()
    return rows


def set_guests(
    ctx: ServiceContext, meeting_id: str, guests: Iterable[tuple[str, int]]
) -> list[MeetingGuest]:
    """Replace the meeting's guest list; lines that did not change keep their version."""
    rows = check_guests(guests)
    with ctx.transaction() as session:
        return write_guests(session, ctx, own_meeting(session, ctx, meeting_id), rows)


def write_guests(
    session: Session, ctx: ServiceContext, meeting: Meeting, rows: list[tuple[str, int]]
) -> list[MeetingGuest]:
    """Guest lines already checked (``check_guests``), written in the caller's unit."""
    wanted = {organisation for organisation, _number in rows}
    stored: dict[str, MeetingGuest] = {}
    for guest in _guests(session, meeting.id):
        if guest.organisation in stored or guest.organisation not in wanted:
            records.tombstone(session, ctx, guest)
        else:
            stored[guest.organisation] = guest
    for organisation, number in rows:
        if organisation in stored:
            records.change(session, ctx, stored[organisation], {"count": number})
        else:
            values = {"meeting_id": meeting.id, "organisation": organisation, "count": number}
            records.create(session, ctx, MeetingGuest, values)
    session.flush()
    return _guests(session, meeting.id)


def _guests(session: Session, meeting_id: str) -> list[MeetingGuest]:
    query = (
        select(MeetingGuest)
        .where(MeetingGuest.meeting_id == meeting_id, ~MeetingGuest.deleted)
        .order_by(MeetingGuest.organisation, MeetingGuest.id)
    )
    return list(session.scalars(query))


def list_guests(ctx: ServiceContext, meeting_id: str) -> list[MeetingGuest]:
    with ctx.read() as session:
        records.live(session, Meeting, meeting_id, MEETING)
        return _guests(session, meeting_id)


# --- decisions ---------------------------------------------------------------------------------


def check_decision_text(text: Any) -> str:
    check = Checker()
    data = {"text": text}
    check.required(data, "text")
    plain_text(check, data, "text")
    check.rules(rules.check_decision(data))
    check.done()
    return str(text)


def add_decision(ctx: ServiceContext, meeting_id: str, text: str) -> Decision:
    check_decision_text(text)
    with ctx.transaction() as session:
        return write_new_decision(session, ctx, own_meeting(session, ctx, meeting_id), text)


def write_new_decision(
    session: Session, ctx: ServiceContext, meeting: Meeting, text: str
) -> Decision:
    """A decision already checked, added after the meeting's last one in the caller's unit."""
    last = session.scalar(
        select(func.max(Decision.position)).where(
            Decision.meeting_id == meeting.id, ~Decision.deleted
        )
    )
    values = {"meeting_id": meeting.id, "position": (last or 0) + 1, "text": text}
    return records.create(session, ctx, Decision, values)


def _own_decision(session: Session, ctx: ServiceContext, decision_id: str) -> Decision:
    decision = records.live(session, Decision, decision_id, DECISION)
    own_meeting(session, ctx, decision.meeting_id)
    return decision


def update_decision(ctx: ServiceContext, decision_id: str, text: str) -> Decision:
    check_decision_text(text)
    with ctx.transaction() as session:
        decision = _own_decision(session, ctx, decision_id)
        records.change(session, ctx, decision, {"text": text})
        return decision


def delete_decision(ctx: ServiceContext, decision_id: str) -> None:
    with ctx.transaction() as session:
        records.tombstone(session, ctx, _own_decision(session, ctx, decision_id))


def list_decisions(ctx: ServiceContext, meeting_id: str) -> list[Decision]:
    query = (
        select(Decision)
        .where(Decision.meeting_id == meeting_id, ~Decision.deleted)
        .order_by(Decision.position, Decision.id)
    )
    with ctx.read() as session:
        records.live(session, Meeting, meeting_id, MEETING)
        return list(session.scalars(query))
