"""Restoring over a database HubDesk cannot open: damaged, not HubDesk's, or altered.

That is exactly when a person needs a backup back, and the messages say "restoring a backup
repairs it", so the restore must not refuse it the way opening it is refused. Such a file cannot
be backed up through SQLite, so it is never deleted or overwritten either: once the backup has
been checked in full, the file (with its ``-wal``, which may hold the newest changes, and
``-shm``) is moved into ``backups/unusable-<time>/`` beside links to every attached file the
data folder holds, outside the rotation, and the checked copy of the backup takes its place.

A database written by a newer HubDesk is still refused (installing that version opens it), and
so is one that cannot be opened for any other reason (busy, no permission): those are not
damage, and a restore must not hide them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services import attachment_store as store
from hubdesk.storage.backup import STAMP_FORMAT
from hubdesk.storage.backup_files import DATABASE
from hubdesk.storage.check import (
    differences_summary,
    header_problem,
    is_damage,
    read_only,
    schema_revision,
    table_names,
)
from hubdesk.storage.datadir import backups_dir, database_path, lost_database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.schema import known_revisions
from hubdesk.storage.schema_shape import schema_differences

PREFIX = "unusable-"
# The database's companions, moved before the database itself: a new database must never meet
# the old one's write-ahead log, which SQLite would replay into it.
COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class Unusable:
    """Why the data folder's database cannot be opened, and whose it was when that can still be
    read: (id, name, last clock stamp) of its installation record."""

    problem: str
    installation: tuple[str, str, int] | None
    missing: bool = False  # no file at all: nothing of it to keep (``datadir.lost_database``)


def diagnose(data_dir: Path) -> Unusable | None:
    """The data folder's database is damaged, not HubDesk's or altered: a restore may set it
    aside. None when it is absent, usable, a newer HubDesk's, or unreadable for another reason.
    Reads only."""
    path = database_path(data_dir)
    if lost_database(data_dir):
        if not path.exists():
            return Unusable(_("it is missing"), None, missing=True)
        return Unusable(_("it is empty"), None)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        problem = _problem(path)
    except OSError:
        return None
    if problem is None:
        return None
    return Unusable(problem, _installation(path))


def _problem(path: Path) -> str | None:
    """What is wrong with the file, in a few words; None when it is nothing a restore mends."""
    header = header_problem(path)
    if header == "not a database":
        return _("it is not a HubDesk database")
    if header == "damaged":
        return _("it is damaged: {detail}").format(detail=_("its header is not valid"))
    try:
        with read_only(path) as conn:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                return _("it is damaged: {detail}").format(detail=rows[0])
            revision = schema_revision(conn)
            if revision is None:
                return _("it is not a HubDesk database") if table_names(conn) else None
            if revision not in known_revisions():
                return None  # a newer HubDesk's: installing that version opens it
            differences = schema_differences(conn, revision)
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return _("it is damaged: {detail}").format(detail=exc)
        return None
    if not differences:
        return None
    return _("it may have been altered: {detail}").format(detail=differences_summary(differences))


def _installation(path: Path) -> tuple[str, str, int] | None:
    """The installation record, if the damage spared it (a best effort: None otherwise)."""
    try:
        with read_only(path) as conn:
            rows = conn.execute("SELECT id, name, hlc_last FROM installation").fetchall()
    except sqlite3.Error:
        return None
    if len(rows) != 1:
        return None
    return str(rows[0][0]), str(rows[0][1]), int(rows[0][2])


def set_aside(data_dir: Path) -> Path:
    """Move the unusable database into a new ``backups/unusable-<time>/`` folder, beside links
    (copies where links are impossible) to every attached file now in the store; the folder.

    The files are linked first, so a failure (a full disk) leaves the database where it was.
    """
    stamp = dt.datetime.now().strftime(STAMP_FORMAT)
    folder = backups_dir(data_dir) / f"{PREFIX}{stamp}"
    partial = folder.with_name(folder.name + ".partial")
    try:
        partial.mkdir(parents=True)
        for sha256 in sorted(store.stored(data_dir)):
            target = partial / store.FOLDER / sha256[:2] / sha256
            target.parent.mkdir(parents=True, exist_ok=True)
            source = store.path_of(data_dir, sha256)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        os.replace(partial, folder)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise StorageError(
            _(
                "Could not keep the current database in {path} before restoring: {reason}. "
                "Nothing was changed."
            ).format(path=folder, reason=os_reason(exc))
        ) from exc
    live = database_path(data_dir)
    for suffix in (*COMPANIONS, ""):
        with contextlib.suppress(FileNotFoundError):
            os.replace(live.with_name(live.name + suffix), folder / (DATABASE + suffix))
    return folder


def put_back(data_dir: Path, folder: Path) -> None:
    """Undo :func:`set_aside` for the database (the restored copy could not be put in place)."""
    live = database_path(data_dir)
    for suffix in ("", *COMPANIONS):
        with contextlib.suppress(FileNotFoundError):
            os.replace(folder / (DATABASE + suffix), live.with_name(live.name + suffix))
