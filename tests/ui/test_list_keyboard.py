"""Tab on a list page goes the way a person reads it: the search and the filters left to right,
the table, then the buttons as shown; Shift+Tab the same way back. Before, Tab went New, Search,
the table, Export…, and only then the filters, so a keyboard user passed the whole page (and a
date field sent Tab round the page's buttons for good)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui import open_page, press_key, show_window
from hub_demo_copy import hub_demo
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.ui.mainwindow import MainWindow

pytestmark = pytest.mark.sqlite_only("the demos are built into a data folder's own file")


def opened(qtbot: QtBot, db: Database, folder: Path) -> MainWindow:
    i18n.set_language("en")
    window = MainWindow(load_context(db, folder))
    window.resize(1366, 768)
    show_window(qtbot, window)
    return window


def tab_walk(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) visits from the sidebar until it is back there."""
    visited: list[QWidget] = []
    press_key(qtbot, window.sidebar, key)
    while (widget := QApplication.focusWidget()) is not window.sidebar:
        assert widget is not None, f"the focus was lost after {visited}"
        assert widget not in visited, f"Tab went round {visited[visited.index(widget) :]}"
        visited.append(widget)
        press_key(qtbot, widget, key)
    return visited


def assert_reading_order(qtbot: QtBot, window: MainWindow, expected: list[QWidget]) -> None:
    forward = tab_walk(qtbot, window, Qt.Key.Key_Tab)
    names = [
        type(w).__name__ + ":" + (w.accessibleName() or w.property("text") or "") for w in forward
    ]
    assert forward == expected, names
    assert tab_walk(qtbot, window, Qt.Key.Key_Backtab) == expected[::-1]


def test_a_municipalitys_list_is_tabbed_through_as_it_is_read(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    team = open_page(window, "team")
    assert_reading_order(
        qtbot,
        window,
        [
            team.search,
            team.sector_filter,
            team.role_filter,
            team.active_filter,
            team.table,
            *team.print_buttons,
            team.team_button,
            team.import_button,
            team.export_button,
            team.new_button,
        ],
    )
    youth = open_page(window, "youth")  # its dates are fields of several parts
    assert_reading_order(
        qtbot,
        window,
        [
            youth.search,
            youth.type_filter,
            youth.pillar_filter,
            youth.theme_filter,
            youth.led_filter,
            youth.dates.date_from.edit,
            youth.dates.date_to.edit,
            youth.table,
            *youth.print_buttons,
            youth.import_button,
            youth.export_button,
            youth.new_button,
        ],
    )
    meetings = open_page(window, "meetings")  # the tabs above the list come first
    listed = meetings.meetings
    assert_reading_order(
        qtbot,
        window,
        [
            meetings.tabs.tabBar(),
            listed.search,
            listed.kind_filter,
            listed.pillar_filter,
            listed.theme_filter,
            listed.dates.date_from.edit,
            listed.dates.date_to.edit,
            listed.banner_button,
            listed.table,
            listed.export_button,
            listed.new_button,
        ],
    )
    window.close()


def test_the_hubs_list_is_tabbed_through_as_it_is_read(qtbot: QtBot, tmp_path: Path) -> None:
    db = hub_demo(tmp_path / "hub")
    try:
        window = opened(qtbot, db, tmp_path / "hub")
        fund = open_page(window, "fund")
        assert_reading_order(
            qtbot,
            window,
            [
                fund.search,
                fund.status_filter,
                fund.pillar_filter,
                fund.theme_filter,
                fund.table,
                fund.export_button,
            ],
        )
        engagements = open_page(window, "engagements")
        assert_reading_order(
            qtbot,
            window,
            [
                engagements.search,
                engagements.level_filter,
                engagements.kind_filter,
                engagements.theme_filter,
                engagements.due_only,
                engagements.dates.date_from.edit,
                engagements.dates.date_to.edit,
                engagements.table,
                engagements.export_button,
            ],
        )
        window.close()
    finally:
        db.close()


def test_opening_a_page_keeps_the_window_active_and_its_focus(qtbot: QtBot, tmp_path: Path) -> None:
    """A filter shown before it had a parent opened for a moment as a window of its own and
    took the activation: after the hub opened Trainings no widget had the focus, and Tab went
    nowhere."""
    db = hub_demo(tmp_path / "hub")
    try:
        window = opened(qtbot, db, tmp_path / "hub")
        window.activateWindow()
        window.sidebar.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sidebar)
        windows: list[str] = []
        spy = ShownWindows(windows)
        QApplication.instance().installEventFilter(spy)  # type: ignore[union-attr]
        try:
            page = open_page(window, "trainings")
        finally:
            QApplication.instance().removeEventFilter(spy)  # type: ignore[union-attr]
        assert page.municipality_filter.isVisible()
        assert windows == []
        assert QApplication.activeWindow() is window
        assert QApplication.focusWidget() is window.sidebar
    finally:
        db.close()


class ShownWindows(QObject):
    """Records every window shown while it listens (a widget shown before it has a parent is
    one)."""

    def __init__(self, shown: list[str]) -> None:
        super().__init__()
        self.shown = shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = event.type() == QEvent.Type.Show
        if shown and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_the_dashboard_is_tabbed_through_as_it_is_read(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    """The second row of tiles came after every chart, and the youth chart's split before
    the first row of charts."""
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    page = open_page(window, "dashboard")
    extra = [tile for tile in page.extra_tiles.values() if tile.isVisible()]
    assert extra  # the demo's figures fill a second row
    views = page.views
    walked = [w for w in tab_walk(qtbot, window, Qt.Key.Key_Tab) if page.isAncestorOf(w)]
    assert walked == [
        *page.tiles.values(),
        *extra,
        views["sectors"],
        views["meetings"],
        page.youth_split,
        views["youth"],
        views["items"],
        views["fund"],
    ], [type(w).__name__ + ":" + w.accessibleName() for w in walked]


def test_the_hubs_calls_and_help_desk_are_tabbed_through_as_the_lists_are(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Their own filters came after every list and button: Help Desk's state filter, Calls'
    "Only the calls open now"."""
    db = hub_demo(tmp_path / "hub")
    try:
        window = opened(qtbot, db, tmp_path / "hub")
        calls = open_page(window, "calls")
        walked = [w for w in tab_walk(qtbot, window, Qt.Key.Key_Tab) if calls.isAncestorOf(w)]
        buttons = [b for b in calls.buttons.values() if b.isVisible() and b.isEnabled()]
        lists = [calls.calls_table, calls.notes_table, calls.detail]
        assert walked == [calls.open_only, *lists, *buttons]
        desk = open_page(window, "helpdesk")
        walked = [w for w in tab_walk(qtbot, window, Qt.Key.Key_Tab) if desk.isAncestorOf(w)]
        shown = [b for b in (desk.answer_button,) if b.isEnabled()]
        assert walked == [desk.state_filter, desk.table, desk.conversation, *shown]
    finally:
        db.close()


def test_the_hub_is_sent_to_the_reports_page_for_one_towns_roster(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """At the hub, "Print the roster" and "Print the youth report" failed, after the options
    were chosen, with the command line's "name the municipality this report is about (--id)":
    the window had no way to name it. The Reports page has; the buttons say so."""
    db = hub_demo(tmp_path / "hub")
    try:
        window = opened(qtbot, db, tmp_path / "hub")
        for key in ("team", "youth"):
            page = open_page(window, key)
            [button] = page.print_buttons
            assert button.isVisible() and not button.isEnabled()
            assert "print it on the Reports page" in button.toolTip()
        trainings = open_page(window, "trainings")  # the region's report: printed here
        assert all(button.isEnabled() for button in trainings.print_buttons)
    finally:
        db.close()
