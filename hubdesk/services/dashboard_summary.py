"""Everything the dashboard shows, read in one go off the GUI thread, in six queries.

The dashboard page asks for ``summary(ctx)`` on a worker thread at start-up and whenever it is
shown again, so the window answers input while the database works. The figures are the same as
the single-purpose functions in ``hubdesk.services.dashboard`` give (the tests compare them);
they are read here with fewer round trips: one statement of scalar sub-queries for the counts,
one grouped statement per chart, and two for the fund. Meetings and youth activities are read
grouped by meeting and by day, so the twelve-month tiles and the charts come from the same rows.

Adding a tile (open calls, reports due, periods to submit...) is one line in ``EXTRA_TILES``::

    TileSpec("periods_due", "hubdesk.services.periods:due_tile"),

where ``due_tile(ctx, today) -> TileFigure | None`` is a plain service function (None: the
tile does not apply to this installation, and is not drawn). It runs on the worker with the
rest, after the built-in figures, and its module is imported only then. The page draws extra
tiles after the six built-in ones, in this order; a click opens ``figure.page`` filtered by
``figure.criteria`` (any page with a list, as the built-in tiles do).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select

from hubdesk import clock
from hubdesk.domain import (
    ActionItem,
    Attendance,
    BudgetLine,
    FundDecision,
    FundProposal,
    Meeting,
    Member,
    YouthActivity,
)
from hubdesk.domain.enums import COUNT_COLUMNS, AgeBand, AttendanceStatus, Gender
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard import OPEN_STATUSES, _active_member, _own
from hubdesk.services.dashboard_figures import (  # the figures, defined without the ORM
    ActionItemCounts,
    FundByStatus,
    Kpis,
    MonthOfMeetings,
    QuarterOfYouth,
    Summary,
    SummaryStopped,
    TileFigure,
    add_months,
    fund_kpis,
    month_start,
    quarter_start,
)
from hubdesk.services.fund_decided import newest_decisions

UNDECIDED = ("draft", "submitted", "under_review", "changes_requested")

# Told between queries whether to go on (False: the person closed the window or asked again).
KeepGoing = Callable[[], bool]


@dataclass(frozen=True)
class TileSpec:
    """An extra tile: its key and where its service function is ("module:function")."""

    key: str
    function: str

    def compute(self, ctx: ServiceContext, today: dt.date) -> TileFigure | None:
        module, name = self.function.split(":")
        fn: Callable[[ServiceContext, dt.date], TileFigure | None]
        fn = getattr(importlib.import_module(module), name)
        return fn(ctx, today)


# The hook for other tiles: one TileSpec per line (see the module docstring).
EXTRA_TILES: tuple[TileSpec, ...] = (
    TileSpec("periods", "hubdesk.services.dashboard_tiles:quarters_tile"),
    TileSpec("reports_due", "hubdesk.services.dashboard_tiles:reports_due_tile"),
    TileSpec("calls", "hubdesk.services.dashboard_tiles:calls_tile"),
    TileSpec("exchanges", "hubdesk.services.peer_tiles:exchanges_tile"),
    TileSpec("practices", "hubdesk.services.peer_tiles:practices_tile"),
    TileSpec("helpdesk", "hubdesk.services.dashboard_tiles:helpdesk_tile"),
    TileSpec("follow_ups", "hubdesk.services.dashboard_tiles:follow_ups_tile"),
    TileSpec("trainings", "hubdesk.services.trainings_summary:trained_tile"),
    TileSpec("needs", "hubdesk.services.dashboard_needs:needs_tile"),
    TileSpec("community", "hubdesk.services.dashboard_community:community_tile"),
)


def _checkpoint(keep_going: KeepGoing | None) -> None:
    if keep_going is not None and not keep_going():
        raise SummaryStopped()


def summary(
    ctx: ServiceContext,
    today: dt.date | None = None,
    keep_going: KeepGoing | None = None,
    tiles: tuple[TileSpec, ...] | None = None,
) -> Summary:
    """The dashboard's figures. ``keep_going`` is asked between queries; when it says False
    the reading stops with ``SummaryStopped``."""
    today = today or clock.today()
    year_ago = today - dt.timedelta(days=365)
    with ctx.read() as session:
        counts = session.execute(_counts_statement(ctx, today)).one()
        _checkpoint(keep_going)
        sectors = {s: int(n) for s, n in session.execute(_sectors_statement(ctx, today))}
        _checkpoint(keep_going)
        first_month = add_months(month_start(today), -11)
        since_year, since_month = clock.day_start(year_ago), clock.day_start(first_month)
        meetings_rows = session.execute(
            _meetings_statement(ctx, min(since_year, since_month))
        ).all()
        _checkpoint(keep_going)
        current = quarter_start(today)
        first_quarter = add_months(current, -21)
        youth_rows = session.execute(
            _youth_statement(ctx, min(first_quarter, year_ago), add_months(current, 3))
        ).all()
        _checkpoint(keep_going)
        fund = fund_figures(ctx, session)
        _checkpoint(keep_going)
    open_items, overdue, done, undecided, anything = (int(v or 0) for v in counts)
    months, meetings_year, recorded, present = _meetings(meetings_rows, first_month, since_year)
    quarters, activities, reached = _youth(youth_rows, first_quarter, year_ago, today)
    kpis = Kpis(
        active_members=sum(sectors.values()),
        meetings_12_months=meetings_year,
        attendance_rate=(present / recorded) if recorded else None,
        open_action_items=open_items,
        overdue_action_items=overdue,
        youth_activities_12_months=activities,
        youth_reached_12_months=reached,
        proposals_open=undecided,
        **fund_kpis(fund),
    )
    extra: dict[str, TileFigure] = {}
    for spec in EXTRA_TILES if tiles is None else tiles:
        _checkpoint(keep_going)
        figure = spec.compute(ctx, today)
        if figure is not None:
            extra[spec.key] = figure
    return Summary(
        today=today,
        empty=not anything,
        kpis=kpis,
        sectors=sectors,
        months=months,
        items=ActionItemCounts(open_items - overdue, overdue, done),
        quarters=quarters,
        fund=fund,
        extra=extra,
    )


def _counts_statement(ctx: ServiceContext, today: dt.date) -> Any:
    """Open, overdue and done action items, undecided proposals, and whether anything at all
    is recorded: one statement of scalar sub-queries."""
    own = and_(~ActionItem.deleted, _own(ctx, ActionItem.municipality_id))
    is_open = and_(own, ActionItem.status.in_(OPEN_STATUSES))

    def count(*where: Any) -> Any:
        return select(func.count()).select_from(ActionItem).where(*where).scalar_subquery()

    undecided = (
        select(func.count())
        .select_from(FundProposal)
        .where(
            ~FundProposal.deleted,
            FundProposal.status.in_(UNDECIDED),
            _own(ctx, FundProposal.municipality_id),
        )
        .scalar_subquery()
    )
    return select(
        count(is_open),
        count(is_open, ActionItem.due_on < today),
        count(own, ActionItem.status == "done", ActionItem.done_on >= today - dt.timedelta(365)),
        undecided,
        select(is_empty_clause(ctx)).scalar_subquery(),
    )


def is_empty_clause(ctx: ServiceContext) -> Any:
    """True when any member, meeting, youth activity or fund proposal exists, however old
    (the opposite of ``dashboard.is_empty``, as a clause to read with the counts)."""
    kinds = (
        (Member, Member.municipality_id),
        (Meeting, Meeting.municipality_id),
        (YouthActivity, YouthActivity.municipality_id),
        (FundProposal, FundProposal.municipality_id),
    )
    return or_(
        *(
            select(record.id).where(~record.deleted, _own(ctx, column)).exists()
            for record, column in kinds
        )
    )


def _sectors_statement(ctx: ServiceContext, today: dt.date) -> Any:
    return (
        select(Member.sector, func.count())
        .where(_active_member(today), _own(ctx, Member.municipality_id))
        .group_by(Member.sector)
        .order_by(func.count().desc(), Member.sector)
    )


def _meetings_statement(ctx: ServiceContext, since: dt.datetime) -> Any:
    """One row per meeting since ``since``: when, attendance recorded, present. The meetings
    are found by their start, and each count is read from the covering index on attendance
    (meeting, status, deleted): no attendance row itself is read."""
    live = (Attendance.meeting_id == Meeting.id, ~Attendance.deleted)
    recorded = select(func.count()).where(*live).scalar_subquery()
    present = (
        select(func.count())
        .where(*live, Attendance.status == AttendanceStatus.PRESENT.value)
        .scalar_subquery()
    )
    return select(Meeting.starts_at, recorded, present).where(
        ~Meeting.deleted, Meeting.starts_at >= since, _own(ctx, Meeting.municipality_id)
    )


def _meetings(
    rows: Sequence[Any], first_month: dt.date, since_year: dt.datetime
) -> tuple[list[MonthOfMeetings], int, int, int]:
    """The twelve months of the chart, and the meetings, attendance recorded and present
    since a year ago (the tiles)."""
    counts: dict[dt.date, list[int]] = {add_months(first_month, i): [0, 0, 0] for i in range(12)}
    meetings = recorded_year = present_year = 0
    for starts_at, recorded, here in rows:
        utc = starts_at.replace(tzinfo=dt.UTC) if starts_at.tzinfo is None else starts_at
        if utc >= since_year:
            meetings += 1
            recorded_year += int(recorded)
            present_year += int(here)
        key = month_start(clock.local_day(utc))
        if key in counts:
            counts[key][0] += 1
            counts[key][1] += int(recorded)
            counts[key][2] += int(here)
    months = [
        MonthOfMeetings(month, n, (here / recorded) if recorded else None)
        for month, (n, recorded, here) in counts.items()
    ]
    return months, meetings, recorded_year, present_year


def _youth_statement(ctx: ServiceContext, since: dt.date, until: dt.date) -> Any:
    """One row per day with activities in [since, until): activities, participants, grid."""
    return (
        select(
            YouthActivity.starts_on,
            func.count(),
            func.coalesce(func.sum(YouthActivity.participants_total), 0),
            *(func.coalesce(func.sum(getattr(YouthActivity, c)), 0) for c in COUNT_COLUMNS),
        )
        .where(~YouthActivity.deleted, YouthActivity.starts_on >= since)
        .where(YouthActivity.starts_on < until, _own(ctx, YouthActivity.municipality_id))
        .group_by(YouthActivity.starts_on)
    )


def _youth(
    rows: Sequence[Any], first_quarter: dt.date, year_ago: dt.date, today: dt.date
) -> tuple[list[QuarterOfYouth], int, int]:
    """Eight quarters of the chart; activities and young people reached in twelve months."""
    cells: dict[dt.date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_COLUMNS, 0))
    activities = reached = 0
    for day, n, participants, *sums in rows:
        if year_ago <= day <= today:
            activities += int(n)
            reached += int(participants)
        if day >= first_quarter:
            grid = cells[quarter_start(day)]
            for name, value in zip(COUNT_COLUMNS, sums, strict=True):
                grid[name] += int(value)
    quarters = []
    for i in range(8):
        key = add_months(first_quarter, 3 * i)
        grid = cells[key]
        quarters.append(
            QuarterOfYouth(
                key,
                {g.value: sum(grid[f"n_{g.value}_{b.value}"] for b in AgeBand) for g in Gender},
                {b.value: sum(grid[f"n_{g.value}_{b.value}"] for g in Gender) for b in AgeBand},
            )
        )
    return quarters, activities, reached


def fund_figures(ctx: ServiceContext, session: Any) -> FundByStatus:
    """Requested (with the number of proposals) and approved per currency and status."""
    own = and_(~FundProposal.deleted, _own(ctx, FundProposal.municipality_id))
    lines = (
        select(
            BudgetLine.proposal_id,
            func.sum(BudgetLine.quantity * BudgetLine.unit_cost_minor).label("total"),
        )
        .where(~BudgetLine.deleted)
        .group_by(BudgetLine.proposal_id)
        .subquery()
    )
    requested = (
        select(
            FundProposal.currency,
            FundProposal.status,
            func.sum(func.coalesce(lines.c.total, 0) - FundProposal.cofunding_minor),
            func.count(),
        )
        .outerjoin(lines, lines.c.proposal_id == FundProposal.id)
        .where(own)
        .group_by(FundProposal.currency, FundProposal.status)
    )
    latest = newest_decisions()
    approved = (
        select(
            FundProposal.currency,
            FundProposal.status,
            func.coalesce(func.sum(FundDecision.amount_approved_minor), 0),
            func.count(),
            func.coalesce(func.sum(FundDecision.amount_approved_eur_minor), 0),
            func.count(FundDecision.amount_approved_eur_minor),
        )
        .join(FundDecision, FundDecision.proposal_id == FundProposal.id)
        .join(
            latest,
            and_(
                latest.c.proposal_id == FundDecision.proposal_id,
                latest.c.version == FundDecision.version,
            ),
        )
        .where(own, FundDecision.outcome == "approved")
        .group_by(FundProposal.currency, FundProposal.status)
    )
    amounts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    proposals: dict[str, int] = defaultdict(int)
    statuses: dict[str, int] = defaultdict(int)
    for currency, status, total, n in session.execute(requested):
        amounts[currency][status][0] += int(total)
        proposals[currency] += int(n)
        statuses[status] += int(n)
    euros = approved_n = with_rate = 0
    for currency, status, total, n, eur, rated in session.execute(approved):
        amounts[currency][status][1] += int(total)
        approved_n += int(n)
        euros += int(eur)
        with_rate += int(rated)
    return FundByStatus(
        {c: {s: (v[0], v[1]) for s, v in by.items()} for c, by in amounts.items()},
        dict(proposals),
        dict(statuses),
        approved_eur=euros,
        approved_proposals=approved_n,
        approved_without_rate=approved_n - with_rate,
    )
