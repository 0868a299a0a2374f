"""A member with a past at the team's meetings: what deleting them says, and what the meeting
form, the minutes and the attendance rate then agree on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import check, choose, choose_cell, click, open_tab, press_key, usable
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain import Meeting, Member
from hubdesk.reports.data.meetings import minutes
from hubdesk.services import dashboard, meetings, team
from hubdesk.ui import dialogs
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.pages.team import TeamPage


def held_meeting(small_team: Any, days_ago: int, statuses: dict[str, str]) -> str:
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    meeting = meetings.create_meeting(
        small_team.ctx,
        {
            "team_id": small_team.team.id,
            "starts_at": when.replace(hour=18, minute=0, second=0, microsecond=0),
            "kind": "regular",
            "pillars": [],
            "themes": [],
        },
    )
    meetings.set_attendance(small_team.ctx, meeting.id, statuses)
    return meeting.id


def shown(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


def test_the_form_shows_a_deleted_members_attendance_as_the_minutes_and_rate_count_it(
    qtbot: QtBot, small_team: Any
) -> None:
    """Elena, present at a meeting, was deleted from the team: the minutes printed her as
    present and the attendance rate counted her, but the meeting form no longer listed her, so
    the form said "2 of 2 present" where the minutes said three were there."""
    from hubdesk.ui.editors.meeting import MeetingDialog

    ctx = small_team.ctx
    ana, besnik, elena, _driton = (m.id for m in small_team.members)
    meeting_id = held_meeting(small_team, 10, {ana: "present", besnik: "absent", elena: "present"})
    team.delete_member(ctx, elena)

    with ctx.read() as session:
        printed = minutes(session, session.get(Meeting, meeting_id))
    assert [(row.name, row.status) for row in printed.attendance] == [
        ("Ana Petrovska", "present"),
        ("Besnik Rexhepi", "absent"),
        ("Elena Stojanova", "present"),
    ]
    assert meetings.attendance_rate(ctx) == 2 / 3
    assert dashboard.kpis(ctx).attendance_rate == 2 / 3

    dialog = MeetingDialog(ctx, meeting_id)
    shown(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 1)
    grid = dialog.attendance
    names = [grid.table.item(row, 0).text() for row in range(grid.table.rowCount())]
    assert names == ["Ana Petrovska", "Besnik Rexhepi", "Elena Stojanova (deleted)"]
    assert grid.summary.text() == "2 of 3 members present"
    [present] = [
        button
        for column in range(1, grid.table.columnCount())
        for button in grid.table.cellWidget(2, column).findChildren(QRadioButton)
        if button.isChecked()
    ]
    assert present.accessibleName() == "Elena Stojanova (deleted): Present"
    assert not present.isEnabled()  # her row is read, never changed, here
    assert elena not in grid.value()
    click(qtbot, grid.all_present)  # the others: Besnik stays absent, Elena as stored
    assert grid.summary.text() == "2 of 3 members present"
    click(qtbot, dialog.save_button)  # the meeting saves as before, her row untouched
    assert not dialog.isVisible()
    assert meetings.get_attendance(ctx, meeting_id)[elena] == "present"


def test_deleting_a_member_who_attended_names_the_meetings_and_offers_the_leaving(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: Any, with_modal: Any
) -> None:
    """Deleting a member said only that they would disappear from lists and reports, while the
    minutes and attendance rates of the meetings they attended keep them. The question now says
    how many meetings, and offers to record that they left the team instead (their form opens
    with today's day as the day they left)."""
    ctx = small_team.ctx
    ana, besnik, elena, _driton = (m.id for m in small_team.members)
    held_meeting(small_team, 20, {ana: "present", elena: "excused"})
    held_meeting(small_team, 10, {ana: "present", elena: "present"})
    asked: list[tuple[str, list[str], str | None]] = []
    answer: list[int | None] = [None]

    def choose(
        _parent: Any, _title: str, text: str, ways: list[str], out: str, detail: str | None = None
    ) -> int | None:
        asked.append((text, ways, detail))
        return answer[0]

    monkeypatch.setattr(dialogs, "choose", choose)
    page = TeamPage(ctx)
    shown(qtbot, page)
    page.resize(1100, 600)
    rows = {page.model.record_id(row): row for row in range(page.model.rowCount())}
    choose_cell(qtbot, page.table, rows[elena])
    press_key(qtbot, page.table, Qt.Key.Key_Delete)  # Cancel
    [(text, ways, detail)] = asked
    assert "Elena Stojanova" in text
    assert detail is not None and "2 meetings" in detail and "minutes" in detail
    assert ways == ["Record that they left the team…", "Delete"]
    assert not answers.asked
    with ctx.read() as session:
        assert not session.get(Member, elena).deleted

    answer[0] = 0  # record the leaving: her form opens with today as the day she left

    def leave(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        left_on = dialog.fields.fields["left_on"].widget
        usable(left_on)
        assert left_on.value() == clock.today()  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)

    with_modal(lambda: press_key(qtbot, page.table, Qt.Key.Key_Delete), leave)
    stored = team.get_member(ctx, elena)
    assert stored.left_on == clock.today() and not stored.deleted

    # Besnik was at no meeting: the plain question, as for any record.
    choose_cell(qtbot, page.table, rows[besnik])
    answers.confirm = False
    press_key(qtbot, page.table, Qt.Key.Key_Delete)
    assert len(asked) == 2 and len(answers.asked) == 1
    assert "Delete member “Besnik Rexhepi”?" in answers.asked[0]


def test_a_member_who_left_is_deleted_after_being_told_what_stays(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """Driton has left already: no other way is offered, but the question says that his
    attendance stays in the minutes and the rates, not that he disappears from reports."""
    ctx = small_team.ctx
    ana, _besnik, _elena, driton = (m.id for m in small_team.members)
    held_meeting(small_team, 400, {ana: "present", driton: "present"})
    page = TeamPage(ctx)
    shown(qtbot, page)
    choose(page.active_filter, False)  # members who have left
    assert page.model.rowCount() == 1
    choose_cell(qtbot, page.table, 0)
    answers.confirm = True
    press_key(qtbot, page.table, Qt.Key.Key_Delete)
    [question] = answers.asked
    assert "Driton Ismaili" in question and "1 meeting" in question
    assert "disappears from lists and reports" not in question
    with ctx.read() as session:
        assert session.get(Member, driton).deleted


def test_the_form_shows_the_attendance_of_a_member_who_moved_to_another_team(
    qtbot: QtBot, small_team: Any
) -> None:
    """Elena, present at a meeting, moved to another team afterwards: the minutes printed her
    as present, but the meeting form listed only the team's members of today, so it said
    "1 of 2 present" and nobody editing the meeting could see what was kept for her. Her row
    now shows as a deleted member's does, read-only, with the team she moved to."""
    from hubdesk.ui.editors.meeting import MeetingDialog

    ctx = small_team.ctx
    ana, besnik, elena, _driton = (m.id for m in small_team.members)
    meeting_id = held_meeting(small_team, 10, {ana: "present", besnik: "absent", elena: "present"})
    council = team.create_team(ctx, {"name": "Safety council", "kind": "local_safety_council"})
    team.update_member(ctx, elena, {"team_id": council.id})

    [former] = meetings.former_members_attendance(ctx, meeting_id)
    moved = (former.member_id, former.status, former.moved_to)
    assert moved == (elena, "present", "Safety council")
    with ctx.read() as session:
        printed = minutes(session, session.get(Meeting, meeting_id))
    assert [row.name for row in printed.attendance][-1] == "Elena Stojanova"

    dialog = MeetingDialog(ctx, meeting_id)
    shown(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 1)
    grid = dialog.attendance
    names = [grid.table.item(row, 0).text() for row in range(grid.table.rowCount())]
    assert names == [
        "Ana Petrovska",
        "Besnik Rexhepi",
        "Elena Stojanova (moved to Safety council)",
    ]
    assert "moved to another team" in grid.table.item(2, 0).toolTip()
    assert grid.summary.text() == "2 of 3 members present"
    buttons = [
        button
        for column in range(1, grid.table.columnCount())
        for button in grid.table.cellWidget(2, column).findChildren(QRadioButton)
    ]
    assert [button.isChecked() for button in buttons] == [True, False, False]
    assert not any(button.isEnabled() for button in buttons)
    assert elena not in grid.value()
    click(qtbot, grid.all_present)  # Besnik stays absent, Elena as stored
    [besnik_present] = [
        button
        for button in grid.groups[1].buttons()
        if button.accessibleName() == "Besnik Rexhepi: Present"
    ]
    check(besnik_present)
    assert grid.summary.text() == "3 of 3 members present"
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert meetings.get_attendance(ctx, meeting_id) == {
        ana: "present",
        besnik: "present",
        elena: "present",
    }
