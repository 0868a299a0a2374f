"""A damaged database is never backed up as if it were a good one.

SQLite copies a database with a damaged page without an error. Such a copy cannot be restored,
yet as the newest automatic backup it would push the last good backups out of the rotation; a
few days of daily backups and no good copy is left.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.storage.backup import (
    DamagedDatabaseError,
    automatic_backup,
    backup_reason,
    list_backups,
)
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.db import Database
from hubdesk.storage.restore import restore_database


def damage_table(path: Path, table: str) -> None:
    """Overwrite the body of ``table``'s first page, leaving the file's header intact."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root[0] - 1) * page_size + 8)
        handle.write(b"\xff" * (page_size - 16))


@pytest.fixture
def damaged(ctx: ServiceContext, data_dir: Path) -> Path:
    """The data folder with one good daily backup, then the teams table damaged."""
    for number in range(40):
        team.create_team(ctx, {"name": f"Team {number}", "kind": "cat"})
    automatic_backup(ctx.db, data_dir, "daily")
    ctx.db.close()  # the last connection folds the write-ahead log into the file
    damage_table(database_path(data_dir), "teams")
    return data_dir


def test_a_damaged_database_is_not_backed_up(damaged: Path) -> None:
    good = list_backups(damaged)
    db = Database.at(database_path(damaged))
    try:
        with pytest.raises(DamagedDatabaseError, match="damaged"):
            automatic_backup(db, damaged, "daily", keep=1)
    finally:
        db.close()
    assert list_backups(damaged) == good  # the good backup was not rotated out
    assert [p.name for p in backups_dir(damaged).iterdir()] == [good[0].name]  # no leftovers


def test_a_restore_still_keeps_the_damaged_data_first(damaged: Path) -> None:
    """Just before a restore, the data as it is is kept whatever its state: it is the only
    copy of it there will be."""
    good = list_backups(damaged)[0]
    db = Database.at(database_path(damaged))
    try:
        result = restore_database(damaged, good, db=db)
    finally:
        db.close()
    assert backup_reason(result.safety_backup) == "before-restore"
