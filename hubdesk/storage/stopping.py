"""Cancel heard inside SQLite's long single statements (checking a whole database file).

A backup's and a restore's own loops ask their ``step`` between chunks; a check is one
statement, so the question is put from SQLite's progress handler every ``CHECK_POLL`` steps of
its virtual machine (a few milliseconds of work), and a False answer interrupts it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

CHECK_POLL = 1_000_000  # SQLite steps between two questions


@contextmanager
def cancel_heard(
    conn: sqlite3.Connection, go_on: Callable[[], bool], stopped: Callable[[], Exception]
) -> Iterator[None]:
    """While the body works on ``conn``, ``go_on()`` is asked now and then; once it answers
    False the statement running is interrupted and ``stopped()`` is raised in place of
    SQLite's "interrupted" error."""
    asked_to_stop: list[bool] = []

    def look() -> int:
        if go_on():
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
