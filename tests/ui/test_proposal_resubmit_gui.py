"""The hub asked for changes after the call closed: the city edits its proposal and submits it
again from the proposal's window, as it would have before the closing date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import click, open_tab, type_into
from proposal_filling import fill_sections
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.services import calls, fund
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.proposal import ProposalDialog

LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


def sent_back_after_closing(ctx: ServiceContext) -> str:
    """A proposal submitted in time, sent back for changes by the hub after its call closed."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    call = calls.create_call(
        hub,
        {
            "title": "Youth voices 2027",
            "opens_on": clock.today() - dt.timedelta(days=10),
            "closes_on": clock.today() + dt.timedelta(days=20),
            "criteria": [{"code": "relevance", "label": "Relevance", "weight": 100}],
        },
    )
    calls.publish_call(hub, call.id)
    proposal = fund.create_proposal(ctx, {"title": "Forum", "summary": "Talk", "call_id": call.id})
    fund.add_budget_line(ctx, proposal.id, LINE)
    fill_sections(ctx, proposal.id)
    fund.transition(ctx, proposal.id, "submitted")
    calls.close_call(hub, call.id)
    fund.transition(hub, proposal.id, "under_review")
    fund.record_decision(hub, proposal.id, {"outcome": "changes_requested", "comments": "Fit."})
    return proposal.id


def test_a_city_resubmits_after_the_call_closed(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    proposal_id = sent_back_after_closing(ctx)
    dialog = ProposalDialog(ctx, proposal_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    assert f["call_id"].widget.currentText() == "Youth voices 2027"  # closed, still its call
    type_into(qtbot, f["title"].widget, "Forum, smaller")
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    submit = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert submit is not None
    click(qtbot, submit)
    assert any("Submit this proposal" in question for question in answers.asked)
    assert f["call_id"].error.text() == ""
    proposal = fund.get_proposal(ctx, proposal_id)
    assert (proposal.status, proposal.title) == (ProposalStatus.SUBMITTED, "Forum, smaller")
    assert proposal.call_id is not None
    assert dialog.status_tab.status.text() == "Status: Submitted"
