"""A database file emptied (a copy cut short, a disk that lost it) in a folder where HubDesk was
set up: its records are lost, not a new start.

Before, opening it made a new empty database, even for a command that only reads, and the
first-run assistant then set up a second installation with the first one's keys beside its
backups. Now it is refused with what to do, and a restore brings the records back. So is a
database file missing altogether beside the keys (deleted, or not copied to a new PC); a fresh
start there, when the person chooses it, first keeps the old installation in a dated folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.afresh import PREFIX, set_aside_installation
from hubdesk.storage.backup import make_backup
from hubdesk.storage.datadir import SERVER_SETTING, database_path, lost_database, missing_database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.lock import LOCK_FILENAME, instance_lock
from hubdesk.storage.open import open_database
from hubdesk.storage.restore import restore_database
from hubdesk.sync.keys import ensure_keys


@pytest.fixture
def emptied(tmp_path: Path) -> tuple[Path, Path]:
    """A set-up folder (keys made) whose database was emptied, and a backup of it elsewhere."""
    folder = tmp_path / "Подаци"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    ensure_keys(folder)
    team.create_team(load_context(db, folder), {"name": "CAT Tetovo", "kind": "cat"})
    backup = make_backup(db, folder, tmp_path / "on the stick").path
    db.close()
    database_path(folder).write_bytes(b"")
    for name in ("hubdesk.sqlite-wal", "hubdesk.sqlite-shm"):
        (folder / name).unlink(missing_ok=True)
    return folder, backup


def test_an_emptied_database_is_refused_and_left_as_it_is(emptied: tuple[Path, Path]) -> None:
    folder, _backup = emptied
    with pytest.raises(StorageError) as refused:
        open_database(folder)
    assert "is empty" in str(refused.value) and "hubdesk restore" in str(refused.value)
    assert database_path(folder).stat().st_size == 0


def test_a_restore_brings_the_records_back(emptied: tuple[Path, Path]) -> None:
    folder, backup = emptied
    restore_database(folder, backup)
    db = open_database(folder)
    try:
        teams = team.list_teams(load_context(db, folder))
    finally:
        db.close()
    assert [t.name for t in teams] == ["CAT Tetovo"]


def test_an_empty_file_in_a_new_folder_is_still_a_first_start(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    database_path(folder).write_bytes(b"")
    open_database(folder).close()  # nothing was ever set up here: a new database is made
    assert database_path(folder).stat().st_size > 0


@pytest.fixture
def deleted(emptied: tuple[Path, Path]) -> Path:
    """The set-up folder whose database file is gone altogether (deleted, or not copied)."""
    folder, _backup = emptied
    database_path(folder).unlink()
    return folder


def test_a_missing_database_beside_the_keys_is_lost_and_nothing_is_made(deleted: Path) -> None:
    assert lost_database(deleted) and missing_database(deleted)
    with pytest.raises(StorageError) as refused:
        open_database(deleted)
    assert "is missing" in str(refused.value) and "hubdesk restore" in str(refused.value)
    assert not database_path(deleted).exists()


def test_a_hub_on_its_server_keeps_no_file_and_is_not_lost(deleted: Path) -> None:
    (deleted / SERVER_SETTING).write_text("{}")
    assert not lost_database(deleted)


def test_starting_afresh_keeps_everything_in_a_dated_folder(deleted: Path) -> None:
    with instance_lock(deleted):
        before = sorted(p.name for p in deleted.iterdir() if p.name != LOCK_FILENAME)
        kept = set_aside_installation(deleted)
    assert kept.parent == deleted and kept.name.startswith(PREFIX)
    assert sorted(p.name for p in kept.iterdir()) == before
    assert sorted(p.name for p in deleted.iterdir()) == sorted([kept.name, LOCK_FILENAME])
    assert not lost_database(deleted)  # a first start now
    assert lost_database(kept)  # opened as a data folder, it offers its backups, never a set-up


def test_a_folder_with_its_records_is_never_emptied(tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    db.close()
    ensure_keys(folder)
    with pytest.raises(StorageError):
        set_aside_installation(folder)
    assert database_path(folder).stat().st_size > 0


def test_a_damaged_database_is_kept_aside_unchanged_but_a_newer_hubdesks_never(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "damaged"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    db.close()
    ensure_keys(folder)
    with database_path(folder).open("r+b") as handle:
        handle.truncate(database_path(folder).stat().st_size // 2)
    damaged = database_path(folder).read_bytes()
    with instance_lock(folder):
        kept = set_aside_installation(folder)
    assert database_path(kept).read_bytes() == damaged
    assert not database_path(folder).exists()

    newer = tmp_path / "newer"
    db = open_database(newer)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'from_a_newer_hubdesk'")
    db.close()
    ensure_keys(newer)
    with pytest.raises(StorageError):
        set_aside_installation(newer)
    assert database_path(newer).stat().st_size > 0
