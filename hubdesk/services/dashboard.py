"""Figures for the dashboard and the status bar, computed by the database.

Each function answers one tile or chart with a handful of aggregate queries, whatever the size
of the data: the dashboard opens first thing in the morning and must not read every record.
A municipality sees its own records; the hub sees everyone's.

The dashboard page itself reads all of these at once through ``dashboard_summary.summary`` (the
same figures in six queries, on a worker thread); a new tile is a service function listed in
``dashboard_summary.EXTRA_TILES`` (see there), with no change to this module or to the page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract, func, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute

from hubdesk import clock
from hubdesk.domain import (
    ActionItem,
    Attendance,
    FundProposal,
    Installation,
    Meeting,
    Member,
    Municipality,
    YouthActivity,
)
from hubdesk.domain.enums import COUNT_COLUMNS, AgeBand, AttendanceStatus, Gender
from hubdesk.domain.sync import BundleLog
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_figures import (  # the figures, defined without the ORM
    ActionItemCounts,
    FundByStatus,
    Kpis,
    MonthOfMeetings,
    QuarterOfYouth,
    StatusSummary,
    add_months,
    fund_kpis,
    month_start,
    quarter_start,
)
from hubdesk.services.fund_money import ReportsDueSummary, reports_due_summary
from hubdesk.storage.backup import last_backup_time

OPEN_STATUSES = ("open", "in_progress")


def _own(ctx: ServiceContext, column: InstrumentedAttribute[Any]) -> ColumnElement[bool]:
    """Only this municipality's rows (everything for the hub)."""
    if ctx.municipality_id is None:
        return true()
    return column == ctx.municipality_id


# --- status bar --------------------------------------------------------------------------------


def status_summary(ctx: ServiceContext) -> StatusSummary:
    with ctx.read() as session:
        installation = session.get(Installation, ctx.installation_id)
        municipality = (
            session.get(Municipality, ctx.municipality_id) if ctx.municipality_id else None
        )
        last_sync = session.scalar(select(func.max(BundleLog.processed_at)))
    return StatusSummary(
        installation_name=installation.name if installation else "",
        role=ctx.role,
        municipality_name=municipality.name if municipality else None,
        municipality_other_script=municipality.name_other_script if municipality else "",
        country=municipality.country if municipality else None,
        last_backup=last_backup_time(ctx.data_dir) if ctx.data_dir else None,
        on_server=not ctx.db.is_sqlite,
        last_sync=last_sync.replace(tzinfo=dt.UTC)
        if last_sync and not last_sync.tzinfo
        else last_sync,
    )


# --- a new installation ------------------------------------------------------------------------


def is_empty(ctx: ServiceContext) -> bool:
    """Nothing recorded yet (no member, meeting, youth activity or fund proposal, however old):
    the dashboard says where to start instead of drawing charts of zeros. One query that stops
    at the first row of any kind."""
    kinds = (
        (Member, Member.municipality_id),
        (Meeting, Meeting.municipality_id),
        (YouthActivity, YouthActivity.municipality_id),
        (FundProposal, FundProposal.municipality_id),
    )
    anything = or_(
        *(
            select(record.id).where(~record.deleted, _own(ctx, column)).exists()
            for record, column in kinds
        )
    )
    with ctx.read() as session:
        return not session.scalar(select(anything))


# --- tiles -------------------------------------------------------------------------------------


def _present_count() -> Any:
    """How many of the attendance rows were "present" (a CASE: SQL booleans sum as bools)."""
    present = case((Attendance.status == AttendanceStatus.PRESENT.value, 1), else_=0)
    return func.coalesce(func.sum(present), 0)


def _active_member(on: dt.date) -> ColumnElement[bool]:
    return and_(~Member.deleted, or_(Member.left_on.is_(None), Member.left_on > on))


def kpis(ctx: ServiceContext, today: dt.date | None = None) -> Kpis:
    today = today or clock.today()
    year_ago = today - dt.timedelta(days=365)
    since = clock.day_start(year_ago)
    with ctx.read() as session:
        members = session.scalar(
            select(func.count()).where(_active_member(today), _own(ctx, Member.municipality_id))
        )
        meeting_ids = select(Meeting.id).where(
            ~Meeting.deleted, Meeting.starts_at >= since, _own(ctx, Meeting.municipality_id)
        )
        meetings = session.scalar(select(func.count()).select_from(meeting_ids.subquery()))
        recorded, present = session.execute(
            select(
                func.count(),
                _present_count(),
            ).where(~Attendance.deleted, Attendance.meeting_id.in_(meeting_ids))
        ).one()
        item_base = and_(
            ~ActionItem.deleted,
            ActionItem.status.in_(OPEN_STATUSES),
            _own(ctx, ActionItem.municipality_id),
        )
        open_items = session.scalar(select(func.count()).where(item_base))
        overdue = session.scalar(select(func.count()).where(item_base, ActionItem.due_on < today))
        activities, reached = session.execute(
            select(func.count(), func.coalesce(func.sum(YouthActivity.participants_total), 0))
            .where(~YouthActivity.deleted, YouthActivity.starts_on >= year_ago)
            .where(YouthActivity.starts_on <= today, _own(ctx, YouthActivity.municipality_id))
        ).one()
        undecided = session.scalar(
            select(func.count()).where(
                ~FundProposal.deleted,
                FundProposal.status.in_(
                    ("draft", "submitted", "under_review", "changes_requested")
                ),
                _own(ctx, FundProposal.municipality_id),
            )
        )
    fund = fund_by_status(ctx)
    return Kpis(
        active_members=int(members or 0),
        meetings_12_months=int(meetings or 0),
        attendance_rate=(int(present) / int(recorded)) if recorded else None,
        open_action_items=int(open_items or 0),
        overdue_action_items=int(overdue or 0),
        youth_activities_12_months=int(activities),
        youth_reached_12_months=int(reached),
        proposals_open=int(undecided or 0),
        **fund_kpis(fund),
    )


# --- charts ------------------------------------------------------------------------------------


def members_by_sector(ctx: ServiceContext, today: dt.date | None = None) -> dict[str, int]:
    """Active members per sector code, largest first."""
    query = (
        select(Member.sector, func.count())
        .where(_active_member(today or clock.today()), _own(ctx, Member.municipality_id))
        .group_by(Member.sector)
        .order_by(func.count().desc(), Member.sector)
    )
    with ctx.read() as session:
        return {sector: int(n) for sector, n in session.execute(query)}


def meetings_per_month(
    ctx: ServiceContext, months: int = 12, today: dt.date | None = None
) -> list[MonthOfMeetings]:
    """Meetings and attendance rate per calendar month (local time), oldest month first."""
    first = add_months(month_start(today or clock.today()), -(months - 1))
    since = clock.day_start(first)
    where = (~Meeting.deleted, Meeting.starts_at >= since, _own(ctx, Meeting.municipality_id))
    present = _present_count()
    query = (
        select(Meeting.starts_at, func.count(Attendance.id), present)
        .outerjoin(Attendance, and_(Attendance.meeting_id == Meeting.id, ~Attendance.deleted))
        .where(*where)
        .group_by(Meeting.id)
    )
    counts: dict[dt.date, list[int]] = {add_months(first, i): [0, 0, 0] for i in range(months)}
    with ctx.read() as session:
        for starts_at, recorded, here in session.execute(query):
            key = month_start(clock.local_day(starts_at))
            if key in counts:
                counts[key][0] += 1
                counts[key][1] += int(recorded)
                counts[key][2] += int(here)
    return [
        MonthOfMeetings(month, n, (here / recorded) if recorded else None)
        for month, (n, recorded, here) in counts.items()
    ]


def action_item_counts(ctx: ServiceContext, today: dt.date | None = None) -> ActionItemCounts:
    today = today or clock.today()
    own = and_(~ActionItem.deleted, _own(ctx, ActionItem.municipality_id))
    is_open = ActionItem.status.in_(OPEN_STATUSES)
    with ctx.read() as session:
        overdue = session.scalar(
            select(func.count()).where(own, is_open, ActionItem.due_on < today)
        )
        open_total = session.scalar(select(func.count()).where(own, is_open))
        done = session.scalar(
            select(func.count()).where(
                own, ActionItem.status == "done", ActionItem.done_on >= today - dt.timedelta(365)
            )
        )
    return ActionItemCounts(
        int(open_total or 0) - int(overdue or 0), int(overdue or 0), int(done or 0)
    )


def youth_per_quarter(
    ctx: ServiceContext, quarters: int = 8, today: dt.date | None = None
) -> list[QuarterOfYouth]:
    """Participants counted in the grid per quarter, by gender and by age band, oldest first."""
    current = quarter_start(today or clock.today())
    first = add_months(current, -3 * (quarters - 1))
    # extract() rather than strftime: the same query on SQLite and on a hub's PostgreSQL.
    year = extract("year", YouthActivity.starts_on)
    month = extract("month", YouthActivity.starts_on)
    query = (
        select(
            year,
            month,
            *(func.coalesce(func.sum(getattr(YouthActivity, c)), 0) for c in COUNT_COLUMNS),
        )
        .where(~YouthActivity.deleted, YouthActivity.starts_on >= first)
        .where(YouthActivity.starts_on < add_months(current, 3))
        .where(_own(ctx, YouthActivity.municipality_id))
        .group_by(year, month)
    )
    cells: dict[dt.date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_COLUMNS, 0))
    with ctx.read() as session:
        for in_year, in_month, *sums in session.execute(query):
            key = quarter_start(dt.date(int(in_year), int(in_month), 1))
            for name, value in zip(COUNT_COLUMNS, sums, strict=True):
                cells[key][name] += int(value)
    out = []
    for i in range(quarters):
        key = add_months(first, 3 * i)
        grid = cells[key]
        out.append(
            QuarterOfYouth(
                key,
                {g.value: sum(grid[f"n_{g.value}_{b.value}"] for b in AgeBand) for g in Gender},
                {b.value: sum(grid[f"n_{g.value}_{b.value}"] for g in Gender) for b in AgeBand},
            )
        )
    return out


def fund_by_status(ctx: ServiceContext) -> FundByStatus:
    """Requested (with the number of proposals) and approved per currency and status: the
    dashboard summary's own reading (one place for the fund's figures)."""
    from hubdesk.services.dashboard_summary import fund_figures

    with ctx.read() as session:
        return fund_figures(ctx, session)


# --- quarters ----------------------------------------------------------------------------------


def quarters_waiting(ctx: ServiceContext, today: dt.date | None = None) -> int:
    """The "periods to submit" tile: quarters the municipality must (re)submit; on the hub,
    submitted quarters waiting for its answer."""
    from hubdesk.services import periods

    if ctx.is_hub:
        return periods.answers_waiting(ctx)
    return periods.to_submit(ctx, today)


def reports_due(ctx: ServiceContext, today: dt.date | None = None) -> ReportsDueSummary:
    """Fund reports still owed and how many are overdue (both dashboards' tile)."""
    return reports_due_summary(ctx, today)
