"""Backups with SQLite's online backup API: safe while HubDesk has the database open.

A backup is one folder holding the database and every attached file it names
(``backup_files.py``): copy the folder and nothing is left behind. Automatic backups live in the
data folder's ``backups`` folder and are named ``hubdesk-<local time>-<reason>`` so that sorting
by name sorts by age and a person browsing the folder sees when and why each was made. Only the
newest few are kept: an old office PC must not fill its disk with copies. Backups made by
HubDesk before files were included are single ``.sqlite`` files with the same names; they are
listed, restored and rotated alongside.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from hubdesk import clock
from hubdesk.i18n import _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.storage import backup_files, stopping
from hubdesk.storage.backup_files import Contents, Step
from hubdesk.storage.datadir import backups_dir
from hubdesk.storage.errors import BackupCancelled, StorageError

if TYPE_CHECKING:
    from hubdesk.storage.db import Database

# The database to back up: open, or the data folder's file itself while the data layer is not
# loaded (the window's daily backup on a start that showed the figures kept from the last
# reading: SQLAlchemy is loaded only once a person asks for a page).
Source: TypeAlias = "Database | Path"

DEFAULT_KEEP = 10
BACKUP_SUFFIX = ".sqlite"
PARTIAL_SUFFIX = ".partial"
DAILY = "daily"
# The page cache of a copy's own connections (the copy, and the file read for it before the data
# layer is loaded): the copy and its check read each page about once, so SQLite's default of
# 2 MiB each only stays behind in the window's memory after the day's backup.
COPY_CACHE_KIB = 256
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^hubdesk-(\d{8})-\d{6}-\d{6}-(.+?)(?:\.sqlite)?$")
# A half-written backup older than this was left by a crash, not by a backup still running.
STALE_PARTIAL_SECONDS = 3600
# The private folder in the data folder where a restore checks a backup (``restore.py``).
RESTORE_PREFIX = ".restore-"


# A backup's progress, in thousandths (``stopping``): copying the database, checking the copy,
# then the files.
COPIED, CHECKED = 800, 900
PAGES_PER_STEP = 2048  # database pages copied between two reports of progress (8 MB)


@dataclass(frozen=True)
class BackupMade:
    """A backup folder just written, and what it holds."""

    path: Path
    contents: Contents


class DamagedDatabaseError(StorageError):
    """The database's copy failed SQLite's check: it would not restore, so it is no backup."""


def backup_database(
    db: Source, target: Path, *, check: bool = True, step: Step | None = None
) -> Path:
    """Copy the live database to ``target`` atomically (a temp file renamed into place).

    A reader never finds a half-written backup under the final name, and a failure leaves
    whatever was at ``target`` before untouched. A hub's server database is dumped by the
    server's own tool instead (``server_dump``).

    The copy is checked (``PRAGMA quick_check``) before it takes its name: a damaged database
    copies without an error, and its copies, taken for good backups, would push the last
    good ones out of the rotation. DamagedDatabaseError then, unless ``check`` is False (the
    copy kept just before a restore replaces the data: the only copy of it there will be).

    With ``step``, the copy goes a few megabytes at a time and reports its progress, and both
    the copy and the check stop (BackupCancelled) once ``step`` answers False: a hub's database
    of a gigabyte takes a while on an old office PC.
    """
    if not _is_file(db):
        from hubdesk.storage import server_dump

        return server_dump.dump(db.url, target)  # type: ignore[union-attr]
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        with _connection(db) as source:
            destination = sqlite3.connect(partial)
            destination.execute(f"PRAGMA cache_size={-COPY_CACHE_KIB}")
            try:
                _copy(source, destination, step)
                damage = _damage(destination, step) if check else None
            finally:
                destination.close()
        if damage is not None:
            partial.unlink(missing_ok=True)
            raise DamagedDatabaseError(
                _(
                    "The database is damaged ({detail}), so no backup was made: a copy of it "
                    "would not restore, and the backups made before are kept. "
                    '"hubdesk check" names the damage; restoring a backup repairs it.'
                ).format(detail=damage)
            )
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = os_reason(exc)
        raise StorageError(
            _("Could not write the backup to {path}: {reason}").format(path=target, reason=reason)
        ) from exc
    except BaseException:  # stopped by the person (BackupCancelled), or any other way
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return target


def _is_file(db: Source) -> bool:
    return isinstance(db, Path) or db.is_sqlite


@contextlib.contextmanager
def _connection(db: Source) -> Iterator[sqlite3.Connection]:
    """A ``sqlite3`` connection to the file: the open database's own, or one of its own to a
    file that must exist (never a new, empty one made under its name)."""
    if isinstance(db, Path):
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=rw", uri=True, timeout=30.0)
        conn.execute(f"PRAGMA cache_size={-COPY_CACHE_KIB}")
        try:
            yield conn
        finally:
            conn.close()
        return
    raw = db.engine.raw_connection()
    try:
        yield raw.driver_connection  # type: ignore[misc]
    finally:
        raw.close()


def _copy(source: sqlite3.Connection, destination: sqlite3.Connection, step: Step | None) -> None:
    if step is None:  # the daily backup, a command: all at once, as fast as it goes
        source.backup(destination)
        return

    def copied(_status: int, remaining: int, pages: int) -> None:
        stopping.report(step, COPIED * (pages - remaining) // max(pages, 1), BackupCancelled)

    source.backup(destination, pages=PAGES_PER_STEP, progress=copied)


def _damage(conn: sqlite3.Connection, step: Step | None = None) -> str | None:
    """SQLite's first complaint about a database, or None when its quick check passes.
    BackupCancelled when ``step`` answers, while the check runs, that the person stopped."""
    try:
        with stopping.cancel_heard(conn, step, COPIED, BackupCancelled):
            rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else str(rows[0])


def make_backup(
    db: Source, data_dir: Path, target: Path, *, step: Step | None = None, check: bool = True
) -> BackupMade:
    """Write a backup folder at ``target``: the database and every attached file it names.

    The folder is built under a temporary name and renamed when complete, so a reader never
    finds half a backup under the final name; on any failure (disk full) nothing is left and
    whatever was at ``target`` before stays. Files an earlier backup in the data folder holds
    are linked, not copied again.
    """
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        with contextlib.suppress(FileNotFoundError):
            _remove(partial)
        partial.mkdir(parents=True)
        if _is_file(db):
            database = backup_database(db, partial / backup_files.DATABASE, check=check, step=step)
            named = backup_files.named_files(database)
        else:
            from hubdesk.storage import server_dump

            # The server's own tool, stopped at a Cancel; its progress is by tables.
            dumping = stopping.between(step, 0, CHECKED, BackupCancelled)
            assert not isinstance(db, Path)
            database, named = server_dump.dump_with_files(db, partial / backup_files.DUMP, dumping)
        stopping.report(step, CHECKED, BackupCancelled)
        files = stopping.between(step, CHECKED, stopping.PROGRESS_TOTAL, BackupCancelled)
        earlier = [p for p in list_backups(data_dir) if p.is_dir() and p != target]
        contents = backup_files.put_files(partial, data_dir, named, earlier, files, 0, len(named))
        contents.database = database.name
        backup_files.write_contents(partial, contents)
        with stopping.ctrl_c_held():  # two renames that must not be cut in between
            _put_in_place(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            _remove(partial)
        reason = os_reason(exc)
        raise StorageError(
            _("Could not write the backup to {path}: {reason}").format(path=target, reason=reason)
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            _remove(partial)
        raise
    return BackupMade(target, contents)


def _put_in_place(partial: Path, target: Path) -> None:
    """Rename the finished backup to its name; one there already (``--force``) is set aside
    first and deleted only once the new one is in place."""
    if not target.exists():
        os.replace(partial, target)
        return
    aside = target.with_name(target.name + ".replaced")
    with contextlib.suppress(FileNotFoundError):
        _remove(aside)
    os.replace(target, aside)
    try:
        os.replace(partial, target)
    except OSError:
        os.replace(aside, target)
        raise
    _remove(aside)


def _remove(path: Path) -> None:
    """Delete a backup, a folder or an older single file (FileNotFoundError if none)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def discard_backup(path: Path) -> None:
    """Delete a backup that turned out not to be needed (an import that was refused)."""
    with contextlib.suppress(OSError):
        _remove(path)


def automatic_backup(
    db: Source,
    data_dir: Path,
    reason: str,
    keep: int = DEFAULT_KEEP,
    *,
    now: dt.datetime | None = None,
    step: Step | None = None,
    check: bool = True,
) -> Path:
    """A timestamped backup in the data folder's ``backups``; only the newest ``keep`` stay."""
    stamp = (now or dt.datetime.now()).strftime(STAMP_FORMAT)
    target = backups_dir(data_dir) / f"hubdesk-{stamp}-{reason}"
    made = make_backup(db, data_dir, target, step=step, check=check)
    rotate_backups(data_dir, keep, protect=made.path)
    return made.path


def daily_backup(
    db: Source, data_dir: Path, keep: int = DEFAULT_KEEP, *, now: dt.datetime | None = None
) -> Path | None:
    """The start-up backup: at most one per calendar day (local time). None when one exists,
    and on a server database, whose backups are the dumps its administrator schedules."""
    if not _is_file(db):
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
    day = match.group(1)  # eight digits: no strptime (and its locale machinery) to read them
    try:
        return dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        return None


def backup_reason(path: Path) -> str | None:
    """Why an automatic backup was made (``daily``, ``before-restore`` ...), from its name."""
    match = _NAME.match(path.name)
    return match.group(2) if match else None


def list_backups(data_dir: Path, today: dt.date | None = None) -> list[Path]:
    """Automatic backups, newest first: folders, and the single files of older versions.

    A backup named with a day after tomorrow was made while the PC's clock ran ahead. Sorted
    by its name it would stay "the newest" for good once the clock was put right: shown as the
    last backup, and keeping its place while every real one beside it was rotated away, day
    after day. Such backups come after every other, so they are the first to go."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.glob("hubdesk-*")
        if _NAME.match(p.name)
        and not p.name.endswith(PARTIAL_SUFFIX)
        and (
            (p.is_file() and p.name.endswith(BACKUP_SUFFIX))
            or (p.is_dir() and backup_files.is_backup_folder(p))
        )
    ]
    found.sort(key=lambda p: p.name.removesuffix(BACKUP_SUFFIX), reverse=True)
    limit = (today or clock.today()) + dt.timedelta(days=1)  # a day's slack: time zones
    found.sort(key=lambda p: (backup_day(p) or limit) > limit)  # stable: newest first in each
    return found


def database_in(backup: Path) -> Path:
    """The database file of a backup: inside a folder, or the older single file itself."""
    if backup.is_dir():
        return backup / backup_files.read_contents(backup).database
    return backup


def backup_size(backup: Path) -> int:
    """Bytes a backup takes when copied elsewhere (a file linked from another backup counts)."""
    if not backup.is_dir():
        return backup.stat().st_size
    return sum(p.stat().st_size for p in backup.rglob("*") if p.is_file())


def rotate_backups(data_dir: Path, keep: int, protect: Path | None = None) -> None:
    """Delete all but the newest ``keep`` automatic backups, and crash leftovers.

    ``protect`` (the backup just made) always stays: with a PC clock set years back, a new
    backup sorts as the oldest and would otherwise be deleted at once. A deleted backup's files
    go with it, except those another backup still links (each holds its own link).
    """
    if keep < 1:
        raise ValueError("keep at least one backup")
    backups = list_backups(data_dir)
    if protect is not None and protect in backups:
        backups.remove(protect)
        backups.insert(0, protect)
    for old in backups[keep:]:
        discard_backup(old)
    folder = backups_dir(data_dir)
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    if folder.is_dir():
        for partial in folder.glob(f"hubdesk-*{PARTIAL_SUFFIX}"):
            with contextlib.suppress(OSError):
                if partial.stat().st_mtime < cutoff:
                    _remove(partial)
    # a restore cut short (the PC switched off) leaves its private copy of the backup: a whole
    # database and its files, in a hidden folder nobody would think of deleting
    for leftover in data_dir.glob(f"{RESTORE_PREFIX}*"):
        with contextlib.suppress(OSError):
            if leftover.is_dir() and leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover)


def last_backup_time(data_dir: Path) -> dt.datetime | None:
    backups = list_backups(data_dir)
    if not backups:
        return None
    return backup_time(backups[0])


def backup_time(backup: Path) -> dt.datetime:
    """When a backup was written (its database file's time, in UTC)."""
    written = backup
    if backup.is_dir():
        inside = [backup / name for name in (backup_files.DATABASE, backup_files.DUMP)]
        written = next((p for p in inside if p.exists()), backup)
    return dt.datetime.fromtimestamp(written.stat().st_mtime, dt.UTC)
