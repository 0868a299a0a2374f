"""A list keeps the record selected when it reads its data again: going to another page and
back (every page reads again when shown) had left no row selected, Open and Delete greyed."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui import choose_row, open_page, usable
from pytestqt.qtbot import QtBot
from test_dashboard_lists import opened

from hubdesk.services.demo import build_demo
from hubdesk.storage.db import Database

pytestmark = pytest.mark.sqlite_only("the demo is built into a data folder's own file")


def test_the_row_selected_is_still_selected_after_another_page(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    team = open_page(window, "team")
    usable(team.table)
    choose_row(team.table, 3)
    chosen = team.table.current_id()
    assert chosen is not None and team.edit_button.isEnabled()

    open_page(window, "meetings")
    team = open_page(window, "team")
    assert team.table.current_id() == chosen
    assert team.table.currentIndex().row() == 3
    usable(team.edit_button)
    usable(team.delete_button)


def test_a_row_no_longer_listed_leaves_nothing_selected(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    """The record went away meanwhile (deleted on another page, or by an import): no other
    row is selected in its place, as a wrong Delete would then be one click away."""
    build_demo(db)
    window = opened(qtbot, db, data_dir)
    team = open_page(window, "team")
    choose_row(team.table, 0)
    chosen = team.table.current_id()
    assert chosen is not None
    open_page(window, "meetings")
    team.delete_record(chosen)  # as an import or another page would remove it
    team = open_page(window, "team")
    assert team.table.current_id() is None
    assert not team.edit_button.isEnabled() and not team.delete_button.isEnabled()
