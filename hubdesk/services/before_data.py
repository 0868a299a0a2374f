"""What the window does before its data layer is loaded.

A start that can show the dashboard's figures kept from the last reading (still what the file
holds, ``dashboard_cache``) does not load SQLAlchemy, the models and the services until a
person asks for something that needs them: an idle window on an office PC stays about 50 MiB
smaller, and the person waits for the data once, at the first page they open, rather than at
every start. Until then the window still makes the day's backup, from the file itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hubdesk.storage import backup
from hubdesk.storage.datadir import database_path, is_portable

__all__ = ["daily_backup", "is_portable", "last_backup"]  # About asks whether it is portable


def daily_backup(data_dir: Path) -> Path | None:
    """The start-up backup of the folder's file, at most one a day (None: today's exists), as
    ``datafolder.daily_backup`` makes it once the data is open."""
    return backup.daily_backup(database_path(data_dir), data_dir)


def last_backup(data_dir: Path) -> dt.datetime | None:
    """When the newest backup in the folder was made (the status bar's)."""
    return backup.last_backup_time(data_dir)
