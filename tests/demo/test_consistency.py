"""The demo's rows pass the same rules the services enforce on a person's input.

Records are re-submitted unchanged through the services' own update functions (which validate
everything given and write nothing when nothing changed), and the cross-record rules are checked
on the stored rows.
"""

from __future__ import annotations

import random
from typing import Any

from demo_support import TODAY, Demo
from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import ActionItem, FundProposal, Meeting, Member, YouthActivity
from hubdesk.domain.enums import COUNT_COLUMNS, ActionStatus, Role
from hubdesk.services import actions, fund, meetings, periods, team, youth
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID
from hubdesk.services.fund_workflow import DECISION_OUTCOMES, TRANSITIONS, refresh_status
from hubdesk.storage.check import check_database

SAMPLE = 15


def fields(record: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def sample(items: list[Any]) -> list[Any]:
    return random.Random(7).sample(items, min(SAMPLE, len(items)))


def test_database_passes_integrity_and_foreign_key_checks(demo: Demo) -> None:
    assert demo.rows("PRAGMA integrity_check")[0][0] == "ok"
    assert demo.rows("PRAGMA foreign_key_check") == []
    assert check_database(demo.db) == []


def test_members_pass_the_member_rules(demo: Demo) -> None:
    ctx = demo.context()
    with ctx.read() as session:
        members = list(session.scalars(select(Member)))
    for member in members:
        before = member.version
        team.update_member(ctx, member.id, fields(member, team.MEMBER_FIELDS))
        assert team.get_member(ctx, member.id).version == before, "nothing to change"


def test_youth_grids_add_up_and_pass_the_activity_rules(demo: Demo) -> None:
    ctx = demo.context()
    with ctx.read() as session:
        activities = list(session.scalars(select(YouthActivity)))
    for activity in activities:
        assert sum(getattr(activity, c) for c in COUNT_COLUMNS) == activity.participants_total > 0
        assert 0 <= activity.marginalised <= activity.participants_total
        assert activity.starts_on <= activity.ends_on < TODAY
        assert activity.fed_into_decision == bool(activity.decision_note)
    for activity in sample(activities):
        youth.update_activity(ctx, activity.id, fields(activity, youth.ACTIVITY_FIELDS))
        assert youth.get_activity(ctx, activity.id).version == activity.version


def test_meetings_and_attendance_pass_the_meeting_rules(demo: Demo) -> None:
    ctx = demo.context()
    with ctx.read() as session:
        all_meetings = list(session.scalars(select(Meeting)))
    for meeting in all_meetings:
        assert meeting.starts_at < meeting.ends_at
        assert meetings.meeting_day(meeting) < TODAY
    for meeting in sample(all_meetings):
        meetings.update_meeting(ctx, meeting.id, fields(meeting, meetings.MEETING_FIELDS))
        assert meetings.get_meeting(ctx, meeting.id).version == meeting.version
        statuses = meetings.get_attendance(ctx, meeting.id)
        assert meetings.set_attendance(ctx, meeting.id, statuses) == statuses
        guests = [(g.organisation, g.count) for g in meetings.list_guests(ctx, meeting.id)]
        meetings.set_guests(ctx, meeting.id, guests)


def test_action_items_are_done_after_their_meeting_and_pass_the_rules(demo: Demo) -> None:
    ctx = demo.context()
    with ctx.read() as session:
        items = list(session.scalars(select(ActionItem)))
        days = {m.id: meetings.meeting_day(m) for m in session.scalars(select(Meeting))}
    for item in items:
        assert (item.status == ActionStatus.DONE) == (item.done_on is not None)
        assert item.due_on > days[item.meeting_id]
        if item.done_on is not None:
            assert days[item.meeting_id] < item.done_on < TODAY
    done = [i for i in items if i.status == ActionStatus.DONE]
    for quarter in periods.own_quarters(ctx):  # the demo's submitted quarters are locked
        if quarter.locked:
            periods.reopen(ctx, quarter.quarter, "The consistency checks edit every quarter")
    for item in sample(done):
        # Completing again on the same day runs the service's done-on checks.
        actions.reopen_action_item(ctx, item.id)
        assert (
            actions.complete_action_item(ctx, item.id, done_on=item.done_on).done_on == item.done_on
        )
    for item in sample(items):
        actions.update_action_item(ctx, item.id, fields(item, actions.ACTION_UPDATE_FIELDS))


def test_proposal_histories_follow_the_allowed_transitions(demo: Demo) -> None:
    ctx = demo.context()
    with ctx.read() as session:
        stored = {p.id: p.status for p in session.scalars(select(FundProposal))}
        for proposal in session.scalars(select(FundProposal)):
            assert refresh_status(session, proposal) == stored[proposal.id]
        session.rollback()
    for proposal_id, status in stored.items():
        history = fund.status_history(ctx, proposal_id)
        previous = "draft"
        for change in history:
            assert change.from_status == previous
            assert change.to_status in TRANSITIONS[Role(change.by_role)][change.from_status]
            previous = change.to_status
        assert previous == status
        times = [c.changed_at for c in history]
        assert times == sorted(times) and len(set(times)) == len(times)


def test_decisions_budgets_and_reports_are_consistent(demo: Demo) -> None:
    ctx = demo.context()
    for proposal in fund.list_proposals(ctx):
        lines = fund.list_budget_lines(ctx, proposal.id)
        total = sum(line.quantity * line.unit_cost_minor for line in lines)
        assert lines and all(line.quantity >= 1 and line.unit_cost_minor > 0 for line in lines)
        assert 0 < proposal.cofunding_minor <= total
        assert proposal.period_start <= proposal.period_end
        spent = [line.spent_minor for line in lines if line.spent_minor is not None]
        if proposal.status in ("in_implementation", "completed"):
            assert spent
        else:
            assert not spent
        completed = proposal.status == "completed"
        assert bool(proposal.results) == completed == (proposal.report_submitted_on is not None)
        decision = fund.get_decision(ctx, proposal.id)
        verdicts = [c.to_status for c in fund.status_history(ctx, proposal.id)]
        verdicts = [s for s in verdicts if s in DECISION_OUTCOMES]
        if not verdicts:
            assert decision is None
            continue
        assert decision is not None and decision.origin == DEMO_HUB_INSTALLATION_ID
        assert decision.outcome == verdicts[-1]
        if decision.outcome == "approved":
            assert 0 < decision.amount_approved_minor <= total - proposal.cofunding_minor
        else:
            assert decision.amount_approved_minor == 0
        assert decision.decided_on < TODAY


def test_the_draft_can_still_be_edited_and_submitted(demo: Demo) -> None:
    ctx = demo.context()
    (draft,) = fund.list_proposals(ctx, fund.ProposalFilter(status="draft"))
    fund.update_proposal(ctx, draft.id, fields(draft, fund.PROPOSAL_FIELDS))
    assert fund.transition(ctx, draft.id, "submitted").status == "submitted"
    assert fund.proposal_totals(ctx, draft.id).currency == "MKD"


def test_meetings_start_at_the_times_the_team_set_on_the_regions_clock(demo: Demo) -> None:
    """The demo sets its meetings for 08:00, 09:00, 11:00 or 12:00 (or half past) where the
    team lives: the list shows those times in winter and in summer alike, not an hour or two
    later."""
    ctx = demo.context()
    with ctx.read() as session:
        starts = [clock.local(m.starts_at) for m in session.scalars(select(Meeting))]
    assert any(s.dst() for s in starts), "the demo has summer meetings to check"
    assert {(s.hour, s.minute) for s in starts} <= {
        (hour, minute) for hour in (8, 9, 11, 12) for minute in (0, 30)
    }
