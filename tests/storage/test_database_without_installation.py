"""A database file that holds no installation beside the keys of one that existed.

A crash during the first set-up, a person's tool, or a copy that made a new empty SQLite file
leaves a file that is a database but has no installation in it. Only a file of no bytes at all
was taken for a lost database before: this one opened, the first-run assistant came up, and a
set-up there made a NEW installation beside the old keys (which the hub and the partners know).
Now it is lost like a missing file: refused with what to do, restorable, and a fresh start keeps
the old keys aside.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.afresh import PREFIX, set_aside_installation
from hubdesk.storage.backup import make_backup
from hubdesk.storage.datadir import database_path, lost_database, missing_database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.lock import instance_lock
from hubdesk.storage.open import open_database
from hubdesk.storage.restore import restore_database
from hubdesk.sync.keys import ensure_keys, keys_dir


def drop_database(folder: Path) -> None:
    path = database_path(folder)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def schema_only(folder: Path, scratch: Path) -> None:
    """The folder's database replaced by one HubDesk made and never set up (a first set-up
    cut short by a crash)."""
    db = open_database(scratch)
    db.close()
    drop_database(folder)
    database_path(folder).write_bytes(database_path(scratch).read_bytes())


def bare_sqlite(folder: Path, _scratch: Path) -> None:
    """A fresh SQLite file with no tables, as a tool makes it (WAL mode: a header page)."""
    drop_database(folder)
    conn = sqlite3.connect(database_path(folder))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    assert database_path(folder).stat().st_size > 0


@pytest.fixture(params=[schema_only, bare_sqlite], ids=["schema only", "bare sqlite"])
def emptied(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Path]:
    """Tetovo's folder (keys made) whose database now holds no installation; its backup."""
    folder = tmp_path / "Подаци"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    ensure_keys(folder)
    team.create_team(load_context(db, folder), {"name": "CAT Tetovo", "kind": "cat"})
    backup = make_backup(db, folder, tmp_path / "on the stick").path
    db.close()
    request.param(folder, tmp_path / "scratch")
    return folder, backup


def key_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(keys_dir(folder).iterdir())}


def test_it_is_lost_and_refused_and_nothing_is_set_up(emptied: tuple[Path, Path]) -> None:
    folder, _backup = emptied
    before = database_path(folder).read_bytes()
    assert lost_database(folder) and not missing_database(folder)
    with pytest.raises(StorageError) as refused:
        open_database(folder)
    assert "hubdesk restore" in str(refused.value)
    assert database_path(folder).read_bytes() == before


def test_a_restore_brings_the_records_back(emptied: tuple[Path, Path]) -> None:
    folder, backup = emptied
    result = restore_database(folder, backup)
    [kept] = [p for p in result.safety_backup.iterdir() if p.name == "hubdesk.sqlite"]
    assert kept.stat().st_size > 0  # the file it replaced is kept, not deleted
    db = open_database(folder)
    try:
        assert [t.name for t in team.list_teams(load_context(db, folder))] == ["CAT Tetovo"]
    finally:
        db.close()


def test_starting_afresh_keeps_the_old_keys(emptied: tuple[Path, Path]) -> None:
    folder, _backup = emptied
    before = key_bytes(folder)
    with instance_lock(folder):
        kept = set_aside_installation(folder)
    assert kept.name.startswith(PREFIX) and key_bytes(kept) == before
    assert not lost_database(folder)


def test_a_database_never_set_up_in_a_new_folder_is_still_a_first_start(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "new"
    open_database(folder).close()  # made, then the set-up was cancelled or cut short
    assert not lost_database(folder)
    open_database(folder).close()


def test_a_set_up_database_beside_its_keys_is_not_lost(tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    ensure_keys(folder)
    try:  # the installation still only in the write-ahead log, as while the window runs
        assert not lost_database(folder)
    finally:
        db.close()
    assert not lost_database(folder)
