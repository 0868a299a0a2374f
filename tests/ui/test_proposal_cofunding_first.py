"""A new proposal's co-funding may be typed before its first budget line.

Adding the first line (or any part) saves a new proposal first; with the co-funding typed it
was refused for being more than a budget of 0.00, so no line could ever be added until the
co-funding was cleared. It now waits, typed, for the form's Save, as on a saved proposal."""

from __future__ import annotations

from typing import Any

from gui import choose, click, open_tab, set_number, show_window, type_into
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.services import fund
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.editors.proposal_budget import BudgetLineDialog


def test_a_cofunding_typed_first_lets_the_first_line_be_added(
    qtbot: QtBot, small_team: Any, with_modal: Any
) -> None:
    ctx = small_team.ctx
    dialog = ProposalDialog(ctx)
    qtbot.addWidget(dialog)
    show_window(qtbot, dialog)
    type_into(qtbot, dialog.fields.fields["title"].widget, "Safe schools")
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.budget))
    set_number(dialog.budget.cofunding, 1000.0)

    def add_line(line: QWidget) -> None:
        assert isinstance(line, BudgetLineDialog)
        choose(line.fields.fields["category"].widget, "personnel")
        type_into(qtbot, line.fields.fields["description"].widget, "Trainer fees")
        set_number(line.fields.fields["quantity"].widget, 4)
        set_number(line.fields.fields["unit_cost_minor"].widget, 2500.0)
        click(qtbot, line.save_button)

    with_modal(lambda: click(qtbot, dialog.budget.add_button), add_line)
    assert dialog.budget.cofunding_error.text() == ""
    proposal_id = dialog.record_id
    assert proposal_id is not None
    assert dialog.budget.table.rowCount() == 1
    assert dialog.budget.cofunding.minor() == 100_000  # still as typed, not yet saved
    assert "9,000.00" in dialog.budget.totals.text()
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert fund.get_proposal(ctx, proposal_id).cofunding_minor == 100_000
    assert fund.proposal_totals(ctx, proposal_id).requested_minor == 900_000
