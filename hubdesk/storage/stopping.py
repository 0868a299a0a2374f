"""Progress and Cancel for the storage layer's long work (a backup, a restore).

The work is told ``step(done, total)`` in thousandths of the whole (``PROGRESS_TOTAL``); a
False answer is the person's Cancel, raised as the work's own error (``BackupCancelled``,
``RestoreCancelled``) so that the caller's clean-up runs. A stage that counts its own way (the
attached files, the safety backup inside a restore) is shown between two marks (``between``).
A check is one long SQLite statement, so there the question is put from SQLite's progress
handler every ``CHECK_POLL`` steps of its virtual machine (a few milliseconds of work), and a
False answer interrupts the statement (``cancel_heard``).
"""

from __future__ import annotations

import signal
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from hubdesk.i18n import _
from hubdesk.storage.backup_files import Step

PROGRESS_TOTAL = 1000
CHECK_POLL = 1_000_000  # SQLite steps between two questions

Stopped = Callable[[], Exception]


def report(step: Step | None, done: int, stopped: Stopped) -> None:
    """Tell ``step`` that ``done`` thousandths are done; ``stopped()`` raised when it answers
    that the person asked to stop."""
    if step is not None and step(done, PROGRESS_TOTAL) is False:
        raise stopped()


def between(step: Step | None, low: int, high: int, stopped: Stopped) -> Step | None:
    """``step`` for a stage that counts ``done`` of ``total`` its own way, shown between
    ``low`` and ``high`` thousandths of the whole."""
    if step is None:
        return None

    def part(done: int, total: int) -> None:
        report(step, low + (high - low) * done // max(total, 1), stopped)

    return part


@contextmanager
def cancel_heard(
    conn: sqlite3.Connection, step: Step | None, done: int, stopped: Stopped
) -> Iterator[None]:
    """While the body works on ``conn``, ``step`` is told ``done`` now and then; once it
    answers False the statement running is interrupted and ``stopped()`` is raised in place of
    SQLite's "interrupted" error."""
    if step is None:
        yield
        return
    asked_to_stop: list[bool] = []

    def look() -> int:
        if step(done, PROGRESS_TOTAL) is not False:
            return 0
        asked_to_stop.append(True)
        return 1  # SQLite interrupts the statement

    conn.set_progress_handler(look, CHECK_POLL)
    try:
        yield
    except sqlite3.Error as exc:
        if asked_to_stop:
            raise stopped() from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)


class _Held:
    """The SIGINT handler while Ctrl+C is held: it notes the press."""

    def __init__(self) -> None:
        self.pressed: list[bool] = []

    def __call__(self, _signal: int, _frame: object) -> None:
        self.pressed.append(True)


@contextmanager
def ctrl_c_held() -> Iterator[list[bool]]:
    """Ctrl+C held off until the body is done; the list yielded gets True if it came meanwhile.

    What replaces the data cannot stop half-way: SQLite copies a database in whole and only
    then would Python raise the KeyboardInterrupt, which would take the restored backup's
    attached files out again and tell the person that nothing was changed. Only the main
    thread is told of signals; elsewhere (the window's workers) nothing is held. Inside
    another hold (a backup's renames within a restore), the press is the outer hold's."""
    if threading.current_thread() is not threading.main_thread():
        yield []
        return
    current = signal.getsignal(signal.SIGINT)
    if isinstance(current, _Held):
        yield current.pressed
        return
    held = _Held()
    signal.signal(signal.SIGINT, held)
    try:
        yield held.pressed
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if current is None else current)


def finished_despite_ctrl_c() -> str:
    """What a restore that ``ctrl_c_held`` kept going tells the person."""
    return _(
        "Ctrl+C came while the data was being replaced, which cannot stop half-way: the "
        "restore was finished."
    )


def or_ctrl_c(step: Step | None, pressed: list[bool]) -> Step:
    """``step``, and a KeyboardInterrupt where it is asked once Ctrl+C was ``pressed`` (held
    by ``ctrl_c_held``): work that can still stop there stops as at a Cancel."""

    def asked(done: int, total: int) -> object:
        if pressed:
            raise KeyboardInterrupt
        return None if step is None else step(done, total)

    return asked
