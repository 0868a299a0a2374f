"""Opening a data folder: create or migrate its database (backing an older one up first)."""

from __future__ import annotations

from pathlib import Path

from hubdesk.storage.backup import automatic_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.migrate import migrate


def open_database(data_dir: Path) -> Database:
    """The data folder's database at the newest schema; created from nothing if absent."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database.at(database_path(data_dir))
    try:
        migrate(db, before=lambda rev: automatic_backup(db, data_dir, f"before-migration-{rev}"))
    except BaseException:
        db.close()
        raise
    return db
