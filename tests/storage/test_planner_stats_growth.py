"""A hub fed by small bundles gathers its planner statistics too (``planner_stats``): each
table an import wrote into is analysed once it has grown by a tenth, and a thousand rows, since
its statistics were gathered, however few rows each bundle brought."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubdesk.storage import planner_stats
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "data")
    try:
        yield opened
    finally:
        opened.close()


def grow(db: Database, rows: int) -> None:
    """``rows`` more rows in an indexed table of the file."""
    assert db.path is not None
    with sqlite3.connect(db.path) as raw:
        raw.execute("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, kind TEXT)")
        raw.execute("CREATE INDEX IF NOT EXISTS ix_probe_kind ON probe (kind)")
        raw.executemany("INSERT INTO probe (kind) VALUES (?)", [(str(i % 7),) for i in range(rows)])


def analysed_rows(db: Database) -> int | None:
    assert db.path is not None
    with sqlite3.connect(db.path) as raw:
        row = raw.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'probe'").fetchone()
    return int(row[0].split()[0]) if row else None


def rows_now(db: Database) -> int:
    assert db.path is not None
    with sqlite3.connect(db.path) as raw:
        return int(raw.execute("SELECT count(*) FROM probe").fetchone()[0])


def grown_since(db: Database, share: float, at_least: int) -> None:
    """Grow the table to just under, then check, then to just over what the rule asks since
    its statistics (an estimate: ``analysis_limit`` samples)."""
    then = analysed_rows(db)
    assert then is not None
    needed = max(at_least, math.ceil(share * then))
    under = then + needed - 1 - rows_now(db)
    grow(db, under)
    assert not planner_stats.refresh_after_import(db, under, {"probe": under})
    assert analysed_rows(db) == then
    grow(db, 1)
    assert planner_stats.refresh_after_import(db, 1, {"probe": 1})
    assert analysed_rows(db) != then


def test_small_imports_gather_the_statistics_of_the_tables_they_grew(db: Database) -> None:
    small = planner_stats.MIN_TABLE_ROWS - 1
    grow(db, small)  # too few rows to matter to the planner yet
    assert not planner_stats.refresh_after_import(db, small, {"probe": small})
    assert analysed_rows(db) is None
    grow(db, 1)  # a thousand rows, never analysed: gathered, though the bundle was one row
    assert planner_stats.refresh_after_import(db, 1, {"probe": 1})
    assert analysed_rows(db) is not None
    # then each time a thousand rows more came, a few hundred at a time
    grown_since(db, planner_stats.SHARE, planner_stats.MIN_TABLE_ROWS)


def test_a_large_table_is_analysed_again_once_it_grew_by_a_tenth(db: Database) -> None:
    grow(db, 30_000)
    assert planner_stats.refresh_after_import(db, 30_000, {"probe": 30_000})
    grown_since(db, planner_stats.SHARE, planner_stats.MIN_TABLE_ROWS)


def test_only_the_tables_an_import_wrote_into_are_looked_at(db: Database) -> None:
    grow(db, 5_000)
    assert not planner_stats.refresh_after_import(db, 10, {"attendance": 10, "nothing": 10})
    assert analysed_rows(db) is None
    assert not planner_stats.refresh_after_import(db, 0, {"probe": 0})
    assert analysed_rows(db) is None
