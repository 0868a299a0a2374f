"""Checking backups without restoring them: their database, and every attached file's hash.

``hubdesk check`` runs this over the data folder's backups (and ``--backup PATH`` over one
elsewhere, say on a USB stick): a backup that would be refused at the moment it is needed is
worth knowing about the day it went bad. Nothing is written; the database is read read-only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.storage import backup_files, restore_files, server_dump
from hubdesk.storage.check import header_problem, sound_problems
from hubdesk.storage.errors import StorageError


def check_backup(path: Path, checked: dict[tuple[int, int], bool] | None = None) -> list[str]:
    """What is wrong with the backup at ``path`` (a folder, its database, or an older single
    file), one sentence each; an empty list when it would restore. ``checked`` remembers the
    files already hashed, so a file linked from ten backups is read once."""
    if not path.exists():
        return [_("There is no file at {path}.").format(path=path)]
    try:
        folder = restore_files.backup_folder_of(path)
        if folder is None and path.is_dir():
            return [backup_files.not_a_backup_folder(path)]
        if folder is None:
            return _database_problems(path, path)
        contents = backup_files.read_contents(folder)
    except StorageError as exc:
        return [str(exc)]
    database = folder / contents.database
    if not database.is_file():
        return [_("The backup {path} has lost its database.").format(path=folder)]
    problems = _database_problems(database, folder)
    needed = None
    if not problems and contents.database == backup_files.DATABASE:
        try:
            needed = backup_files.named_files(database)
        except StorageError as exc:
            problems.append(str(exc))
    return problems + backup_files.file_problems(folder, contents, needed, checked)


def _database_problems(database: Path, shown: Path) -> list[str]:
    if server_dump.is_dump(database):
        return []
    try:
        if header_problem(database) is not None:
            return [
                _("The backup {path} is damaged or not a database, and cannot be restored.").format(
                    path=shown
                )
            ]
        from hubdesk.storage.restore import not_restorable

        conn = backup_files.connect_unchanging(database)
        try:
            found = sound_problems(conn)
            unlike = None if found else not_restorable(conn, shown, unset_ok=True)
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        found, unlike = [str(exc)], None
    if unlike is not None:
        return [unlike]
    return [
        _("The backup {path} is damaged and cannot be restored ({detail}).").format(
            path=shown, detail=detail
        )
        for detail in found[:1]
    ]
