"""Recording a meeting: details, attendance and guests, decisions, an action item, follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.services import actions, meetings
from hubdesk.ui.editors.action_item import ActionItemDialog
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.models.meetings import OVERDUE_ROLE
from hubdesk.ui.pages.meetings import MeetingsPage


def new_meeting(qtbot: QtBot, ctx: Any, days_ago: int) -> MeetingDialog:
    dialog = MeetingDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    when = dt.datetime.now() - dt.timedelta(days=days_ago)
    starts = dialog.fields.fields["starts_at"].widget
    starts.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(18, 0)))
    return dialog


def test_record_a_meeting_with_attendance_and_an_action_item(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    ctx = small_team.ctx
    dialog = new_meeting(qtbot, ctx, days_ago=10)
    f = dialog.fields.fields
    qtbot.keyClicks(f["place"].widget, "Town hall")
    f["pillars"].widget.boxes["youth_engagement"].setChecked(True)
    qtbot.keyClicks(f["agenda"].widget, "1. Youth council plan")
    # The grid lists the three current members (Driton left before the meeting).
    grid = dialog.attendance
    assert len(grid.member_ids) == 3
    ana, besnik, elena = (m.id for m in small_team.members[:3])
    grid.set_status(ana, "present")
    grid.set_status(besnik, "excused")
    qtbot.mouseClick(grid.all_present, Qt.MouseButton.LeftButton)  # Elena too
    assert grid.value() == {ana: "present", besnik: "excused", elena: "present"}
    assert grid.summary.text() == "2 of 3 members present"
    dialog.guests.add_row("Red Cross", 2)
    dialog.decisions.add_new()
    dialog.decisions.table.item(0, 0).setText("Ask the mayor for a youth budget line")

    # An action item: the new meeting is saved first, then the item's own form opens.
    def add_item(item_dialog: QWidget) -> None:
        assert isinstance(item_dialog, ActionItemDialog)
        item_dialog.save()  # no title: refused, next to the field
        assert item_dialog.fields.fields["title"].error.text() == "This field is required."
        item_dialog.fields.fields["title"].widget.setText("Draft the letter to the mayor")
        item_dialog.owner.set_value(elena)
        due = dt.date.today() - dt.timedelta(days=2)
        item_dialog.fields.fields["due_on"].widget.set_value(due)
        item_dialog.save()

    with_modal(dialog.actions_tab.add_item, add_item)
    meeting_id = dialog.record_id
    assert meeting_id is not None
    table = dialog.actions_tab.model
    assert table.rowCount() == 1
    assert table.data(table.index(0, 0), OVERDUE_ROLE) is True

    assert dialog.save()
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
    qtbot.addWidget(again)
    assert again.attendance.value() == grid.value()
    assert again.attendance.summary.text() == "2 of 3 members present"
    assert not again.is_dirty()
    [item] = actions.list_action_items(ctx, actions.ActionItemFilter(meeting_id=meeting_id))
    assert item.owner_member_id == elena and item.status == "open"

    # The next meeting of the team offers the open item for review; marking it done works.
    follow_up = new_meeting(qtbot, ctx, days_ago=1)
    follow_up.fields.fields["place"].widget.setText("Town hall")
    assert follow_up.save() is False or follow_up.record_id  # saved (details only)
    reopened = MeetingDialog(ctx, follow_up.record_id)
    qtbot.addWidget(reopened)
    assert not reopened.actions_tab.previous_box.isHidden()
    assert reopened.actions_tab.previous.item(0, 0).text() == "Draft the letter to the mayor"
    reopened.actions_tab.previous.setCurrentCell(0, 0)
    reopened.actions_tab.complete_previous()
    assert actions.get_action_item(ctx, item.id).status == "done"
    assert reopened.actions_tab.previous.rowCount() == 0


def test_a_refused_guest_line_shows_next_to_the_guests(qtbot: QtBot, small_team: Any) -> None:
    dialog = new_meeting(qtbot, small_team.ctx, days_ago=3)
    dialog.guests.add_row("", 3)
    assert dialog.save() is False
    error = dialog.fields.fields[meetings.GUESTS].error
    assert error.text() == "Each guest line needs an organisation."
    assert dialog.tabs.currentIndex() == 1  # the form turned to the tab with the problem
    assert dialog.isVisible()


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
                "due_on": dt.date.today() - dt.timedelta(days=days),
            },
        )
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.meetings.banner.isHidden()
    assert page.meetings.banner_text.text() == "2 action items are overdue."
    qtbot.mouseClick(page.meetings.banner_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentWidget() is page.items
    assert page.items.model.rowCount() == 2
    assert page.items.count_label.text() == "2 of 2"
