"""The data folder as the window sees it: its database, its backups, restoring one of them.

Widgets never import ``hubdesk.storage`` (tests/test_layering.py): what they need of it comes
through here, so the window and the command line meet the same rules (the restore's checks,
the backups kept) and a widget cannot open, copy or replace a database file by itself. The
restore, which imports Alembic to migrate an older backup, is only loaded when it is used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from hubdesk.i18n import _
from hubdesk.services.context import ServiceContext
from hubdesk.services.staff import require_admin
from hubdesk.storage import backup
from hubdesk.storage.backup_files import Step
from hubdesk.storage.datadir import backups_dir, database_path, is_portable, lost_database
from hubdesk.storage.db import Database
from hubdesk.storage.errors import (
    BackupCancelled,
    OtherInstallationError,
    RestoreCancelled,
    StorageError,
)
from hubdesk.storage.open import open_database

if TYPE_CHECKING:
    from hubdesk.storage.restore import RestoreResult
    from hubdesk.storage.server_restore import ServerRestore

__all__ = [
    "KEEP_BACKUPS",
    "BackupCancelled",
    "Database",
    "OtherInstallationError",
    "RestoreCancelled",
    "StorageError",
    "back_up_now",
    "backup_reason",
    "backup_size",
    "backup_time",
    "backups_folder",
    "backups_folder_of",
    "daily_backup",
    "database_file_left",
    "database_lost",
    "discard_unset_database",
    "holds_files",
    "is_portable",
    "list_backups",
    "newest_whole_backup",
    "open_data_folder",
    "restore_backup",
    "restore_on_new_pc",
    "restore_other_installation",
    "restore_over_unusable",
    "start_afresh",
    "unusable_problem",
]

# How many automatic backups stay in the backups folder (the newest).
KEEP_BACKUPS = backup.DEFAULT_KEEP


def open_data_folder(data_dir: Path) -> Database:
    """The folder's database, created or brought up to date; StorageError if it is unusable."""
    return open_database(data_dir)


def discard_unset_database(db: Database) -> None:
    """Close and delete a database that was created for a first start whose set-up was then
    cancelled. Without an installation nothing can have been written to it; left behind, it
    made the next start draw an empty main window behind the assistant, and the folder was no
    longer as empty as the person left it. A server database is only closed."""
    path = db.path
    db.close()
    if path is None:
        return
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _folder(ctx: ServiceContext) -> Path:
    assert ctx.data_dir is not None, "the window's context always knows its data folder"
    return ctx.data_dir


def backups_folder(ctx: ServiceContext) -> Path:
    return backups_dir(_folder(ctx))


def backups_folder_of(data_dir: Path) -> Path:
    """The backups folder of a data folder that cannot be opened (its installation unknown)."""
    return backups_dir(data_dir)


def list_backups(ctx: ServiceContext) -> list[Path]:
    """The automatic backups of the installation's data folder, newest first."""
    return backup.list_backups(_folder(ctx))


def backup_reason(path: Path) -> str | None:
    return backup.backup_reason(path)


def backup_size(path: Path) -> int:
    """Bytes the backup (its database and files) takes when copied elsewhere."""
    return backup.backup_size(path)


def backup_time(path: Path) -> dt.datetime:
    return backup.backup_time(path)


def holds_files(path: Path) -> bool:
    """False for a backup made before backups carried the attached files (one database file)."""
    return path.is_dir()


def back_up_now(ctx: ServiceContext, step: Step | None = None) -> Path:
    """A backup the person asked for (the database and its files), kept with the automatic
    ones. BackupCancelled, with nothing of it kept, once ``step`` answers False (Cancel)."""
    return backup.automatic_backup(ctx.db, _folder(ctx), "manual", step=step)


def daily_backup(ctx: ServiceContext) -> Path | None:
    """The start-up backup, at most one a day; None when today's exists."""
    return backup.daily_backup(ctx.db, _folder(ctx))


def restore_backup(
    ctx: ServiceContext, source: Path, step: Step | None = None
) -> RestoreResult | ServerRestore:
    """Replace the installation's data and files with the backup ``source`` (checked first;
    the current data is backed up before). StorageError, with nothing changed, when it cannot
    be; OtherInstallationError for a backup of another installation, which only
    ``restore_other_installation`` restores. On a hub's server, as ``hubdesk restore`` does:
    only for its administrators (it replaces every colleague's work), and only from a backup
    of a server database; another hub's is refused (``_other_hub``)."""
    require_admin(ctx)
    if not ctx.db.is_sqlite:
        from hubdesk.storage.server_restore import dump_of, restore_server

        dump_of(source)
        try:
            return restore_server(ctx.db, _folder(ctx), source, step=step)
        except OtherInstallationError as exc:
            raise _other_hub(exc) from exc
    from hubdesk.storage.restore import restore_database

    return restore_database(_folder(ctx), source, db=ctx.db, step=step)


def restore_other_installation(
    ctx: ServiceContext,
    source: Path,
    step: Step | None = None,
    expected: str | None = None,
) -> RestoreResult:
    """Restore the backup of another installation, once the person has said so in a second
    question (a PC set up by mistake before the office's backup was found, an office moved to
    a PC set up already): as ``hubdesk restore --other-installation`` does, with the same
    refusals (keys named for someone else over a lost database). The context is then the
    restored installation's, so nothing more is written under the one it replaced; the pages
    built for that one are the window's to build again.

    A hub's server database is not: another hub's data would replace the hub under every
    staff PC's open window, so that stays with the command line. ``expected``: the id of the
    installation the question named (``OtherInstallationError.backup_id``); a file that holds
    another one by the answer is refused."""
    require_admin(ctx)
    if not ctx.db.is_sqlite:
        raise StorageError(
            _("Another hub's backup cannot be restored from the window. Nothing was changed.")
            + " "
            + _other_hub_how()
        )
    from hubdesk.storage.restore import restore_database

    result = restore_database(
        _folder(ctx),
        source,
        allow_other_installation=True,
        db=ctx.db,
        step=step,
        expected_installation=expected,
    )
    _become_restored(ctx)
    return result


def _other_hub_how() -> str:
    """The way left for a server hub: the command, with no staff PC open on the data."""
    return _(
        "An administrator restores it with the command line, hubdesk restore FILE "
        "--other-installation, while HubDesk is closed on every staff PC: it replaces the hub "
        "for all of them at once."
    )


def _other_hub(exc: OtherInstallationError) -> StorageError:
    """Another hub's dump, refused in the window (a plain StorageError: no second question)."""
    return StorageError(str(exc) + " " + _other_hub_how())


def _become_restored(ctx: ServiceContext) -> None:
    """The window's context names the installation just restored (its id, role,
    municipality, clock), in place: every page holds this one object. Every field is taken
    from a context loaded afresh, so one added to ``ServiceContext`` later follows too."""
    from dataclasses import fields

    from hubdesk.services.installation import load_context

    restored = load_context(ctx.db, ctx.data_dir)
    for field in fields(restored):
        setattr(ctx, field.name, getattr(restored, field.name))


def restore_on_new_pc(
    db: Database, data_dir: Path, source: Path, step: Step | None = None
) -> RestoreResult:
    """The first start on a new PC: the backup ``source`` of an earlier one (copied from its
    backups folder or a USB stick) becomes this folder's data, with its attached files.
    ``db`` is the empty database opened for the first-run assistant. StorageError, with
    nothing changed, for anything that is not a whole backup HubDesk can restore."""
    from hubdesk.storage.restore import restore_database

    return restore_database(data_dir, source, db=db, step=step)


def unusable_problem(data_dir: Path) -> str | None:
    """What is wrong with a database file that is there but cannot be opened at all (damaged,
    not HubDesk's, altered), which a restore or a fresh set-up may set aside; None otherwise
    (usable, lost, a newer HubDesk's, busy)."""
    from hubdesk.storage.restore_unusable import diagnose

    unusable = diagnose(data_dir)
    return None if unusable is None or lost_database(data_dir) else unusable.problem


def newest_whole_backup(data_dir: Path) -> Path | None:
    """The newest backup in the folder that passes ``hubdesk check``; None when none does."""
    from hubdesk.storage.backup_check import check_backup

    for candidate in backup.list_backups(data_dir):
        if not check_backup(candidate):
            return candidate
    return None


def database_lost(data_dir: Path) -> bool:
    """The folder was set up (its keys or backups are here) but its database file is gone,
    empty or holds no installation: a backup brings the records back, a new set-up would make
    another installation beside the old keys."""
    return lost_database(data_dir)


def database_file_left(data_dir: Path) -> Path | None:
    """The file of a lost database that is still there (emptied, or a new empty one); None
    when it is gone."""
    path = database_path(data_dir)
    return path if path.exists() else None


def start_afresh(data_dir: Path) -> Path:
    """Keep everything of the old installation (its database too, when it is there but cannot
    be opened) in a new dated folder, which is returned, so that the folder can be set up as
    new; only when the person chose it. StorageError, with
    nothing moved, when it cannot be done."""
    from hubdesk.storage.afresh import set_aside_installation

    return set_aside_installation(data_dir)


def restore_over_unusable(data_dir: Path, source: Path, step: Step | None = None) -> RestoreResult:
    """Restore ``source`` in place of a database that cannot be opened (kept aside, never
    deleted); the caller holds the data folder. StorageError, nothing changed, if it cannot."""
    from hubdesk.storage.restore import restore_database

    return restore_database(data_dir, source, step=step)
