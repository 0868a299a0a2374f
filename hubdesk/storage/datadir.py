"""Finding the data folder: command-line option, environment, portable marker, or per-user dir."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "HUBDESK_DATA_DIR"
# A file of this name next to the program makes HubDesk keep its data beside itself, for
# coordinators who carry HubDesk on a USB stick from PC to PC.
PORTABLE_MARKER = "hubdesk-portable"
PORTABLE_DATA = "HubDesk-data"
DB_FILENAME = "hubdesk.sqlite"
SERVER_SETTING = "database.json"  # names the hub's server database instead of the file
BACKUPS_DIR = "backups"
KEYS_DIR = "keys"  # the installation's private keys, made at set-up (``sync/keys.py``)
KEY_FILES = ("signing-key.pem", "age-identity.txt")  # its signing key, its age identity
# automatic backups (``storage/backup.py``) and databases a restore set aside
# (``storage/restore_unusable.py``)
BACKUP_PREFIXES = ("hubdesk-", "unusable-")


def program_dir() -> Path:
    """The folder the program runs from (the frozen executable's folder when installed)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent


def resolve_data_dir(
    option: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    program: Path | None = None,
) -> Path:
    """Pick the data folder, in order: ``--data-dir``, ``HUBDESK_DATA_DIR``, portable, per-user."""
    environ = os.environ if environ is None else environ
    if option:
        return Path(option).expanduser().resolve()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser().resolve()
    program = program or program_dir()
    if (program / PORTABLE_MARKER).exists():
        return program / PORTABLE_DATA
    from platformdirs import user_data_dir  # only here: a few ms a window with a folder skips

    return Path(user_data_dir("HubDesk", appauthor=False, roaming=True))


def is_portable(program: Path | None = None) -> bool:
    return ((program or program_dir()) / PORTABLE_MARKER).exists()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_DIR


def lost_database(data_dir: Path) -> bool:
    """The database file is missing or empty, in a folder where HubDesk was set up (its keys or
    its backups are here): deleted by a person or an antivirus, left behind by a copy to a new
    PC, or cut short. Opening would make a new, empty database; a set-up on it would start
    another installation with the old one's keys, which the hub would not know as this one,
    and its daily backups would in time rotate the old ones out. The records are lost from the
    file: a backup brings them back. A hub whose data is on its server keeps no file here."""
    path = database_path(data_dir)
    try:
        if path.exists() and (not path.is_file() or path.stat().st_size != 0):
            return False
    except OSError:
        return False
    if (data_dir / SERVER_SETTING).exists():
        return False
    return set_up_here(data_dir)


def missing_database(data_dir: Path) -> bool:
    """:func:`lost_database`, and no file at all (rather than an empty one)."""
    return lost_database(data_dir) and not database_path(data_dir).exists()


def set_up_here(data_dir: Path) -> bool:
    """The folder holds an installation's key files or HubDesk's backups: it was set up once.

    Only HubDesk's own names count, so a folder chosen for the data that happens to hold
    another program's ``backups`` is still a first start."""
    keys = data_dir / KEYS_DIR
    if any((keys / name).exists() for name in KEY_FILES):
        return True
    try:
        return any(
            entry.name.startswith(BACKUP_PREFIXES) for entry in backups_dir(data_dir).iterdir()
        )
    except OSError:
        return False
