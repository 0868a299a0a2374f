"""A youth activity whose grid does not add up is refused with the service's message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import check, choose, click, open_tab, set_date, set_number, show_window, type_into
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.services import youth
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.pages.youth import YouthPage


def test_inconsistent_grid_shows_the_message_then_saves(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    dialog = ActivityDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Debate with the mayor")
    choose(f["activity_type"].widget, "dialogue")
    set_date(f["starts_on"].widget, clock.today() - dt.timedelta(days=3))
    open_tab(qtbot, dialog.tabs, 1)
    set_number(dialog.grid.cells["n_female_15_19"], 7)
    set_number(dialog.grid.cells["n_male_15_19"], 5)
    set_number(dialog.grid.cells["n_other_20_24"], 1)
    # The grid totals itself: rows, columns and all.
    assert dialog.grid.grand_total.text() == "13"
    assert dialog.grid.column_totals[1].text() == "12"
    set_number(f["participants_total"].widget, 15)
    assert dialog.check.text() == "The grid adds up to 13, the participants are 15."
    assert dialog.use_grid.isVisible()

    open_tab(qtbot, dialog.tabs, 0)
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    message = f["participants_total"].error.text()
    assert message.startswith("The counts by gender and age band add up to 13")
    assert "the total says 15" in message
    assert dialog.tabs.currentIndex() == 1  # turned to the participants tab
    assert youth.count_activities(ctx) == 0  # nothing saved
    # The mismatch is said once: the short check under the grid gives way to Save's message.
    assert f["participants_total"].error.isVisible()
    assert not dialog.check.isVisible()
    assert dialog.use_grid.isVisible()
    # Changing a count makes Save's message stale: the live check speaks again, alone.
    set_number(dialog.grid.cells["n_other_20_24"], 2)
    assert not f["participants_total"].error.isVisible()
    assert dialog.check.isVisible()
    assert dialog.check.text() == "The grid adds up to 14, the participants are 15."
    set_number(dialog.grid.cells["n_other_20_24"], 1)

    click(qtbot, dialog.use_grid)
    assert f["participants_total"].widget.value() == 13
    assert dialog.check.text() == "The grid adds up to the number of participants."
    open_tab(qtbot, dialog.tabs, 0)
    check(f["youth_led"].widget)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    [saved] = youth.list_activities(ctx)
    assert (saved.participants_total, saved.n_female_15_19, saved.youth_led) == (13, 7, True)


def test_youth_page_lists_and_totals(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    for title, n, led in (("Hackathon", 20, True), ("Film night", 8, False)):
        youth.create_activity(
            ctx,
            {
                "title": title,
                "activity_type": "other",
                "starts_on": clock.today(),
                "participants_total": n,
                "n_female_20_24": n,
                "youth_led": led,
            },
        )
    page = YouthPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.count_label.text() == "2 of 2"
    assert "reached 28 young people" in page.totals.text()
    choose(page.led_filter, True)  # youth-led only
    assert page.model.rowCount() == 1
    assert "reached 20 young people" in page.totals.text()


def test_the_partners_box_sits_by_its_label(qtbot: QtBot, small_team: Any) -> None:
    """A box capped in height is drawn next to its label, not in the middle of spare room."""
    dialog = ActivityDialog(small_team.ctx)
    show_window(qtbot, dialog)
    dialog.resize(1300, 740)
    QApplication.processEvents()
    partners = dialog.fields.fields["partners"]
    label_top = partners.label.mapTo(dialog, QPoint(0, 0)).y()
    box_top = partners.widget.mapTo(dialog, QPoint(0, 0)).y()
    assert abs(box_top - label_top) < 12, (label_top, box_top)
    led = dialog.fields.fields["youth_led"].widget.mapTo(dialog, QPoint(0, 0)).y()
    assert led - (box_top + partners.widget.height()) < 40  # the next row follows it


def test_the_total_follows_the_grid_until_a_person_types_another(
    qtbot: QtBot, small_team: Any
) -> None:
    """A focal point fills the grid of a new activity and saves: the total left at 0 is the
    grid's, not a refusal. A total typed to differ is kept and the check says so."""
    ctx = small_team.ctx
    dialog = ActivityDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Street football")
    choose(f["activity_type"].widget, "sports_culture")
    set_date(f["starts_on"].widget, clock.today() - dt.timedelta(days=2))
    open_tab(qtbot, dialog.tabs, 1)
    set_number(dialog.grid.cells["n_female_15_19"], 4)
    set_number(dialog.grid.cells["n_male_20_24"], 6)
    assert f["participants_total"].widget.value() == 10
    assert dialog.check.text() == "The grid adds up to the number of participants."
    set_number(f["participants_total"].widget, 12)  # the person says otherwise
    set_number(dialog.grid.cells["n_male_20_24"], 7)
    assert f["participants_total"].widget.value() == 12
    assert dialog.check.text() == "The grid adds up to 11, the participants are 12."
    set_number(dialog.grid.cells["n_male_20_24"], 8)  # agree again, then follow again
    set_number(dialog.grid.cells["n_other_15_19"], 1)
    assert f["participants_total"].widget.value() == 13
    open_tab(qtbot, dialog.tabs, 0)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    [saved] = youth.list_activities(ctx)
    assert (saved.participants_total, saved.n_male_20_24, saved.n_other_15_19) == (13, 8, 1)


def test_a_digit_typed_over_a_zero_replaces_it(qtbot: QtBot, small_team: Any) -> None:
    """The Participants tab opens with the first cell focused, its cursor before the 0; a click
    in a cell left the cursor there too. A 7 typed then counted 70 young people, and the total
    followed the grid, so the form said the counts added up."""
    dialog = ActivityDialog(small_team.ctx)
    qtbot.addWidget(dialog)
    show_window(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 1)
    first, second = dialog.grid.cells["n_female_u15"], dialog.grid.cells["n_male_u15"]
    assert QApplication.focusWidget() is first
    type_into(qtbot, first, "7", replace=False)
    click(qtbot, second)
    type_into(qtbot, second, "5", replace=False)
    type_into(qtbot, second, "2", replace=False)  # a second digit adds to the first
    assert (first.value(), second.value()) == (7, 52)
    assert dialog.fields.fields["participants_total"].widget.value() == 59
