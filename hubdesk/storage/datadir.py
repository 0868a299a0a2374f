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
    """The database file is there but empty, in a folder where HubDesk was set up (its keys or
    its backups are here). Opening would make a new, empty database; a set-up on it would start
    another installation with the old one's keys. The records are lost from the file: a backup
    brings them back."""
    path = database_path(data_dir)
    try:
        if not path.is_file() or path.stat().st_size != 0:
            return False
    except OSError:
        return False
    return any(_holds_anything(data_dir / name) for name in (KEYS_DIR, BACKUPS_DIR))


def _holds_anything(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError:
        return False
