"""The sections a reviewer reads: the rule books of activities and indicators, submitting
refused with every empty section named in one message, results only once implemented."""

from __future__ import annotations

import datetime as dt

import pytest
from proposal_filling import ACTIVITY, INDICATOR, SECTIONS, fill_sections
from sqlalchemy import select

from hubdesk import i18n
from hubdesk.domain import ProposalActivity, ProposalIndicator
from hubdesk.domain.enums import Role
from hubdesk.services import fund, proposal_sections, rules
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError

LINE = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 90_000}
ALL_MISSING = (
    "Need addressed, Workplan, Indicators, Beneficiaries, Sustainability, Risks to "
    "participants and communities, Sensitive groups involved, How stigma and securitisation "
    "are avoided, Data protection, Mitigation"
)


def ready_but_sections(ctx: ServiceContext, **extra: str) -> str:
    proposal_id = fund.create_proposal(ctx, {"title": "Youth forum", "summary": "s", **extra}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    return proposal_id


def submit_refusal(ctx: ServiceContext, proposal_id: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        fund.transition(ctx, proposal_id, "submitted")
    assert fund.get_proposal(ctx, proposal_id).status == "draft"  # nothing changed
    return caught.value


def test_submitting_names_every_empty_section_in_one_message(ctx: ServiceContext) -> None:
    proposal_id = ready_but_sections(ctx)
    error = submit_refusal(ctx, proposal_id)
    assert error.by_field() == {
        "sections": f"Before submitting, fill in these sections: {ALL_MISSING}."
    }
    i18n.set_language("sq")
    try:  # the names are translated when the message is read, in the language read in
        text = error.by_field()["sections"]
        assert text.startswith("Para dorëzimit plotësoni këto seksione: Nevoja që adreson, ")
        assert "Mbrojtja e të dhënave" in text and "Plani i punës" in text
    finally:
        i18n.set_language("en")
    fund.update_proposal(ctx, proposal_id, {**SECTIONS, "dnh_mitigation": "  "})
    proposal_sections.add_activity(ctx, proposal_id, ACTIVITY)
    left = submit_refusal(ctx, proposal_id).by_field()["sections"]
    assert left == "Before submitting, fill in these sections: Indicators, Mitigation."
    proposal_sections.add_indicator(ctx, proposal_id, INDICATOR)
    fund.update_proposal(ctx, proposal_id, {"dnh_mitigation": "A companion at every event."})
    assert fund.transition(ctx, proposal_id, "submitted").status == "submitted"


def test_partners_roles_are_asked_for_only_where_partners_are_named(ctx: ServiceContext) -> None:
    alone = ready_but_sections(ctx)
    fill_sections(ctx, alone)
    assert fund.transition(ctx, alone, "submitted").status == "submitted"
    with_partners = ready_but_sections(ctx, partners="Youth council")
    fill_sections(ctx, with_partners, partner_roles="")
    error = submit_refusal(ctx, with_partners)
    assert error.by_field()["sections"].endswith("these sections: Partners' roles.")


def test_a_deleted_activity_no_longer_counts(ctx: ServiceContext) -> None:
    proposal_id = ready_but_sections(ctx)
    fill_sections(ctx, proposal_id)
    (activity,) = proposal_sections.list_activities(ctx, proposal_id)
    proposal_sections.delete_activity(ctx, activity.id)
    assert "Workplan" in submit_refusal(ctx, proposal_id).message


def test_activities_and_indicators_keep_their_rules(ctx: ServiceContext) -> None:
    proposal_id = ready_but_sections(ctx)
    start = dt.date(2026, 5, 1)
    bad_activities = [
        ({"title": "", "starts_on": start}, "title"),
        ({"title": "A", "starts_on": start, "ends_on": start - dt.timedelta(days=1)}, "ends_on"),
        ({"title": "A"}, "starts_on"),
    ]
    for data, field in bad_activities:
        with pytest.raises(ValidationError) as caught:
            proposal_sections.add_activity(ctx, proposal_id, data)
        assert field in caught.value.by_field(), data
    bad_indicators = [
        ({"name": "People", "target": -1}, "target"),
        ({"name": "People", "target": 5, "gender": "robot"}, "gender"),
        ({"name": "People", "target": 5, "age_band": "99_100"}, "age_band"),
        ({"name": "People", "target": 2_000_000}, "target"),
        ({"name": " ", "target": 5}, "name"),
    ]
    for data, field in bad_indicators:
        with pytest.raises(ValidationError) as caught:
            proposal_sections.add_indicator(ctx, proposal_id, data)
        assert field in caught.value.by_field(), data
    assert proposal_sections.list_indicators(ctx, proposal_id) == []
    made = proposal_sections.add_indicator(
        ctx, proposal_id, {"name": "Girls 15-19", "target": 30, "gender": "", "age_band": "15_19"}
    )
    assert made.gender is None and made.age_band == "15_19" and made.baseline == 0


def test_the_bundle_rule_book_judges_the_new_rows_as_the_forms_do() -> None:
    row = {"title": "Workshops", "starts_on": dt.date(2026, 5, 2), "ends_on": dt.date(2026, 5, 1)}
    assert [p.field for p in rules.check("proposal_activities", row)] == ["ends_on"]
    indicator = {"name": "x", "unit": "", "baseline": -3, "target": 1, "result": None,
                 "gender": "female", "age_band": None, "verification": ""}  # fmt: skip
    assert [p.field for p in rules.check("proposal_indicators", indicator)] == ["baseline"]
    # A proposal written before the sections existed is still a valid record.
    old = {"title": "Old", "reference": "MK-2024-001", "need": "", "dnh_risks": ""}
    assert rules.check("fund_proposals", old) == []


def test_results_are_entered_once_implemented(ctx: ServiceContext) -> None:
    proposal_id = ready_but_sections(ctx)
    fill_sections(ctx, proposal_id)
    (indicator,) = proposal_sections.list_indicators(ctx, proposal_id)
    with pytest.raises(ValidationError) as caught:
        proposal_sections.record_result(ctx, indicator.id, 70)
    assert caught.value.field == "status"
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    fund.transition(ctx, proposal_id, "submitted")
    with pytest.raises(ValidationError):  # and the sections are frozen once submitted
        proposal_sections.add_activity(ctx, proposal_id, ACTIVITY)
    fund.transition(hub, proposal_id, "under_review")
    fund.record_decision(hub, proposal_id, {"outcome": "approved"})
    fund.transition(ctx, proposal_id, "in_implementation")
    assert proposal_sections.record_result(ctx, indicator.id, 70).result == 70
    with pytest.raises(ValidationError):
        proposal_sections.record_result(ctx, indicator.id, -5)
    assert proposal_sections.list_indicators(ctx, proposal_id)[0].result == 70


def test_deleting_a_draft_tombstones_its_workplan_and_indicators(ctx: ServiceContext) -> None:
    proposal_id = ready_but_sections(ctx)
    fill_sections(ctx, proposal_id)
    fund.delete_proposal(ctx, proposal_id)
    with ctx.read() as session:
        for model in (ProposalActivity, ProposalIndicator):
            rows = session.scalars(select(model).where(model.proposal_id == proposal_id)).all()
            assert rows and all(row.deleted for row in rows)


def test_a_proposal_submitted_before_the_sections_goes_on_without_them(
    ctx: ServiceContext,
) -> None:
    """As a proposal submitted by an older HubDesk (or the demo's history) arrives: submitted,
    with no sections. Review, decision and implementation do not ask for them."""
    from hubdesk.domain import ProposalStatusChange
    from hubdesk.domain.base import utcnow
    from hubdesk.services import records
    from hubdesk.services.fund_workflow import refresh_status

    old = ready_but_sections(ctx)
    with ctx.transaction() as session:
        proposal = session.merge(fund.get_proposal(ctx, old))
        change = {"proposal_id": old, "from_status": "draft", "to_status": "submitted",
                  "changed_at": utcnow(), "by_role": "municipality", "comment": ""}  # fmt: skip
        records.create(session, ctx, ProposalStatusChange, change)
        session.flush()
        refresh_status(session, proposal)
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    fund.transition(hub, old, "under_review")
    fund.record_decision(hub, old, {"outcome": "approved"})
    assert fund.transition(ctx, old, "in_implementation").status == "in_implementation"
