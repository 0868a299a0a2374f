"""Storage problems a person can act on; the message says what happened and what to do."""

from pathlib import Path

from hubdesk.i18n import _


class StorageError(Exception):
    """A database that cannot be opened, migrated, backed up or restored as asked."""


def read_only_message(folder: Path) -> str:
    """A data folder HubDesk cannot write in, which SQLite and the lock need even to read:
    the system's own words ("unable to open database file", "Read-only file system") do not
    say what to do."""
    return _(
        "HubDesk cannot write in the data folder {path}, and it must, even to read its data. "
        "Copy the folder to a place you can write to and use that copy (--data-dir), or make "
        "the folder writable. Nothing was changed."
    ).format(path=folder)


class BackupCancelled(StorageError):
    """The person stopped a backup; nothing of it was kept, and the earlier backups stay."""

    def __init__(self) -> None:
        super().__init__(_("The backup was stopped; nothing of it was kept."))


class RestoreCancelled(StorageError):
    """The person stopped a restore before it replaced anything: the data is as it was."""

    def __init__(self) -> None:
        super().__init__(_("The restore was stopped; nothing was changed."))


class OtherInstallationError(StorageError):
    """The backup is another installation's: restoring it would change who this PC is. Here,
    not in ``restore.py``, so that the window can tell it apart without loading the restore
    (and Alembic with it) before a restore is asked for."""

    def __init__(
        self, source: Path, backup_name: str, current_name: str, backup_id: str | None = None
    ) -> None:
        self.source, self.backup_name, self.current_name = source, backup_name, current_name
        self.backup_id = backup_id  # what a confirmed restore must find again (None: a dump)
        if backup_name == current_name:  # a PC set up afresh under the office's own name
            message = _(
                "{path} is a backup of another installation that is also called '{name}', not "
                "of the one in this data folder. Nothing was changed."
            ).format(path=source, name=current_name)
        else:
            message = _(
                "{path} is a backup of another installation ('{other}'), but this data folder "
                "belongs to '{name}'. Nothing was changed."
            ).format(path=source, other=backup_name, name=current_name)
        super().__init__(message)
