"""A cheap, read-only fingerprint of what a data folder's file holds, read with plain ``sqlite3``.

The window draws the dashboard remembered from its last reading before the database layer is
loaded (``services.dashboard_cache``), but only when the file still holds what was read then.
Every change to a record leaves an audit entry, so the newest entry (its id and time) moves
with any change to records, by the window, the command line or an import, and a restored older
file cannot match it by chance. The rest covers what the dashboard shows that no audit entry
records: the schema, which installation this is and its name (the status bar's, kept with
the figures; a hub's is renamed without an audit entry), the sync log and the peers' receipts (the
calls tile), and the hub's own joins of exchange parts. Each part is one indexed lookup or a
read of a small table: a few milliseconds even on a hub of a million records.

The fingerprint is the text of those reads itself, not a digest of it: it is a few hundred
bytes (more only on a hub with many exchange parts), it cannot collide, and the window's path
to the figures kept then loads no hashing library (OpenSSL's, about 4 ms of that path).

The file is opened read-only (like any reader of a WAL file, that may leave the empty ``-wal``
and ``-shm`` files beside it). A folder whose database is on a server (``database.json``) has
no fingerprint: its window reads its figures live.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hubdesk.storage.datadir import SERVER_SETTING, database_path
from hubdesk.storage.schema import head_revision

PARTS: tuple[str, ...] = (
    "SELECT version_num FROM alembic_version",
    "SELECT id, role, municipality_id, name FROM installation",
    "SELECT id, at FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
    "SELECT max(id) FROM sync_bundles",
    "SELECT id, revoked_at, acked_out_sequence, acked_audit_mark, last_in_sequence "
    "FROM sync_peers ORDER BY id",
    "SELECT part_id, exchange_key FROM exchange_links ORDER BY part_id",
)


def fingerprint(data_dir: Path) -> str | None:
    """The fingerprint of the folder's file at the newest schema, or None: no file, a server
    database, an older or newer schema, or a file that cannot be read now (the window then
    reads its figures the full way, which explains any problem)."""
    path = database_path(data_dir)
    if (data_dir / SERVER_SETTING).exists() or not path.is_file():
        return None
    read: list[str] = []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        for sql in PARTS:
            rows = conn.execute(sql).fetchall()
            if sql == PARTS[0] and rows != [(head_revision(),)]:
                return None
            read.append(repr(rows))
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return "\n".join(read)
