"""A schema upgrade never runs under another HubDesk that has the data folder open.

Commands that only read (``stats``, ``check``, a report) do not hold the folder, yet opening an
older database upgrades it: run from a newly installed HubDesk while the old window is still
open, they rewrote the schema under it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_lock import start_holder
from test_restore import make_old_backup

from hubdesk.storage.datadir import database_path
from hubdesk.storage.lock import AlreadyRunningError, instance_lock
from hubdesk.storage.migrate import head_revision
from hubdesk.storage.open import open_database


def revision(data_dir: Path) -> str:
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def older(data_dir: Path) -> Path:
    make_old_backup(database_path(data_dir))
    return data_dir


def test_no_upgrade_under_another_hubdesk(older: Path) -> None:
    holder = start_holder(older)
    try:
        with pytest.raises(AlreadyRunningError):
            open_database(older)
        assert revision(older) == "0001"
        assert not (older / "backups").exists()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    open_database(older).close()  # the other HubDesk closed: now it upgrades
    assert revision(older) == head_revision()


def test_a_hubdesk_that_holds_the_folder_upgrades_it(older: Path) -> None:
    with instance_lock(older):
        open_database(older).close()
    assert revision(older) == head_revision()
