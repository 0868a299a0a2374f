"""The Team page: add and edit members through the form, filter the list, delete with a question."""

from __future__ import annotations

from typing import Any

from gui import choose, choose_cell, click, double_click_cell, paste_into, press_key, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.i18n import language
from hubdesk.services import team
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.pages.team import TeamPage


def make_page(qtbot: QtBot, small_team: Any) -> TeamPage:
    page = TeamPage(small_team.ctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def search_for(qtbot: QtBot, page: TeamPage, text: str) -> None:
    """Type into the search box and wait, as a person does, for the list to follow."""
    type_into(qtbot, page.search, text)
    qtbot.waitUntil(lambda: not page._search_timer.isActive(), timeout=2000)


def field(dialog: MemberDialog, name: str) -> Any:
    return dialog.fields.fields[name]


def test_add_a_member_after_a_refused_entry(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    page = make_page(qtbot, small_team)
    assert page.count_label.text() == "3 of 4"
    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        qtbot.waitExposed(dialog)
        type_into(qtbot, field(dialog, "name").widget, "Marija Trajkovska")
        choose(field(dialog, "sector").widget, "health")
        choose(field(dialog, "gender").widget, "female")
        type_into(qtbot, field(dialog, "email").widget, "marija-at-example")
        click(qtbot, dialog.save_button)
        # Refused: the message is next to the e-mail field and the form stays open.
        seen["error"] = field(dialog, "email").error.text()
        seen["visible"] = dialog.isVisible()
        seen["others"] = field(dialog, "name").error.text()
        type_into(qtbot, field(dialog, "email").widget, "marija@example.org")
        click(qtbot, dialog.save_button)

    with_modal(lambda: click(qtbot, page.new_button), fill)
    assert seen == {"error": "This is not an e-mail address.", "visible": True, "others": ""}
    assert page.count_label.text() == "4 of 5"
    saved = team.list_members(small_team.ctx, team.MemberFilter(search="Marija"))
    assert [(m.name, m.email, m.team_id) for m in saved] == [
        ("Marija Trajkovska", "marija@example.org", small_team.team.id)
    ]
    # The new member is selected in the list.
    assert page.table.current_id() == saved[0].id


def test_edit_a_member_sends_only_what_changed(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    page = make_page(qtbot, small_team)
    ana = small_team.members[0]
    assert page.model.row_of(ana.id) >= 0
    choose_cell(qtbot, page.table, page.model.row_of(ana.id))
    assert page.table.current_id() == ana.id

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        qtbot.waitExposed(dialog)
        assert field(dialog, "name").widget.text() == "Ana Petrovska"
        assert dialog.fields.changes() == {}
        type_into(qtbot, field(dialog, "organisation").widget, "OU Braka Miladinovci")
        assert dialog.fields.changes() == {"organisation": "OU Braka Miladinovci"}
        click(qtbot, dialog.save_button)
        assert not dialog.isVisible()

    with_modal(lambda: click(qtbot, page.edit_button), edit)
    assert team.get_member(small_team.ctx, ana.id).organisation == "OU Braka Miladinovci"
    assert page.model.record(page.model.row_of(ana.id)).organisation == "OU Braka Miladinovci"


def test_leaving_a_changed_form_asks_and_discards(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    dialog = MemberDialog(small_team.ctx, small_team.members[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_into(qtbot, field(dialog, "name").widget, "Someone else")
    answers.unsaved = answers.unsaved.CANCEL
    click(qtbot, dialog.cancel_button)
    assert dialog.isVisible()  # "Cancel" keeps the form open with the change
    assert field(dialog, "name").widget.text() == "Someone else"
    answers.unsaved = answers.unsaved.DISCARD
    press_key(qtbot, field(dialog, "name").widget, Qt.Key.Key_Escape)  # Esc asks the same
    assert not dialog.isVisible()
    assert answers.asked == ["unsaved", "unsaved"]
    assert team.get_member(small_team.ctx, small_team.members[0].id).name == "Ana Petrovska"


def test_filter_the_list(qtbot: QtBot, small_team: Any) -> None:
    page = make_page(qtbot, small_team)
    search_for(qtbot, page, "petro")
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "1 of 4"
    search_for(qtbot, page, "")
    choose(page.sector_filter, "police")
    assert [page.model.record(r).name for r in range(page.model.rowCount())] == ["Besnik Rexhepi"]
    choose(page.sector_filter, None)
    choose(page.active_filter, False)  # members who have left
    assert [page.model.record(r).name for r in range(page.model.rowCount())] == ["Driton Ismaili"]
    choose(page.active_filter, None)  # everyone
    assert page.count_label.text() == "4 of 4"


def test_the_search_box_filters_after_a_pause(qtbot: QtBot, small_team: Any) -> None:
    page = make_page(qtbot, small_team)
    type_into(qtbot, page.search, "elena")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)


def test_delete_asks_first_and_leaves_a_tombstone(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    page = make_page(qtbot, small_team)
    choose_cell(qtbot, page.table, 0)
    doomed = page.table.current_id()
    answers.confirm = False
    press_key(qtbot, page.table, Qt.Key.Key_Delete)
    assert len(answers.asked) == 1 and "Delete member" in answers.asked[0]
    assert page.model.rowCount() == 3
    answers.confirm = True
    press_key(qtbot, page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 2
    assert page.count_label.text() == "2 of 3"
    with small_team.ctx.read() as session:
        from hubdesk.domain import Member

        assert session.get(Member, doomed).deleted is True


def test_after_a_delete_the_next_row_is_current(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """A keyboard user deleting with the Delete key stays where they were: the row that took
    the deleted one's place is selected (before, none was, and Down started at the top)."""
    page = make_page(qtbot, small_team)
    choose_cell(qtbot, page.table, 1)
    following = page.model.record_id(2)
    answers.confirm = True
    press_key(qtbot, page.table, Qt.Key.Key_Delete)
    assert page.table.currentIndex().row() == 1
    assert page.table.current_id() == following
    choose_cell(qtbot, page.table, page.model.rowCount() - 1)  # the last row: the one above
    above = page.model.record_id(page.model.rowCount() - 2)
    press_key(qtbot, page.table, Qt.Key.Key_Delete)
    assert page.table.current_id() == above


def test_a_cell_pasted_from_a_spreadsheet_reads_as_one_line(qtbot: QtBot, small_team: Any) -> None:
    """A cell copied from Excel or LibreOffice ends with a line break (and two cells hold a tab
    between them): pasted into a field of one line they become spaces, so Save does not refuse
    an "invisible control character" the person cannot find."""
    dialog = MemberDialog(small_team.ctx, small_team.members[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name = field(dialog, "name").widget
    type_into(qtbot, name, "")
    paste_into(qtbot, name, "Ana\r\nPetrovska\tNikolova\n")
    assert name.text() == "Ana Petrovska Nikolova "
    assert name.cursorPosition() == len(name.text())  # typing goes on after what was pasted
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert (
        team.get_member(small_team.ctx, small_team.members[0].id).name == "Ana Petrovska Nikolova"
    )


def test_tab_leaves_the_list_for_what_comes_after_it(qtbot: QtBot, small_team: Any) -> None:
    """A keyboard user tabs into the list and out of it again to the filters and buttons
    after it; arrows move within it (Qt's default moved Tab from cell to cell, for ever)."""
    page = make_page(qtbot, small_team)
    press_key(qtbot, page.table, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    press_key(qtbot, page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.table
    assert not page.table.isAncestorOf(QApplication.focusWidget())


def test_teams_are_offered_in_the_script_of_the_window(qtbot: QtBot, small_team: Any) -> None:
    """A Kumanovo team typed in Cyrillic reads in Latin letters in an Albanian window, in the
    forms' and the filter's drop-downs as in the lists and reports."""
    youth = team.create_team(small_team.ctx, {"name": "Тим за млади", "kind": "other"})
    with language("sq"):
        page = make_page(qtbot, small_team)
        shown = [page.team_filter.itemText(i) for i in range(page.team_filter.count())]
        assert page.team_filter.isVisible() and "Tim za mladi" in shown
        dialog = MemberDialog(small_team.ctx, None)
        qtbot.addWidget(dialog)
        combo = field(dialog, "team_id").widget
        assert "Tim za mladi" in [combo.itemText(i) for i in range(combo.count())]
        meeting = MeetingDialog(small_team.ctx, None)
        qtbot.addWidget(meeting)
        offered = {
            meeting.team.itemData(i): meeting.team.itemText(i) for i in range(meeting.team.count())
        }
        assert offered[youth.id] == "Tim za mladi"


def test_the_team_filter_follows_a_language_switch_and_a_team_that_came_later(
    qtbot: QtBot, small_team: Any
) -> None:
    """The filter kept the teams as they were when the page was made: in the old script after
    a switch of language, and without a team that came later (by a bundle, say)."""
    team.create_team(small_team.ctx, {"name": "Тим за млади", "kind": "other"})
    page = make_page(qtbot, small_team)

    def offered() -> list[str]:
        return [page.team_filter.itemText(i) for i in range(page.team_filter.count())]

    assert "Tim za mladi" in offered()  # (an English window)
    choose(page.team_filter, text="Tim za mladi")
    with language("mk"):
        page.retranslate()  # as Settings does when the language is switched
        assert "Тим за млади" in offered() and page.team_filter.currentText() == "Тим за млади"
    page.retranslate()
    team.create_team(small_team.ctx, {"name": "Školski tim", "kind": "other"})
    page.refresh()  # as the window does when the page is shown again
    assert "Školski tim" in offered() and page.team_filter.currentText() == "Tim za mladi"


def test_a_double_click_opens_a_member_once_and_enter_opens_the_chosen_one(
    qtbot: QtBot, small_team: Any, monkeypatch: Any
) -> None:
    """Before, a double-click opened the member's form and, once it was closed, opened it again:
    Qt follows every double-click with an "activated", which the list also opened on (for the
    Enter key)."""
    page = make_page(qtbot, small_team)
    opened: list[str | None] = []
    monkeypatch.setattr(page, "open_editor", opened.append)
    double_click_cell(qtbot, page.table, 0)
    assert opened == [page.model.record_id(0)]
    choose_cell(qtbot, page.table, 1)
    press_key(qtbot, page.table, Qt.Key.Key_Return)
    assert opened == [page.model.record_id(0), page.model.record_id(1)]
