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

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
