"""The fund's money flow: the decision in euros with its schedule, tranches within the approved
amount, reports due and overdue, implementation reports against them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from proposal_filling import fill_sections, submit_on
from service_helpers import refused

from hubdesk import clock
from hubdesk.domain import FundDecision
from hubdesk.domain.enums import Role
from hubdesk.domain.fund_money import ReportState
from hubdesk.domain.money import eur_minor, parse_rate, rate_text
from hubdesk.i18n.formatting import format_date
from hubdesk.services import fund, fund_implementation, fund_money, rules
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError

TODAY = clock.today()
DAY = dt.timedelta(days=1)
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)


def under_review(ctx: ServiceContext, hub: ServiceContext) -> str:
    """A proposal of 1 000,00 MKD under the hub's review, submitted 40 days ago."""
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    submit_on(ctx, proposal_id, TODAY - 40 * DAY)
    fund.transition(hub, proposal_id, "under_review")
    return proposal_id


def approve(ctx: ServiceContext, hub: ServiceContext, **extra: Any) -> str:
    proposal_id = under_review(ctx, hub)
    data = {"outcome": "approved", "eur_rate": "61.5", "decided_on": TODAY - 30 * DAY, **extra}
    fund.record_decision(hub, proposal_id, data)
    return proposal_id


def test_rates_are_kept_exactly_and_euros_rounded_half_up() -> None:
    assert rate_text(parse_rate("61,500")) == "61.5"
    assert rate_text(parse_rate("117.2")) == "117.2"
    assert eur_minor(100_000, "MKD", parse_rate("61.5")) == 1626  # 16.2601… EUR
    assert eur_minor(125, "EUR", parse_rate("1")) == 125
    assert eur_minor(1, "RSD", parse_rate("200")) == 1  # 0.005 EUR rounds up to a cent
    for bad in ("0", "-1", "abc", "1.1234567", "NaN"):
        with pytest.raises(ValueError):
            parse_rate(bad)


def test_a_decision_records_the_rate_the_euro_amount_and_the_schedule(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal_id = approve(
        ctx, hub, interim_report_due=TODAY + 30 * DAY, final_report_due=TODAY + 90 * DAY
    )
    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None
    assert (decision.eur_rate, decision.amount_approved_eur_minor) == ("61.5", 1626)
    due = fund_money.list_reports_due(ctx, proposal_id)
    assert [(d.kind, d.due_on, d.state) for d in due] == [
        ("interim", TODAY + 30 * DAY, ReportState.DUE),
        ("final", TODAY + 90 * DAY, ReportState.DUE),
    ]


@pytest.mark.parametrize(
    ("field", "extra"),
    [
        ("eur_rate", {"eur_rate": "0"}),
        ("eur_rate", {"eur_rate": "sixty"}),
        ("eur_rate", {"eur_rate": "61.1234567"}),
        ("final_report_due", {"interim_report_due": TODAY + 60 * DAY, "final_report_due": TODAY}),
        ("interim_report_due", {"interim_report_due": TODAY - 40 * DAY}),
    ],
)
def test_a_bad_rate_or_schedule_is_refused_and_nothing_is_written(
    ctx: ServiceContext, hub: ServiceContext, field: str, extra: dict[str, Any]
) -> None:
    proposal_id = under_review(ctx, hub)
    data = {"outcome": "approved", "eur_rate": "61.5", "decided_on": TODAY - 30 * DAY, **extra}
    refused(field, fund.record_decision, hub, proposal_id, data)
    assert fund.get_decision(hub, proposal_id) is None
    assert fund_money.list_reports_due(hub) == []


def test_a_rejection_sets_no_schedule(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = under_review(ctx, hub)
    data = {"outcome": "rejected", "final_report_due": TODAY + DAY}
    refused("final_report_due", fund.record_decision, hub, proposal_id, data)


def test_tranches_stay_within_the_approved_amount(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = approve(ctx, hub)
    first = fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": 60_000})
    assert (first.number, first.amount_eur_minor) == (1, 976)  # 600 MKD at 61.5
    error = refused(
        "amount_minor",
        fund_money.add_tranche,
        hub,
        proposal_id,
        {"planned_on": TODAY, "amount_minor": 40_001},
    )
    assert "600" in error.message
    second = fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": 40_000})
    assert second.number == 2
    refused(
        "planned_on",
        fund_money.add_tranche,
        hub,
        proposal_id,
        {"planned_on": TODAY - 31 * DAY, "amount_minor": 1},
    )
    refused("amount_minor", fund_money.add_tranche, hub, proposal_id, {"planned_on": TODAY})


def test_paying_a_tranche(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = approve(ctx, hub)
    tranche = fund_money.add_tranche(
        hub, proposal_id, {"planned_on": TODAY, "amount_minor": 60_000}
    )
    refused(
        "paid_minor",
        fund_money.pay_tranche,
        hub,
        tranche.id,
        {"paid_on": TODAY, "paid_minor": 60_001},
    )
    refused("paid_on", fund_money.pay_tranche, hub, tranche.id, {"paid_on": TODAY + DAY})
    refused("paid_on", fund_money.pay_tranche, hub, tranche.id, {"paid_on": TODAY - 31 * DAY})
    paid = fund_money.pay_tranche(hub, tranche.id, {"paid_on": TODAY})
    assert (paid.paid_minor, paid.paid_eur_minor) == (60_000, 976)
    refused("paid_on", fund_money.pay_tranche, hub, tranche.id, {"paid_on": TODAY})
    refused("paid_on", fund_money.remove_tranche, hub, tranche.id)
    [line] = fund_money.list_tranches(ctx, proposal_id)
    assert line.state.value == "paid"


def test_a_tranche_paid_short_leaves_the_rest_to_plan(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """All 1 000 MKD planned in one tranche, 700 paid: the 300 left were neither payable nor
    plannable (the paid tranche counted at its plan), and no report showed them owed."""
    proposal_id = approve(ctx, hub)
    whole = fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": 100_000})
    fund_money.pay_tranche(hub, whole.id, {"paid_on": TODAY, "paid_minor": 70_000})
    error = refused(
        "amount_minor",
        fund_money.add_tranche,
        hub,
        proposal_id,
        {"planned_on": TODAY, "amount_minor": 30_001},
    )
    assert "already planned or paid" in error.message and "700" in error.message
    rest = fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": 30_000})
    assert rest.number == 2
    error = refused(
        "paid_on", fund_money.pay_tranche, hub, whole.id, {"paid_on": TODAY, "paid_minor": 1}
    )
    assert "already paid on" in error.message and TODAY.isoformat() not in error.message


def test_the_tranches_euros_add_up_to_the_approvals(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """Each tranche rounded on its own: three thirds of 1 000 MKD at 61.7 made 16.20 euros
    planned and disbursed of 16.21 committed."""
    proposal_id = approve(ctx, hub, eur_rate="61.7")
    parts = [
        fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": amount})
        for amount in (33_333, 33_333, 33_334)
    ]
    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None and decision.amount_approved_eur_minor == 1_621
    assert sum(t.amount_eur_minor for t in parts) == 1_621
    paid = [fund_money.pay_tranche(hub, t.id, {"paid_on": TODAY}).paid_eur_minor for t in parts]
    assert sum(paid) == 1_621 and paid == [540, 540, 541]


def test_only_the_hub_plans_and_pays(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = approve(ctx, hub)
    with pytest.raises(PermissionDenied):
        fund_money.add_tranche(ctx, proposal_id, {"planned_on": TODAY, "amount_minor": 1})
    tranche = fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": 1})
    with pytest.raises(PermissionDenied):
        fund_money.pay_tranche(ctx, tranche.id, {"paid_on": TODAY})


def test_no_tranche_before_approval(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = under_review(ctx, hub)
    refused(
        "proposal_id",
        fund_money.add_tranche,
        hub,
        proposal_id,
        {"planned_on": TODAY, "amount_minor": 1},
    )


def test_an_old_approval_gets_its_rate_once(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = under_review(ctx, hub)
    fund.record_decision(hub, proposal_id, {"outcome": "approved"})
    refused(
        "eur_rate",
        fund_money.add_tranche,
        hub,
        proposal_id,
        {"planned_on": TODAY, "amount_minor": 1},
    )
    decision = fund_money.set_decision_rate(hub, proposal_id, "61.5")
    assert decision.amount_approved_eur_minor == 1626
    refused("eur_rate", fund_money.set_decision_rate, hub, proposal_id, "60")
    fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": 1})


def test_reports_fall_overdue_and_are_answered(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = approve(
        ctx, hub, interim_report_due=TODAY - 10 * DAY, final_report_due=TODAY + 30 * DAY
    )
    [overdue] = fund_money.overdue_reports(ctx)
    assert (overdue.kind, overdue.days_overdue) == ("interim", 10)
    assert [d.id for d in fund_money.overdue_reports(hub)] == [overdue.id]
    with pytest.raises(ValidationError):  # not in implementation yet
        fund_money.submit_due_report(ctx, overdue.id, "Half done")
    fund.transition(ctx, proposal_id, "in_implementation")
    refused("results", fund_money.submit_due_report, ctx, overdue.id, "  ")
    fund_money.submit_due_report(ctx, overdue.id, "Half done")
    refused("due_id", fund_money.submit_due_report, ctx, overdue.id, "Again")
    assert fund_money.overdue_reports(ctx) == []
    later = fund_money.overdue_reports(ctx, today=TODAY + 31 * DAY)
    assert [d.kind for d in later] == ["final"]
    final = later[0]
    fund_money.submit_due_report(ctx, final.id, "All done")
    proposal = fund.get_proposal(ctx, proposal_id)
    assert (proposal.results, proposal.report_submitted_on) == ("All done", TODAY)
    assert [r.kind for r in fund_money.list_reports(hub, proposal_id)] == ["interim", "final"]
    fund.transition(ctx, proposal_id, "completed")


def test_a_proposal_is_completed_once_its_reports_due_are_in(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """Completed with its interim report skipped, a proposal took no report any more: the
    interim stayed overdue on every list and dashboard for good. The completion now waits for
    the reports the hub asked for, and says which."""
    proposal_id = approve(
        ctx, hub, interim_report_due=TODAY - 10 * DAY, final_report_due=TODAY + 30 * DAY
    )
    fund.transition(ctx, proposal_id, "in_implementation")
    fund_implementation.submit_report(ctx, proposal_id, "All done")  # the final, on its tab
    with pytest.raises(ValidationError) as caught:
        fund.transition(ctx, proposal_id, "completed")
    assert caught.value.message == (
        "Submit the reports due before completing: Interim report, due on "
        f"{format_date(TODAY - 10 * DAY)}."
    )
    assert fund.get_proposal(ctx, proposal_id).status == "in_implementation"
    [interim] = fund_money.overdue_reports(ctx)
    fund_money.submit_due_report(ctx, interim.id, "Half done")
    fund.transition(ctx, proposal_id, "completed")
    assert fund_money.list_reports_due(hub, proposal_id, today=TODAY + 60 * DAY)
    assert fund_money.overdue_reports(hub, today=TODAY + 60 * DAY) == []


def test_a_field_laptop_shows_the_reports_due_and_the_office_submits_them(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """The office and its laptop each submitted a report for one due while apart, and both
    reached the hub. Like a quarter or a needs assessment, a report is the office's word to
    the hub: the laptop is told so, in its language, and writes nothing."""
    from hubdesk.domain.fund_money import FundReport

    laptop = ServiceContext(ctx.db, "field-laptop", Role.FIELD, ctx.municipality_id, ctx.clock)
    proposal_id = approve(ctx, hub, interim_report_due=TODAY - DAY)
    fund.transition(ctx, proposal_id, "in_implementation")
    [due] = fund_money.list_reports_due(laptop, proposal_id)
    submits = fund_implementation.may_submit_reports
    assert not submits(laptop) and not submits(hub)
    assert fund_implementation.may_submit_reports(ctx)
    with pytest.raises(PermissionDenied) as caught:
        fund_money.submit_due_report(laptop, due.id, "From the field")
    assert caught.value.msgid == fund_implementation.OFFICE_REPORTS  # translated where it is shown
    assert str(caught.value).startswith("Only the municipality's own PC submits")
    with ctx.read() as session:
        assert session.query(FundReport).count() == 0
    fund_money.submit_due_report(ctx, due.id, "From the office")
    assert [r.results for r in fund_money.list_reports(hub, proposal_id)] == ["From the office"]


def test_a_final_report_from_before_counts(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal_id = approve(ctx, hub, final_report_due=TODAY + DAY)
    fund.transition(ctx, proposal_id, "in_implementation")
    fund.submit_report(ctx, proposal_id, "Done the old way")
    [due] = fund_money.list_reports_due(ctx, proposal_id, today=TODAY + 5 * DAY)
    assert due.state is ReportState.SUBMITTED


def test_both_dashboards_count_the_reports_owed_and_overdue(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    from hubdesk.services import dashboard

    assert dashboard.reports_due(ctx) == dashboard.reports_due(hub)
    assert dashboard.reports_due(hub).open == 0
    approve(ctx, hub, interim_report_due=TODAY - 2 * DAY, final_report_due=TODAY + 9 * DAY)
    for side in (ctx, hub):
        summary = dashboard.reports_due(side)
        assert (summary.open, summary.overdue) == (2, 1)
    assert dashboard.reports_due(hub, today=TODAY + 10 * DAY).overdue == 2


def test_a_bundle_s_decision_with_a_report_due_by_its_day_is_refused(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """The service refuses a report due on or before the decision; a decision a bundle brings
    is judged by the same rule, in the rule book the import applies (row and column forms)."""
    proposal_id = approve(ctx, hub, interim_report_due=TODAY - 20 * DAY)
    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None
    good = {c.name: getattr(decision, c.key) for c in FundDecision.__table__.columns}
    decided = good["decided_on"]
    assert rules.check("fund_decisions", good) == []
    assert rules.check_columns("fund_decisions", {k: [v] for k, v in good.items()}, [good])
    for name in ("interim_report_due", "final_report_due"):
        for due in (decided, decided - 10 * DAY):
            bad = {**good, "interim_report_due": None, name: due}
            assert [p.field for p in rules.check("fund_decisions", bad)] == [name]
            columns = {k: [v] for k, v in bad.items()}
            assert not rules.check_columns("fund_decisions", columns, [bad])
