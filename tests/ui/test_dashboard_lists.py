"""Every dashboard tile and action-item bar opens the list it counted: the rows shown are the
rows behind its number, whatever filters were chosen on that page before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import check, choose, click, open_page, show_window, type_into, wait_loaded
from hub_demo_copy import hub_demo
from PySide6.QtCharts import QAbstractBarSeries
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.domain.enums import TeamRole
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.ui.mainwindow import MainWindow

pytestmark = pytest.mark.sqlite_only("the demos are built into a data folder's own file")


def rows_shown(window: MainWindow) -> int:
    """How many records the page on screen lists (its own kind of list, each page)."""
    key, page = window.current_key(), window.current_page()
    if key == "meetings":
        page = page.current()
    if hasattr(page, "model"):
        return int(page.model.rowCount())
    if key == "practices":
        return len(page.library) if page.tabs.currentIndex() == 1 else len(page.rows)
    lists = {"helpdesk": "views", "calls": "calls", "exchanges": "exchanges", "periods": "rows"}
    return len(getattr(page, lists[key]))


def click_tile(qtbot: QtBot, window: MainWindow, tile: Any) -> None:
    dashboard = open_page(window, "dashboard")
    dashboard.figures.ensureWidgetVisible(tile)
    click(qtbot, tile)
    wait_loaded(window.current_page())


def opened(qtbot: QtBot, db: Database, folder: Path) -> MainWindow:
    i18n.set_language("en")
    window = MainWindow(load_context(db, folder))
    window.resize(1366, 768)
    show_window(qtbot, window)
    wait_loaded(window.pages["dashboard"])
    return window


def counted(window: MainWindow) -> dict[str, tuple[Any, int]]:
    """Each tile whose number counts records, and how many: (tile, count)."""
    dashboard = window.pages["dashboard"]
    k = dashboard.summary.kpis
    tiles = dict(dashboard.tiles)
    out = {
        "members": (tiles["members"], k.active_members),
        "meetings": (tiles["meetings"], k.meetings_12_months),
        "overdue": (tiles["overdue"], k.overdue_action_items),
        "youth": (tiles["youth"], k.youth_activities_12_months),  # activities, not people
    }
    if k.fund_in_euros:
        out["fund"] = (tiles["fund"], k.fund_approved_proposals)
    for key, figure in dashboard.summary.extra.items():
        if key in ("reports_due", "trainings", "community", "needs"):
            continue  # reports of proposals; people at events; a yes/no (checked apart)
        out[key] = (dashboard.extra_tiles[key], figure.value)
    return out


def check_every_tile(qtbot: QtBot, window: MainWindow) -> list[str]:
    checked = []
    for key, (tile, count) in counted(window).items():
        click_tile(qtbot, window, tile)
        assert rows_shown(window) == count, f"the {key} tile says {count}"
        checked.append(key)
    return checked


def test_each_tile_of_a_municipality_opens_what_it_counted(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    checked = check_every_tile(qtbot, window)
    assert {"members", "helpdesk", "practices", "calls", "follow_ups"} <= set(checked)
    # the fund reports tile: the proposals with a report overdue
    from hubdesk.services.fund_money import overdue_reports

    late = {line.proposal_id for line in overdue_reports(window.ctx)}
    assert late
    click_tile(qtbot, window, window.pages["dashboard"].extra_tiles["reports_due"])
    fund = window.current_page()
    assert {fund.model.record(i).id for i in range(fund.model.rowCount())} == late
    window.close()


def test_each_tile_of_the_hub_opens_what_it_counted(qtbot: QtBot, tmp_path: Path) -> None:
    db = hub_demo(tmp_path / "hub")
    try:
        window = opened(qtbot, db, tmp_path / "hub")
        checked = check_every_tile(qtbot, window)
        assert {"fund", "helpdesk", "practices", "calls"} <= set(checked)
        window.close()
    finally:
        db.close()


def test_the_action_item_bars_open_what_they_counted(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    items = window.pages["dashboard"].items
    bars = (items.not_yet_due, items.overdue, items.done_12_months)
    assert all(bars)
    for index, count in enumerate(bars):
        dashboard = open_page(window, "dashboard")
        series = dashboard.views["items"].chart().series()[0]
        assert isinstance(series, QAbstractBarSeries)
        # a click on the bar (a horizontal chart draws its first bar at the top: last index)
        series.clicked.emit(len(bars) - 1 - index, series.barSets()[0])
        wait_loaded(window.current_page())
        assert rows_shown(window) == count, f"bar {index} says {count}"
    window.close()


def test_a_tile_clears_the_filters_and_search_chosen_before(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    """A role chosen and a name searched on Team earlier narrowed the list the members tile
    opened to 1 of its 25."""
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    team = open_page(window, "team")
    choose(team.role_filter, TeamRole.CHAIR.value)
    type_into(qtbot, team.search, "zzz")
    qtbot.waitUntil(lambda: team.model.rowCount() == 0)  # the search reads after a pause
    tile, count = counted(window)["members"]
    click_tile(qtbot, window, tile)
    assert window.current_page() is team
    assert team.search.text() == "" and team.role_filter.value() is None
    assert team.model.rowCount() == count
    # and on the meetings' own list, a search typed before
    meetings = open_page(window, "meetings")
    type_into(qtbot, meetings.meetings.search, "zzz")
    qtbot.waitUntil(lambda: meetings.meetings.model.rowCount() == 0)
    tile, count = counted(window)["meetings"]
    click_tile(qtbot, window, tile)
    assert meetings.meetings.search.text() == "" and rows_shown(window) == count
    window.close()


def test_the_hub_lists_open_on_the_view_a_person_can_change(qtbot: QtBot, tmp_path: Path) -> None:
    """The filters a tile sets are ones a person sees and can undo: the calls open now, the
    practices waiting, the help desk's waiting questions."""
    db = hub_demo(tmp_path / "hub")
    try:
        window = opened(qtbot, db, tmp_path / "hub")
        dashboard = window.pages["dashboard"]
        click_tile(qtbot, window, dashboard.extra_tiles["calls"])
        calls = window.current_page()
        narrowed = len(calls.calls)
        check(calls.open_only, False)
        assert len(calls.calls) > narrowed
        click_tile(qtbot, window, dashboard.extra_tiles["practices"])
        practices = window.current_page()
        narrowed = len(practices.rows)
        check(practices.waiting_only, False)
        assert len(practices.rows) > narrowed
        click_tile(qtbot, window, dashboard.extra_tiles["helpdesk"])
        helpdesk = window.current_page()
        assert helpdesk.state_filter.currentText() == "Waiting (open or overdue)"
        window.close()
    finally:
        db.close()
