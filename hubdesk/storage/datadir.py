"""Finding the data folder: command-line option, environment, portable marker, or per-user dir."""

from __future__ import annotations

import os
import sqlite3
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
    """The database file is missing, empty or holds no installation, in a folder where HubDesk
    was set up (its keys or its backups are here): deleted by a person or an antivirus, left
    behind by a copy to a new PC, cut short, or replaced by a new empty database (a crash
    during a set-up, a tool). Opening would show the first-run assistant; a set-up there would
    start another installation with the old one's keys, which the hub would not know as this
    one, and its daily backups would in time rotate the old ones out. The records are lost
    from the file: a backup brings them back. A hub whose data is on its server keeps no file
    here."""
    path = database_path(data_dir)
    try:
        if path.exists() and not path.is_file():
            return False
        emptied = not path.exists() or path.stat().st_size == 0
    except OSError:
        return False
    if (data_dir / SERVER_SETTING).exists():
        return False
    if not set_up_here(data_dir):
        return False
    return emptied or holds_no_installation(path)


def data_to_open(data_dir: Path) -> bool:
    """The folder names data to open, its database file or the setting naming its server
    database: the window then shows its frame first and opens the data behind it. Without
    either there is nothing to open yet, and the first-run assistant comes first."""
    return database_path(data_dir).is_file() or (data_dir / SERVER_SETTING).is_file()


def holds_no_installation(path: Path) -> bool:
    """The file is an SQLite database without an installation: no tables at all, or HubDesk's
    schema with no installation record. Read without writing (the write-ahead log included);
    a file that cannot be read this way (damaged, busy, not a database) is False, for the
    opening to explain."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return True
        if "alembic_version" not in tables:
            return False  # another program's database: refused as not HubDesk's
        if "installation" not in tables:
            return True
        return conn.execute("SELECT 1 FROM installation LIMIT 1").fetchone() is None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


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
