"""Backups with SQLite's online backup API: safe while HubDesk has the database open.

Automatic backups live in the data folder's ``backups`` folder and are named
``hubdesk-<local time>-<reason>.sqlite`` so that sorting by name sorts by age and a person
browsing the folder sees when and why each was made. Only the newest few are kept: an old office
PC must not fill its disk with copies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import time
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.storage.datadir import backups_dir
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError

DEFAULT_KEEP = 10
BACKUP_SUFFIX = ".sqlite"
PARTIAL_SUFFIX = ".partial"
DAILY = "daily"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^hubdesk-(\d{8})-\d{6}-\d{6}-(.+)\.sqlite$")
# A half-written backup older than this was left by a crash, not by a backup still running.
STALE_PARTIAL_SECONDS = 3600


def backup_database(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` atomically (a temp file renamed into place).

    A reader never finds a half-written backup under the final name, and a failure leaves
    whatever was at ``target`` before untouched. A hub's server database is dumped by the
    server's own tool instead (``server_dump``).
    """
    if not db.is_sqlite:
        from hubdesk.storage import server_dump

        return server_dump.dump(db.url, target)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
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
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StorageError(
            _("Could not write the backup to {path}: {reason}").format(path=target, reason=reason)
        ) from exc
    return target


def automatic_backup(
    db: Database,
    data_dir: Path,
    reason: str,
    keep: int = DEFAULT_KEEP,
    *,
    now: dt.datetime | None = None,
) -> Path:
    """A timestamped backup in the data folder's ``backups``; only the newest ``keep`` stay."""
    stamp = (now or dt.datetime.now()).strftime(STAMP_FORMAT)
    path = backup_database(db, backups_dir(data_dir) / f"hubdesk-{stamp}-{reason}{BACKUP_SUFFIX}")
    rotate_backups(data_dir, keep, protect=path)
    return path


def daily_backup(
    db: Database, data_dir: Path, keep: int = DEFAULT_KEEP, *, now: dt.datetime | None = None
) -> Path | None:
    """The start-up backup: at most one per calendar day (local time). None when one exists,
    and on a server database, whose backups are the dumps its administrator schedules."""
    if not db.is_sqlite:
        return None
    now = now or dt.datetime.now()
    today = now.date()
    if any(backup_day(p) == today and backup_reason(p) == DAILY for p in list_backups(data_dir)):
        rotate_backups(data_dir, keep)
        return None
    return automatic_backup(db, data_dir, DAILY, keep, now=now)


def backup_day(path: Path) -> dt.date | None:
    """The local calendar day an automatic backup was made, read from its name."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def backup_reason(path: Path) -> str | None:
    """Why an automatic backup was made (``daily``, ``before-restore`` ...), from its name."""
    match = _NAME.match(path.name)
    return match.group(2) if match else None


def list_backups(data_dir: Path) -> list[Path]:
    """Automatic backups, newest first."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.glob(f"hubdesk-*{BACKUP_SUFFIX}") if p.is_file()), reverse=True
    )


def rotate_backups(data_dir: Path, keep: int, protect: Path | None = None) -> None:
    """Delete all but the newest ``keep`` automatic backups, and crash leftovers.

    ``protect`` (the backup just made) always stays: with a PC clock set years back, a new
    backup sorts as the oldest and would otherwise be deleted at once.
    """
    if keep < 1:
        raise ValueError("keep at least one backup")
    backups = list_backups(data_dir)
    if protect is not None and protect in backups:
        backups.remove(protect)
        backups.insert(0, protect)
    for old in backups[keep:]:
        old.unlink(missing_ok=True)
    folder = backups_dir(data_dir)
    if folder.is_dir():
        cutoff = time.time() - STALE_PARTIAL_SECONDS
        for partial in folder.glob(f"hubdesk-*{BACKUP_SUFFIX}{PARTIAL_SUFFIX}"):
            with contextlib.suppress(OSError):
                if partial.stat().st_mtime < cutoff:
                    partial.unlink()


def last_backup_time(data_dir: Path) -> dt.datetime | None:
    backups = list_backups(data_dir)
    if not backups:
        return None
    return dt.datetime.fromtimestamp(backups[0].stat().st_mtime, dt.UTC)
