"""The fund's money in the proposal editor: the hub decides in euros with a schedule, plans and
pays tranches; the municipality submits the report due against the schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import choose, choose_row, click, open_tab, set_date, set_number, type_into
from proposal_filling import fill_sections
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain.enums import Role
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
