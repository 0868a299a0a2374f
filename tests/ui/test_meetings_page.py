"""Recording a meeting: details, attendance and guests, decisions, an action item, follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import (
    check,
    choose,
    choose_cell,
    click,
    edit_cell,
    open_tab,
    press_key,
    set_date,
    set_number,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.i18n.formatting import format_date
from hubdesk.services import actions, meetings, team
from hubdesk.ui.editors.action_item import ActionItemDialog
from hubdesk.ui.editors.attendance import AttendanceGrid
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.models.meetings import OVERDUE_ROLE
from hubdesk.ui.pages.meetings import MeetingsPage


def shown(qtbot: QtBot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)


def new_meeting(qtbot: QtBot, ctx: Any, days_ago: int) -> MeetingDialog:
    dialog = MeetingDialog(ctx)
    shown(qtbot, dialog)
    when = dt.datetime.now() - dt.timedelta(days=days_ago)
    set_date(dialog.fields.fields["starts_at"].widget, when.replace(hour=18, minute=0))
    return dialog


def status_button(grid: AttendanceGrid, name: str, status: str) -> QRadioButton:
    """The radio button a person reads as "<member>: <status>" in the attendance grid."""
    table = grid.table
    [row] = [r for r in range(table.rowCount()) if table.item(r, 0).text() == name]
    columns = range(table.columnCount())
    [column] = [c for c in columns if table.horizontalHeaderItem(c).text() == status]
    cell = table.cellWidget(row, column)
    assert cell is not None
    [button] = cell.findChildren(QRadioButton)
    assert button.accessibleName() == f"{name}: {status}"
    return button


def keys(qtbot: QtBot, *pressed: Qt.Key) -> QWidget:
    """Press keys one after the other where the focus is; the widget the focus ends on."""
    for key in pressed:
        focused = QApplication.focusWidget()
        assert focused is not None
        press_key(qtbot, focused, key)
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


def test_attendance_is_marked_with_the_keyboard(qtbot: QtBot, small_team: Any) -> None:
    """Before, Tab reached one button per member and the arrows did nothing: with the keyboard
    a member could be marked present, never excused or absent."""
    dialog = new_meeting(qtbot, small_team.ctx, days_ago=3)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    open_tab(qtbot, dialog.tabs, 1)
    grid = dialog.attendance
    choose_cell(qtbot, grid.table, 0)  # Ana's name
    ana_present = status_button(grid, "Ana Petrovska", "Present")
    assert keys(qtbot, Qt.Key.Key_Tab) is ana_present
    # one Tab stop per member (thirty members were ninety stops before Save)
    assert keys(qtbot, Qt.Key.Key_Tab) is status_button(grid, "Besnik Rexhepi", "Present")
    assert keys(qtbot, Qt.Key.Key_Backtab) is ana_present
    assert keys(qtbot, Qt.Key.Key_Right) is status_button(grid, "Ana Petrovska", "Excused")
    keys(qtbot, Qt.Key.Key_Space)
    besnik_absent = status_button(grid, "Besnik Rexhepi", "Absent")
    assert keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Right) is besnik_absent
    keys(qtbot, Qt.Key.Key_Space)
    elena_present = status_button(grid, "Elena Stojanova", "Present")
    assert keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Left) is elena_present
    keys(qtbot, Qt.Key.Key_Space, Qt.Key.Key_Down, Qt.Key.Key_Left)  # nothing below or left
    assert QApplication.focusWidget() is elena_present
    ana, besnik, elena = (m.id for m in small_team.members[:3])
    assert grid.value() == {ana: "excused", besnik: "absent", elena: "present"}
    assert keys(qtbot, Qt.Key.Key_Tab) is grid.all_present  # then on, past the grid


def add_guest(qtbot: QtBot, dialog: MeetingDialog, organisation: str, count: int) -> None:
    """Add organisation: the new line opens for typing; the number is a spin box next to it."""
    table = dialog.guests.table
    click(qtbot, dialog.guests.add_button)
    row = table.rowCount() - 1
    if organisation:
        edit_cell(qtbot, table, row, 0, organisation)
    spin = table.cellWidget(row, 1)
    assert isinstance(spin, QSpinBox)
    set_number(spin, count)


def test_record_a_meeting_with_attendance_and_an_action_item(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    ctx = small_team.ctx
    dialog = new_meeting(qtbot, ctx, days_ago=10)
    f = dialog.fields.fields
    type_into(qtbot, f["place"].widget, "Town hall")
    check(f["pillars"].widget.boxes["youth_engagement"])
    type_into(qtbot, f["agenda"].widget, "1. Youth council plan")
    # The grid lists the three current members (Driton left before the meeting).
    open_tab(qtbot, dialog.tabs, 1)
    grid = dialog.attendance
    assert len(grid.member_ids) == 3
    ana, besnik, elena = (m.id for m in small_team.members[:3])
    check(status_button(grid, "Ana Petrovska", "Present"))
    check(status_button(grid, "Besnik Rexhepi", "Excused"))
    click(qtbot, grid.all_present)  # Elena too
    assert grid.value() == {ana: "present", besnik: "excused", elena: "present"}
    assert grid.summary.text() == "2 of 3 members present"
    add_guest(qtbot, dialog, "Red Cross", 2)
    open_tab(qtbot, dialog.tabs, 2)
    click(qtbot, dialog.decisions.add_button)
    edit_cell(qtbot, dialog.decisions.table, 0, 0, "Ask the mayor for a youth budget line")

    # An action item: the new meeting is saved first, then the item's own form opens.
    def add_item(item_dialog: QWidget) -> None:
        assert isinstance(item_dialog, ActionItemDialog)
        qtbot.waitExposed(item_dialog)
        click(qtbot, item_dialog.save_button)  # no title: refused, next to the field
        assert item_dialog.fields.fields["title"].error.text() == "This field is required."
        assert item_dialog.isVisible()
        type_into(qtbot, item_dialog.fields.fields["title"].widget, "Draft the letter to the mayor")
        choose(item_dialog.owner, elena)
        due = clock.today() - dt.timedelta(days=2)
        set_date(item_dialog.fields.fields["due_on"].widget, due)
        click(qtbot, item_dialog.save_button)

    open_tab(qtbot, dialog.tabs, 3)
    with_modal(lambda: click(qtbot, dialog.actions_tab.add_button), add_item)
    meeting_id = dialog.record_id
    assert meeting_id is not None
    table = dialog.actions_tab.model
    assert table.rowCount() == 1
    assert table.data(table.index(0, 0), OVERDUE_ROLE) is True
    # Open, Mark done and Delete are offered once an item is chosen (pressed with none, they
    # did nothing and said nothing).
    tab = dialog.actions_tab
    item_buttons = (tab.edit_button, tab.done_button, tab.delete_button)
    assert tab.add_button.isEnabled() and not any(b.isEnabled() for b in item_buttons)
    choose_cell(qtbot, tab.table, 0)
    assert all(b.isEnabled() for b in item_buttons)

    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    meeting = meetings.get_meeting(ctx, meeting_id)
    assert meeting.place == "Town hall" and meeting.pillars == ["youth_engagement"]
    assert meetings.get_attendance(ctx, meeting_id) == grid.value()
    assert [(g.organisation, g.count) for g in meetings.list_guests(ctx, meeting_id)] == [
        ("Red Cross", 2)
    ]
    assert [d.text for d in meetings.list_decisions(ctx, meeting_id)] == [
        "Ask the mayor for a youth budget line"
    ]
    # Opened again, the grid shows what was recorded.
    again = MeetingDialog(ctx, meeting_id)
    shown(qtbot, again)
    assert again.attendance.value() == grid.value()
    assert again.attendance.summary.text() == "2 of 3 members present"
    assert not again.is_dirty()
    click(qtbot, again.cancel_button)
    assert not again.isVisible() and "unsaved" not in answers.asked
    [item] = actions.list_action_items(ctx, actions.ActionItemFilter(meeting_id=meeting_id))
    assert item.owner_member_id == elena and item.status == "open"

    # The next meeting of the team offers the open item for review; marking it done works.
    follow_up = new_meeting(qtbot, ctx, days_ago=1)
    type_into(qtbot, follow_up.fields.fields["place"].widget, "Town hall")
    click(qtbot, follow_up.save_button)  # details only
    assert not follow_up.isVisible() and follow_up.record_id is not None
    reopened = MeetingDialog(ctx, follow_up.record_id)
    shown(qtbot, reopened)
    open_tab(qtbot, reopened.tabs, 3)
    previous = reopened.actions_tab.previous
    assert reopened.actions_tab.previous_box.isVisible()
    assert previous.item(0, 0).text() == "Draft the letter to the mayor"
    assert not reopened.actions_tab.previous_done.isEnabled()  # offered once one is chosen
    choose_cell(qtbot, previous, 0)
    click(qtbot, reopened.actions_tab.previous_done)
    assert actions.get_action_item(ctx, item.id).status == "done"
    assert previous.rowCount() == 0 and not reopened.actions_tab.previous_done.isEnabled()


def test_a_refused_guest_line_shows_next_to_the_guests(qtbot: QtBot, small_team: Any) -> None:
    dialog = new_meeting(qtbot, small_team.ctx, days_ago=3)
    open_tab(qtbot, dialog.tabs, 1)
    add_guest(qtbot, dialog, "", 3)  # the organisation left empty
    open_tab(qtbot, dialog.tabs, 0)
    click(qtbot, dialog.save_button)
    error = dialog.fields.fields[meetings.GUESTS].error
    assert error.text() == "Each guest line needs an organisation."
    assert dialog.tabs.currentIndex() == 1  # the form turned to the tab with the problem
    assert dialog.isVisible() and error.isVisible()
    # Nothing is saved while any part is refused: the form still holds it all.
    assert meetings.list_meetings(small_team.ctx) == []
    # The guest line mended, one Save keeps the meeting and its guests together.
    open_tab(qtbot, dialog.tabs, 1)
    edit_cell(qtbot, dialog.guests.table, 0, 0, "Red Cross")
    click(qtbot, dialog.save_button)
    [meeting] = meetings.list_meetings(small_team.ctx)
    assert [
        (g.organisation, g.count) for g in meetings.list_guests(small_team.ctx, meeting.id)
    ] == [("Red Cross", 3)]


def test_a_refused_form_cancelled_leaves_nothing_behind(
    qtbot: QtBot, small_team: Any, monkeypatch: Any
) -> None:
    from hubdesk.ui import dialogs

    monkeypatch.setattr(dialogs, "ask_unsaved", lambda _parent: dialogs.Unsaved.DISCARD)
    dialog = new_meeting(qtbot, small_team.ctx, days_ago=3)
    open_tab(qtbot, dialog.tabs, 1)
    add_guest(qtbot, dialog, "", 3)
    open_tab(qtbot, dialog.tabs, 2)
    click(qtbot, dialog.decisions.add_button)
    edit_cell(qtbot, dialog.decisions.table, 0, 0, "Ask for a budget line")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    click(qtbot, dialog.cancel_button)  # "Discard" the changes
    assert not dialog.isVisible()
    assert meetings.list_meetings(small_team.ctx) == []


def test_overdue_items_are_announced_on_the_page(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=20)
    meeting = meetings.create_meeting(
        ctx, {"team_id": small_team.team.id, "starts_at": start, "kind": "regular"}
    )
    for days in (5, 1):
        actions.create_action_item(
            ctx,
            {
                "meeting_id": meeting.id,
                "title": f"Late by {days}",
                "due_on": clock.today() - dt.timedelta(days=days),
            },
        )
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.meetings.banner.isVisible()
    assert page.meetings.banner_text.text() == "2 action items are overdue."
    click(qtbot, page.meetings.banner_button)
    assert page.tabs.currentWidget() is page.items
    assert page.items.model.rowCount() == 2
    assert page.items.count_label.text() == "2 of 2"


def test_a_first_meeting_without_a_team_asks_for_the_team_first(
    qtbot: QtBot, ctx: Any, answers: Any, with_modal: Any
) -> None:
    """A new municipality has no team yet. New meeting used to open a form whose team list was
    empty, and Save only said the team was required; now the team is described first."""
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    seen: list[str] = []

    def describe_team(team_dialog: QWidget) -> None:
        seen.append(type(team_dialog).__name__)
        type_into(qtbot, team_dialog.fields.fields["name"].widget, "CAT Gostivar")  # type: ignore[attr-defined]

        def record_meeting(meeting_dialog: QWidget) -> None:
            seen.append(type(meeting_dialog).__name__)
            assert isinstance(meeting_dialog, MeetingDialog)
            team_field = meeting_dialog.fields.fields["team_id"].widget
            assert team_field.currentText() == "CAT Gostivar"  # type: ignore[attr-defined]
            click(qtbot, meeting_dialog.save_button)

        with_modal(lambda: click(qtbot, team_dialog.save_button), record_meeting)  # type: ignore[attr-defined]

    with_modal(lambda: click(qtbot, page.meetings.new_button), describe_team)
    assert answers.told == ["Describe your team first; then record its meetings."]
    assert seen == ["TeamDialog", "MeetingDialog"]
    assert meetings.count_meetings(ctx, meetings.MeetingFilter()) == 1


def test_a_team_picked_back_keeps_the_attendance(qtbot: QtBot, small_team: Any) -> None:
    """Another team chosen by a slip (a turn of the mouse wheel over the drop-down) and the
    meeting's own chosen back: the grid cleared at the first change, and Save then deleted
    every attendance record of the meeting."""
    ctx = small_team.ctx
    council = team.create_team(ctx, {"name": "Safety council", "kind": "public_safety_council"})
    dialog = new_meeting(qtbot, ctx, days_ago=3)
    open_tab(qtbot, dialog.tabs, 1)
    click(qtbot, dialog.attendance.all_present)
    click(qtbot, dialog.save_button)
    assert dialog.record_id is not None
    recorded = meetings.get_attendance(ctx, dialog.record_id)
    assert len(recorded) == 3

    again = MeetingDialog(ctx, dialog.record_id)
    shown(qtbot, again)
    choose(again.team, council.id)
    choose(again.team, small_team.team.id)
    open_tab(qtbot, again.tabs, 1)
    assert again.attendance.value() == recorded
    assert not again.is_dirty()
    click(qtbot, again.save_button)
    assert not again.isVisible()
    assert meetings.get_attendance(ctx, dialog.record_id) == recorded


def test_the_grid_lists_the_team_on_the_day_typed(qtbot: QtBot, small_team: Any) -> None:
    """A past meeting recorded after the team was chosen (the only team is chosen when the form
    opens) listed today's members: one who joined since could be marked present, and Driton,
    who left since, was missing."""
    ctx = small_team.ctx
    newcomer = team.create_member(
        ctx,
        {
            "team_id": small_team.team.id,
            "name": "Zana Newcomer",
            "sector": "health",
            "role": "member",
            "gender": "female",
            "joined_on": clock.today() - dt.timedelta(days=30),
        },
    )
    dialog = MeetingDialog(ctx)
    shown(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 1)
    grid = dialog.attendance
    check(status_button(grid, "Ana Petrovska", "Excused"))
    open_tab(qtbot, dialog.tabs, 0)
    last_year = dt.datetime.now() - dt.timedelta(days=300)
    set_date(dialog.fields.fields["starts_at"].widget, last_year.replace(hour=18, minute=0))
    open_tab(qtbot, dialog.tabs, 1)
    ana, besnik, elena, driton = (m.id for m in small_team.members)
    # What was ticked stays ticked.
    assert grid.value() == {ana: "excused", besnik: None, elena: None, driton: None}
    click(qtbot, grid.all_present)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and dialog.record_id is not None
    recorded = meetings.get_attendance(ctx, dialog.record_id)
    assert newcomer.id not in recorded
    assert recorded == {ana: "excused", besnik: "present", elena: "present", driton: "present"}


def test_a_member_who_joined_after_the_meeting_is_refused_by_name(
    qtbot: QtBot, small_team: Any
) -> None:
    """The grid lists the team on the day typed, but the day a member joined may be corrected
    while the form is open (on the Team page, by a bundle): Save then said nothing and recorded
    the member at a meeting held before they joined. Attendance recorded before a correction
    stays saveable, as the grid keeps listing it."""
    ctx = small_team.ctx
    values = {"name": "Zana Newcomer", "sector": "health", "role": "member", "gender": "female"}
    zana = team.create_member(ctx, {"team_id": small_team.team.id, **values}).id
    ana, besnik = small_team.members[0].id, small_team.members[1].id
    dialog = new_meeting(qtbot, ctx, days_ago=3)
    day = (dt.datetime.now() - dt.timedelta(days=3)).date()
    open_tab(qtbot, dialog.tabs, 1)
    zana_present = status_button(dialog.attendance, "Zana Newcomer", "Present")
    check(zana_present)
    check(status_button(dialog.attendance, "Ana Petrovska", "Present"))
    joined = day + dt.timedelta(days=1)
    team.update_member(ctx, zana, {"joined_on": joined})
    open_tab(qtbot, dialog.tabs, 0)
    click(qtbot, dialog.save_button)
    error = dialog.fields.fields[meetings.ATTENDANCE].error
    assert error.text() == (
        f"Zana Newcomer joined the team on {format_date(joined)}, after this meeting "
        f"({format_date(day)}), so their attendance cannot be recorded at it."
    )
    assert dialog.tabs.currentIndex() == 1
    assert dialog.isVisible() and error.isVisible()
    assert meetings.list_meetings(ctx) == []
    check(zana_present, False)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and dialog.record_id is not None
    assert meetings.get_attendance(ctx, dialog.record_id) == {ana: "present"}

    team.update_member(ctx, ana, {"joined_on": joined})  # Ana's day corrected after the meeting
    again = MeetingDialog(ctx, dialog.record_id)
    shown(qtbot, again)
    open_tab(qtbot, again.tabs, 1)
    check(status_button(again.attendance, "Besnik Rexhepi", "Excused"))
    click(qtbot, again.save_button)
    assert not again.isVisible()
    recorded = meetings.get_attendance(ctx, dialog.record_id)
    assert recorded == {ana: "present", besnik: "excused"}


def typing_cell(table: Any) -> QWidget:
    """The editor open in a table's cell (a new line's, which its "Add" button opens)."""
    [editor] = [
        child
        for child in table.viewport().findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        )
        if child.isVisible() and child.hasFocus()
    ]
    return editor


def test_ctrl_s_saves_the_cell_still_being_typed(qtbot: QtBot, small_team: Any) -> None:
    """Ctrl+S pressed while a decision or a guest's organisation was still being typed did not
    take that text: the meeting was not saved, and no message said why."""
    ctx = small_team.ctx
    dialog = new_meeting(qtbot, ctx, days_ago=3)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    open_tab(qtbot, dialog.tabs, 1)
    click(qtbot, dialog.guests.add_button)
    type_into(qtbot, typing_cell(dialog.guests.table), "Red Cross")
    open_tab(qtbot, dialog.tabs, 2)
    click(qtbot, dialog.decisions.add_button)
    cell = typing_cell(dialog.decisions.table)
    type_into(qtbot, cell, "Open the youth centre on Saturdays")
    press_key(qtbot, cell, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible() and dialog.record_id is not None
    assert [d.text for d in meetings.list_decisions(ctx, dialog.record_id)] == [
        "Open the youth centre on Saturdays"
    ]
    guests = meetings.list_guests(ctx, dialog.record_id)
    assert [(g.organisation, g.count) for g in guests] == [("Red Cross", 1)]
