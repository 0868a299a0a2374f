"""One running HubDesk per data folder.

Two programs writing the same SQLite file would each trust their own view of it (the HLC, the
open forms, a restore in progress). The lock is an operating-system lock on a file in the data
folder, so it disappears with the process even when HubDesk crashes or the PC loses power:
nobody ever has to delete a stale lock file by hand.

The lock is taken with the few standard-library calls each system offers (``flock`` on Linux and
macOS, ``msvcrt.locking`` on Windows) rather than a locking package: the window takes it before
its first paint, and that package's import alone cost a fifth of a bare Qt start-up.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.storage.errors import StorageError, read_only_message

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


# errno values of a folder the lock file cannot be made or opened in for writing
UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILENAME


# The data folders this process holds: a second lock from the same process is refused like
# another program's, so code that needs the folder held asks here first.
_HELD: set[Path] = set()


def held_here(data_dir: Path) -> bool:
    """Whether this process holds the data folder's lock (a window, a command that writes)."""
    return data_dir.resolve() in _HELD


# errno values meaning "somebody else holds it": flock says EWOULDBLOCK (EAGAIN), Windows'
# locking says EACCES (or EDEADLOCK once its retries are spent).
HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


def try_lock(fd: int) -> bool:
    """Lock the open file ``fd`` for this handle alone, without waiting; False when it is held.

    Both calls lock per open file, not per process, so the same process opening the file a
    second time is refused too, exactly like another program.
    """
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in HELD:
            return False
        raise
    return True


def unlock(fd: int) -> None:
    """Give the lock back (closing the file would too; this says so explicitly)."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def instance_lock(data_dir: Path) -> Iterator[Path]:
    """Hold the data folder for as long as the ``with`` block runs; never waits.

    Creates the data folder when it does not exist yet (a first start). Yields the lock file.
    """
    path = lock_path(data_dir)
    fd = -1
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        locked = try_lock(fd)
    except OSError as exc:
        if fd >= 0:
            os.close(fd)
        # A write-protected stick, say; not a lock file an antivirus holds, or one marked
        # read-only itself, in a folder that takes writes: that one is said as it is.
        if exc.errno in UNWRITABLE and data_dir.is_dir() and not os.access(data_dir, os.W_OK):
            raise StorageError(read_only_message(data_dir)) from exc
        raise StorageError(
            _("Could not use the data folder {path}: {reason}").format(
                path=data_dir, reason=os_reason(exc)
            )
        ) from exc
    if not locked:
        os.close(fd)
        raise AlreadyRunningError(data_dir)
    key = data_dir.resolve()
    _HELD.add(key)
    try:
        yield path
    finally:
        _HELD.discard(key)
        try:
            unlock(fd)
        finally:
            os.close(fd)
