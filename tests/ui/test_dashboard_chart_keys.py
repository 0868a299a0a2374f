"""A keyboard reaches every bar of the dashboard's charts, as a mouse does: Tab comes to a
chart, the arrow keys go from bar to bar, Enter opens the list behind the one focused, and a
screen reader is told which bar that is. The bars opened their lists on a click only."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui import open_page, press_key, usable, wait_loaded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_dashboard_lists import opened, rows_shown

from hubdesk.services.demo import build_demo
from hubdesk.storage.db import Database

pytestmark = pytest.mark.sqlite_only("the demo is built into a data folder's own file")


def test_the_action_item_bars_are_reached_and_opened_from_the_keyboard(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    dashboard = open_page(window, "dashboard")
    items = dashboard.items
    view = dashboard.views["items"]
    dashboard.figures.ensureWidgetVisible(view)
    usable(view)
    # Tab from the chart before it (the youth chart) comes to this one, at its first bar
    press_key(qtbot, dashboard.views["youth"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view
    assert view.accessibleName() == "Action items"
    assert view.accessibleDescription() == f"Not yet due: Action items: {items.not_yet_due}"
    press_key(qtbot, view, Qt.Key.Key_Down)
    assert view.accessibleDescription() == f"Overdue: Action items: {items.overdue}"
    press_key(qtbot, view, Qt.Key.Key_Down)
    press_key(qtbot, view, Qt.Key.Key_Down)  # the last bar stays focused
    assert view.accessibleDescription().startswith("Done (12 months): ")
    press_key(qtbot, view, Qt.Key.Key_Up)
    press_key(qtbot, view, Qt.Key.Key_Return)
    wait_loaded(window.current_page())
    assert window.current_key() == "meetings"
    assert rows_shown(window) == items.overdue  # the bar focused, as a click on it opens
    window.close()


def test_space_opens_a_month_of_meetings(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    dashboard = open_page(window, "dashboard")
    view = dashboard.views["meetings"]
    dashboard.figures.ensureWidgetVisible(view)
    press_key(qtbot, view, Qt.Key.Key_End)  # the last month, this one
    month = dashboard.months[-1]
    assert view.accessibleDescription().endswith(f"Meetings: {month.meetings}")
    press_key(qtbot, view, Qt.Key.Key_Space)
    wait_loaded(window.current_page())
    assert window.current_key() == "meetings"
    assert rows_shown(window) == month.meetings
    window.close()
