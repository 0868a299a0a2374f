"""The ids an import has read so far, kept on disk: a record sent twice is found in any order.

HubDesk writes a table's rows in the order they are stored (rows of one meeting side by side),
which deflates to about half the size of rows in order of their random ids and lets the
receiving database add them to its indexes in nearly the same order. So the import cannot find
a record sent twice by remembering only the last id, and keeping every id of a million-record
bundle in a Python set would make its memory grow with the bundle. The ids go instead into a
throw-away SQLite file in the data folder's ``sync-temp/`` (:mod:`hubdesk.sync.scratch`), one
table per bundle table, with a small page cache: memory stays flat, and the check stays exact
whatever database (SQLite or a server) the import writes to, since this file is not it. The
first ``IN_MEMORY`` ids of a table are kept in a set instead (bounded, so memory stays flat):
a table of a hundred thousand records is judged without a write to the file.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType

from hubdesk.sync import scratch
from hubdesk.sync.incoming import SeenIds

CACHE_KIB = 8192  # the file's page cache: the ids of one table of ~100k records fit in it
# Ids of one table kept in a Python set before they go to the file (about 110 bytes each, so
# at most about 22 MB): most bundles never touch the file, and a large one stays flat.
IN_MEMORY = 200_000


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

    def for_table(self, in_memory: int = IN_MEMORY) -> SeenInStore:
        """An empty set of ids for the next table (the previous table's ids are dropped)."""
        if self.tables:
            self.conn.execute(f"DROP TABLE IF EXISTS t{self.tables - 1}")
        name = f"t{self.tables}"
        self.tables += 1
        return SeenInStore(self.conn, name, in_memory)

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
    """:class:`SeenIds` for rows in any order: the first ``in_memory`` ids of the table in a
    set (``self.ids``), and once there are more, all of them in the store's table ``name``."""

    def __init__(self, conn: sqlite3.Connection, name: str, in_memory: int = IN_MEMORY) -> None:
        super().__init__()
        self.conn, self.name, self.in_memory = conn, name, in_memory
        self.on_disk = False
        self.insert = f"INSERT INTO {name} (id) VALUES (?)"
        self.insert_new = f"INSERT OR IGNORE INTO {name} (id) VALUES (?)"

    def _spill(self) -> None:
        """Move the ids held in memory to the file; from here on they are kept there."""
        self.conn.execute(f"CREATE TABLE {self.name} (id TEXT PRIMARY KEY) WITHOUT ROWID")
        self.conn.execute("BEGIN")
        self.conn.executemany(self.insert, zip(self.ids))
        self.conn.execute("COMMIT")
        self.ids = set()
        self.on_disk = True

    def add_all(self, ids: list[str]) -> bool:
        """True when all of ``ids`` (distinct) are new and now recorded; False (recording
        none of them): let the row-by-row path decide."""
        if not ids:
            return True
        if not self.on_disk:
            if not self.ids.isdisjoint(ids):
                return False  # one of them was seen before
            if len(self.ids) + len(ids) <= self.in_memory:
                self.ids.update(ids)
                return True
            self._spill()
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
        if not self.on_disk:
            if record_id in self.ids:
                return False
            if len(self.ids) < self.in_memory:
                self.ids.add(record_id)
                return True
            self._spill()
        return self.conn.execute(self.insert_new, (record_id,)).rowcount == 1
