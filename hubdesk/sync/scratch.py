"""Temporary files of sync in the data folder: the plain zip of a bundle being read or written.

A bundle of a million records is hundreds of megabytes once decrypted; keeping it in memory is
what made import and export grow with the bundle. The plain zip therefore goes to a file in the
data folder (which holds the plain database already, so nothing is exposed that is not there
anyway), readable only by this user, and is removed as soon as the import or export is done.
A file left behind by a crash is removed by the next import or export after a day.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

FOLDER = "sync-temp"
SUFFIX = ".partial"
STALE_SECONDS = 24 * 3600


def folder(data_dir: Path) -> Path:
    path = data_dir / FOLDER
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def new_file(data_dir: Path, prefix: str) -> Path:
    """A new empty file only this user may read (``mkstemp`` makes it so)."""
    where = folder(data_dir)
    clear_stale(where)
    handle, name = tempfile.mkstemp(dir=where, prefix=prefix, suffix=SUFFIX)
    os.close(handle)
    return Path(name)


def remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def clear_stale(where: Path) -> None:
    limit = time.time() - STALE_SECONDS
    for path in where.glob(f"*{SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()
