"""One running HubDesk per data folder.

Two programs writing the same SQLite file would each trust their own view of it (the HLC, the
open forms, a restore in progress). The lock is an operating-system lock on a file in the data
folder, so it disappears with the process even when HubDesk crashes or the PC loses power:
nobody ever has to delete a stale lock file by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from hubdesk.i18n import _
from hubdesk.storage.errors import StorageError

LOCK_FILENAME = "hubdesk.lock"


class AlreadyRunningError(StorageError):
    """Another HubDesk (window or command) is using this data folder right now."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        super().__init__(
            _(
                "HubDesk is already running with this data folder ({path}). "
                "Close the other HubDesk window or wait for the other command to finish first."
            ).format(path=data_dir)
        )


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILENAME


@contextmanager
def instance_lock(data_dir: Path) -> Iterator[Path]:
    """Hold the data folder for as long as the ``with`` block runs; never waits.

    Creates the data folder when it does not exist yet (a first start). Yields the lock file.
    """
    path = lock_path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, blocking=False)
        lock.acquire()
    except Timeout:
        raise AlreadyRunningError(data_dir) from None
    except OSError as exc:
        raise StorageError(
            _("Could not use the data folder {path}: {reason}").format(
                path=data_dir, reason=exc.strerror or exc
            )
        ) from exc
    try:
        yield path
    finally:
        lock.release()
