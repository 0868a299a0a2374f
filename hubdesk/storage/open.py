"""Opening a data folder: create or migrate its database (backing an older one up first)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import nullcontext
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from hubdesk.i18n import _
from hubdesk.storage.backup import automatic_backup, list_backups
from hubdesk.storage.check import (
    damaged_message,
    is_damage,
    is_wal_file,
    read_only,
    refuse_unusable_file,
    revision_problem,
    schema_revision,
)
from hubdesk.storage.datadir import backups_dir, database_path, lost_database
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError, read_only_message
from hubdesk.storage.lock import held_here, instance_lock
from hubdesk.storage.schema import head_revision
from hubdesk.storage.server import configured_url, open_server_database


def stored_revision(path: Path) -> str | None:
    """The schema revision in the file, read without writing (None: no file or no schema)."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        with read_only(path) as conn:
            return schema_revision(conn)
    except sqlite3.Error:
        return None  # let the full path (which migrates and explains) look at it


# SQLite opens no file whose path is longer than 512 bytes and says only "unable to open
# database file" (its write-ahead log's name is the database's and four more).
PATH_MAX_BYTES = 500


def open_database(data_dir: Path, url: URL | None = None, *, create: bool = True) -> Database:
    """The data folder's database at the newest schema; created from nothing if absent.

    ``url`` (or the folder's ``database.json``) names a hub's PostgreSQL database instead of
    the folder's own SQLite file (``storage/server.py``).

    A file HubDesk must not touch (not a database, another program's, a newer HubDesk's) is
    refused before anything opens it for writing, and SQLite's own failures become one clear
    StorageError. So is a database whose schema is not exactly what HubDesk's migrations make
    for its revision (an added trigger or column): it is compared before anything runs on it.
    ``create=False``: a server database without HubDesk's tables is refused, not set up.
    """
    url = url or configured_url(data_dir)
    if url is not None:
        return open_server_database(url, create=create)
    path = database_path(data_dir)
    if lost_database(data_dir):
        raise StorageError(lost_message(data_dir))
    if len(os.fsencode(path.absolute())) > PATH_MAX_BYTES:
        raise StorageError(
            _(
                "The data folder's path is too long for its database ({path}): choose a folder "
                "with a shorter path (in Cyrillic each letter counts twice). Nothing was set up."
            ).format(path=data_dir)
        )
    refuse_unusable_file(path)  # a file not in WAL mode: schema compared read-only
    looked_at = not path.is_file() or not is_wal_file(path)
    at_head = stored_revision(path) == head_revision()
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database.at(path)
    if not looked_at:  # HubDesk's WAL-mode file, the everyday start: opening it wrote nothing
        _refuse_through(db)
    if at_head:  # the everyday case: no migration, so Alembic need not even be imported
        return db
    from hubdesk.storage.migrate import migrate

    try:
        # an upgrade rewrites the schema: never under another HubDesk that has the folder open
        # (an older window would go on writing to tables it does not know), so a command that
        # only reads takes the folder for it
        with nullcontext() if held_here(data_dir) else instance_lock(data_dir):
            migrate(
                db, before=lambda rev: automatic_backup(db, data_dir, f"before-migration-{rev}")
            )
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


def lost_message(data_dir: Path) -> str:
    """Why a folder that was set up has no records to open, and what to do: a backup, never a
    new set-up (``datadir.lost_database``)."""
    path = database_path(data_dir)
    if path.exists():
        return _(
            "The database {path} is empty, though HubDesk was set up in this folder: its "
            'records are no longer in the file. Restore the newest backup ("hubdesk restore '
            'BACKUP", or start HubDesk, which offers it when the backup is in this folder). '
            "Nothing was changed."
        ).format(path=path)
    backups = list_backups(data_dir)
    if backups:
        return _(
            "The database {path} is missing, though this folder holds HubDesk's backups: it "
            "was deleted, or not copied with them. Your records are in the backups "
            'in {backups}: restore the newest with hubdesk restore "{newest}" (or start '
            "HubDesk, which offers it). Setting HubDesk up again here would make a new "
            "installation that the hub does not know as yours. Nothing was changed."
        ).format(path=path, backups=backups_dir(data_dir), newest=backups[0])
    return _(
        "The database {path} is missing, though this folder holds HubDesk's keys, and there "
        "is no backup in {backups}: it was deleted, or not copied with them. If you have a "
        "backup elsewhere (a USB stick, another PC), restore it with 'hubdesk restore BACKUP'. "
        "Setting HubDesk up again would make a new installation that the hub does not know as "
        "yours; to do that, start HubDesk and choose to set it up afresh (the old keys are "
        "kept aside). Nothing was changed."
    ).format(path=path, backups=backups_dir(data_dir))


def _refuse_through(db: Database) -> None:
    """``refuse_unusable_file``'s checks through the database's own connection; closes it and
    raises StorageError when it must not be used."""
    try:
        raw = db.engine.raw_connection()
        try:
            problem = revision_problem(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
    except (DBAPIError, sqlite3.Error) as exc:
        db.close()
        if is_damage(exc):
            raise StorageError(damaged_message(exc)) from exc
        folder = db.path.parent if db.path is not None else None
        if folder is not None and not os.access(folder, os.W_OK):
            # SQLite says only "unable to open database file": its write-ahead log must be
            # written even to read
            raise StorageError(read_only_message(folder)) from exc
        reason = getattr(exc, "orig", None) or exc
        raise StorageError(
            _("Could not read the database {path}: {reason}").format(path=db.path, reason=reason)
        ) from exc
    if problem is not None:
        db.close()
        raise problem
