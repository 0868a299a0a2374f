"""Counts per table, as ``hubdesk stats --json`` prints them."""

from __future__ import annotations

import datetime as dt

from hubdesk.domain import Conflict
from hubdesk.services import actions, fund, meetings, stats, team, thread, youth
from hubdesk.services.context import ServiceContext

KEYS = [
    "members",
    "teams",
    "meetings",
    "action_items",
    "youth_activities",
    "fund_proposals",
    "budget_lines",
    "period_submissions",
    "reviews",
    "proposal_comments",
    "calls",
    "tranches",
    "attachments",
    "engagements",
    "helpdesk_requests",
    "trainings",
    "needs_assessments",
    "community_activities",
    "conflicts",
    # peer learning (issue 14 §3)
    "exchanges",
    "good_practices",
    "published_practices",
]


def test_empty_database_counts_nothing(ctx: ServiceContext) -> None:
    assert stats.table_counts(ctx) == dict.fromkeys(KEYS, 0)
    assert list(stats.table_counts(ctx)) == KEYS


def test_counts_live_rows_and_conflicts(ctx: ServiceContext) -> None:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"}).id
    people = [
        team.create_member(
            ctx,
            {"team_id": cat, "name": n, "sector": "police", "role": "member", "gender": "male"},
        ).id
        for n in ("A", "B", "C")
    ]
    team.delete_member(ctx, people[2])
    starts = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
    meeting = meetings.create_meeting(ctx, {"team_id": cat, "starts_at": starts, "kind": "regular"})
    gone = meetings.create_meeting(ctx, {"team_id": cat, "starts_at": starts, "kind": "public"})
    for meeting_id in (meeting.id, gone.id):
        actions.create_action_item(ctx, {"meeting_id": meeting_id, "title": "Follow up"})
    meetings.delete_meeting(ctx, gone.id)  # takes its action item with it
    youth.create_activity(
        ctx,
        {
            "title": "Workshop",
            "activity_type": "workshop",
            "starts_on": dt.date(2025, 3, 2),
            "participants_total": 0,
        },
    )
    proposal = fund.create_proposal(ctx, {"title": "Forum"})
    line = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 100}
    fund.add_budget_line(ctx, proposal.id, line)
    fund.delete_budget_line(ctx, fund.add_budget_line(ctx, proposal.id, line).id)
    thread.add_comment(ctx, proposal.id, "Is the hall booked?")
    with ctx.transaction() as session:
        session.add(
            Conflict(
                table_name="members",
                record_id=people[0],
                winner_version=2,
                winner_installation="a",
                loser_version=1,
                loser_installation="b",
                loser_data="{}",
            )
        )
    assert stats.table_counts(ctx) == {
        "members": 2,
        "teams": 1,
        "meetings": 1,
        "action_items": 1,
        "youth_activities": 1,
        "fund_proposals": 1,
        "budget_lines": 1,
        "period_submissions": 0,
        "reviews": 0,
        "proposal_comments": 1,
        "calls": 0,
        "tranches": 0,
        "attachments": 0,
        "engagements": 0,
        "helpdesk_requests": 0,
        "trainings": 0,
        "needs_assessments": 0,
        "community_activities": 0,
        "conflicts": 1,
        "exchanges": 0,
        "good_practices": 0,
        "published_practices": 0,
    }
