"""The fund's money in the proposal editor: the hub decides in euros with a schedule, plans and
pays tranches; the municipality submits the report due against the schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import choose, choose_row, click, open_tab, set_date, set_number, type_into
from proposal_filling import fill_sections, submit_on
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from hubdesk import clock
from hubdesk.domain import FundProposal
from hubdesk.domain.enums import Role
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.services import fund, fund_money
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.proposal import ProposalDialog

TODAY = clock.today()
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


def _open(qtbot: QtBot, ctx: ServiceContext, proposal_id: str) -> ProposalDialog:
    dialog = ProposalDialog(ctx, proposal_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_hub_decides_in_euros_then_plans_and_pays(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")

    dialog = _open(qtbot, hub, proposal_id)
    tab = dialog.decision_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(tab))
    f = tab.fields.fields
    choose(f["outcome"].widget, "approved")
    set_number(f["amount_approved_minor"].widget, 1000.0)
    type_into(qtbot, f["eur_rate"].widget, "61,5")
    assert tab.money.euros.text() == "€16.26"  # computed as the service will store it
    set_date(f["interim_report_due"].widget, TODAY - dt.timedelta(days=1))
    click(qtbot, tab.record_button)
    assert "interim_report_due" in f and f["interim_report_due"].error.text()
    set_date(f["interim_report_due"].widget, TODAY + dt.timedelta(days=30))
    set_date(f["final_report_due"].widget, TODAY + dt.timedelta(days=90))
    click(qtbot, tab.record_button)
    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None and decision.eur_rate == "61.5"
    assert "€16.26" in tab.summary.text()

    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    assert money.reports.rowCount() == 2
    set_number(money.plan_amount, 2000.0)  # more than approved: refused, shown in the tab
    click(qtbot, money.plan_button)
    assert "cannot exceed" in money.error.text()
    assert fund_money.list_tranches(hub, proposal_id) == []
    set_number(money.plan_amount, 600.0)
    click(qtbot, money.plan_button)
    assert money.tranches.rowCount() == 1
    click(qtbot, money.pay_button)  # nothing chosen yet
    assert money.error.text() == "Choose a tranche first."
    choose_row(money.tranches, 0)
    click(qtbot, money.pay_button)
    [tranche] = fund_money.list_tranches(hub, proposal_id)
    assert (tranche.paid_on, tranche.paid_eur_minor) == (TODAY, 976)
    assert not money.submit_button.isVisibleTo(dialog)  # the hub does not report


def test_the_municipality_submits_a_report_due(qtbot: QtBot, small_team: Any, answers: Any) -> None:
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    due = {"interim_report_due": TODAY + dt.timedelta(days=5)}
    fund.record_decision(hub, proposal_id, {"outcome": "approved", **due})
    fund.transition(ctx, proposal_id, "in_implementation")

    dialog = _open(qtbot, ctx, proposal_id)
    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    assert not money.hub_row.isVisibleTo(dialog)  # only the hub plans and pays
    choose_row(money.reports, 0)
    type_into(qtbot, money.report_text, "Two of four workshops held")
    click(qtbot, money.submit_button)
    [line] = fund_money.list_reports_due(ctx, proposal_id)
    assert line.submitted_on == TODAY
    assert money.reports.item(0, 2).text() == "Submitted"


def test_a_field_laptop_is_told_the_office_submits_the_report(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """A laptop showed the report box and its button, and its report became a second one for
    the same due once it reached the office and the hub. It now says who submits, and offers
    no submission."""
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    laptop = ServiceContext(ctx.db, "field-laptop", Role.FIELD, ctx.municipality_id, ctx.clock)
    proposal_id = _approved(ctx, hub, {"interim_report_due": TODAY + dt.timedelta(days=5)})
    fund.transition(ctx, proposal_id, "in_implementation")

    dialog = _open(qtbot, laptop, proposal_id)
    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    assert money.reports.rowCount() == 1
    assert not money.submit_button.isVisibleTo(dialog)
    assert not money.report_text.isVisibleTo(dialog)
    assert money.office_note.isVisible()
    assert money.office_note.text().startswith("Only the municipality's own PC submits")

    at_office = _open(qtbot, ctx, proposal_id)
    office = at_office.money_tab
    open_tab(qtbot, at_office.tabs, at_office.tabs.indexOf(office))
    assert not office.office_note.isVisibleTo(at_office)
    assert office.submit_button.isVisibleTo(at_office)


def _approved(ctx: ServiceContext, hub: ServiceContext, decision: dict[str, Any]) -> str:
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    fund.record_decision(hub, proposal_id, {"outcome": "approved", **decision})
    return proposal_id


def test_a_tranche_planned_by_mistake_is_removed_and_each_field_is_named(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """The hub planned 900 instead of 90 and the window had no way back (only the command
    line removed a tranche): the approved amount stayed taken. Now the chosen planned tranche
    is removed after a question; a paid one stays, and the tab says so. The date and amount
    fields beside the buttons had no names and showed "12/2026"; now each has its label and
    shows the whole date."""
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = _approved(ctx, hub, {"eur_rate": "61.5"})
    dialog = _open(qtbot, hub, proposal_id)
    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    for label, text in (
        (money.plan_on_label, "Planned for"),
        (money.amount_label, "Amount"),
        (money.pay_on_label, "Paid on"),
    ):
        assert label.isVisible() and label.text() == text
    for field in (money.plan_on, money.pay_on):
        edit = field.edit
        shown = edit.fontMetrics().horizontalAdvance(edit.text())
        assert shown <= edit.contentsRect().width() - 4, f"{edit.text()!r} is cut"
    set_number(money.plan_amount, 900.0)
    click(qtbot, money.plan_button)
    set_number(money.plan_amount, 100.0)
    click(qtbot, money.plan_button)
    assert money.tranches.rowCount() == 2
    click(qtbot, money.remove_button)  # nothing chosen yet
    assert money.error.text() == "Choose a tranche first."
    choose_row(money.tranches, 0)
    answers.confirm = False  # the person thinks again: nothing changes
    click(qtbot, money.remove_button)
    assert len(fund_money.list_tranches(hub, proposal_id)) == 2
    answers.confirm = True
    click(qtbot, money.remove_button)
    assert answers.asked[-1] == "Remove tranche 1? Its amount can be planned again."
    [left] = fund_money.list_tranches(hub, proposal_id)
    assert (left.number, left.amount_minor) == (2, 100_00)
    assert money.tranches.rowCount() == 1
    choose_row(money.tranches, 0)
    click(qtbot, money.pay_button)
    choose_row(money.tranches, 0)
    click(qtbot, money.remove_button)  # paid: a fact, it stays
    assert money.error.text() == "Tranche 2 is paid and stays on record."
    assert len(fund_money.list_tranches(hub, proposal_id)) == 1


def test_an_approval_without_its_rate_gets_it_where_the_tranches_are_planned(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """An approval recorded without a euro rate (the field is optional) left the hub stuck:
    planning a tranche said "enter the rate it was approved at first", and no field in the
    window took it. Now the tranches tab asks for the rate until it is given."""
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = _approved(ctx, hub, {})
    dialog = _open(qtbot, hub, proposal_id)
    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    set_number(money.plan_amount, 100.0)
    click(qtbot, money.plan_button)
    assert "has no euro rate yet" in money.error.text()
    assert money.rate_label.isVisible() and money.rate_label.text() == "Euro rate"
    type_into(qtbot, money.rate, "sixty")
    click(qtbot, money.rate_button)
    assert money.error.text() and fund.get_decision(hub, proposal_id).eur_rate is None
    type_into(qtbot, money.rate, "61,5")
    click(qtbot, money.rate_button)
    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None and decision.eur_rate == "61.5"
    assert not money.rate.isVisible()  # given once; tranches are computed at it
    assert "61.5" in dialog.decision_tab.summary.text()
    set_number(money.plan_amount, 100.0)
    click(qtbot, money.plan_button)
    [tranche] = fund_money.list_tranches(hub, proposal_id)
    assert tranche.amount_eur_minor == 163


def test_a_municipality_is_not_asked_for_the_rate(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = _approved(ctx, hub, {})
    dialog = _open(qtbot, ctx, proposal_id)
    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    assert not money.rate.isVisibleTo(dialog) and not money.remove_button.isVisibleTo(dialog)


def test_the_decision_starts_from_the_amount_requested(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """The decision form offered "0" to approve, which is refused, and kept an amount typed
    for an approval when the hub then chose to ask for changes ("Only an approval grants an
    amount"). Now an approval starts from the amount requested, and another outcome grants
    nothing: its amount is 0 and cannot be typed."""
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    dialog = _open(qtbot, hub, proposal_id)
    tab = dialog.decision_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(tab))
    f = tab.fields.fields
    amount = f["amount_approved_minor"].widget
    choose(f["outcome"].widget, "approved")
    assert amount.minor() == 100_000 and amount.isEnabled()  # 2 × 500,00 MKD requested
    choose(f["outcome"].widget, "changes_requested")
    assert amount.minor() == 0 and not amount.isEnabled()
    type_into(qtbot, f["comments"].widget, "Name the schools, please.")
    click(qtbot, tab.record_button)
    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None and decision.outcome == "changes_requested"
    assert decision.amount_approved_minor == 0


def test_a_decision_dated_before_the_submission_is_named_on_its_date(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    submitted = TODAY - dt.timedelta(days=3)
    submit_on(ctx, proposal_id, submitted)
    fund.transition(hub, proposal_id, "under_review")
    dialog = _open(qtbot, hub, proposal_id)
    tab = dialog.decision_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(tab))
    f = tab.fields.fields
    choose(f["outcome"].widget, "rejected")
    set_date(f["decided_on"].widget, dt.date(2020, 1, 1))
    click(qtbot, tab.record_button)
    assert format_date(submitted) in f["decided_on"].error.text()
    assert fund.get_decision(hub, proposal_id) is None
    set_date(f["decided_on"].widget, submitted)
    click(qtbot, tab.record_button)
    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None and decision.decided_on == submitted


def test_the_payment_button_is_whole_in_a_long_language(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """In Serbian beside the remove button, at the dialog's size on a 1366x768 screen, it read
    "...зидентирај исплату изабране транш..."."""
    from hubdesk import i18n

    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = _approved(ctx, hub, {"eur_rate": "61.5"})
    with i18n.language("sr_Cyrl"):
        dialog = _open(qtbot, hub, proposal_id)
        dialog.resize(1018, 736)
        money = dialog.money_tab
        open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
        for button in (money.plan_button, money.pay_button, money.remove_button):
            assert button.isVisible()
            assert button.width() >= button.sizeHint().width(), button.text()


def test_a_tranche_paid_short_shows_what_was_paid(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """The hub planned 1000 and paid 900 (``hubdesk tranches pay --amount``): the tab showed
    the planned 1000 and its euros beside "Paid", while the printed report, the command line
    and the fund overview said 900 was disbursed. Now the tab shows what was paid, at the hub
    and at the municipality alike."""
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = _approved(ctx, hub, {"eur_rate": "61.5"})
    planned = fund_money.add_tranche(
        hub, proposal_id, {"planned_on": TODAY, "amount_minor": 100_000}
    )
    fund_money.pay_tranche(hub, planned.id, {"paid_on": TODAY, "paid_minor": 90_000})
    [line] = fund_money.list_tranches(hub, proposal_id)
    paid = (format_money(90_000, line.currency), format_money(1463, "EUR"))
    assert line.paid_eur_minor == 1463
    for who in (hub, ctx):
        dialog = _open(qtbot, who, proposal_id)
        money = dialog.money_tab
        open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
        assert money.tranches.isVisible()
        shown = tuple(money.tranches.item(0, c).text() for c in (2, 3, 5))
        assert shown == (*paid, "Paid")


def test_a_tranche_amount_that_is_no_amount_is_refused(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """ "1.000,555" denars planned a tranche of 1,000.55: the field's last readable amount."""
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = _approved(ctx, hub, {"eur_rate": "61.5"})
    dialog = _open(qtbot, hub, proposal_id)
    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    type_into(qtbot, money.plan_amount, "1.000,555")
    click(qtbot, money.plan_button)
    assert money.error.text() == "'1.000,555' has more decimals than an amount in MKD can have."
    assert fund_money.list_tranches(hub, proposal_id) == []


def test_a_rejection_shows_no_euro_amount(qtbot: QtBot, ctx: ServiceContext) -> None:
    """A proposal in euros has the rate 1 whatever the outcome: its rejection had read "In
    euros: €0.00 (at 1 EUR for 1 EUR)" at the hub and, once received, at the municipality."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    with ctx.transaction() as session:  # a municipality of Kosovo or Montenegro
        session.execute(
            update(FundProposal).where(FundProposal.id == proposal_id).values(currency="EUR")
        )
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    dialog = _open(qtbot, hub, proposal_id)
    tab = dialog.decision_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(tab))
    choose(tab.fields.fields["outcome"].widget, "rejected")
    click(qtbot, tab.record_button)
    assert tab.summary.text().startswith("Decision: Rejected")
    assert "euros" not in tab.summary.text()
    town = _open(qtbot, ctx, proposal_id).decision_tab
    assert town.summary.text().startswith("Decision: Rejected")
    assert "euros" not in town.summary.text()
