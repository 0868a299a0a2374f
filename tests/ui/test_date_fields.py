"""Dates typed into the editors' date fields, as people coming from Excel type them.

Each test types into the visible field, leaves it with Tab, saves with the Save button and reads
what the service stored: a typed date is never dropped, and text that is not a date is refused
with a message next to the field, saving nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from gui import (
    check,
    choose,
    click,
    open_tab,
    pick_date,
    set_date,
    set_time,
    show_window,
    type_date,
    type_into,
)
from pytestqt.qtbot import QtBot

from hubdesk import clock, i18n
from hubdesk.services import fund, meetings, team
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.widgets import DateRangeFilter


def new_member(qtbot: QtBot, small_team: Any, name: str) -> MemberDialog:
    dialog = MemberDialog(small_team.ctx)
    show_window(qtbot, dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["name"].widget, name)
    choose(f["sector"].widget, "health")
    choose(f["gender"].widget, "female")
    choose(f["team_id"].widget, small_team.team.id)
    return dialog


def stored_member(small_team: Any, name: str) -> Any:
    [member] = team.list_members(small_team.ctx, team.MemberFilter(search=name, active=None))
    return member


@pytest.mark.parametrize(
    ("lang", "typed", "shown"),
    [
        ("en", "01/12/2026", "01/12/2026"),
        ("en", "2026-12-01", "01/12/2026"),
        ("sq", "1.12.2026", "1.12.2026"),
        ("sq", "1/12/2026", "1.12.2026"),
        ("mk", "01.12.2026", "1.12.2026"),
        ("mk", "1 декември 2026", "1.12.2026"),
        ("hr", "1. 12. 2026.", "01. 12. 2026."),
        ("sr_Cyrl", "1.12.2026. године", "1. 12. 2026."),
        ("cnr", "1-12-2026", "1. 12. 2026."),
    ],
)
def test_joined_on_takes_what_was_typed(
    qtbot: QtBot, small_team: Any, lang: str, typed: str, shown: str
) -> None:
    i18n.set_language(lang)
    dialog = new_member(qtbot, small_team, "Marija Trajkovska")
    joined = dialog.fields.fields["joined_on"]
    type_date(qtbot, joined.widget, typed)
    # Leaving the field keeps the date and shows it in the language's own form.
    assert joined.widget.edit.text() == shown
    assert not joined.error.isVisible()
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    member = stored_member(small_team, "Marija")
    assert member.joined_on == dt.date(2026, 12, 1)
    assert member.left_on is None  # left empty, stays empty


def test_a_date_that_is_not_one_is_explained_and_nothing_is_saved(
    qtbot: QtBot, small_team: Any
) -> None:
    dialog = new_member(qtbot, small_team, "Marija Trajkovska")
    joined = dialog.fields.fields["joined_on"]
    type_date(qtbot, joined.widget, "31.02.2026")
    assert joined.widget.edit.text() == "31.02.2026"  # kept as typed, to be corrected
    assert joined.error.isVisible()
    assert joined.error.text() == "“31.02.2026”: February 2026 has no day 31."
    click(qtbot, dialog.save_button)  # refused: the field still says why
    assert dialog.isVisible()
    assert joined.error.isVisible() and "no day 31" in joined.error.text()
    assert team.list_members(small_team.ctx, team.MemberFilter(search="Marija")) == []
    # Month first, as an American would type it: not guessed, but explained.
    type_date(qtbot, joined.widget, "12/31/2026")
    assert "type the day first" in joined.error.text()
    type_date(qtbot, joined.widget, "28.02.2026")
    assert not joined.error.isVisible()
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert stored_member(small_team, "Marija").joined_on == dt.date(2026, 2, 28)


def test_ctrl_s_right_after_typing_saves_the_date(qtbot: QtBot, small_team: Any) -> None:
    """The date is read when saving even if the person never left the field."""
    dialog = new_member(qtbot, small_team, "Vesna Ilievska")
    edit = dialog.fields.fields["left_on"].widget.edit
    type_into(qtbot, edit, "15.01.2027")
    assert edit.hasFocus()
    click(qtbot, dialog.save_button)
    assert stored_member(small_team, "Vesna").left_on == dt.date(2027, 1, 15)


def test_the_required_message_goes_once_the_field_is_filled(qtbot: QtBot, small_team: Any) -> None:
    dialog = MemberDialog(small_team.ctx)
    show_window(qtbot, dialog)
    name = dialog.fields.fields["name"]
    click(qtbot, dialog.save_button)
    assert name.error.isVisible()
    assert name.error.text() == "This field is required."
    type_into(qtbot, name.widget, "M")
    assert not name.error.isVisible()


@pytest.mark.parametrize(("lang", "typed"), [("en", "15.01.2027"), ("sq", "15/1/2027")])
def test_a_proposals_period_keeps_typed_dates(
    qtbot: QtBot, small_team: Any, lang: str, typed: str
) -> None:
    i18n.set_language(lang)
    ctx = small_team.ctx
    dialog = ProposalDialog(ctx)
    show_window(qtbot, dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Safe schools")
    type_date(qtbot, f["period_start"].widget, "2026-09-01")
    type_date(qtbot, f["period_end"].widget, typed)
    assert f["period_end"].widget.value() == dt.date(2027, 1, 15)
    click(qtbot, dialog.save_button)
    [proposal] = fund.list_proposals(ctx, fund.ProposalFilter())
    assert (proposal.period_start, proposal.period_end) == (
        dt.date(2026, 9, 1),
        dt.date(2027, 1, 15),
    )


@pytest.mark.parametrize(("lang", "typed"), [("mk", "3.11.2026"), ("en", "03/11/2026")])
def test_a_meetings_date_is_typed(qtbot: QtBot, small_team: Any, lang: str, typed: str) -> None:
    i18n.set_language(lang)
    ctx = small_team.ctx
    dialog = MeetingDialog(ctx, team_id=small_team.team.id)
    show_window(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 0)
    starts = dialog.fields.fields["starts_at"].widget
    type_date(qtbot, starts, typed)
    click(qtbot, dialog.save_button)
    [meeting] = meetings.list_meetings(ctx, meetings.MeetingFilter())
    assert clock.wall(meeting.starts_at) == dt.datetime(2026, 11, 3, 18, 0)


def test_a_required_date_left_empty_is_refused(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    dialog = MeetingDialog(ctx, team_id=small_team.team.id)
    show_window(qtbot, dialog)
    starts = dialog.fields.fields["starts_at"]
    type_date(qtbot, starts.widget, "")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert starts.error.text().startswith("Type a date, for example 31/12/")
    assert meetings.list_meetings(ctx, meetings.MeetingFilter()) == []


def test_a_filter_date_says_what_it_did_not_understand(qtbot: QtBot) -> None:
    dates = DateRangeFilter()
    show_window(qtbot, dates)
    type_date(qtbot, dates.date_from, "1.13.2026")
    assert dates.date_from.message.isVisible()
    assert dates.value() == (None, None)
    type_date(qtbot, dates.date_from, "1.12.2026")
    assert not dates.date_from.message.isVisible()
    assert dates.value() == (dt.date(2026, 12, 1), None)


def test_a_report_period_that_is_not_a_date_makes_nothing(qtbot: QtBot, small_team: Any) -> None:
    from hubdesk.ui.pages.reports import ReportsPage

    page = ReportsPage(small_team.ctx)
    show_window(qtbot, page)
    choose(page.kind, "periodic")
    type_date(qtbot, page.date_from, "1.1.2026")
    type_date(qtbot, page.date_to, "30.6.26x")
    assert page.date_to.message.isVisible()
    click(qtbot, page.make_button)
    assert page.last_path is None  # the period is not understood: nothing is made
    type_date(qtbot, page.date_to, "30.6.2026")
    click(qtbot, page.make_button)
    assert page.last_path is not None and page.last_path.is_file()
    assert page.date_to.value() == dt.date(2026, 6, 30)


def test_a_date_is_picked_from_the_calendar(qtbot: QtBot, small_team: Any) -> None:
    dialog = new_member(qtbot, small_team, "Marija Trajkovska")
    joined = dialog.fields.fields["joined_on"].widget
    wanted = clock.today().replace(day=1)  # an empty field's calendar opens on this month
    pick_date(qtbot, joined, wanted)
    assert joined.value() == wanted
    assert joined.edit.text() == f"01/{wanted.month:02d}/{wanted.year}"
    click(qtbot, dialog.save_button)
    assert stored_member(small_team, "Marija").joined_on == wanted


@pytest.mark.parametrize("code", ["en", "mk", "sq"])
def test_a_squeezed_date_field_still_shows_the_whole_date(qtbot: QtBot, code: str) -> None:
    """Beside long buttons (the hub's tranche row) a date field was squeezed until it showed
    "12/2026"; now it keeps room for the widest date of the language's form."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

    from hubdesk.ui.date_fields import DateField

    i18n.set_language(code)
    try:
        holder = QWidget()
        row = QHBoxLayout(holder)
        field = DateField(optional=False)
        row.addWidget(field)
        row.addWidget(QPushButton("Record the payment of the chosen tranche"))
        holder.resize(220, 40)
        show_window(qtbot, holder)
        set_date(field, dt.date(2026, 12, 28))
        edit = field.edit
        assert edit.fontMetrics().horizontalAdvance(edit.text()) <= edit.contentsRect().width() - 4
    finally:
        i18n.set_language("en")


@pytest.fixture
def pc_far_away(pc_zone: Callable[[str], None]) -> None:
    """This PC's own clock in Tokyo, which keeps no summer time. The form keeps the region's
    clocks all the same: they jump from 02:00 to 03:00 on the last Sunday of March and go back
    from 03:00 to 02:00 on the last Sunday of October."""
    pc_zone("Asia/Tokyo")


def new_meeting_at(qtbot: QtBot, small_team: Any, moment: dt.datetime) -> Any:
    dialog = MeetingDialog(small_team.ctx, team_id=small_team.team.id)
    show_window(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 0)
    set_date(dialog.fields.fields["starts_at"].widget, moment)
    click(qtbot, dialog.save_button)
    return dialog


@pytest.mark.usefixtures("pc_far_away")
def test_a_time_the_clocks_skip_is_refused(qtbot: QtBot, small_team: Any) -> None:
    """02:30 on the night the clocks go forward never happens: it was saved as 01:30."""
    dialog = new_meeting_at(qtbot, small_team, dt.datetime(2026, 3, 29, 2, 30))
    starts = dialog.fields.fields["starts_at"]
    assert dialog.isVisible()
    assert "02:30" in starts.error.text() and "03:30" in starts.error.text()
    assert meetings.list_meetings(small_team.ctx, meetings.MeetingFilter()) == []


@pytest.mark.usefixtures("pc_far_away")
def test_a_time_the_clocks_repeat_is_kept(qtbot: QtBot, small_team: Any) -> None:
    """02:30 on the night the clocks go back happens twice: the first one is kept as typed."""
    dialog = new_meeting_at(qtbot, small_team, dt.datetime(2026, 10, 25, 2, 30))
    assert not dialog.isVisible()
    [meeting] = meetings.list_meetings(small_team.ctx, meetings.MeetingFilter())
    assert meeting.starts_at == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    assert clock.wall(meeting.starts_at) == dt.datetime(2026, 10, 25, 2, 30)


def end_meeting_at(qtbot: QtBot, dialog: Any, ends: dt.time) -> Any:
    field = dialog.fields.fields["ends_at"]
    check(field.widget.known)
    set_time(field.widget.time, ends)
    click(qtbot, dialog.save_button)
    return field


@pytest.mark.usefixtures("pc_far_away")
def test_an_end_the_clocks_skip_is_refused(qtbot: QtBot, small_team: Any) -> None:
    """A meeting from 01:00 to "02:30" on the night the clocks go forward: no such end."""
    dialog = new_meeting_at(qtbot, small_team, dt.datetime(2026, 3, 29, 1, 0))
    assert not dialog.isVisible()
    [meeting] = meetings.list_meetings(small_team.ctx, meetings.MeetingFilter())
    dialog = MeetingDialog(small_team.ctx, meeting.id)
    show_window(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 0)
    field = end_meeting_at(qtbot, dialog, dt.time(2, 30))
    assert dialog.isVisible()
    assert "02:30" in field.error.text() and "03:30" in field.error.text()
    assert meetings.get_meeting(small_team.ctx, meeting.id).ends_at is None
    end_meeting_at(qtbot, dialog, dt.time(3, 15))
    assert not dialog.isVisible()
    ends_at = meetings.get_meeting(small_team.ctx, meeting.id).ends_at
    assert ends_at == dt.datetime(2026, 3, 29, 1, 15, tzinfo=dt.UTC)


@pytest.mark.parametrize("code", ["en", "mk", "sq", "sr_Cyrl"])
def test_the_calendar_shows_every_day_of_a_six_week_month(qtbot: QtBot, code: str) -> None:
    """August 2026 takes six rows, the 31st alone on the last. The list style's frame around
    the calendar's grid cut that row in half."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QTableView, QWidget

    from hubdesk.ui.date_fields import DateField

    i18n.set_language(code)
    try:
        holder = QWidget()
        field = DateField(optional=False, parent=holder)
        show_window(qtbot, holder)
        set_date(field, dt.date(2026, 8, 15))
        seen: list[list[str]] = []

        def look() -> None:
            if not field.calendar.isVisible():
                QTimer.singleShot(20, look)
                return
            [days] = field.calendar.findChildren(QTableView)
            model, shown = days.model(), days.viewport().rect()
            cells = [
                model.index(row, column)
                for row in range(model.rowCount())
                for column in range(1, model.columnCount())
            ]
            cut = [str(model.data(c)) for c in cells if not shown.contains(days.visualRect(c))]
            seen.append(cut)
            field.calendar_menu.close()

        QTimer.singleShot(0, look)
        click(qtbot, field.calendar_button)
        qtbot.waitUntil(lambda: bool(seen), timeout=3000)
        assert seen[0] == []  # every day of the grid in full view
    finally:
        i18n.set_language("en")
