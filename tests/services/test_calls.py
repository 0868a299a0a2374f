"""Calls for proposals and guidance notes: only the hub writes them, a proposal answers one,
and submitting checks the call's closing date and (in EUR) its ceiling."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from proposal_filling import fill_sections
from service_helpers import refused
from sqlalchemy import update

from hubdesk import clock
from hubdesk.domain import FundProposal
from hubdesk.domain.enums import Role
from hubdesk.services import calls, fund, fund_money
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.rules import check

TODAY = clock.today()
CRITERIA = [
    {"code": "relevance", "label": "Relevance to the city's needs", "weight": 40},
    {"code": "feasibility", "label": "Feasibility", "weight": 60},
]
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)


def new_call(hub: ServiceContext, **extra: Any) -> str:
    data = {
        "title": "Youth voices 2027",
        "round": "1",
        "opens_on": TODAY - dt.timedelta(days=10),
        "closes_on": TODAY + dt.timedelta(days=20),
        "ceiling_minor": 1_500_00,
        "envelope_minor": 30_000_00,
        "pillars": ["youth_engagement", "city_voices"],
        "themes": ["participation"],
        "criteria": CRITERIA,
        **extra,
    }
    return calls.create_call(hub, data).id


def test_only_the_hub_writes_calls_and_notes(ctx: ServiceContext, hub: ServiceContext) -> None:
    call_id = new_call(hub)
    for attempt in (
        lambda: calls.create_call(ctx, {"title": "Mine"}),
        lambda: calls.update_call(ctx, call_id, {"title": "Changed"}),
        lambda: calls.publish_call(ctx, call_id),
        lambda: calls.create_note(ctx, {"title": "Note"}),
    ):
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert "regional hub" in caught.value.message
    assert calls.get_call(ctx, call_id).title == "Youth voices 2027"


def test_a_call_moves_draft_published_closed(hub: ServiceContext) -> None:
    call_id = new_call(hub)
    assert calls.get_call(hub, call_id).status == "draft"
    refused("status", calls.close_call, hub, call_id)
    calls.publish_call(hub, call_id)
    refused("status", calls.publish_call, hub, call_id)
    refused("status", calls.delete_call, hub, call_id)
    calls.close_call(hub, call_id)
    assert calls.get_call(hub, call_id).status == "closed"
    refused("status", calls.update_call, hub, call_id, {"title": "Late"})


def test_publishing_needs_a_closing_date_and_criteria(hub: ServiceContext) -> None:
    call_id = new_call(hub, closes_on=None, criteria=[])
    error = refused("closes_on", calls.publish_call, hub, call_id)
    assert "criteria" in error.by_field()
    assert calls.get_call(hub, call_id).status == "draft"


def test_a_draft_whose_closing_day_has_passed_is_not_published(hub: ServiceContext) -> None:
    """Every municipality would receive a call nobody can answer, left open at the hub."""
    call_id = new_call(hub, opens_on=TODAY - dt.timedelta(days=60))
    calls.update_call(hub, call_id, {"closes_on": TODAY - dt.timedelta(days=1)})
    error = refused("closes_on", calls.publish_call, hub, call_id)
    assert "has passed" in error.message
    assert calls.get_call(hub, call_id).status == "draft"
    calls.update_call(hub, call_id, {"closes_on": TODAY})  # open to the end of today
    assert calls.publish_call(hub, call_id).status == "published"


@pytest.mark.parametrize(("field", "change"), [("closes_on", {"closes_on": None}),
                                               ("criteria", {"criteria": []})])  # fmt: skip
def test_a_published_call_keeps_its_closing_date_and_criteria(
    hub: ServiceContext, field: str, change: dict[str, Any]
) -> None:
    call_id = new_call(hub)
    calls.publish_call(hub, call_id)
    error = refused(field, calls.update_call, hub, call_id, change)
    assert "published call keeps" in error.message
    call = calls.get_call(hub, call_id)
    assert call.closes_on == TODAY + dt.timedelta(days=20) and calls.parse_criteria(call.criteria)
    calls.update_call(hub, call_id, {"title": "Youth voices 2027, extended"})  # the rest changes


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("title", {"title": " "}),
        ("pillars", {"pillars": ["no_such_pillar"]}),
        ("themes", {"themes": ["a,b"]}),
        ("themes", {"themes": ["same", "same"]}),
        ("closes_on", {"opens_on": TODAY, "closes_on": TODAY - dt.timedelta(days=1)}),
        ("ceiling_minor", {"ceiling_minor": 5, "envelope_minor": 4}),
        ("criteria", {"criteria": [{"code": "x", "label": "X", "weight": 0}]}),
        ("criteria", {"criteria": [{"code": "x", "label": "X", "weight": 5}] * 2}),
        ("criteria", {"criteria": [{"code": "Bad code", "label": "X", "weight": 5}]}),
        ("criteria", {"criteria": [{"code": "x"}]}),
        ("criteria", {"criteria": [{"code": "x", "label": "X\x00", "weight": 5}]}),
        ("status", {"status": "published"}),
    ],
)
def test_bad_calls_are_refused(hub: ServiceContext, field: str, change: dict[str, Any]) -> None:
    refused(field, lambda: new_call(hub, **change))
    assert calls.list_calls(hub) == []


def test_the_rule_book_refuses_bad_criteria_text() -> None:
    problems = check("calls", {"criteria": "not json"})
    assert [p.field for p in problems] == ["criteria"]
    assert check("calls", {"criteria": '[{"code":"a","label":"A","weight":100}]'}) == []
    # A label's control characters and lone surrogates are escaped in the JSON text, where the
    # column's own rule does not see them; a hub's bundle carries them so to every city.
    for label in ("A\\u0000", "A\\ud800", "A\\u001b[31m"):
        criteria = '[{"code":"a","label":"' + label + '","weight":100}]'
        assert [p.field for p in check("calls", {"criteria": criteria})] == ["criteria"]


def test_criteria_for_a_proposal(ctx: ServiceContext, hub: ServiceContext) -> None:
    call_id = new_call(hub)
    calls.publish_call(hub, call_id)
    answering = fund.create_proposal(ctx, {"title": "Forum", "call_id": call_id})
    alone = fund.create_proposal(ctx, {"title": "Other"})
    with ctx.read() as session:
        found = calls.criteria_for(session, session.get(FundProposal, answering.id))
        assert [(c.code, c.weight) for c in found] == [("relevance", 40), ("feasibility", 60)]
        assert calls.criteria_for(session, session.get(FundProposal, alone.id)) == []


def test_a_proposal_answers_only_a_published_open_call(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    draft_call = new_call(hub)
    refused("call_id", fund.create_proposal, ctx, {"title": "Forum", "call_id": draft_call})
    calls.publish_call(hub, draft_call)
    calls.close_call(hub, draft_call)
    refused("call_id", fund.create_proposal, ctx, {"title": "Forum", "call_id": draft_call})


def _answering(ctx: ServiceContext, call_id: str, currency: str = "MKD") -> str:
    proposal = fund.create_proposal(ctx, {"title": "Forum", "summary": "Talk", "call_id": call_id})
    fund.add_budget_line(ctx, proposal.id, LINE)
    with ctx.transaction() as session:
        session.execute(
            update(FundProposal).where(FundProposal.id == proposal.id).values(currency=currency)
        )
    fill_sections(ctx, proposal.id)
    return proposal.id


def test_submitting_after_the_call_closed_is_refused(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    call_id = new_call(hub)
    calls.publish_call(hub, call_id)
    proposal_id = _answering(ctx, call_id)
    calls.close_call(hub, call_id)
    with pytest.raises(ValidationError) as caught:
        fund.transition(ctx, proposal_id, "submitted")
    assert "call_id" in caught.value.by_field()
    assert "Youth voices 2027" in caught.value.by_field()["call_id"]
    assert fund.get_proposal(ctx, proposal_id).status == "draft"


def test_submitting_past_the_closing_date_is_refused(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    call_id = new_call(hub)
    calls.publish_call(hub, call_id)
    proposal_id = _answering(ctx, call_id)
    with ctx.transaction() as session:  # the date passed while the call stayed published
        from hubdesk.domain import Call

        yesterday = TODAY - dt.timedelta(days=1)
        session.execute(update(Call).where(Call.id == call_id).values(closes_on=yesterday))
    refused("call_id", fund.transition, ctx, proposal_id, "submitted")


def test_the_ceiling_is_checked_for_a_proposal_in_euros(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    call_id = new_call(hub, ceiling_minor=99_999)  # the line costs 100 000 cents
    calls.publish_call(hub, call_id)
    in_euros = _answering(ctx, call_id, "EUR")
    error = refused("budget_lines", fund.transition, ctx, in_euros, "submitted")
    assert "ceiling" in error.by_field()["budget_lines"]
    in_denars = _answering(ctx, call_id, "MKD")  # no rate here: not judged by amount
    fund.transition(ctx, in_denars, "submitted")
    assert fund.get_proposal(ctx, in_denars).status == "submitted"


def test_an_approval_keeps_to_the_calls_ceiling_and_envelope_at_its_rate(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """A proposal in denars is judged in euros at the decision's rate: 10 million denars
    were approved against a ceiling of 5,000 euros, and the envelope was never checked."""
    call_id = new_call(hub, ceiling_minor=15_00, envelope_minor=30_00)
    calls.publish_call(hub, call_id)

    def under_review() -> str:
        proposal_id = _answering(ctx, call_id, "MKD")  # 1 000 MKD asked
        fund.transition(ctx, proposal_id, "submitted")
        fund.transition(hub, proposal_id, "under_review")
        return proposal_id

    def approve(proposal_id: str, denars: int) -> None:
        data = {"outcome": "approved", "amount_approved_minor": denars, "eur_rate": "61.5"}
        fund.record_decision(hub, proposal_id, data)

    first, second, third = under_review(), under_review(), under_review()
    error = refused("amount_approved_minor", approve, first, 100_000)  # €16.26
    assert "ceiling per proposal of €15.00" in error.by_field()["amount_approved_minor"]
    approve(first, 90_000)  # €14.63
    approve(second, 90_000)  # €29.26 of €30 approved
    error = refused("amount_approved_minor", approve, third, 10_000)  # €1.63 more
    assert "€29.26 of it is approved already" in error.by_field()["amount_approved_minor"]
    fund.record_decision(hub, third, {"outcome": "rejected"})  # a rejection is no approval


def test_a_rate_given_later_keeps_to_the_calls_ceiling_and_envelope(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """An approval recorded without a rate is not judged; the rate the hub gives it later is,
    as a decision made with it would be: 1 000 denars at 61.5 (€16.26) passed a ceiling of
    €15 that way, and the fund report showed it. The approval's own euros count once."""
    call_id = new_call(hub, ceiling_minor=15_00, envelope_minor=30_00)
    calls.publish_call(hub, call_id)

    def approved_without_rate(denars: int) -> str:
        proposal_id = _answering(ctx, call_id, "MKD")  # 1 000 MKD asked
        fund.transition(ctx, proposal_id, "submitted")
        fund.transition(hub, proposal_id, "under_review")
        data = {"outcome": "approved", "amount_approved_minor": denars}
        fund.record_decision(hub, proposal_id, data)
        return proposal_id

    def unchanged(proposal_id: str) -> None:
        decision = fund.get_decision(hub, proposal_id)
        assert decision is not None
        assert (decision.eur_rate, decision.amount_approved_eur_minor) == (None, None)

    over = approved_without_rate(100_000)
    error = refused("amount_approved_minor", fund_money.set_decision_rate, hub, over, "61.5")
    assert "€16.26 is more than the call's ceiling per proposal of €15.00" in error.message
    unchanged(over)

    first, second = approved_without_rate(90_000), approved_without_rate(90_000)
    assert fund_money.set_decision_rate(hub, first, "61.5").amount_approved_eur_minor == 14_63
    # €29.26 of €30: within the envelope (counting the second's own €14.63 twice is not)
    assert fund_money.set_decision_rate(hub, second, "61.5").amount_approved_eur_minor == 14_63
    third = approved_without_rate(10_000)  # €1.63 more
    error = refused("amount_approved_minor", fund_money.set_decision_rate, hub, third, "61.5")
    assert "€29.26 of it is approved already" in error.message
    unchanged(third)
    fund_money.set_decision_rate(hub, third, "200")  # €0.50: still within


def test_guidance_notes(ctx: ServiceContext, hub: ServiceContext) -> None:
    note = calls.create_note(hub, {"title": "How to budget", "body": "Count every day."})
    refused("title", calls.create_note, hub, {"title": ""})
    calls.publish_note(hub, note.id, TODAY)
    refused("published_on", calls.publish_note, hub, note.id)
    assert [n.title for n in calls.list_notes(ctx)] == ["How to budget"]


def test_submitting_before_the_call_opens_is_refused(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    call_id = new_call(hub, opens_on=TODAY + dt.timedelta(days=3))
    calls.publish_call(hub, call_id)
    proposal_id = _answering(ctx, call_id)
    error = refused("call_id", fund.transition, ctx, proposal_id, "submitted")
    assert "opens on" in error.by_field()["call_id"]
