"""The Quarters page: a municipality submits and reopens; the hub accepts and returns; the
dashboard's tile counts what waits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from gui import check, choose_row, click, show_window, type_into, wait_loaded
from hub_demo_copy import hub_demo
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain.periods import Quarter
from hubdesk.services import meetings, periods
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.ui.comment_dialog import CommentDialog
from hubdesk.ui.pages.dashboard import DashboardPage
from hubdesk.ui.pages.periods import PeriodsPage


def row_of(page: PeriodsPage, quarter: str, name: str = "") -> int:
    return next(i for i, (_m, n, q) in enumerate(page.rows) if q.quarter == quarter and n == name)


def loaded_dashboard(ctx: ServiceContext) -> DashboardPage:
    """The dashboard once its worker has read the figures (the quarters tile among them)."""
    page = DashboardPage(ctx)
    wait_loaded(page)
    return page


def test_a_municipality_submits_and_reopens_a_quarter(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    ctx = small_team.ctx
    last = str(Quarter.of(clock.today()).previous())
    starts = dt.datetime.combine(Quarter.parse(last).first_day, dt.time(9), dt.UTC)
    meeting = meetings.create_meeting(
        ctx, {"team_id": small_team.team.id, "starts_at": starts, "kind": "regular"}
    )
    dashboard = loaded_dashboard(ctx)
    waiting = dashboard.extra_tiles["periods"].number.text()
    noun = "quarter" if int(waiting) == 1 else "quarters"
    assert dashboard.extra_tiles["periods"].caption.text() == f"{noun} to submit"
    page = PeriodsPage(ctx)
    show_window(qtbot, page)
    assert page.accept_button.isHidden() and page.return_button.isHidden()
    choose_row(page.table, row_of(page, last))
    assert not page.reopen_button.isEnabled()
    answers.confirm = True
    click(qtbot, page.submit_button)
    assert page.table.item(row_of(page, last), 1).text() == "submitted, waiting for the hub"
    assert last in answers.asked[-1]
    assert int(loaded_dashboard(ctx).extra_tiles["periods"].number.text()) == int(waiting) - 1

    def give_reason(dialog: Any) -> None:
        assert isinstance(dialog, CommentDialog)
        assert not dialog.ok_button.isEnabled()  # a reopening needs its reason
        type_into(qtbot, dialog.text, "The minutes were incomplete")
        click(qtbot, dialog.ok_button)

    choose_row(page.table, row_of(page, last))
    with_modal(lambda: click(qtbot, page.reopen_button), give_reason)
    row = row_of(page, last)
    assert page.table.item(row, 1).text() == "reopened"
    assert page.table.item(row, 3).text() == "The minutes were incomplete"
    meetings.update_meeting(ctx, meeting.id, {"place": "Town hall"})  # open again


def test_the_hub_accepts_and_returns(
    qtbot: QtBot, tmp_path: Path, answers: Any, with_modal: Any
) -> None:
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        dashboard = loaded_dashboard(hub)
        assert dashboard.extra_tiles["periods"].caption.text() == "quarters to answer"
        assert int(dashboard.extra_tiles["periods"].number.text()) == 2  # Kumanovo and Novi Pazar
        page = PeriodsPage(hub)
        show_window(qtbot, page)
        assert page.submit_button.isHidden() and page.reopen_button.isHidden()
        everything = len(page.rows)
        check(page.only_waiting)
        assert len(page.rows) == 2 < everything
        check(page.only_waiting, False)
        assert len(page.rows) == everything
        waiting = [(m, n, q) for m, n, q in page.rows if q.state == "submitted"]
        (town, name, first), (_other, other_name, second) = waiting

        def note(dialog: Any) -> None:
            click(qtbot, dialog.ok_button)  # the note is optional

        choose_row(page.table, row_of(page, first.quarter, name))
        with_modal(lambda: click(qtbot, page.accept_button), note)
        assert page.table.item(row_of(page, first.quarter, name), 2).text() == "accepted"

        def what_to_fix(dialog: Any) -> None:
            type_into(qtbot, dialog.text, "Two activities lack the gender counts")
            click(qtbot, dialog.ok_button)

        choose_row(page.table, row_of(page, second.quarter, other_name))
        with_modal(lambda: click(qtbot, page.return_button), what_to_fix)
        row = row_of(page, second.quarter, other_name)
        assert page.table.item(row, 2).text() == "returned"
        assert not page.accept_button.isEnabled()
        states = {
            (t.name, q.quarter): q.state for t in periods.hub_overview(hub) for q in t.quarters
        }
        assert states[(name, first.quarter)] == "accepted"
        assert states[(other_name, second.quarter)] == "returned"
        assert town
    finally:
        db.close()


def test_the_hub_names_each_municipality_in_the_script_of_its_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """An Albanian hub window listed "Куманово" beside "Elbasan"; now the names follow the
    window's language, also when it changes while the page is open."""
    from hubdesk.i18n import language

    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        with language("sq"):
            page = PeriodsPage(hub)
            show_window(qtbot, page)
            shown = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
            assert "Kumanovo" in shown and "Куманово" not in shown
        with language("mk"):
            page.retranslate()
            shown = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
            assert "Куманово" in shown and "Kumanovo" not in shown
        page.close()
    finally:
        db.close()


def test_a_new_installation_is_told_why_no_quarter_is_listed(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    """Set up today: an empty list and greyed buttons, and not a word of why."""
    page = PeriodsPage(ctx)
    show_window(qtbot, page)
    assert page.rows == []
    assert page.empty_note.isVisible() and "No quarter has ended yet" in page.empty_note.text()
    check(page.only_waiting)  # a filter that hides every quarter is not this
    assert not page.empty_note.isVisible()


def test_an_answered_quarter_does_not_hand_its_row_to_the_next_one(
    qtbot: QtBot, tmp_path: Path, answers: Any, with_modal: Any
) -> None:
    """With only the quarters waiting for an answer shown, the hub accepted Kumanovo's and
    the list chose Novi Pazar's in its place: Accept was ready for a quarter no one had
    looked at. Now the choice follows the quarter, and an accepted one leaves nothing chosen."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        page = PeriodsPage(hub)
        show_window(qtbot, page)
        check(page.only_waiting)
        assert len(page.rows) == 2

        def note(dialog: Any) -> None:
            click(qtbot, dialog.ok_button)

        choose_row(page.table, 0)
        with_modal(lambda: click(qtbot, page.accept_button), note)
        assert len(page.rows) == 1
        assert page.selected() is None and not page.accept_button.isEnabled()
    finally:
        db.close()


def test_the_moment_a_quarter_changed_is_shown_to_the_minute(qtbot: QtBot, small_team: Any) -> None:
    """The "Since" column read "15 Jul 2026, 10:00:00": seconds nobody needs; now to the
    minute, as the other lists show a moment."""
    import re

    ctx = small_team.ctx
    last = str(Quarter.of(clock.today()).previous())
    starts = dt.datetime.combine(Quarter.parse(last).first_day, dt.time(9), dt.UTC)
    meetings.create_meeting(
        ctx, {"team_id": small_team.team.id, "starts_at": starts, "kind": "regular"}
    )
    periods.submit(ctx, last)
    page = PeriodsPage(ctx)
    show_window(qtbot, page)
    shown = [page.table.item(r, 2).text() for r in range(page.table.rowCount())]
    moments = [text for text in shown if text]
    assert moments and not any(re.search(r"\d:\d\d:\d\d", text) for text in moments), moments


def test_words_typed_in_a_comment_are_not_lost_at_escape(qtbot: QtBot, answers: Any) -> None:
    """The hub's return comment and its help desk answers were thrown away at one key."""
    from gui import press_key
    from PySide6.QtCore import Qt

    dialog = CommentDialog("Return 2026-Q3", "Say what to correct.", True, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    press_key(qtbot, dialog.text, Qt.Key.Key_Escape)  # nothing typed: it just closes
    assert not dialog.isVisible() and answers.asked == []
    dialog.show()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.text, "Народни универзитет: попуните присуство")
    answers.unsaved = answers.unsaved.CANCEL
    press_key(qtbot, dialog.text, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.value().startswith("Народни")
    answers.unsaved = answers.unsaved.SAVE  # the person keeps the words: as OK
    press_key(qtbot, dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert answers.asked == ["unsaved", "unsaved"]


def test_the_tile_opens_only_the_quarters_it_counted(qtbot: QtBot, small_team: Any) -> None:
    """The tile counts the quarters to submit: its list shows those, not every quarter."""
    ctx = small_team.ctx
    last = str(Quarter.of(clock.today()).previous())
    starts = dt.datetime.combine(Quarter.parse(last).first_day, dt.time(9), dt.UTC)
    meetings.create_meeting(
        ctx, {"team_id": small_team.team.id, "starts_at": starts, "kind": "regular"}
    )
    dashboard = loaded_dashboard(ctx)
    show_window(qtbot, dashboard)
    tile = dashboard.extra_tiles["periods"]
    with qtbot.waitSignal(dashboard.open_list) as opened:
        click(qtbot, tile)
    key, criteria = opened.args
    page = PeriodsPage(ctx)
    show_window(qtbot, page)
    assert key == "periods"
    page.show_filtered(**criteria)  # what the window does with the tile's click
    assert page.only_waiting.isChecked()
    assert len(page.rows) == int(tile.number.text())
