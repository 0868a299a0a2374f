"""Starting the window when the database file is there but holds no installation, beside the
keys of one that existed (a crash during a set-up, a tool that made a new empty database).

Before, the first-run assistant opened as on a new PC, and a set-up there made a new
installation beside the old keys. Now the window says what happened and offers the newest
whole backup of this installation, or a fresh set-up that first keeps the old keys aside, as
for a missing file. Every answer is a click on a visible, enabled button.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_start_missing import key_bytes, no_event_loop, start, tetovo

from hubdesk import app
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.open import open_database
from hubdesk.ui.assistant import FirstRunAssistant

__all__ = ["no_event_loop", "tetovo"]  # fixtures, used by name


@pytest.fixture(params=["never set up", "no bytes"])
def emptied(tetovo: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Tetovo's folder whose database is a new one HubDesk made and never set up (a set-up
    cut short), or a file of no bytes."""
    if request.param == "no bytes":
        database_path(tetovo).write_bytes(b"")
        return tetovo
    open_database(tmp_path / "scratch").close()
    database_path(tetovo).write_bytes(database_path(tmp_path / "scratch").read_bytes())
    return tetovo


def test_the_backup_is_offered_instead_of_a_new_set_up(
    qtbot: QtBot, emptied: Path, no_event_loop: list[str]
) -> None:
    before = key_bytes(emptied)
    code, person = start(qtbot, emptied, ["Restore", "OK"])
    assert code == 0
    assert FirstRunAssistant.__name__ not in person.seen
    offer = person.seen[0]
    assert "holds no installation" in offer and str(backups_dir(emptied)) in offer
    assert "new installation" in offer
    assert "The backup was restored." in person.seen[1]
    assert no_event_loop == ["HubDesk — Tetovo"]
    conn = sqlite3.connect(database_path(emptied))
    assert conn.execute("SELECT name FROM teams").fetchall() == [("CAT Tetovo",)]
    conn.close()
    assert key_bytes(emptied) == before


def test_quit_changes_nothing(qtbot: QtBot, emptied: Path, no_event_loop: list[str]) -> None:
    before = key_bytes(emptied), database_path(emptied).read_bytes()
    code, person = start(qtbot, emptied, ["Quit"])
    assert code == app.EXIT_STORAGE
    assert len(person.seen) == 1 and FirstRunAssistant.__name__ not in person.seen
    assert (key_bytes(emptied), database_path(emptied).read_bytes()) == before
    assert no_event_loop == []


def test_starting_afresh_keeps_the_old_keys_and_file(
    qtbot: QtBot, emptied: Path, no_event_loop: list[str]
) -> None:
    before = key_bytes(emptied)
    code, person = start(qtbot, emptied, ["Set up afresh…", "Set up afresh", "OK"])
    assert code == 0 and person.seen[-1] == FirstRunAssistant.__name__
    [kept] = [p for p in emptied.iterdir() if p.name.startswith("previous-installation-")]
    assert key_bytes(kept) == before and database_path(kept).is_file()
