"""Dashboard figures: every number checked against records made for the purpose."""

from __future__ import annotations

import datetime as dt

import pytest
from proposal_filling import fill_sections

from hubdesk import clock
from hubdesk.services import actions, dashboard, fund, meetings, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.storage.backup import automatic_backup

TODAY = clock.today()


def local_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12)).astimezone(dt.UTC)


@pytest.fixture
def records(ctx: ServiceContext) -> ServiceContext:
    """Three active members and one who left; two meetings this month and one last month."""
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    people = [
        ("A", "education", None),
        ("B", "education", None),
        ("C", "police", None),
        ("D", "police", TODAY - dt.timedelta(days=10)),
    ]
    members = [
        team.create_member(
            ctx,
            {
                "team_id": cat.id,
                "name": name,
                "sector": sector,
                "role": "member",
                "gender": "female",
                "joined_on": TODAY - dt.timedelta(days=400),
                "left_on": left,
            },
        )
        for name, sector, left in people
    ]
    this_month = dashboard.month_start(TODAY)
    last_month = dashboard.add_months(this_month, -1)
    days = [this_month, this_month, last_month + dt.timedelta(days=14)]
    meeting_ids = []
    for day in days:
        when = local_noon(min(day, TODAY))
        m = meetings.create_meeting(ctx, {"team_id": cat.id, "starts_at": when, "kind": "regular"})
        meeting_ids.append(m.id)
    a, b, c, _d = (m.id for m in members)
    meetings.set_attendance(ctx, meeting_ids[0], {a: "present", b: "present", c: "absent"})
    meetings.set_attendance(ctx, meeting_ids[2], {a: "present", b: "excused"})
    late = TODAY - dt.timedelta(days=3)
    actions.create_action_item(ctx, {"meeting_id": meeting_ids[2], "title": "x", "due_on": late})
    actions.create_action_item(ctx, {"meeting_id": meeting_ids[2], "title": "y"})
    done = actions.create_action_item(ctx, {"meeting_id": meeting_ids[2], "title": "z"})
    actions.complete_action_item(ctx, done.id)
    youth.create_activity(
        ctx,
        {
            "title": "Workshop",
            "activity_type": "workshop",
            "starts_on": TODAY,
            "participants_total": 10,
            "n_female_15_19": 6,
            "n_male_20_24": 4,
        },
    )
    return ctx


def test_kpis(records: ServiceContext) -> None:
    k = dashboard.kpis(records, TODAY)
    assert k.active_members == 3
    assert k.meetings_12_months == 3
    assert k.attendance_rate == pytest.approx(3 / 5)
    assert (k.open_action_items, k.overdue_action_items) == (2, 1)
    assert (k.youth_activities_12_months, k.youth_reached_12_months) == (1, 10)
    assert k.currency is None and k.fund_requested_minor == 0


def test_members_by_sector_counts_current_members_only(records: ServiceContext) -> None:
    assert dashboard.members_by_sector(records, TODAY) == {"education": 2, "police": 1}


def test_meetings_per_month(records: ServiceContext) -> None:
    months = dashboard.meetings_per_month(records, 12, TODAY)
    assert len(months) == 12
    assert months[-1].month == dashboard.month_start(TODAY)
    assert (months[-1].meetings, months[-1].attendance_rate) == (2, pytest.approx(2 / 3))
    assert (months[-2].meetings, months[-2].attendance_rate) == (1, pytest.approx(1 / 2))
    assert all(m.meetings == 0 and m.attendance_rate is None for m in months[:-2])


def test_action_item_counts(records: ServiceContext) -> None:
    counts = dashboard.action_item_counts(records, TODAY)
    assert (counts.not_yet_due, counts.overdue, counts.done_12_months) == (1, 1, 1)


def test_youth_per_quarter(records: ServiceContext) -> None:
    quarters = dashboard.youth_per_quarter(records, 8, TODAY)
    assert [q.quarter for q in quarters][-1] == dashboard.quarter_start(TODAY)
    assert quarters[-1].by_gender == {"female": 6, "male": 4, "other": 0}
    assert quarters[-1].by_age["15_19"] == 6 and quarters[-1].total == 10
    assert all(q.total == 0 for q in quarters[:-1])


def test_fund_by_status_requested_less_cofunding(ctx: ServiceContext) -> None:
    first = fund.create_proposal(ctx, {"title": "One", "summary": "s"})
    line = {"category": "travel", "description": "Bus", "quantity": 2, "unit_cost_minor": 5_000}
    fund.add_budget_line(ctx, first.id, line)
    fund.update_proposal(ctx, first.id, {"cofunding_minor": 1_000})
    second = fund.create_proposal(ctx, {"title": "Two", "summary": "s"})
    fund.add_budget_line(ctx, second.id, {**line, "quantity": 1})
    fill_sections(ctx, second.id)
    fund.transition(ctx, second.id, "submitted")
    by_status = dashboard.fund_by_status(ctx)
    assert by_status.main_currency() == "MKD"
    assert by_status.totals("MKD") == {"draft": (9_000, 0), "submitted": (5_000, 0)}
    k = dashboard.kpis(ctx, TODAY)
    assert (k.currency, k.fund_requested_minor, k.proposals_open) == ("MKD", 14_000, 2)


def test_month_arithmetic() -> None:
    assert dashboard.add_months(dt.date(2024, 11, 1), 3) == dt.date(2025, 2, 1)
    assert dashboard.add_months(dt.date(2024, 1, 1), -1) == dt.date(2023, 12, 1)
    assert dashboard.quarter_start(dt.date(2024, 8, 17)) == dt.date(2024, 7, 1)


@pytest.mark.sqlite_only("backups of a server database are the server's own dumps")
def test_status_summary(ctx: ServiceContext) -> None:
    summary = dashboard.status_summary(ctx)
    assert (summary.installation_name, summary.municipality_name) == ("Kumanovo", "Kumanovo")
    assert summary.last_backup is None and summary.last_sync is None
    assert ctx.data_dir is not None
    automatic_backup(ctx.db, ctx.data_dir, "manual")
    assert dashboard.status_summary(ctx).last_backup is not None


def test_the_hub_sees_no_team_of_its_own(hub_ctx: ServiceContext) -> None:
    k = dashboard.kpis(hub_ctx, TODAY)
    assert (k.active_members, k.meetings_12_months, k.attendance_rate) == (0, 0, None)
    assert dashboard.members_by_sector(hub_ctx) == {}


def test_a_new_installation_is_empty_until_something_is_recorded(ctx: ServiceContext) -> None:
    assert dashboard.is_empty(ctx)
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    assert dashboard.is_empty(ctx)  # a team without members records nothing yet
    member = team.create_member(
        ctx,
        {"team_id": cat.id, "name": "A", "sector": "police", "role": "member", "gender": "male"},
    )
    assert not dashboard.is_empty(ctx)
    team.delete_member(ctx, member.id)
    assert dashboard.is_empty(ctx)
    fund.create_proposal(ctx, {"title": "One", "summary": "s"})
    assert not dashboard.is_empty(ctx)


def test_old_records_are_not_an_empty_installation(records: ServiceContext) -> None:
    assert not dashboard.is_empty(records)


def test_the_status_line_knows_a_server_keeps_its_own_backups(hub_ctx: ServiceContext) -> None:
    """A server's backups are the dumps its administrator schedules: no backup made on this PC
    is not 'No backup yet' there."""
    summary = dashboard.status_summary(hub_ctx)
    assert summary.on_server is (not hub_ctx.db.is_sqlite)
