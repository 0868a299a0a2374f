"""The ids an import has read so far, kept on disk: a record sent twice is found in any order.

HubDesk writes a table's rows in the order they are stored (rows of one meeting side by side),
which deflates to about half the size of rows in order of their random ids and lets the
receiving database add them to its indexes in nearly the same order. So the import cannot find
a record sent twice by remembering only the last id, and keeping every id of a million-record
bundle in a Python set would make its memory grow with the bundle. The ids go instead into a
throw-away SQLite file in the data folder's ``sync-temp/`` (:mod:`hubdesk.sync.scratch`), one
table per bundle table, with a small page cache: memory stays flat, and the check stays exact
whatever database (SQLite or a server) the import writes to, since this file is not it.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType

from hubdesk.sync import scratch
from hubdesk.sync.incoming import SeenIds

CACHE_KIB = 8192  # the file's page cache: the ids of one table of ~100k records fit in it


class SeenStore:
    """The scratch file of one pass over a bundle; :meth:`for_table` gives each table's ids."""

    def __init__(self, data_dir: Path | None) -> None:
        where = data_dir if data_dir is not None else Path(tempfile.gettempdir())
        self.path = scratch.new_file(where, "seen-")
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        # A scratch file: nothing here needs to survive a crash, so no syncing; the rollback
        # journal (in memory, one batch's pages at most) is what undoes a refused batch.
        for pragma in ("journal_mode=MEMORY", "synchronous=OFF", f"cache_size=-{CACHE_KIB}"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.tables = 0

    def for_table(self) -> SeenInStore:
        """An empty set of ids for the next table (the previous table's ids are dropped)."""
        if self.tables:
            self.conn.execute(f"DROP TABLE t{self.tables - 1}")
        name = f"t{self.tables}"
        self.tables += 1
        self.conn.execute(f"CREATE TABLE {name} (id TEXT PRIMARY KEY) WITHOUT ROWID")
        return SeenInStore(self.conn, name)

    def close(self) -> None:
        self.conn.close()
        scratch.remove(self.path)

    def __enter__(self) -> SeenStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class SeenInStore(SeenIds):
    """:class:`SeenIds` for rows in any order, the ids kept in the store's table ``name``."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        super().__init__()
        self.conn = conn
        self.insert = f"INSERT INTO {name} (id) VALUES (?)"
        self.insert_new = f"INSERT OR IGNORE INTO {name} (id) VALUES (?)"

    def add_all(self, ids: list[str]) -> bool:
        """True when all of ``ids`` (distinct) are new and now recorded; False (recording
        none of them): let the row-by-row path decide."""
        if not ids:
            return True
        self.conn.execute("BEGIN")
        try:
            self.conn.executemany(self.insert, zip(ids))
        except sqlite3.IntegrityError:  # one of them was seen before
            self.conn.execute("ROLLBACK")
            return False
        self.conn.execute("COMMIT")
        return True

    def fresh(self, record_id: str) -> bool:
        """False when ``record_id`` was seen before (it is recorded now either way)."""
        return self.conn.execute(self.insert_new, (record_id,)).rowcount == 1
