"""Single-instance lock: a second HubDesk on the same data folder is refused, clearly."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hubdesk.storage.errors import StorageError
from hubdesk.storage.lock import AlreadyRunningError, instance_lock, lock_path

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from hubdesk.storage.lock import instance_lock

    with instance_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        sys.stdin.readline()
    """
)


def start_holder(data_dir: Path) -> subprocess.Popen[str]:
    """Another HubDesk process holding ``data_dir`` until its stdin is closed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def test_second_process_is_refused_with_a_clear_message(data_dir: Path) -> None:
    holder = start_holder(data_dir)
    try:
        with pytest.raises(AlreadyRunningError) as caught, instance_lock(data_dir):
            pass
        assert isinstance(caught.value, StorageError)
        message = str(caught.value)
        assert "already running" in message and str(data_dir) in message
        assert "Close the other HubDesk" in message
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    # The other HubDesk has quit: the folder is free again.
    with instance_lock(data_dir):
        pass


def test_lock_is_released_when_the_holder_crashes(data_dir: Path) -> None:
    holder = start_holder(data_dir)
    holder.kill()
    holder.wait(timeout=30)
    with instance_lock(data_dir) as path:
        assert path == lock_path(data_dir)


def test_lock_is_released_on_exit_so_another_process_can_take_it(data_dir: Path) -> None:
    with instance_lock(data_dir):
        probe = subprocess.run(
            [sys.executable, "-c", HOLDER, str(data_dir)],
            input="\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert probe.returncode != 0
        assert "AlreadyRunningError" in probe.stderr
    holder = start_holder(data_dir)  # would fail to print "locked" if we still held it
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0


def test_lock_is_released_when_the_block_raises(data_dir: Path) -> None:
    with pytest.raises(RuntimeError), instance_lock(data_dir):
        raise RuntimeError("boom")
    with instance_lock(data_dir):
        pass


def test_same_process_cannot_take_it_twice(data_dir: Path) -> None:
    with instance_lock(data_dir), pytest.raises(AlreadyRunningError), instance_lock(data_dir):
        pass


def test_creates_a_missing_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    with instance_lock(folder):
        assert folder.is_dir()


def test_unusable_folder_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with (
        pytest.raises(StorageError, match="Could not use the data folder"),
        instance_lock(blocker / "data"),
    ):
        pass


def test_a_lock_the_system_cannot_give_is_a_storage_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder whose file system has no locks (some network shares) is told plainly, and the
    lock file is not left open."""
    import errno

    import hubdesk.storage.lock as lock

    def no_locks(fd: int) -> bool:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock, "try_lock", no_locks)
    with (
        pytest.raises(StorageError, match=r"Could not use the data folder.*No locks available"),
        instance_lock(data_dir),
    ):
        pass
    monkeypatch.undo()
    with instance_lock(data_dir):
        pass


@pytest.mark.parametrize("number", [errno.EROFS, errno.EACCES])
def test_a_folder_that_cannot_be_written_says_what_to_do(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    """A write-protected USB stick, or a folder another Windows user owns (simulated: tests
    may run as root, whom no folder refuses): the window and every command that writes said
    only "Could not use the data folder …: Read-only file system"."""
    import hubdesk.storage.lock as lock

    data_dir.mkdir(parents=True, exist_ok=True)
    real_open = os.open

    def refused(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if Path(path) == lock_path(data_dir):
            raise OSError(number, os.strerror(number))
        return real_open(path, flags, mode)

    monkeypatch.setattr(lock.os, "open", refused)
    # A folder that takes writes: the lock file itself was refused (marked read-only, held by
    # an antivirus), which the folder's message would not mend; said as it is.
    with (
        pytest.raises(StorageError, match="Could not use the data folder"),
        instance_lock(data_dir),
    ):
        pass
    real_access = os.access
    monkeypatch.setattr(
        lock.os, "access", lambda p, mode: False if Path(p) == data_dir else real_access(p, mode)
    )
    with (
        pytest.raises(StorageError, match="cannot write in the data folder") as caught,
        instance_lock(data_dir),
    ):
        pass
    assert str(data_dir) in str(caught.value) and "Nothing was changed" in str(caught.value)
