"""A database file emptied (a copy cut short, a disk that lost it) in a folder where HubDesk was
set up: its records are lost, not a new start.

Before, opening it made a new empty database, even for a command that only reads, and the
first-run assistant then set up a second installation with the first one's keys beside its
backups. Now it is refused with what to do, and a restore brings the records back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import make_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.errors import StorageError
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
