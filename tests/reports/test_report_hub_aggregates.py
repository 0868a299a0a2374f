"""The hub's aggregates, read the fast way, give exactly the figures of the plain way.

The regional report's meeting figures are counted in SQL from the covering indexes (and the
planner's statistics after a large import). Here they are compared, on the demo hub (three
municipalities' real bundles), with the same figures counted in Python from every meeting,
attendance row and action item, one by one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_demo_copy import hub_demo
from sqlalchemy import select

from hubdesk.domain import ActionItem, Attendance, FundDecision, Meeting
from hubdesk.reports.data.fund import fund_summary, proposal_data
from hubdesk.reports.data.meetings import OPEN_STATUSES, MeetingStats, meeting_stats
from hubdesk.reports.data.overview import overview
from hubdesk.reports.data.scope import Period
from hubdesk.services import fund_money
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage import planner_stats
from hubdesk.storage.open import open_database

TODAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    folder = tmp_path_factory.mktemp("aggregates") / "hub"
    db = hub_demo(folder, today=TODAY)
    try:
        yield load_context(db, folder)
    finally:
        db.close()


def counted_one_by_one(ctx: ServiceContext, period: Period, on: dt.date) -> dict[str, MeetingStats]:
    """The figures of ``meeting_stats``, counted in Python from every row."""
    start, end = period.utc_bounds()
    stats: dict[str, MeetingStats] = defaultdict(MeetingStats)
    with ctx.read() as session:
        meetings = {}
        for m in session.scalars(select(Meeting)):
            at = m.starts_at if m.starts_at.tzinfo else m.starts_at.replace(tzinfo=dt.UTC)
            if not m.deleted and start <= at < end:
                meetings[m.id] = m.municipality_id
                entry = stats[m.municipality_id]
                entry.meetings += 1
                entry.by_kind[m.kind] += 1
                entry.by_pillar.update(m.pillars)
        for a in session.scalars(select(Attendance)):
            if a.meeting_id in meetings and not a.deleted:
                entry = stats[meetings[a.meeting_id]]
                entry.recorded += 1
                entry.present += a.status == "present"
        for i in session.scalars(select(ActionItem)):
            if i.meeting_id not in meetings or i.deleted:
                continue
            entry = stats[meetings[i.meeting_id]]
            done_later = i.status == "done" and i.done_on is not None and i.done_on > on
            if i.status == "done" and not done_later:
                entry.actions_done += 1
            elif i.status == "cancelled":
                entry.actions_cancelled += 1
            elif (i.status in OPEN_STATUSES or done_later) and i.due_on and i.due_on < on:
                entry.actions_overdue += 1
            else:
                entry.actions_open += 1
    return dict(stats)


def as_tuple(s: MeetingStats) -> tuple[object, ...]:
    return (
        s.meetings,
        Counter(s.by_kind),
        Counter(s.by_pillar),
        s.present,
        s.recorded,
        s.actions_done,
        s.actions_open,
        s.actions_overdue,
        s.actions_cancelled,
    )


PERIODS = (
    Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    Period(dt.date(2025, 1, 1), TODAY),
    Period(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
)


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.start}-{p.end}")
def test_meeting_figures_equal_the_row_by_row_count(hub: ServiceContext, period: Period) -> None:
    on = min(TODAY, period.end)
    expected = counted_one_by_one(hub, period, on)
    with hub.read() as session:
        got = meeting_stats(session, period, on)
        whole = overview(session, period, TODAY)
    assert len(expected) == 3 and all(s.recorded and s.actions for s in expected.values())
    assert {k: as_tuple(v) for k, v in got.items()} == {k: as_tuple(v) for k, v in expected.items()}
    assert {k: as_tuple(o.meetings) for k, o in whole.items() if o.meetings.meetings} == {
        k: as_tuple(v) for k, v in expected.items()
    }


def test_one_municipality_gets_its_own_figures(hub: ServiceContext) -> None:
    period = PERIODS[2]
    expected = counted_one_by_one(hub, period, TODAY)
    mid = sorted(expected)[1]
    with hub.read() as session:
        got = meeting_stats(session, period, TODAY, mid)
    assert {k: as_tuple(v) for k, v in got.items()} == {mid: as_tuple(expected[mid])}


def test_statistics_change_no_figure(hub: ServiceContext) -> None:
    """The planner's statistics choose the plan, never the result."""
    period = PERIODS[2]
    with hub.read() as session:
        before = {k: as_tuple(v) for k, v in meeting_stats(session, period, TODAY).items()}
    planner_stats.analyse(hub.db)
    path = hub.db.path
    assert path is not None
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
    with hub.read() as session:
        after = {k: as_tuple(v) for k, v in meeting_stats(session, period, TODAY).items()}
    assert after == before


def test_statistics_refreshed_only_after_a_large_import(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db")
    try:
        path = db.path
        assert path is not None
        with sqlite3.connect(path) as raw:  # the migration gathered them; start without
            raw.execute("DROP TABLE sqlite_stat1")
        assert not planner_stats.refresh_after_import(db, planner_stats.MANY_ROWS - 1)
        with sqlite3.connect(path) as raw:
            tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
        assert "sqlite_stat1" not in tables
        assert planner_stats.refresh_after_import(db, planner_stats.MANY_ROWS)
        with sqlite3.connect(path) as raw:
            tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
        assert "sqlite_stat1" in tables
    finally:
        db.close()


def test_fund_sums_equal_the_line_by_line_sums(hub: ServiceContext) -> None:
    """The fund figures read from sums in SQL equal those of every budget line loaded."""
    period = PERIODS[2]
    with hub.read() as session:
        summaries = fund_summary(session, period)
        proposals = [d for s in summaries.values() for d in s.proposals]
        assert len(proposals) > 10
        for data in proposals:
            full = proposal_data(session, data.proposal)
            assert full.lines and full.sums is None
            assert (data.total_minor, data.requested_minor, data.spent_minor) == (
                full.total_minor,
                full.requested_minor,
                full.spent_minor,
            )
            assert data.approved_minor == full.approved_minor
        spent = sum(d.spent_minor for d in proposals)
        assert sum(sum(s.spent.values()) for s in summaries.values()) == spent


def test_a_periods_proposals_are_told_as_they_stood_on_its_last_day(hub: ServiceContext) -> None:
    """A quarter's report printed after the quarter printed today's statuses and approvals
    (approved on the first day of the next quarter, "Approved" with its amount): each
    proposal's status is that of its newest change before the period ended, and its approved
    amount that of the newest decision made by then."""
    quarters = [Period(dt.date(y, m, 1), dt.date(y, m + 2, 30 if m in (4, 7) else 31))
                for y in (2024, 2025) for m in (1, 4, 7, 10)]  # fmt: skip
    told_otherwise = 0
    with hub.read() as session:
        for period in quarters:
            _start, end = period.utc_bounds()
            for data in (d for s in fund_summary(session, period).values() for d in s.proposals):
                full = proposal_data(session, data.proposal)
                before = [c for c in full.history if aware(c.changed_at) < end]
                expected = before[-1].to_status if before else data.proposal.status
                assert data.status == expected != "draft", (period, data.proposal.reference)
                decided = [
                    d
                    for d in session.scalars(
                        select(FundDecision)
                        .where(FundDecision.proposal_id == data.proposal.id, ~FundDecision.deleted)
                        .order_by(FundDecision.version.desc(), FundDecision.updated_by.desc())
                    )
                    if d.decided_on <= period.end
                ]
                assert data.decision == (decided[0] if decided else None)
                told_otherwise += data.status != data.proposal.status
    assert told_otherwise  # the demo has proposals that moved on after a quarter they ran in


def aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@pytest.mark.parametrize("today", [dt.date(2024, 6, 1), TODAY, dt.date(2027, 1, 1)])
def test_reports_due_tile_counts_as_the_list(hub: ServiceContext, today: dt.date) -> None:
    """The dashboard's tile, read as plain rows, counts what the full list of reports due says."""
    lines = fund_money.list_reports_due(hub, today=today)
    owed = [d for d in lines if d.state is not fund_money.ReportState.SUBMITTED]
    overdue = sum(d.state is fund_money.ReportState.OVERDUE for d in owed)
    assert fund_money.reports_due_summary(hub, today) == fund_money.ReportsDueSummary(
        len(owed), overdue
    )
    assert lines
