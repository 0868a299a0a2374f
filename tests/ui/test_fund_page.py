"""Drafting a proposal with its budget, submitting it, and seeing it become read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import ProposalStatus
from hubdesk.services import fund
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.editors.proposal_budget import BudgetLineDialog
from hubdesk.ui.editors.proposal_workflow import ReportTab
from hubdesk.ui.pages.fund import FundPage


def test_draft_and_submit_a_proposal(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    ctx = small_team.ctx
    dialog = ProposalDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.fields.fields
    qtbot.keyClicks(f["title"].widget, "Safe schools")

    # The first budget line saves the new draft, then opens the line's own form.
    def add_line(line: QWidget) -> None:
        assert isinstance(line, BudgetLineDialog)
        line.fields.fields["category"].widget.set_value("personnel")
        line.fields.fields["description"].widget.setText("Trainer fees")
        line.fields.fields["quantity"].widget.setValue(4)
        line.fields.fields["unit_cost_minor"].widget.set_minor(250_000)  # 2,500.00 MKD
        line.save()

    with_modal(dialog.budget.add_line, add_line)
    proposal_id = dialog.record_id
    assert proposal_id is not None
    assert dialog.budget.table.rowCount() == 1
    assert "10,000.00" in dialog.budget.totals.text()  # 4 × 2,500.00 MKD
    dialog.budget.cofunding.set_minor(100_000)
    assert "9,000.00" in dialog.budget.totals.text()  # requested: total less co-funding

    # Submitting without a summary is refused; the message is next to the summary.
    submit = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert submit is not None
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    assert f["summary"].error.text() == "Write a summary before submitting."
    assert dialog.tabs.currentIndex() == 0
    assert fund.get_proposal(ctx, proposal_id).status == ProposalStatus.DRAFT

    f["summary"].widget.setPlainText("Peer mediators in three schools")
    submit = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert submit is not None
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    assert any("Submit this proposal" in question for question in answers.asked)

    proposal = fund.get_proposal(ctx, proposal_id)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.summary == "Peer mediators in three schools"
    assert proposal.cofunding_minor == 100_000
    # Read-only now: no Save, no budget buttons, fields locked, no further step for us.
    assert dialog.read_only and dialog.save_button.isHidden()
    assert f["title"].widget.isReadOnly()
    assert dialog.budget.add_button.isHidden()
    assert dialog.cancel_button.text() == "Close"
    assert dialog.status_tab.buttons == []
    assert dialog.status_tab.status.text() == "Status: Submitted"
    assert dialog.status_tab.history.rowCount() == 1
    assert dialog.save() is False
    dialog.reject()
    assert answers.asked.count("unsaved") == 0


def test_fund_page_lists_and_filters_by_status(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    fund.create_proposal(ctx, {"title": "Youth centre", "summary": "Evenings"})
    page = FundPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.count_label.text() == "1 of 1"
    page.table.select_row(0)
    assert page.delete_button.isEnabled()  # a draft may be deleted
    page.status_filter.set_value("submitted")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 of 1"


def test_a_report_refused_for_the_proposals_status_is_shown(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """The report tab has no status field: the refusal must reach the person, not vanish."""
    ctx = small_team.ctx
    proposal = fund.create_proposal(ctx, {"title": "Youth centre", "summary": "Evenings"})
    # The tab still shows the proposal in implementation; in the database it is a draft (as
    # after a sync moved it on while the tab was open).
    proposal.status = ProposalStatus.IN_IMPLEMENTATION.value
    tab = ReportTab(ctx, "MKD")
    qtbot.addWidget(tab)
    tab.load(proposal)
    tab.show()
    tab.fields.fields["results"].widget.setPlainText("Forty evenings")
    assert tab.submit_button.isVisible() and tab.submit_button.isEnabled()
    with qtbot.assertNotEmitted(tab.reported):
        qtbot.mouseClick(tab.submit_button, Qt.MouseButton.LeftButton)
    assert answers.told == [
        "The report is submitted while the proposal is in implementation; it is 'Draft'."
    ]
    assert fund.get_proposal(ctx, proposal.id).results in (None, "")
