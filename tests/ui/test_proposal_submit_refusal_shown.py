"""A submission refused for its budget says so where the person looks: the Budget tab comes up.

The budget's refusals (no line yet, more asked than the call's ceiling) have no field of their
own, only a line on the Budget tab; Submit is pressed on the Status tab, so the message was
written on a tab not shown and the button seemed to do nothing."""

from __future__ import annotations

from typing import Any

from gui import click, open_tab, show_window
from proposal_filling import fill_sections
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import ProposalStatus
from hubdesk.services import fund
from hubdesk.ui.editors.proposal import ProposalDialog


def test_a_submission_refused_for_its_budget_shows_the_budget_tab(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    proposal_id = fund.create_proposal(ctx, {"title": "Safe schools", "summary": "Mediators"}).id
    fill_sections(ctx, proposal_id)  # everything but a budget line
    dialog = ProposalDialog(ctx, proposal_id)
    qtbot.addWidget(dialog)
    show_window(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    submit = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert submit is not None
    click(qtbot, submit)
    assert any("Submit this proposal" in question for question in answers.asked)
    assert fund.get_proposal(ctx, proposal_id).status == ProposalStatus.DRAFT
    assert dialog.tabs.currentWidget() is dialog.budget
    error = dialog.budget.error
    assert error.isVisible()
    assert error.text() == "Add at least one budget line before submitting."
