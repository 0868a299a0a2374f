"""Fund proposals: drafting, budget lines, every allowed and refused transition, the hub's
decision, spending and the report.

The hub works on the same database here through its own context (sharing the clock, as it
would after importing the municipality's bundle), so both sides of the workflow can be driven.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from proposal_filling import fill_sections, submit_on
from service_helpers import refused
from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import BudgetLine, FundDecision, FundProposal, ProposalStatusChange
from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.i18n.formatting import format_date
from hubdesk.services import fund, records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.fund import ProposalFilter
from hubdesk.services.rules.base import COUNT_MAX, MONEY_MAX

TODAY = clock.today()
YEAR = TODAY.year
LINE = {
    "category": "venue",
    "description": "Hall for two days",
    "quantity": 2,
    "unit_cost_minor": 50_000,
}


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)


@pytest.fixture
def field(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "field-laptop", Role.FIELD, ctx.municipality_id, ctx.clock)


def draft(ctx: ServiceContext, **extra: Any) -> str:
    """A draft ready to submit: title, summary and one budget line of 100 000 (1 000,00 MKD)."""
    data = {"title": "Youth forum", "summary": "Two days of dialogue", **extra}
    proposal_id = fund.create_proposal(ctx, data).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    return proposal_id


def status_of(ctx: ServiceContext, proposal_id: str) -> str:
    return fund.get_proposal(ctx, proposal_id).status


def at_status(ctx: ServiceContext, hub: ServiceContext, status: str) -> str:
    """A proposal brought to ``status`` the way people would bring it there."""
    proposal_id = draft(ctx)
    steps = {
        "draft": [],
        "submitted": ["submit"],
        "under_review": ["submit", "review"],
        "changes_requested": ["submit", "review", "changes_requested"],
        "rejected": ["submit", "review", "rejected"],
        "approved": ["submit", "review", "approved"],
        "in_implementation": ["submit", "review", "approved", "implement"],
        "completed": ["submit", "review", "approved", "implement", "report", "complete"],
    }[status]
    for step in steps:
        if step == "submit":
            fund.transition(ctx, proposal_id, "submitted")
        elif step == "review":
            fund.transition(hub, proposal_id, "under_review")
        elif step in ("changes_requested", "rejected", "approved"):
            fund.record_decision(hub, proposal_id, {"outcome": step})
        elif step == "implement":
            fund.transition(ctx, proposal_id, "in_implementation")
        elif step == "report":
            fund.submit_report(ctx, proposal_id, "Forum held; 80 young people took part.")
        elif step == "complete":
            fund.transition(ctx, proposal_id, "completed")
    assert status_of(ctx, proposal_id) == status
    return proposal_id


# --- proposals ---------------------------------------------------------------------------------


def test_new_proposal_is_a_draft_in_the_municipalitys_currency(ctx: ServiceContext) -> None:
    first = fund.create_proposal(ctx, {"title": "Youth forum"})
    second = fund.create_proposal(ctx, {"title": "Teacher training", "reference": ""})
    assert (first.status, first.currency) == ("draft", "MKD")
    assert first.municipality_id == ctx.municipality_id
    assert (first.reference, second.reference) == (f"MK-{YEAR}-001", f"MK-{YEAR}-002")
    own = fund.create_proposal(ctx, {"title": "Own", "reference": "KU/2026/7"})
    assert own.reference == "KU/2026/7"
    fund.delete_proposal(ctx, second.id)
    assert fund.create_proposal(ctx, {"title": "Next"}).reference == f"MK-{YEAR}-003"
    fund.create_proposal(ctx, {"title": "Typed in", "reference": f"MK-{YEAR}-010"})
    assert fund.create_proposal(ctx, {"title": "After"}).reference == f"MK-{YEAR}-011"


def test_reference_is_unique_in_the_municipality(ctx: ServiceContext) -> None:
    fund.create_proposal(ctx, {"title": "A", "reference": "KU-1"})
    with pytest.raises(ValidationError) as caught:
        fund.create_proposal(ctx, {"title": "B", "reference": "KU-1"})
    assert caught.value.field == "reference"
    other = fund.create_proposal(ctx, {"title": "C"})
    with pytest.raises(ValidationError):
        fund.update_proposal(ctx, other.id, {"reference": "KU-1"})
    fund.update_proposal(ctx, other.id, {"reference": other.reference})  # itself: fine


INVALID_PROPOSALS: list[tuple[dict[str, Any], str]] = [
    ({"title": ""}, "title"),
    ({"title": None}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"reference": "x" * 41}, "reference"),
    ({"summary": 3}, "summary"),
    ({"pillars": ["money"]}, "pillars"),
    ({"period_start": "2026-01-01"}, "period_start"),
    ({"period_start": dt.date(2026, 5, 1), "period_end": dt.date(2026, 4, 30)}, "period_end"),
    ({"cofunding_minor": -1}, "cofunding_minor"),
    ({"cofunding_minor": 10.0}, "cofunding_minor"),
    ({"cofunding_minor": True}, "cofunding_minor"),
    ({"cofunding_minor": 1}, "cofunding_minor"),  # above the (empty) budget
    ({"status": "approved"}, "status"),
    ({"currency": "EUR"}, "currency"),
    ({"municipality_id": "x"}, "municipality_id"),
    ({"results": "done"}, "results"),
]


def test_invalid_proposal_is_refused_and_nothing_saved(ctx: ServiceContext) -> None:
    for extra, field in INVALID_PROPOSALS:
        refused(field, fund.create_proposal, ctx, {"title": "Youth forum", **extra})
    assert fund.count_proposals(ctx) == 0


def test_cofunding_up_to_the_budget_total(ctx: ServiceContext) -> None:
    proposal_id = draft(ctx)
    with pytest.raises(ValidationError) as caught:
        fund.update_proposal(ctx, proposal_id, {"cofunding_minor": 100_001})
    assert caught.value.field == "cofunding_minor" and "1,000.00" in caught.value.message
    fund.update_proposal(ctx, proposal_id, {"cofunding_minor": 100_000})
    totals = fund.proposal_totals(ctx, proposal_id)
    assert (totals.total_minor, totals.cofunding_minor, totals.requested_minor) == (
        100_000,
        100_000,
        0,
    )


def test_budget_changes_may_not_leave_cofunding_uncovered(ctx: ServiceContext) -> None:
    proposal_id = draft(ctx, cofunding_minor=0)
    line = fund.list_budget_lines(ctx, proposal_id)[0]
    fund.update_proposal(ctx, proposal_id, {"cofunding_minor": 60_000})
    with pytest.raises(ValidationError) as caught:
        fund.update_budget_line(ctx, line.id, {"quantity": 1})
    assert caught.value.field == "quantity"
    with pytest.raises(ValidationError) as caught:
        fund.delete_budget_line(ctx, line.id)
    assert caught.value.field == "cofunding_minor"
    assert [bl.quantity for bl in fund.list_budget_lines(ctx, proposal_id)] == [2]


def test_hub_does_not_write_proposals(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = draft(ctx)
    line = fund.list_budget_lines(ctx, proposal_id)[0]
    attempts = [
        lambda: fund.create_proposal(hub, {"title": "Hub's own"}),
        lambda: fund.update_proposal(hub, proposal_id, {"title": "Better"}),
        lambda: fund.delete_proposal(hub, proposal_id),
        lambda: fund.add_budget_line(hub, proposal_id, LINE),
        lambda: fund.update_budget_line(hub, line.id, {"quantity": 3}),
        lambda: fund.delete_budget_line(hub, line.id),
        lambda: fund.submit_report(hub, proposal_id, "Done"),
        lambda: fund.record_spending(hub, line.id, 10),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert not fund.is_editable(hub, fund.get_proposal(hub, proposal_id))
    assert fund.get_proposal(ctx, proposal_id).title == "Youth forum"


def test_field_laptop_drafts_and_edits_but_does_not_submit(
    ctx: ServiceContext, field: ServiceContext
) -> None:
    proposal_id = draft(field)
    fund.update_proposal(field, proposal_id, {"problem": "Little trust between groups"})
    assert fund.is_editable(field, fund.get_proposal(field, proposal_id))
    assert fund.allowed_transitions(field, fund.get_proposal(field, proposal_id)) == []
    with pytest.raises(ValidationError) as caught:
        fund.transition(field, proposal_id, "submitted")
    assert caught.value.field == "status"
    # the move is the office's, not a step missing from the proposal
    assert "municipality's own PC submits" in caught.value.message
    assert "not allowed" not in caught.value.message
    fund.transition(ctx, proposal_id, "submitted")  # the focal point does


def test_submitted_proposal_is_read_only(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = at_status(ctx, hub, "submitted")
    line = fund.list_budget_lines(ctx, proposal_id)[0]
    assert not fund.is_editable(ctx, fund.get_proposal(ctx, proposal_id))
    for attempt in (
        lambda: fund.update_proposal(ctx, proposal_id, {"title": "Changed"}),
        lambda: fund.add_budget_line(ctx, proposal_id, LINE),
        lambda: fund.update_budget_line(ctx, line.id, {"quantity": 3}),
        lambda: fund.delete_budget_line(ctx, line.id),
        lambda: fund.delete_proposal(ctx, proposal_id),
    ):
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.field == "status" and "Submitted" in caught.value.message
    assert fund.get_proposal(ctx, proposal_id).title == "Youth forum"
    assert len(fund.list_budget_lines(ctx, proposal_id)) == 1


def test_changes_requested_makes_it_editable_again(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal_id = at_status(ctx, hub, "changes_requested")
    assert fund.is_editable(ctx, fund.get_proposal(ctx, proposal_id))
    fund.update_proposal(ctx, proposal_id, {"summary": "Three days of dialogue"})
    fund.add_budget_line(ctx, proposal_id, {**LINE, "category": "travel"})
    assert fund.transition(ctx, proposal_id, "submitted").status == "submitted"


def test_delete_draft_tombstones_its_lines(ctx: ServiceContext) -> None:
    proposal_id = draft(ctx)
    fund.delete_proposal(ctx, proposal_id)
    with pytest.raises(NotFoundError):
        fund.get_proposal(ctx, proposal_id)
    with ctx.read() as session:
        assert all(line.deleted for line in session.scalars(select(BudgetLine)))


# --- budget lines ------------------------------------------------------------------------------


INVALID_LINES: list[tuple[dict[str, Any], str]] = [
    ({"category": "champagne"}, "category"),
    ({"category": None}, "category"),
    ({"description": ""}, "description"),
    ({"description": "x" * 301}, "description"),
    ({"quantity": 0}, "quantity"),
    ({"quantity": -2}, "quantity"),
    ({"quantity": 1.5}, "quantity"),
    ({"quantity": None}, "quantity"),
    ({"unit_cost_minor": -1}, "unit_cost_minor"),
    ({"unit_cost_minor": 9.99}, "unit_cost_minor"),
    ({"unit_cost_minor": None}, "unit_cost_minor"),
    ({"spent_minor": 5}, "spent_minor"),
]


def test_invalid_budget_line_is_refused(ctx: ServiceContext) -> None:
    proposal_id = fund.create_proposal(ctx, {"title": "Youth forum"}).id
    for extra, field in INVALID_LINES:
        refused(field, fund.add_budget_line, ctx, proposal_id, {**LINE, **extra})
    assert fund.list_budget_lines(ctx, proposal_id) == []


def test_budget_lines_in_order_with_totals(ctx: ServiceContext) -> None:
    proposal_id = draft(ctx)
    second = fund.add_budget_line(
        ctx,
        proposal_id,
        {"category": "supplies", "description": "Markers", "quantity": 10, "unit_cost_minor": 0},
    )
    assert second.position == 2 and second.total_minor == 0
    fund.update_budget_line(ctx, second.id, {"unit_cost_minor": 1_500})
    lines = fund.list_budget_lines(ctx, proposal_id)
    assert [(bl.description, bl.total_minor) for bl in lines] == [
        ("Hall for two days", 100_000),
        ("Markers", 15_000),
    ]
    with pytest.raises(ValidationError) as caught:
        fund.update_budget_line(ctx, second.id, {"quantity": 0})
    assert caught.value.field == "quantity"
    fund.delete_budget_line(ctx, second.id)
    assert fund.proposal_totals(ctx, proposal_id).total_minor == 100_000


def test_a_line_s_amount_stays_within_the_money_limit(ctx: ServiceContext) -> None:
    """Quantity and unit cost were each within their limit, but ten lines of a million times
    10**12 made a total the database could not add up: the proposal's totals, its co-funding
    and the whole dashboard stopped with "integer overflow"."""
    from hubdesk.services import dashboard_summary

    proposal_id = fund.create_proposal(ctx, {"title": "Youth forum"}).id
    largest = {**LINE, "quantity": 1_000, "unit_cost_minor": MONEY_MAX // 1_000}
    lines = [fund.add_budget_line(ctx, proposal_id, largest) for _ in range(10)]
    refused("unit_cost_minor", fund.add_budget_line, ctx, proposal_id,
            {**largest, "quantity": COUNT_MAX})  # fmt: skip
    # One field changed is judged with the other as stored.
    refused("unit_cost_minor", fund.update_budget_line, ctx, lines[0].id, {"quantity": 1_001})
    refused("unit_cost_minor", fund.update_budget_line, ctx, lines[0].id,
            {"unit_cost_minor": MONEY_MAX})  # fmt: skip
    assert fund.proposal_totals(ctx, proposal_id).total_minor == 10 * MONEY_MAX
    dashboard_summary.summary(ctx)


# --- transitions -------------------------------------------------------------------------------

ALLOWED = [
    (role, from_status, to_status)
    for role, table in fund.TRANSITIONS.items()
    for from_status, targets in table.items()
    for to_status in targets
]


def test_transition_table_is_the_agreed_one() -> None:
    assert sorted((r.value, f, t) for r, f, t in ALLOWED) == sorted(
        [
            ("municipality", "draft", "submitted"),
            ("municipality", "changes_requested", "submitted"),
            ("municipality", "approved", "in_implementation"),
            ("municipality", "in_implementation", "completed"),
            ("hub", "submitted", "under_review"),
            ("hub", "under_review", "changes_requested"),
            ("hub", "under_review", "approved"),
            ("hub", "under_review", "rejected"),
        ]
    )


@pytest.mark.parametrize(("role", "from_status", "to_status"), ALLOWED)
def test_every_allowed_transition(
    ctx: ServiceContext, hub: ServiceContext, role: Role, from_status: str, to_status: str
) -> None:
    actor = hub if role is Role.HUB else ctx
    proposal_id = at_status(ctx, hub, from_status)
    assert to_status in fund.allowed_transitions(actor, fund.get_proposal(ctx, proposal_id))
    if role is Role.HUB and to_status in ("approved", "rejected", "changes_requested"):
        with pytest.raises(ValidationError) as caught:  # decisions go with their decision
            fund.transition(actor, proposal_id, to_status)
        assert "decision" in caught.value.message
        fund.record_decision(actor, proposal_id, {"outcome": to_status})
    else:
        if to_status == "completed":
            fund.submit_report(ctx, proposal_id, "Forum held.")
        fund.transition(actor, proposal_id, to_status, comment="As agreed")
    assert status_of(ctx, proposal_id) == to_status
    last = fund.status_history(ctx, proposal_id)[-1]
    assert (last.from_status, last.to_status, last.by_role) == (from_status, to_status, role.value)
    assert last.updated_by == actor.installation_id


@pytest.mark.parametrize("from_status", [s.value for s in ProposalStatus])
def test_every_other_transition_is_refused(
    ctx: ServiceContext, hub: ServiceContext, field: ServiceContext, from_status: str
) -> None:
    proposal_id = at_status(ctx, hub, from_status)
    history = len(fund.status_history(ctx, proposal_id))
    for actor in (ctx, field, hub):
        allowed = fund.TRANSITIONS[actor.role].get(from_status, ())
        for to_status in [*(s.value for s in ProposalStatus), "archived"]:
            if to_status in allowed:
                continue
            with pytest.raises(ValidationError) as caught:
                fund.transition(actor, proposal_id, to_status)
            assert caught.value.field == "status"
            if actor is field and to_status in fund.TRANSITIONS[ctx.role].get(from_status, ()):
                assert "municipality's own PC" in caught.value.message  # the office's move
                continue
            assert "not allowed" in caught.value.message
            assert ProposalStatus(from_status).label in caught.value.message
    assert status_of(ctx, proposal_id) == from_status
    assert len(fund.status_history(ctx, proposal_id)) == history


def test_allowed_transitions_per_role(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = at_status(ctx, hub, "under_review")
    proposal = fund.get_proposal(ctx, proposal_id)
    assert fund.allowed_transitions(ctx, proposal) == []
    assert fund.allowed_transitions(hub, proposal) == ["changes_requested", "approved", "rejected"]


def test_submitting_needs_a_summary_and_a_budget_line(ctx: ServiceContext) -> None:
    bare = fund.create_proposal(ctx, {"title": "Youth forum"}).id
    with pytest.raises(ValidationError) as caught:
        fund.transition(ctx, bare, "submitted")
    assert set(caught.value.by_field()) == {"summary", "budget_lines", "sections"}
    assert status_of(ctx, bare) == "draft"
    fund.update_proposal(ctx, bare, {"summary": "Dialogue"})
    fill_sections(ctx, bare)
    with pytest.raises(ValidationError) as caught:
        fund.transition(ctx, bare, "submitted")
    assert caught.value.field == "budget_lines"
    fund.add_budget_line(ctx, bare, LINE)
    assert fund.transition(ctx, bare, "submitted").status == "submitted"


def test_completing_needs_the_report(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = at_status(ctx, hub, "in_implementation")
    with pytest.raises(ValidationError) as caught:
        fund.transition(ctx, proposal_id, "completed")
    assert caught.value.field == "results"


def test_status_is_the_newest_live_change(ctx: ServiceContext) -> None:
    proposal_id = draft(ctx)

    def change(version: int, to_status: str, by: str, deleted: bool = False) -> None:
        session.add(
            ProposalStatusChange(
                id=f"00000000-0000-4000-8000-{version:06d}{by[:6]:0>6}",
                origin=by,
                version=version,
                updated_by=by,
                deleted=deleted,
                proposal_id=proposal_id,
                from_status="draft",
                to_status=to_status,
                changed_at=dt.datetime.now(dt.UTC),
                by_role="municipality",
            )
        )

    with ctx.db.transaction() as session:
        proposal = session.get(FundProposal, proposal_id)
        assert proposal is not None
        change(10, "submitted", "aaaaaa")
        change(12, "under_review", "aaaaaa")
        change(12, "approved", "bbbbbb")  # same version: the higher installation id wins
        change(13, "rejected", "aaaaaa", deleted=True)  # tombstones do not count
        session.flush()
        assert fund.refresh_status(session, proposal) == "approved"
    assert status_of(ctx, proposal_id) == "approved"


# --- the hub's decision ------------------------------------------------------------------------


def test_decision_and_transition_are_written_together(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal_id = at_status(ctx, hub, "under_review")
    decision = fund.record_decision(
        hub,
        proposal_id,
        {"outcome": "approved", "amount_approved_minor": 80_000, "conditions": "Report by June"},
    )
    assert decision.updated_by == hub.installation_id and decision.decided_on == TODAY
    assert status_of(ctx, proposal_id) == "approved"
    assert fund.get_decision(ctx, proposal_id).id == decision.id  # type: ignore[union-attr]
    totals = fund.proposal_totals(ctx, proposal_id)
    assert (totals.requested_minor, totals.approved_minor) == (100_000, 80_000)


def test_approval_defaults_to_the_amount_requested(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal_id = at_status(ctx, hub, "under_review")
    assert (
        fund.record_decision(hub, proposal_id, {"outcome": "approved"}).amount_approved_minor
        == 100_000
    )
    rejected = at_status(ctx, hub, "under_review")
    assert fund.record_decision(hub, rejected, {"outcome": "rejected"}).amount_approved_minor == 0
    assert fund.proposal_totals(ctx, rejected).approved_minor == 0


INVALID_DECISIONS: list[tuple[dict[str, Any], str]] = [
    ({}, "outcome"),
    ({"outcome": "maybe"}, "outcome"),
    ({"outcome": "approved", "amount_approved_minor": 100_001}, "amount_approved_minor"),
    ({"outcome": "approved", "amount_approved_minor": -5}, "amount_approved_minor"),
    ({"outcome": "approved", "amount_approved_minor": 500.0}, "amount_approved_minor"),
    ({"outcome": "approved", "amount_approved_minor": 0}, "amount_approved_minor"),
    ({"outcome": "rejected", "amount_approved_minor": 5}, "amount_approved_minor"),
    ({"outcome": "changes_requested", "amount_approved_minor": 5}, "amount_approved_minor"),
    ({"outcome": "approved", "decided_on": TODAY + dt.timedelta(days=1)}, "decided_on"),
    ({"outcome": "approved", "decided_on": "today"}, "decided_on"),
    ({"outcome": "approved", "amount": 5}, "amount"),
]


def test_invalid_decision_changes_nothing(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = at_status(ctx, hub, "under_review")
    for data, field in INVALID_DECISIONS:
        refused(field, fund.record_decision, hub, proposal_id, data)
    assert status_of(ctx, proposal_id) == "under_review"
    assert fund.get_decision(hub, proposal_id) is None


def test_a_decision_is_not_dated_before_the_submission(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """A decision answers the submission under review: a date before it is a typo in the year,
    and it would make the reports due overdue at once. On the submission day it is fine."""
    proposal_id = draft(ctx)
    submitted = TODAY - dt.timedelta(days=10)
    submit_on(ctx, proposal_id, submitted)
    fund.transition(hub, proposal_id, "under_review")
    early = {
        "outcome": "approved",
        "decided_on": dt.date(2020, 1, 1),
        "interim_report_due": dt.date(2020, 6, 1),
    }
    error = refused("decided_on", fund.record_decision, hub, proposal_id, early)
    assert format_date(submitted) in error.message
    day_before = {"outcome": "approved", "decided_on": submitted - dt.timedelta(days=1)}
    refused("decided_on", fund.record_decision, hub, proposal_id, day_before)
    assert status_of(ctx, proposal_id) == "under_review"
    assert fund.get_decision(hub, proposal_id) is None
    decision = fund.record_decision(
        hub, proposal_id, {"outcome": "approved", "decided_on": submitted}
    )
    assert decision.decided_on == submitted


def test_a_decision_answers_the_last_submission(ctx: ServiceContext, hub: ServiceContext) -> None:
    """Sent back for changes and submitted again today: the new decision is dated today or
    later, not between the two submissions."""
    proposal_id = draft(ctx)
    submit_on(ctx, proposal_id, TODAY - dt.timedelta(days=20))
    fund.transition(hub, proposal_id, "under_review")
    asked = {"outcome": "changes_requested", "decided_on": TODAY - dt.timedelta(days=15)}
    fund.record_decision(hub, proposal_id, asked)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    between = {"outcome": "approved", "decided_on": TODAY - dt.timedelta(days=10)}
    error = refused("decided_on", fund.record_decision, hub, proposal_id, between)
    assert format_date(TODAY) in error.message
    assert fund.record_decision(hub, proposal_id, {"outcome": "approved"}).decided_on == TODAY


def test_a_submission_from_a_clock_running_ahead_still_lets_the_hub_decide_today(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal_id = draft(ctx)
    submit_on(ctx, proposal_id, TODAY + dt.timedelta(days=1))  # the municipality's clock
    fund.transition(hub, proposal_id, "under_review")
    yesterday = {"outcome": "rejected", "decided_on": TODAY - dt.timedelta(days=1)}
    refused("decided_on", fund.record_decision, hub, proposal_id, yesterday)
    assert fund.record_decision(hub, proposal_id, {"outcome": "rejected"}).decided_on == TODAY


def test_only_the_hub_decides_and_only_under_review(
    ctx: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    proposal_id = at_status(ctx, hub, "submitted")
    for actor in (ctx, field):
        with pytest.raises(PermissionDenied):
            fund.record_decision(actor, proposal_id, {"outcome": "approved"})
    with pytest.raises(ValidationError) as caught:
        fund.record_decision(hub, proposal_id, {"outcome": "approved"})
    assert caught.value.field == "status" and "under review" in caught.value.message
    with ctx.read() as session:
        assert session.scalars(select(FundDecision)).all() == []


def test_cofunding_lowers_what_can_be_approved(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = draft(ctx, cofunding_minor=0)
    fund.update_proposal(ctx, proposal_id, {"cofunding_minor": 30_000})
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    with pytest.raises(ValidationError):
        fund.record_decision(
            hub, proposal_id, {"outcome": "approved", "amount_approved_minor": 70_001}
        )
    fund.record_decision(hub, proposal_id, {"outcome": "approved", "amount_approved_minor": 70_000})


# --- implementation ----------------------------------------------------------------------------


def test_spending_and_report_during_implementation(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal_id = at_status(ctx, hub, "in_implementation")
    line = fund.list_budget_lines(ctx, proposal_id)[0]
    assert fund.record_spending(ctx, line.id, 95_000).spent_minor == 95_000
    for bad in (-1, 1.5, None, True):
        with pytest.raises(ValidationError) as caught:
            fund.record_spending(ctx, line.id, bad)  # type: ignore[arg-type]
        assert caught.value.field == "spent_minor"
    for bad_results in ("", "   ", None):
        with pytest.raises(ValidationError) as caught:
            fund.submit_report(ctx, proposal_id, bad_results)  # type: ignore[arg-type]
        assert caught.value.field == "results"
    reported = fund.submit_report(ctx, proposal_id, "Forum held; 80 took part.")
    assert reported.report_submitted_on == TODAY
    fund.transition(ctx, proposal_id, "completed")
    assert fund.record_spending(ctx, line.id, 96_000).spent_minor == 96_000  # corrections
    totals = fund.proposal_totals(ctx, proposal_id)
    assert (totals.spent_minor, totals.approved_minor, totals.currency) == (96_000, 100_000, "MKD")
    with pytest.raises(ValidationError) as caught:
        fund.submit_report(ctx, proposal_id, "Again")
    assert caught.value.field == "status"


def test_no_spending_nor_report_before_implementation(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    for status in ("draft", "submitted", "approved", "rejected"):
        proposal_id = at_status(ctx, hub, status)
        line = fund.list_budget_lines(ctx, proposal_id)[0]
        refused("status", fund.record_spending, ctx, line.id, 10)
        refused("status", fund.submit_report, ctx, proposal_id, "Early")


# --- lists -------------------------------------------------------------------------------------


def test_filters(ctx: ServiceContext, hub: ServiceContext) -> None:
    forum = draft(
        ctx,
        title="Youth forum",
        pillars=["youth_engagement"],
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 5, 31),
    )
    fund.transition(ctx, forum, "submitted")
    draft(
        ctx,
        title="Teacher training",
        pillars=["capacity_building"],
        period_start=dt.date(2026, 9, 1),
    )
    draft(ctx, title="No period yet")
    f = ProposalFilter
    assert fund.count_proposals(ctx) == 3
    assert fund.count_proposals(ctx, f(status="submitted")) == 1
    assert fund.count_proposals(ctx, f(pillar="capacity_building")) == 1
    assert [p.title for p in fund.list_proposals(ctx, f(search="teach"))] == ["Teacher training"]
    spring = f(date_from=dt.date(2026, 5, 1), date_to=dt.date(2026, 6, 30))
    assert [p.title for p in fund.list_proposals(ctx, spring)] == ["Youth forum"]
    autumn = f(date_from=dt.date(2026, 9, 1))
    assert [p.title for p in fund.list_proposals(ctx, autumn)] == ["Teacher training"]
    assert fund.count_proposals(hub) == 3
    assert fund.count_proposals(hub, f(municipality_id=ctx.municipality_id)) == 3
    assert fund.count_proposals(hub, f(municipality_id="elsewhere")) == 0


def test_changes_are_stamped_and_audited(ctx: ServiceContext) -> None:
    proposal = fund.create_proposal(ctx, {"title": "Youth forum"})
    updated = fund.update_proposal(ctx, proposal.id, {"objectives": "Trust"})
    assert updated.version > proposal.version and updated.base_version == proposal.version
    with ctx.read() as session:
        assert records.live(session, FundProposal, proposal.id).objectives == "Trust"


def test_a_budget_beyond_32_bits_sums_exactly(ctx: ServiceContext) -> None:
    """Quantity × unit cost and their sum past 2**31 minor units (a hub's server once summed
    them in 32-bit integers and overflowed); runs on PostgreSQL in ``bash dev test``."""
    proposal_id = fund.create_proposal(ctx, {"title": "Sports hall", "summary": "A new roof"}).id
    fund.add_budget_line(
        ctx, proposal_id, {**LINE, "quantity": 3, "unit_cost_minor": 1_000_000_000}
    )
    fund.add_budget_line(ctx, proposal_id, {**LINE, "quantity": 7, "unit_cost_minor": 999_999_999})
    total = fund.proposal_totals(ctx, proposal_id).total_minor
    assert total == 3 * 1_000_000_000 + 7 * 999_999_999 > 2**31


def test_a_reference_is_one_whatever_spaces_surround_it(ctx: ServiceContext) -> None:
    """The form strips a reference; the service (and so a sheet) kept " MK-2026-007 " as a
    reference of its own beside MK-2026-007."""
    first = fund.create_proposal(ctx, {"title": "Safe schools", "reference": " MK-2026-007 "})
    assert first.reference == "MK-2026-007"
    with pytest.raises(ValidationError) as twin:
        fund.create_proposal(ctx, {"title": "Other", "reference": "MK-2026-007  "})
    assert twin.value.field == "reference"
    assert fund.count_proposals(ctx) == 1
