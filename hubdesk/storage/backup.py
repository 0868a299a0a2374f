"""Backups with SQLite's online backup API: safe while HubDesk has the database open."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.storage.datadir import backups_dir
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError

DEFAULT_KEEP = 10
BACKUP_SUFFIX = ".sqlite"


def backup_database(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` atomically (a temp file renamed into place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        raw = db.engine.raw_connection()
        try:
            destination = sqlite3.connect(partial)
            try:
                raw.driver_connection.backup(destination)  # type: ignore[union-attr]
            finally:
                destination.close()
        finally:
            raw.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            _("Could not write the backup to {path}: {reason}").format(path=target, reason=exc)
        ) from exc
    return target


def automatic_backup(db: Database, data_dir: Path, reason: str, keep: int = DEFAULT_KEEP) -> Path:
    """A timestamped backup in the data folder's ``backups``; only the newest ``keep`` stay."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = backup_database(db, backups_dir(data_dir) / f"hubdesk-{stamp}-{reason}{BACKUP_SUFFIX}")
    rotate_backups(data_dir, keep)
    return path


def list_backups(data_dir: Path) -> list[Path]:
    """Automatic backups, newest first."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"hubdesk-*{BACKUP_SUFFIX}"), reverse=True)


def rotate_backups(data_dir: Path, keep: int) -> None:
    for old in list_backups(data_dir)[keep:]:
        old.unlink(missing_ok=True)


def last_backup_time(data_dir: Path) -> dt.datetime | None:
    backups = list_backups(data_dir)
    if not backups:
        return None
    return dt.datetime.fromtimestamp(backups[0].stat().st_mtime, dt.UTC)
