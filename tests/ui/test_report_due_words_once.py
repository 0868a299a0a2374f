"""A report due's words go to the hub once: the box is empty for the next report due.

The interim report's words stayed in the box after it was submitted; choosing the final
report and pressing Submit sent them again, unread, as the final report, which the hub keeps
and the municipality can no longer change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import choose_row, click, open_tab, show_window, type_into
from proposal_filling import fill_sections
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain.enums import Role
from hubdesk.services import fund, fund_money
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.proposal import ProposalDialog

LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


def test_the_interim_reports_words_are_not_sent_again_as_the_final_report(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    today = clock.today()
    due = {
        "interim_report_due": today + dt.timedelta(days=5),
        "final_report_due": today + dt.timedelta(days=60),
    }
    fund.record_decision(hub, proposal_id, {"outcome": "approved", **due})
    fund.transition(ctx, proposal_id, "in_implementation")

    dialog = ProposalDialog(ctx, proposal_id)
    qtbot.addWidget(dialog)
    show_window(qtbot, dialog)
    money = dialog.money_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(money))
    choose_row(money.reports, 0)  # the interim report, due first
    type_into(qtbot, money.report_text, "Two of four workshops held")
    click(qtbot, money.submit_button)
    assert money.reports.item(0, 2).text() == "Submitted"
    assert money.report_text.toPlainText() == ""

    choose_row(money.reports, 1)  # the final report: nothing written for it yet
    click(qtbot, money.submit_button)
    assert money.error.text() == "This field is required."
    reports = fund_money.list_reports(ctx, proposal_id)
    assert [(r.kind, r.results) for r in reports] == [("interim", "Two of four workshops held")]
