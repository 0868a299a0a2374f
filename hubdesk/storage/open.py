"""Opening a data folder: create or migrate its database (backing an older one up first)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import DBAPIError

from hubdesk.i18n import _
from hubdesk.storage.backup import automatic_backup
from hubdesk.storage.check import refuse_unusable_file
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import migrate


def open_database(data_dir: Path) -> Database:
    """The data folder's database at the newest schema; created from nothing if absent.

    A file HubDesk must not touch (not a database, another program's, a newer HubDesk's) is
    refused before anything opens it for writing, and SQLite's own failures become one clear
    StorageError.
    """
    path = database_path(data_dir)
    refuse_unusable_file(path)
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database.at(path)
    try:
        migrate(db, before=lambda rev: automatic_backup(db, data_dir, f"before-migration-{rev}"))
    except DBAPIError as exc:
        db.close()
        raise StorageError(
            _("Could not open the database in {path}: {reason}").format(
                path=data_dir, reason=exc.orig
            )
        ) from exc
    except BaseException:
        db.close()
        raise
    return db
