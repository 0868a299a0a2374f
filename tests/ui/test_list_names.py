"""Every filter, list and chart of the list pages and the dashboard has a name a screen reader
says, in the window's language. A filter's entries say a choice ("All sectors"), and many
filters, the hub's lists and every chart had none: a screen reader said only "combo box"."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui import open_page, open_tab, show_window
from hub_demo_copy import hub_demo
from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.ui.mainwindow import MainWindow

pytestmark = pytest.mark.sqlite_only("the demos are built into a data folder's own file")

LIST_PAGES = (
    "dashboard", "team", "meetings", "youth", "trainings", "community", "fund", "periods",
    "calls", "exchanges", "practices", "engagements", "helpdesk",
)  # fmt: skip
NAMED = (QComboBox, QLineEdit, QTableView, QAbstractItemView, QChartView)


def unnamed(page: QWidget) -> list[str]:
    """The filters, lists and charts shown on ``page`` that have no name to be read out."""
    QApplication.processEvents()
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, NAMED) or isinstance(widget, QHeaderView):
            continue  # a table's header is read as part of its table
        if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
            continue  # the line of a drop-down or a number box is read as the box
        if widget.isVisible() and not widget.accessibleName().strip():
            text = getattr(widget, "currentText", lambda: "")() or widget.objectName()
            found.append(f"{type(widget).__name__} {text!r}")
    return found


def every_tab(qtbot: QtBot, page: QWidget) -> list[str]:
    found = unnamed(page)
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(1, tabs.count()):
            open_tab(qtbot, tabs, index)
            found += [f"tab {index}: {problem}" for problem in unnamed(page)]
        open_tab(qtbot, tabs, 0)
    return found


def check_pages(qtbot: QtBot, db: Database, folder: Path, pages: tuple[str, ...]) -> None:
    for code in ("en", "sq"):
        i18n.set_language(code)
        window = MainWindow(load_context(db, folder))
        window.resize(1366, 768)
        show_window(qtbot, window)
        problems = [
            f"{key}: {problem}"
            for key in pages
            for problem in every_tab(qtbot, open_page(window, key))
        ]
        assert problems == [], f"{code}:\n" + "\n".join(problems)
        dashboard = open_page(window, "dashboard")
        names = [view.accessibleName() for view in dashboard.views.values()]
        assert all(names) and len(set(names)) == len(names)  # each chart its own title
        window.close()


def test_a_municipalitys_lists_and_charts_are_named(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    check_pages(qtbot, db, data_dir, LIST_PAGES)


def test_the_hubs_lists_and_charts_are_named(qtbot: QtBot, tmp_path: Path) -> None:
    db = hub_demo(tmp_path / "hub")
    try:
        check_pages(qtbot, db, tmp_path / "hub", (*LIST_PAGES, "needs"))
    finally:
        db.close()
