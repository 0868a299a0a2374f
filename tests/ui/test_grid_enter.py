"""Enter in a form's grid of numbers or statuses goes to the row below, as in a spreadsheet;
it no longer presses the form's Save, which closed the whole form half filled in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import choose, click, open_tab, press_key, set_date, type_into
from proposal_filling import in_implementation
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.services import fund, meetings, youth
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.proposal import ProposalDialog

ENTER = Qt.Key.Key_Return


def shown(qtbot: QtBot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)


def test_enter_in_the_youth_grid_goes_down_a_row(qtbot: QtBot, small_team: Any) -> None:
    """Typing 7 girls of 15-19 and pressing Enter saved and closed the activity with only that
    cell filled in."""
    ctx = small_team.ctx
    dialog = ActivityDialog(ctx)
    shown(qtbot, dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Debate with the mayor")
    choose(f["activity_type"].widget, "dialogue")
    set_date(f["starts_on"].widget, clock.today() - dt.timedelta(days=3))
    open_tab(qtbot, dialog.tabs, 1)
    cells = dialog.grid.cells
    type_into(qtbot, cells["n_female_15_19"], "7")
    press_key(qtbot, cells["n_female_15_19"], ENTER)
    assert dialog.isVisible()
    assert QApplication.focusWidget() is cells["n_male_15_19"]
    type_into(qtbot, cells["n_male_15_19"], "5", replace=False)  # its number is selected
    press_key(qtbot, cells["n_male_15_19"], ENTER)
    assert QApplication.focusWidget() is cells["n_other_15_19"]
    press_key(qtbot, cells["n_other_15_19"], ENTER)  # the last row: Enter stays
    assert dialog.isVisible() and QApplication.focusWidget() is cells["n_other_15_19"]
    assert dialog.grid.total() == 12
    assert youth.count_activities(ctx) == 0

    open_tab(qtbot, dialog.tabs, 0)  # Enter in a line of the form still saves it
    press_key(qtbot, f["title"].widget, ENTER)
    assert not dialog.isVisible()
    assert youth.count_activities(ctx) == 1


def test_enter_in_the_attendance_and_guests_goes_down_a_row(qtbot: QtBot, small_team: Any) -> None:
    """Marking a member present and pressing Enter, or typing the number of guests and pressing
    Enter, saved and closed the meeting with the rest of the attendance not yet recorded."""
    ctx = small_team.ctx
    dialog = MeetingDialog(ctx, None, team_id=small_team.team.id)
    shown(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 1)
    grid = dialog.attendance
    ana_present, besnik_present = grid.groups[0].buttons()[0], grid.groups[1].buttons()[0]
    press_key(qtbot, ana_present, Qt.Key.Key_Space)
    press_key(qtbot, ana_present, ENTER)
    assert dialog.isVisible()
    assert QApplication.focusWidget() is besnik_present
    assert meetings.count_meetings(ctx) == 0

    click(qtbot, dialog.guests.add_button)
    type_into(qtbot, QApplication.focusWidget(), "Red Cross")  # its line opens for typing
    click(qtbot, dialog.guests.add_button)
    type_into(qtbot, QApplication.focusWidget(), "Police station")
    first, second = (dialog.guests.table.cellWidget(row, 1) for row in range(2))
    assert isinstance(first, QSpinBox) and isinstance(second, QSpinBox)
    type_into(qtbot, first, "3")
    press_key(qtbot, first, ENTER)
    assert dialog.isVisible() and QApplication.focusWidget() is second
    press_key(qtbot, second, ENTER)  # the last line: Enter stays
    assert dialog.isVisible() and QApplication.focusWidget() is second
    assert dialog.guests.value() == [("Red Cross", 3), ("Police station", 1)]
    assert meetings.count_meetings(ctx) == 0


def test_enter_in_a_proposals_spending_goes_down_a_line(qtbot: QtBot, small_team: Any) -> None:
    """Typing what a budget line cost on the implementation report and pressing Enter saved and
    closed the whole proposal, with the other lines' spending not yet typed."""
    ctx = small_team.ctx
    proposal_id = in_implementation(ctx, lines=3)
    dialog = ProposalDialog(ctx, proposal_id)
    shown(qtbot, dialog)
    report = dialog.report_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(report))
    first, second, third = report.spent_fields.values()
    type_into(qtbot, first, "400")
    press_key(qtbot, first, ENTER)
    assert dialog.isVisible()
    assert QApplication.focusWidget() is second
    type_into(qtbot, second, "25", replace=False)  # its amount is selected
    press_key(qtbot, second, ENTER)
    assert QApplication.focusWidget() is third
    press_key(qtbot, third, ENTER)  # the last line: Enter stays
    assert dialog.isVisible() and QApplication.focusWidget() is third
    assert list(report.pending()[1].values()) == [40_000, 2_500]  # typed, not saved yet
    assert [line.spent_minor for line in fund.list_budget_lines(ctx, proposal_id)] == [None] * 3
