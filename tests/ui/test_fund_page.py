"""Drafting a proposal with its budget, submitting it, and seeing it become read-only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from gui import (
    choose,
    choose_row,
    click,
    open_tab,
    press_key,
    set_number,
    show_window,
    tool_tip_of,
    type_into,
)
from proposal_filling import fill_sections, in_implementation
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.i18n import _
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.services.fund_implementation import OFFICE_REPORT_READ, OFFICE_REPORTS
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
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Safe schools")

    # The first budget line saves the new draft, then opens the line's own form.
    def add_line(line: QWidget) -> None:
        assert isinstance(line, BudgetLineDialog)
        choose(line.fields.fields["category"].widget, "personnel")
        type_into(qtbot, line.fields.fields["description"].widget, "Trainer fees")
        set_number(line.fields.fields["quantity"].widget, 4)
        set_number(line.fields.fields["unit_cost_minor"].widget, 2500.0)  # 2,500.00 MKD
        click(qtbot, line.save_button)

    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.budget))
    with_modal(lambda: click(qtbot, dialog.budget.add_button), add_line)
    proposal_id = dialog.record_id
    assert proposal_id is not None
    assert dialog.budget.table.rowCount() == 1
    assert "10,000.00" in dialog.budget.totals.text()  # 4 × 2,500.00 MKD
    label = dialog.budget.cofunding_label  # the field's name is on screen, whole
    assert label.isVisible() and label.buddy() is dialog.budget.cofunding
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), label.geometry()
    set_number(dialog.budget.cofunding, 1000.0)
    assert "9,000.00" in dialog.budget.totals.text()  # requested: total less co-funding

    # Submitting without a summary is refused; the message is next to the summary.
    submit = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert submit is not None
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    click(qtbot, submit)
    assert f["summary"].error.text() == "Write a summary before submitting."
    assert dialog.tabs.currentIndex() == 0
    assert fund.get_proposal(ctx, proposal_id).status == ProposalStatus.DRAFT

    fill_sections(ctx, proposal_id)  # the sections' own tabs: test_proposal_sections_gui.py
    type_into(qtbot, f["summary"].widget, "Peer mediators in three schools")
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    submit = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert submit is not None
    click(qtbot, submit)
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
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the shortcut reaches the active window only
    press_key(qtbot, dialog.cancel_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # Ctrl+S saves nothing: the form stays as it is
    click(qtbot, dialog.cancel_button)
    assert not dialog.isVisible()
    assert answers.asked.count("unsaved") == 0


def test_fund_page_lists_and_filters_by_status(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    fund.create_proposal(ctx, {"title": "Youth centre", "summary": "Evenings"})
    page = FundPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.count_label.text() == "1 of 1"
    choose_row(page.table, 0)
    assert page.delete_button.isEnabled()  # a draft may be deleted
    choose(page.status_filter, "submitted")
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
    show_window(qtbot, tab)
    type_into(qtbot, tab.fields.fields["results"].widget, "Forty evenings")
    with qtbot.assertNotEmitted(tab.reported):
        click(qtbot, tab.submit_button)
    assert answers.told == [
        "The report is submitted while the proposal is in implementation; it is 'Draft'."
    ]
    assert fund.get_proposal(ctx, proposal.id).results in (None, "")


def test_a_unit_cost_with_too_many_decimals_is_refused_and_nothing_saved(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    """Typed "1.234,567" denars and saved with the Save button, the line was saved at
    1,234.56 denars: the field had put back the last amount it read as Save was clicked."""
    ctx = small_team.ctx
    dialog = ProposalDialog(ctx)
    qtbot.addWidget(dialog)
    show_window(qtbot, dialog)
    type_into(qtbot, dialog.fields.fields["title"].widget, "Safe schools")
    refused: list[str] = []

    def add_line(line: QWidget) -> None:
        assert isinstance(line, BudgetLineDialog)
        choose(line.fields.fields["category"].widget, "personnel")
        type_into(qtbot, line.fields.fields["description"].widget, "Trainer fees")
        set_number(line.fields.fields["quantity"].widget, 1)
        cost = line.fields.fields["unit_cost_minor"]
        type_into(qtbot, cost.widget, "1.234,567")
        click(qtbot, line.save_button)
        assert line.isVisible()  # refused: the form stays open
        refused.append(cost.error.text())
        type_into(qtbot, cost.widget, "1.234,56")
        click(qtbot, line.save_button)

    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.budget))
    with_modal(lambda: click(qtbot, dialog.budget.add_button), add_line)
    assert refused == ["'1.234,567' has more decimals than an amount in MKD can have."]
    assert dialog.record_id is not None
    [line] = fund.list_budget_lines(ctx, dialog.record_id)
    assert line.unit_cost_minor == 123_456


@pytest.fixture
def speaking() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.usefixtures("speaking")
@pytest.mark.parametrize("lang", ["en", "sq", "mk"])
def test_a_field_laptop_reads_the_report_and_is_told_who_submits_it(
    qtbot: QtBot, small_team: Any, lang: str
) -> None:
    """The office submits a proposal's implementation report (the office refuses a laptop's
    bundle changing it): a field laptop shows the report's words read-only and the Submit
    button greyed out, whose tool tip says who submits, whole on a 1366x768 screen."""
    ctx = small_team.ctx
    proposal_id = in_implementation(ctx)
    laptop = ServiceContext(ctx.db, "field-laptop", Role.FIELD, ctx.municipality_id, ctx.clock)
    i18n.set_language(lang)
    dialog = ProposalDialog(laptop, proposal_id)
    show_window(qtbot, dialog)
    report = dialog.report_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(report))
    results = report.fields.fields["results"]
    assert results.widget.isVisible() and results.widget.isReadOnly()
    label = results.label
    assert label.height() >= label.heightForWidth(label.width()), label.text()
    button = report.submit_button
    assert button.isVisible() and not button.isEnabled()
    assert button.width() >= button.sizeHint().width(), button.text()
    tip = tool_tip_of(qtbot, button)
    # The tab's own words: the tranches tab's "shows the reports due" is not about this tab.
    assert tip.text() == _(OFFICE_REPORT_READ) != _(OFFICE_REPORTS)
    assert lang == "en" or tip.text() != OFFICE_REPORT_READ  # in the window's language
    assert results.widget.toolTip() == tip.text()
    screen = tip.screen().geometry()
    assert screen.size().toTuple() == (1366, 768)
    assert screen.contains(tip.geometry()), tip.geometry()
    assert tip.width() >= tip.sizeHint().width() and tip.height() >= tip.sizeHint().height()


def test_the_hub_reading_a_report_is_not_called_a_field_laptop(
    qtbot: QtBot, small_team: Any
) -> None:
    """The hub reads a municipality's report on the same tab, whose words told it that "this
    field laptop" shows the report."""
    ctx = small_team.ctx
    proposal_id = in_implementation(ctx)
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    dialog = ProposalDialog(hub, proposal_id)
    show_window(qtbot, dialog)
    report = dialog.report_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(report))
    results = report.fields.fields["results"].widget
    assert results.isVisible() and results.isReadOnly()
    assert results.toolTip() == ""
    assert report.submit_button.toolTip() == ""
