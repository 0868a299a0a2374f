"""Starting the window on a damaged database: an offer to restore the newest whole backup, a
backup from elsewhere, or to set HubDesk up afresh.

The message said "restoring a backup repairs it", but the window, the place where a person
restores, could not open; a focal point on an office PC has no command line to turn to. And a
restore refused because the backup is another installation's (beside this folder's keys) said
to set HubDesk up afresh, which the window offered only for a lost database: the person was
sent in a circle. Now the damaged database is offered the same ways as a lost one, and setting
up afresh keeps the damaged file, unchanged, with the old keys. Every answer is a click on a
visible, enabled button.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from other_backup import backup_of
from pytestqt.qtbot import QtBot
from test_start_missing import key_bytes, no_event_loop, start
from test_start_other_backup import chosen

from hubdesk import app
from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import automatic_backup
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys
from hubdesk.ui.assistant import FirstRunAssistant

__all__ = ["no_event_loop"]  # a fixture, used by name


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """Tetovo's data folder with its keys and a daily backup holding "CAT Tetovo", then its
    database cut in half (the installation record is not spared). (A file emptied beside the
    keys is a lost database, offered a restore or a fresh start as a missing one is:
    tests/ui/test_start_emptied.py.)"""
    folder = tmp_path / "Подаци Č"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    keys.ensure_keys(folder)
    team.create_team(load_context(db, folder), {"name": "CAT Tetovo", "kind": "cat"})
    automatic_backup(db, folder, "daily")
    db.close()
    path = database_path(folder)
    with open(path, "r+b") as handle:
        handle.truncate(os.path.getsize(path) // 2)
    return folder


@pytest.fixture
def damaged_without_backups(damaged: Path) -> Path:
    for path in sorted(backups_dir(damaged).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    return damaged


def test_the_newest_whole_backup_is_offered_and_restored(
    qtbot: QtBot, damaged: Path, no_event_loop: list[str]
) -> None:
    code, person = start(qtbot, damaged, ["Restore", "OK"])
    assert code == 0
    assert "cannot be opened" in person.seen[0] and "damaged database is kept" in person.seen[0]
    assert "new installation" in person.seen[0]  # what a fresh set-up would mean
    assert "The backup was restored." in person.seen[1]
    assert no_event_loop == ["HubDesk — Tetovo"]  # the window opened on the restored data
    conn = sqlite3.connect(database_path(damaged))
    assert conn.execute("SELECT name FROM teams").fetchall() == [("CAT Tetovo",)]
    conn.close()
    assert [p for p in backups_dir(damaged).iterdir() if p.name.startswith("unusable-")]


def test_quit_changes_nothing(qtbot: QtBot, damaged: Path, no_event_loop: list[str]) -> None:
    before = database_path(damaged).read_bytes(), key_bytes(damaged)
    code, person = start(qtbot, damaged, ["Quit"])
    assert code == app.EXIT_STORAGE and len(person.seen) == 1
    assert (database_path(damaged).read_bytes(), key_bytes(damaged)) == before
    assert no_event_loop == []


def test_another_installations_backup_refused_then_set_up_afresh_keeping_the_damaged_file(
    qtbot: QtBot,
    damaged_without_backups: Path,
    tmp_path: Path,
    no_event_loop: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = damaged_without_backups
    before = database_path(folder).read_bytes(), key_bytes(folder)
    chosen(monkeypatch, [backup_of(tmp_path, "Elbasan", "AL", "Këshilli")])
    answers = ["Restore a backup…", "OK", "Set up afresh…", "Set up afresh", "OK"]
    code, person = start(qtbot, folder, answers)
    assert "no backup in" in person.seen[0] and "USB stick" in person.seen[0]
    refusal = person.seen[1]
    assert "backup of 'Elbasan'" in refusal and "set it up afresh" in refusal
    assert person.seen[2] == person.seen[0]  # the question again, with the fresh set-up
    assert "database that cannot be opened" in person.seen[3]
    assert person.seen[-1] == FirstRunAssistant.__name__  # then the set-up, as on a new PC
    assert code == 0  # the assistant was cancelled
    [kept] = [p for p in folder.iterdir() if p.name.startswith("previous-installation-")]
    assert str(kept) in person.seen[-2]
    # the damaged file and the old keys, unchanged, in the dated folder
    assert (database_path(kept).read_bytes(), key_bytes(kept)) == before
    assert not keys.keys_dir(folder).exists() and not database_path(folder).exists()


def test_a_damaged_database_without_backups_can_quit_unchanged(
    qtbot: QtBot, damaged_without_backups: Path, no_event_loop: list[str]
) -> None:
    folder = damaged_without_backups
    before = database_path(folder).read_bytes(), key_bytes(folder)
    code, person = start(qtbot, folder, ["Set up afresh…", "Back", "Quit"])
    assert code == app.EXIT_STORAGE and person.seen[2] == person.seen[0]
    assert (database_path(folder).read_bytes(), key_bytes(folder)) == before
    assert not [p for p in folder.iterdir() if p.name.startswith("previous-installation-")]
