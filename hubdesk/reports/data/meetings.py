"""Meetings: one meeting's minutes, and meeting / action-item figures for a period."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import (
    ActionItem,
    Attendance,
    Decision,
    Meeting,
    MeetingGuest,
    Member,
    Municipality,
    Team,
)
from hubdesk.domain.enums import ActionStatus, AttendanceStatus
from hubdesk.reports.data.scope import Period

OPEN_STATUSES = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)


@dataclass
class AttendanceRow:
    name: str
    organisation: str
    role: str
    status: str | None  # None: the team member's attendance was not recorded
    gender: str = ""  # the label of the status agrees with it


@dataclass
class ActionRow:
    title: str
    owner: str
    due_on: dt.date | None
    status: str
    done_on: dt.date | None


@dataclass
class MinutesData:
    meeting: Meeting
    team: Team
    municipality: Municipality
    attendance: list[AttendanceRow]
    guests: list[tuple[str, int]]
    decisions: list[str]
    actions: list[ActionRow]


def minutes(session: Session, meeting: Meeting) -> MinutesData:
    """Everything the minutes of ``meeting`` print. Team members who were on the team that day
    but have no attendance record are listed too, so nobody silently disappears."""
    team = session.get(Team, meeting.team_id)
    municipality = session.get(Municipality, meeting.municipality_id)
    assert team is not None and municipality is not None
    recorded = dict(
        session.execute(
            select(Attendance.member_id, Attendance.status).where(
                Attendance.meeting_id == meeting.id, ~Attendance.deleted
            )
        ).all()
    )
    day = clock.local_day(meeting.starts_at)
    # The team's members, and whoever is recorded at the meeting: one who moved to another
    # team since is counted in the rates, and was missing here.
    in_it = or_(Member.team_id == meeting.team_id, Member.id.in_(list(recorded)))
    members = session.scalars(select(Member).where(in_it).order_by(Member.name, Member.id)).all()
    attendance = [
        AttendanceRow(m.name, m.organisation, m.role, recorded.get(m.id), m.gender)
        for m in members
        if m.id in recorded
        or (
            not m.deleted
            and (m.joined_on is None or m.joined_on <= day)
            and (m.left_on is None or m.left_on > day)
        )
    ]
    guests = [
        (g.organisation, g.count)
        for g in session.scalars(
            select(MeetingGuest)
            .where(MeetingGuest.meeting_id == meeting.id, ~MeetingGuest.deleted)
            .order_by(MeetingGuest.organisation)
        )
    ]
    decisions = list(
        session.scalars(
            select(Decision.text)
            .where(Decision.meeting_id == meeting.id, ~Decision.deleted)
            .order_by(Decision.position, Decision.id)
        )
    )
    names = {m.id: m.name for m in members}
    items = session.scalars(
        select(ActionItem)
        .where(ActionItem.meeting_id == meeting.id, ~ActionItem.deleted)
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.title)
    )
    actions = [
        ActionRow(
            i.title,
            names.get(i.owner_member_id or "", "") or _owner(session, i.owner_member_id),
            i.due_on,
            i.status,
            i.done_on,
        )
        for i in items
    ]
    return MinutesData(meeting, team, municipality, attendance, guests, decisions, actions)


def _owner(session: Session, member_id: str | None) -> str:
    """Owners may sit on another team of the municipality."""
    if not member_id:
        return ""
    member = session.get(Member, member_id)
    return member.name if member is not None else ""


@dataclass
class MeetingStats:
    meetings: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_pillar: Counter[str] = field(default_factory=Counter)
    present: int = 0
    recorded: int = 0  # attendance records of any status
    actions_done: int = 0
    actions_open: int = 0  # open or in progress, not overdue
    actions_overdue: int = 0
    actions_cancelled: int = 0

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.recorded if self.recorded else None

    @property
    def actions(self) -> int:
        return self.actions_done + self.actions_open + self.actions_overdue + self.actions_cancelled


def meeting_stats(
    session: Session, period: Period, on: dt.date, municipality_id: str | None = None
) -> dict[str, MeetingStats]:
    """Per municipality: meetings held in ``period``, their attendance, and the action items
    they set with their state on ``on`` (overdue: still open after the due date)."""
    start, end = period.utc_bounds()
    in_period = (~Meeting.deleted) & (Meeting.starts_at >= start) & (Meeting.starts_at < end)
    if municipality_id is not None:
        in_period = in_period & (Meeting.municipality_id == municipality_id)
    stats: dict[str, MeetingStats] = defaultdict(MeetingStats)
    for mid, kind, pillars in session.execute(
        select(Meeting.municipality_id, Meeting.kind, Meeting.pillars).where(in_period)
    ):
        entry = stats[mid]
        entry.meetings += 1
        entry.by_kind[kind] += 1
        entry.by_pillar.update(pillars)
    # count(*), not count(id): every figure here is read from the covering index on
    # attendance (meeting, status, deleted) without visiting a single attendance row.
    present = func.sum(case((Attendance.status == AttendanceStatus.PRESENT.value, 1), else_=0))
    for mid, n_present, n_recorded in session.execute(
        select(Meeting.municipality_id, present, func.count())
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(in_period, ~Attendance.deleted)
        .group_by(Meeting.municipality_id)
    ):
        stats[mid].present, stats[mid].recorded = int(n_present or 0), int(n_recorded)
    # An item done after ``on`` was still open then: a quarter's report printed weeks later
    # tells the items as they stood on its last day, as it tells the fund's proposals.
    done_later = (ActionItem.status == ActionStatus.DONE.value) & (ActionItem.done_on > on)
    still_open = ActionItem.status.in_(OPEN_STATUSES) | done_later
    overdue = still_open & (ActionItem.due_on < on)
    state = case(
        (overdue, "overdue"),
        (done_later, "open"),
        (ActionItem.status == ActionStatus.DONE.value, "done"),
        (ActionItem.status == ActionStatus.CANCELLED.value, "cancelled"),
        else_="open",
    )
    for mid, label, n in session.execute(
        select(Meeting.municipality_id, state, func.count())
        .join(ActionItem, ActionItem.meeting_id == Meeting.id)
        .where(in_period, ~ActionItem.deleted)
        .group_by(Meeting.municipality_id, state)
    ):
        setattr(stats[mid], f"actions_{label}", int(n))
    return dict(stats)


def active_members(
    session: Session, on: dt.date, municipality_id: str | None = None
) -> dict[str, Counter[str]]:
    """Per municipality, members on a team on ``on``, counted by sector."""
    query = (
        select(Member.municipality_id, Member.sector, func.count(Member.id))
        .join(Team, Team.id == Member.team_id)
        .where(~Member.deleted, ~Team.deleted)
        .where((Member.joined_on.is_(None)) | (Member.joined_on <= on))
        .where((Member.left_on.is_(None)) | (Member.left_on > on))
        .group_by(Member.municipality_id, Member.sector)
    )
    if municipality_id is not None:
        query = query.where(Member.municipality_id == municipality_id)
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for mid, sector, n in session.execute(query):
        out[mid][sector] += int(n)
    return dict(out)
