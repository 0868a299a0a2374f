"""A data folder HubDesk cannot write in: one sentence that says so, and what to do.

SQLite opens a database in WAL mode only where it can write its ``-shm`` file, so a folder on a
write-protected stick, or one another Windows user owns, fails even to read; SQLite's own words
("unable to open database file") tell a person nothing.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from hubdesk.storage import open as opening
from hubdesk.storage.errors import StorageError
from hubdesk.storage.open import open_database


@pytest.fixture
def made(tmp_path: Path) -> Path:
    folder = tmp_path / "Подаци Č"
    open_database(folder).close()
    return folder


def test_a_folder_that_cannot_be_written_is_named(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As SQLite fails there (simulated: tests may run as root, whom no folder refuses)."""

    def cannot_open(conn: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(opening, "revision_problem", cannot_open)
    monkeypatch.setattr(opening.os, "access", lambda path, mode: Path(path) != made)
    with pytest.raises(StorageError, match="cannot write in the data folder") as error:
        open_database(made)
    assert str(made) in str(error.value) and "Nothing was changed" in str(error.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder(made: Path) -> None:
    for name in os.listdir(made):
        (made / name).chmod(stat.S_IRUSR)
    made.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StorageError, match="cannot write in the data folder"):
            open_database(made)
    finally:
        made.chmod(stat.S_IRWXU)
