"""The proposal editor's review sections as a person uses them: the refusal naming the empty
sections, the texts on their tabs, the workplan and indicator grids, results once implemented,
and every section read-only once submitted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import choose, click, open_tab, set_date, set_number, type_into
from proposal_filling import in_implementation
from PySide6.QtWidgets import QPlainTextEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.editors.proposal_sections import ActivityDialog, IndicatorDialog

LINE = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 90_000}
TEXTS = {
    "need": "No place where young people of all communities meet.",
    "beneficiaries": "About 80 young people aged 15 to 24.",
    "sustainability": "The youth centre keeps the programme.",
    "dnh_risks": "Peer pressure.",
    "dnh_sensitive_groups": "Minors.",
    "dnh_stigma": "Open to all; no police in workshops.",
    "dnh_data_protection": "Counts only.",
    "dnh_mitigation": "A companion at every workshop.",
}


def workshops(qtbot: QtBot) -> Any:
    """Fill the workplan's activity form with the mediation workshops and save it."""

    def add_activity(form: QWidget) -> None:
        assert isinstance(form, ActivityDialog)
        type_into(qtbot, form.fields.fields["title"].widget, "Mediation workshops")
        set_date(form.fields.fields["starts_on"].widget, dt.date(2026, 3, 2))
        set_date(form.fields.fields["ends_on"].widget, dt.date(2026, 5, 29))
        type_into(qtbot, form.fields.fields["responsible"].widget, "Youth council")
        click(qtbot, form.save_button)

    return add_activity


def open_editor(qtbot: QtBot, ctx: ServiceContext, proposal_id: str) -> ProposalDialog:
    dialog = ProposalDialog(ctx, proposal_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tab_of(dialog: ProposalDialog, widget: QWidget) -> int:
    """The index of the editor's tab that holds ``widget``."""
    while dialog.tabs.indexOf(widget) < 0:
        parent = widget.parentWidget()
        assert parent is not None, "the widget is on no tab"
        widget = parent
    return dialog.tabs.indexOf(widget)


def submit(qtbot: QtBot, dialog: ProposalDialog) -> None:
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    button = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert button is not None
    click(qtbot, button)


def test_a_person_fills_every_section_and_submits(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    ctx = small_team.ctx
    proposal_id = fund.create_proposal(ctx, {"title": "Safe schools", "summary": "Mediators"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    dialog = open_editor(qtbot, ctx, proposal_id)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles[:5] == ["Proposal", "Need and reach", "Workplan", "Indicators", "Do No Harm"]

    submit(qtbot, dialog)  # refused: one message names every empty section
    shown = dialog.general_error.text()
    assert shown.startswith("Before submitting, fill in these sections: Need addressed, Workplan")
    assert shown.endswith("Data protection, Mitigation.")
    assert fund.get_proposal(ctx, proposal_id).status == ProposalStatus.DRAFT

    f = dialog.fields.fields
    for name, text in TEXTS.items():
        open_tab(qtbot, dialog.tabs, tab_of(dialog, f[name].widget))
        type_into(qtbot, f[name].widget, text)

    add_activity = workshops(qtbot)

    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.workplan))
    with_modal(lambda: click(qtbot, dialog.workplan.add_button), add_activity)
    assert dialog.workplan.table.rowCount() == 1
    assert dialog.workplan.table.item(0, 3).text() == "Youth council"

    def add_indicator(form: QWidget) -> None:
        assert isinstance(form, IndicatorDialog)
        type_into(qtbot, form.fields.fields["name"].widget, "Girls trained as mediators")
        choose(form.fields.fields["gender"].widget, "female")
        choose(form.fields.fields["age_band"].widget, "15_19")
        set_number(form.fields.fields["target"].widget, 30)
        click(qtbot, form.save_button)

    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.indicators))
    with_modal(lambda: click(qtbot, dialog.indicators.add_button), add_indicator)
    assert dialog.indicators.table.item(0, 1).text() == "Female · 15–19"
    assert dialog.indicators.save_results_button.isHidden()  # results come with implementation

    submit(qtbot, dialog)
    proposal = fund.get_proposal(ctx, proposal_id)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.need == TEXTS["need"] and proposal.dnh_mitigation == TEXTS["dnh_mitigation"]
    # Submitted: every section is read-only, the grids lose their buttons.
    assert dialog.workplan.add_button.isHidden() and dialog.indicators.add_button.isHidden()
    assert all(
        f[name].widget.isReadOnly() for name in TEXTS if isinstance(f[name].widget, QPlainTextEdit)
    )


def test_results_are_entered_beside_the_targets_once_implemented(
    qtbot: QtBot, small_team: Any
) -> None:
    from proposal_filling import fill_sections

    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Safe schools", "summary": "Mediators"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    fund.record_decision(hub, proposal_id, {"outcome": "approved"})
    fund.transition(ctx, proposal_id, "in_implementation")
    dialog = open_editor(qtbot, ctx, proposal_id)
    grid = dialog.indicators
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(grid))
    assert grid.add_button.isHidden()  # the indicators themselves are fixed now
    box = grid.table.cellWidget(0, grid.RESULT)
    assert isinstance(box, QSpinBox)
    set_number(box, 64)
    click(qtbot, grid.save_results_button)
    (indicator,) = proposal_sections.list_indicators(ctx, proposal_id)
    assert indicator.result == 64


def test_a_new_proposal_says_where_it_is_submitted(qtbot: QtBot, small_team: Any) -> None:
    """A new proposal's Status tab showed only "Not saved yet": no Submit and no word of
    where it would be, to a person who had just filled every section in."""
    dialog = ProposalDialog(small_team.ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    note = dialog.status_tab.unsaved_note
    assert note.isVisible() and "Save the proposal first" in note.text()
    open_tab(qtbot, dialog.tabs, 0)
    type_into(qtbot, dialog.fields.fields["title"].widget, "Youth corner")
    click(qtbot, dialog.save_button)
    dialog = open_editor(
        qtbot, small_team.ctx, fund.list_proposals(small_team.ctx, fund.ProposalFilter())[0].id
    )
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    assert not dialog.status_tab.unsaved_note.isVisible()
    assert dialog.status_tab.button_for(ProposalStatus.SUBMITTED) is not None


def test_what_is_typed_on_the_implementation_tabs_is_kept_and_asked_about(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """One tab's button saves its part and the words typed on the others stay on screen;
    Close with anything typed and not saved asks, and Save keeps all of it together."""
    ctx = small_team.ctx
    proposal_id = in_implementation(ctx, lines=2)
    dialog = open_editor(qtbot, ctx, proposal_id)
    report = dialog.report_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(report))
    type_into(qtbot, report.fields.fields["results"].widget, "Two mediators per school")
    hall, _snacks = report.spent_fields.values()
    set_number(hall, 400)
    click(qtbot, report.save_spending_button)
    # the spending is saved; the report's words, not submitted yet, are still there
    assert report.fields.fields["results"].widget.toPlainText() == "Two mediators per school"
    assert [line.spent_minor for line in fund.list_budget_lines(ctx, proposal_id)] == [40_000, None]
    grid = dialog.indicators
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(grid))
    box = grid.table.cellWidget(0, grid.RESULT)
    assert isinstance(box, QSpinBox)
    set_number(box, 64)
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(report))
    set_number(list(report.spent_fields.values())[1], 25)
    answers.unsaved = answers.unsaved.SAVE
    click(qtbot, dialog.cancel_button)  # "Close": asks, and Save keeps everything typed
    assert answers.asked == ["unsaved"]
    assert not dialog.isVisible()
    stored = fund.get_proposal(ctx, proposal_id)
    assert stored.results == "Two mediators per school" and stored.report_submitted_on
    assert [line.spent_minor for line in fund.list_budget_lines(ctx, proposal_id)] == [
        40_000,
        2_500,
    ]
    (indicator,) = proposal_sections.list_indicators(ctx, proposal_id)
    assert indicator.result == 64


def test_a_part_added_to_a_draft_leaves_its_unsaved_edits_to_the_form(
    qtbot: QtBot, small_team: Any, with_modal: Any, answers: Any
) -> None:
    """Adding an activity saves the activity, not the title changed above it: Cancel, then
    Discard, leaves the draft's title as it was."""
    ctx = small_team.ctx
    proposal_id = fund.create_proposal(ctx, {"title": "Safe schools", "summary": "Mediators"}).id
    dialog = open_editor(qtbot, ctx, proposal_id)
    type_into(qtbot, dialog.fields.fields["title"].widget, "Safer schools")

    add_activity = workshops(qtbot)

    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.workplan))
    with_modal(lambda: click(qtbot, dialog.workplan.add_button), add_activity)
    assert dialog.workplan.table.rowCount() == 1
    assert fund.get_proposal(ctx, proposal_id).title == "Safe schools"
    answers.unsaved = answers.unsaved.DISCARD
    click(qtbot, dialog.cancel_button)
    assert not dialog.isVisible()
    assert fund.get_proposal(ctx, proposal_id).title == "Safe schools"


def test_spending_that_is_no_amount_is_refused(qtbot: QtBot, small_team: Any, answers: Any) -> None:
    """Spending of "1.400,555" denars was saved as 1,400.55, the field's last readable
    amount."""
    ctx = small_team.ctx
    proposal_id = in_implementation(ctx, lines=2)
    dialog = open_editor(qtbot, ctx, proposal_id)
    report = dialog.report_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(report))
    hall, _snacks = report.spent_fields.values()
    type_into(qtbot, hall, "1.400,555")
    click(qtbot, report.save_spending_button)
    said = "'1.400,555' has more decimals than an amount in MKD can have."
    assert report.spending_error.text() == said
    assert [line.spent_minor for line in fund.list_budget_lines(ctx, proposal_id)] == [None, None]
