"""An editor opened with the keyboard: typing starts in the form, Tab ends on the buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from gui import press_key
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.editors.peers import PracticeDialog
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.forms import EditorDialog

EDITORS: dict[str, tuple[Callable[[ServiceContext], EditorDialog], str]] = {
    "member": (MemberDialog, "name"),
    "meeting": (MeetingDialog, "team_id"),
    "youth activity": (ActivityDialog, "title"),
    "fund proposal": (ProposalDialog, "title"),
    # its hub's words, read-only and hidden until the hub answers, come first in the form
    "good practice": (PracticeDialog, "title"),
}


def tab_walk(qtbot: QtBot, dialog: QWidget, presses: int = 80) -> list[QWidget]:
    """The widgets the focus visits, in order, as Tab is pressed where the focus is."""
    visited: list[QWidget] = []
    for _press in range(presses):
        focused = dialog.focusWidget()
        assert focused is not None and dialog.isAncestorOf(focused)
        if not visited or visited[-1] is not focused:
            visited.append(focused)
        press_key(qtbot, focused, Qt.Key.Key_Tab)
    return visited


@pytest.mark.parametrize("kind", list(EDITORS))
def test_typing_starts_in_the_first_field_and_the_buttons_come_last(
    qtbot: QtBot, small_team: Any, kind: str
) -> None:
    """Before, the focus opened on Save (typed letters went nowhere) and Tab went Save, the
    other buttons, the fields, then Cancel."""
    make, first = EDITORS[kind]
    dialog = make(small_team.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    first_field = dialog.fields.fields[first].widget
    focused = dialog.focusWidget()
    assert focused is first_field or first_field.isAncestorOf(focused)
    visited = tab_walk(qtbot, dialog)
    save, cancel = dialog.save_button, dialog.cancel_button
    assert save in visited and cancel in visited
    start = visited.index(save)
    assert visited.index(cancel) > start
    buttons = [w for w in visited[:start] if dialog.buttons.isAncestorOf(w)]
    assert buttons == []  # every field before the first button


def test_tab_goes_through_a_date_field_without_stopping_on_its_buttons(
    qtbot: QtBot, small_team: Any
) -> None:
    """Before, the calendar and clear buttons of "Joined on" were Tab stops of their own: Tab
    went Gender, the date, ▾, ×, then "Left on". Now the date, then the next field."""
    dialog = MemberDialog(small_team.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    f = dialog.fields.fields
    gender, joined, left = f["gender"].widget, f["joined_on"].widget, f["left_on"].widget
    assert joined.calendar_button.isVisible() and joined.clear_button.isVisible()
    press_key(qtbot, gender, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is joined.edit
    press_key(qtbot, joined.edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is left.edit
    press_key(qtbot, left.edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.focusWidget() is joined.edit  # and back, over the buttons too


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_F4, None)],
)
def test_the_keyboard_opens_the_calendar_and_empties_the_date(
    qtbot: QtBot, small_team: Any, key: Qt.Key, modifiers: Any
) -> None:
    """With its buttons out of the Tab order, the field's own keys reach what they did:
    Alt+Down (or F4) opens the calendar, arrows and Enter pick a day, and a date selected and
    deleted leaves the optional field empty."""
    import datetime as dt

    from hubdesk import clock

    dialog = MemberDialog(small_team.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    joined = dialog.fields.fields["joined_on"].widget
    press_key(qtbot, joined.edit, key, modifiers)
    calendar = joined.calendar
    qtbot.waitUntil(calendar.isVisible, timeout=3000)
    target = QApplication.focusWidget()  # arrows move in the month, not in the text
    assert target is not None and (target is calendar or calendar.isAncestorOf(target))
    press_key(qtbot, target, Qt.Key.Key_Right)  # tomorrow
    press_key(qtbot, target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=3000)
    assert joined.value() == clock.today() + dt.timedelta(days=1)
    assert dialog.focusWidget() is joined.edit
    press_key(qtbot, joined.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press_key(qtbot, joined.edit, Qt.Key.Key_Delete)
    press_key(qtbot, joined.edit, Qt.Key.Key_Tab)
    assert joined.value() is None


def test_a_long_title_opens_selected_with_its_beginning_in_view(
    qtbot: QtBot, small_team: Any
) -> None:
    """Qt selects the first field's text as an editor opens and leaves the cursor at its end:
    a title too long for its field showed its last words ("...акциски план")."""
    from hubdesk.services import fund

    title = "Sport without borders: an inter-ethnic youth league in every school of the town"
    found = fund.create_proposal(small_team.ctx, {"title": title, "summary": "s"})
    dialog = ProposalDialog(small_team.ctx, found.id)
    qtbot.addWidget(dialog)
    dialog.resize(700, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    field = dialog.fields.fields["title"].widget
    qtbot.waitUntil(lambda: field.cursorPosition() == 0)
    assert field.hasFocus() and field.selectedText() == title  # typing replaces it all
    press_key(qtbot, field, Qt.Key.Key_Tab)
    press_key(qtbot, dialog.focusWidget(), Qt.Key.Key_Backtab)  # back by keyboard: the same
    qtbot.waitUntil(lambda: field.hasFocus() and field.cursorPosition() == 0)
    assert field.selectedText() == title


def test_a_date_typed_wrong_is_not_dropped_without_asking(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """The text "31/11/2026" is no date, so the field's value stays as it was; Esc still asks,
    as for any other typed change, instead of closing the form on it."""
    from gui import type_date

    dialog = MeetingDialog(small_team.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_date(qtbot, dialog.fields.fields["starts_at"].widget, "31/11/2026")
    answers.unsaved = answers.unsaved.CANCEL
    press_key(qtbot, dialog.focusWidget(), Qt.Key.Key_Escape)
    assert answers.asked == ["unsaved"]
    assert dialog.isVisible()


def test_tab_leaves_the_tables_of_a_meeting_for_their_buttons_and_save(
    qtbot: QtBot, small_team: Any
) -> None:
    """Before, Tab in the attendance grid or the list of decisions went from cell to cell and
    came back to the first: a keyboard user never reached "Mark the others present", "Add
    decision" or Save (the same in a proposal's work plan, budget and attachments)."""
    from gui import choose_cell, click, edit_cell, open_tab

    dialog = MeetingDialog(small_team.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    open_tab(qtbot, dialog.tabs, 2)
    decisions = dialog.decisions
    for text in ("Ask the mayor for a youth budget line", "Meet the school heads"):
        click(qtbot, decisions.add_button)
        edit_cell(qtbot, decisions.table, decisions.table.rowCount() - 1, 0, text)
    press_key(qtbot, decisions.table, Qt.Key.Key_Up)
    visited = tab_walk(qtbot, dialog, presses=12)
    assert visited[:3] == [decisions.table, decisions.add_button, decisions.remove_button]
    assert dialog.save_button in visited
    open_tab(qtbot, dialog.tabs, 1)
    grid = dialog.attendance
    assert grid.table.rowCount() == 3
    choose_cell(qtbot, grid.table, 0)  # the member's name
    visited = tab_walk(qtbot, dialog, presses=12)
    assert visited[0] is grid.table
    assert grid.all_present in visited and dialog.save_button in visited
