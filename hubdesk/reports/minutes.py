"""Minutes of one meeting: who came, what was decided, who does what by when; signed."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable

from hubdesk import clock
from hubdesk.domain import Meeting
from hubdesk.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    MeetingKind,
    Pillar,
    attendance_msgid,
    role_msgid,
)
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Column
from hubdesk.reports.data.meetings import MinutesData, minutes
from hubdesk.reports.data.scope import load_record
from hubdesk.reports.lang import ReportLanguage

TITLE = N_("Minutes of the meeting")


def build(req: Request) -> Built:
    assert req.record_id is not None
    with req.ctx.read() as session:
        meeting = load_record(session, req.ctx, Meeting, req.record_id, N_("meeting"))
        data = minutes(session, meeting)
    when = req.tr.datetime(meeting.starts_at)
    # The hub's copy of internal minutes never holds their text (``private_fields``).
    story_ = story(req.tr, data, withheld=req.ctx.is_hub)
    return Built(TITLE, req.tr.name(data.municipality), when, story_)


def team_and_place(team: str, place: str) -> str:
    """The team and its municipality, the municipality once: a team is often named after its
    town ("Community Action Team Kumanovo"), which read "... Kumanovo · Kumanovo"."""
    return team if team.casefold().endswith(place.casefold()) else f"{team} · {place}"


def story(tr: ReportLanguage, data: MinutesData, withheld: bool = False) -> list[Flowable]:
    """The minutes of one meeting, from the title to the signature lines."""
    meeting = data.meeting
    when = tr.datetime(meeting.starts_at)
    team = tr.name(data.team, data.municipality.country)
    out: list[Flowable] = blocks.title_block(
        tr, TITLE, [team_and_place(team, tr.name(data.municipality)), when]
    )
    out += _overview(tr, data)
    out += blocks.section(tr, N_("Agenda"), meeting.agenda)
    out += _attendance(tr, data)
    out += _discussion(tr, meeting, withheld)
    out += _decisions(tr, data)
    out += _actions(tr, data)
    out.append(blocks.signatures(tr, [N_("Chair"), N_("Minute-taker")]))
    return out


def _discussion(tr: ReportLanguage, meeting: Meeting, withheld: bool) -> list[Flowable]:
    """The minutes' text. Minutes marked internal never reach the hub (``private_fields``):
    printed there (``withheld``) they would just be missing, so the page says why."""
    if meeting.minutes.strip():
        out = blocks.section(tr, N_("Discussion"), meeting.minutes)
        if meeting.minutes_internal:
            out.insert(1, blocks.note(tr("Marked internal: this text is not sent to the hub.")))
        return out
    if meeting.minutes_internal and withheld:
        kept = tr("Marked internal: the discussion is kept by the municipality's team only.")
        return [blocks.heading(tr, N_("Discussion"), 2), blocks.note(kept), blocks.spacer(2)]
    return []


def _overview(tr: ReportLanguage, data: MinutesData) -> list[Flowable]:
    m = data.meeting
    time = tr.time(m.starts_at) + (f" – {tr.time(m.ends_at)}" if m.ends_at else "")
    pillars = "; ".join(tr.label(Pillar, p) for p in m.pillars)
    return [
        blocks.facts(
            tr,
            [
                (N_("Team"), tr.name(data.team, data.municipality.country)),
                (N_("Kind of meeting"), tr.label(MeetingKind, m.kind)),
                (N_("Place"), m.place),
                (N_("Date"), tr.date(clock.local_day(m.starts_at))),
                (N_("Time"), time),
                (N_("Pillars"), pillars),
            ],
        ),
        blocks.spacer(2),
    ]


def _attendance(tr: ReportLanguage, data: MinutesData) -> list[Flowable]:
    out: list[Flowable] = [blocks.heading(tr, N_("Attendance"))]
    counts = Counter(row.status for row in data.attendance)
    if data.attendance:
        rows = [
            [
                row.name,
                row.organisation,
                tr.both(role_msgid(row.role, row.gender)),
                tr.both(attendance_msgid(row.status, row.gender))
                if row.status
                else tr("Not recorded"),
            ]
            for row in data.attendance
        ]
        columns = [
            Column(N_("Name"), 3),
            Column(N_("Organisation"), 3.4),
            Column(N_("Role in team"), 1.8),
            Column(N_("Attendance"), 1.5),
        ]
        out.append(blocks.table(tr, columns, rows))
        out.append(
            blocks.note(
                tr(
                    "Present: {present}; excused: {excused}; absent: {absent}.",
                    present=counts[AttendanceStatus.PRESENT.value],
                    excused=counts[AttendanceStatus.EXCUSED.value],
                    absent=counts[AttendanceStatus.ABSENT.value],
                )
            )
        )
    else:
        out.append(blocks.paragraphs(None, tr("No attendance was recorded."))[0])
    if data.guests:
        out.append(blocks.heading(tr, N_("Guests"), 2))
        rows = [[org, tr.number(n)] for org, n in data.guests]
        total = [[tr("Total"), tr.number(sum(n for _, n in data.guests))]]
        columns = [Column(N_("Organisation"), 4), Column(N_("Number of guests"), 1, "R")]
        out.append(blocks.table(tr, columns, rows, totals=total, width=blocks.FRAME_WIDTH * 0.7))
    return out


def _decisions(tr: ReportLanguage, data: MinutesData) -> list[Flowable]:
    out: list[Flowable] = [blocks.heading(tr, N_("Decisions"))]
    if not data.decisions:
        return [*out, *blocks.paragraphs(None, tr("No decisions were recorded."))]
    rows = [[tr.number(i), text] for i, text in enumerate(data.decisions, start=1)]
    out.append(blocks.table(tr, [Column(N_("No."), 0.5, "R"), Column(N_("Decision"), 9.5)], rows))
    return out


def _actions(tr: ReportLanguage, data: MinutesData) -> list[Flowable]:
    out: list[Flowable] = [blocks.heading(tr, N_("Action items"))]
    if not data.actions:
        return [*out, *blocks.paragraphs(None, tr("No action items were set."))]
    rows = [
        [
            a.title,
            a.owner,
            tr.date(a.due_on),
            tr.label(ActionStatus, a.status)
            + (f" ({tr.date(a.done_on)})" if a.done_on and a.status == "done" else ""),
        ]
        for a in data.actions
    ]
    columns = [
        Column(N_("Action"), 4.6),
        Column(N_("Responsible"), 2.4),
        Column(N_("Due date"), 1.5),
        Column(N_("Status"), 1.7),
    ]
    out.append(blocks.table(tr, columns, rows))
    return out


SPEC = ReportSpec(
    kind="minutes",
    title=TITLE,
    description=N_("One meeting: attendance, decisions, action items, signature lines."),
    build=build,
    record=N_("meeting"),
    record_required=True,
    uses_period=False,
)
