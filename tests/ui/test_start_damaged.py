"""Starting the window on a damaged database: an offer to restore the newest whole backup.

The message said "restoring a backup repairs it", but the window, the place where a person
restores, could not open; a focal point on an office PC has no command line to turn to.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from hubdesk import app
from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import automatic_backup
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.open import open_database
from hubdesk.ui import dialogs
from hubdesk.ui.mainwindow import MainWindow


@pytest.fixture(params=["cut in half"])
def damaged(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Tetovo's data folder with a daily backup holding "CAT Tetovo", then its database cut
    in half. (A file emptied beside the keys is a lost database, offered a restore or a fresh
    start as a missing one is: tests/ui/test_start_emptied.py.)"""
    folder = tmp_path / "Подаци Č"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    team.create_team(load_context(db, folder), {"name": "CAT Tetovo", "kind": "cat"})
    automatic_backup(db, folder, "daily")
    db.close()
    path = database_path(folder)
    with open(path, "r+b") as handle:
        handle.truncate(os.path.getsize(path) // 2 if request.param == "cut in half" else 0)
    return folder


def answer(monkeypatch: pytest.MonkeyPatch, restore: bool) -> list[str]:
    """Answer the offer without a person; what was asked and told is noted."""
    asked: list[str] = []

    def confirm(parent: Any, title: str, text: str, **buttons: str) -> bool:
        asked.append(text)
        return restore

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: asked.append(text))
    monkeypatch.setattr(app, "tell", lambda title, text: asked.append(text))
    return asked


def test_the_newest_whole_backup_is_offered_and_restored(
    qtbot: QtBot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, restore=True)
    shown: list[bool] = []

    def event_loop(_app: Any) -> int:
        for widget in app.QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(True)
                widget.close()
        return 0

    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    monkeypatch.setattr(app.QApplication, "exec", event_loop)

    assert app.run(damaged) == 0

    assert "cannot be opened" in asked[0] and "damaged database is kept" in asked[0]
    assert "The backup was restored." in asked[1]
    assert shown == [True]  # the window opened on the restored data
    conn = sqlite3.connect(database_path(damaged))
    assert conn.execute("SELECT name FROM teams").fetchall() == [("CAT Tetovo",)]
    conn.close()
    assert [p for p in backups_dir(damaged).iterdir() if p.name.startswith("unusable-")]


def test_declined_nothing_changes(damaged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = database_path(damaged).read_bytes()
    asked = answer(monkeypatch, restore=False)
    assert app.run(damaged) == app.EXIT_STORAGE
    assert len(asked) == 1
    assert database_path(damaged).read_bytes() == before
