"""One clock and one writer at a time for the staff PCs of a hub on a PostgreSQL server.

On a municipality's PC the version clock lives in the program and SQLite lets one writer in at a
time. On a server several staff PCs write to one database: a PC whose clock is late would stamp
a later edit with a lower version (and municipalities would keep the older edit), and changes
committed out of order would make an export skip one. So each unit of work that may write first
takes the installation row (``SELECT ... FOR UPDATE``): the last stamp issued by any PC comes
from the database, the physical time from the server's own clock, and the units that write run
one after another, so audit entries and bundle numbers follow commit order. Reading never waits.
Before its turn a unit takes the restore lock shared: an administrator's restore holds it alone
from the dump of the data as it was until the backup is in (``server.restoring``).
"""

from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from hubdesk.domain.hlc import HybridLogicalClock
from hubdesk.i18n import _
from hubdesk.storage.errors import StorageError
from hubdesk.storage.server import RESTORE_LOCK

# How long a change waits for another staff member's import or export before it gives up.
WAIT_SECONDS = 60

_NOT_RESTORING = text("SELECT pg_advisory_xact_lock_shared(:key)")
_JOIN = text(
    "SELECT hlc_last, CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) "
    "FROM installation WHERE id = :id FOR UPDATE"
)


class BusyError(StorageError):
    """Another PC held the hub's database for longer than a person should wait."""


def join_server_clock(session: Session, clock: HybridLogicalClock, installation_id: str) -> None:
    """Take the hub's writer turn and continue the database's clock in ``clock``."""
    session.execute(text(f"SET LOCAL lock_timeout = '{WAIT_SECONDS}s'"))
    try:
        session.execute(_NOT_RESTORING, {"key": RESTORE_LOCK})
    except OperationalError as exc:
        if "lock timeout" in str(exc.orig).lower():
            raise BusyError(
                _(
                    "The hub's database is being restored from a backup by an administrator; "
                    "nothing was changed. Try again when the restore is done."
                )
            ) from exc
        raise
    try:
        row = session.execute(_JOIN, {"id": installation_id}).one_or_none()
    except OperationalError as exc:
        if "lock timeout" in str(exc.orig).lower():
            raise BusyError(
                _(
                    "The hub's database is busy with another staff member's import or export; "
                    "nothing was changed. Try again in a minute."
                )
            ) from exc
        raise
    if row is None:
        return  # set-up: the installation row is being written in this very unit
    stored, server_ms = int(row[0]), int(row[1])
    started = time.monotonic_ns()
    clock.last = max(clock.last, stored)
    clock.wall = lambda: server_ms + (time.monotonic_ns() - started) // 1_000_000
