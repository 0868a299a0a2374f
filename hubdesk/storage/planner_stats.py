"""The query planner's statistics, refreshed after a large import.

SQLite chooses between indexes from ``sqlite_stat1``; without it (HubDesk never ran
``ANALYZE`` before) it guesses, and on a hub of a million records it guessed wrong for the
regional report: it walked every attendance row and looked its meeting up, instead of the
period's meetings and their rows in the covering index. An import that wrote many rows changes
the shape of the data the most, so it refreshes the statistics when it is done (outside its
transaction: a refused import changes nothing, statistics included). ``analysis_limit`` bounds
the work per index, so this takes about a second on a million records.

A server database keeps its own statistics (PostgreSQL's autovacuum), but only a while after the
data changed: right after a region's bundles came in, the planner still believed the tables
nearly empty and sorted the regional report's 233,000 attendance rows on disk (bench
``bench_pg_region.py``, EXPLAIN ANALYZE: 26 meetings expected, 9,343 found). So a large import
runs PostgreSQL's ``ANALYZE`` too, of the tables it changed by a tenth or more (autovacuum's own
rule, applied at once): a fixed sample of each, but on a region's whole database that sample
took a fifth of an import's time, and once a region holds a dozen municipalities a new one's
bundle no longer changes the shape of any table. Only the tables' owner may: for another staff
login the server skips them with a warning, and autovacuum catches up as before.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import text

from hubdesk.storage.db import Database

# Below this many rows written, the statistics already there describe the data well enough.
MANY_ROWS = 10_000
# On a server: a table is analysed when an import wrote at least this many rows into it and at
# least this share of what it held (PostgreSQL's autovacuum_analyze_scale_factor).
MIN_TABLE_ROWS = 1_000
SHARE = 0.1
# Rows of each index that ANALYZE samples (SQLite's own advice: a few hundred to a thousand).
ANALYSIS_LIMIT = 1000


def refresh_after_import(
    db: Database, rows_written: int, per_table: Mapping[str, int] | None = None
) -> bool:
    """Run ``ANALYZE`` (on SQLite bounded) after an import of ``rows_written`` rows
    (``per_table``: how many of them went into each table); True when it ran."""
    if rows_written < MANY_ROWS:
        return False
    if db.is_sqlite:
        analyse(db)
        return True
    return analyse_server(db, per_table or {})


def analyse_server(db: Database, per_table: Mapping[str, int]) -> bool:
    """``ANALYZE`` the server's tables that ``per_table``'s rows changed by a tenth or more of
    what they held; True when any was."""
    with db.engine.begin() as connection:
        sizes = connection.execute(
            text(
                "SELECT relname, greatest(reltuples, 0) FROM pg_class "
                "WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace"
            )
        )
        held = {str(name): float(count) for name, count in sizes}
        changed = sorted(
            name
            for name, rows in per_table.items()
            if name in held and rows >= MIN_TABLE_ROWS and rows >= SHARE * held[name]
        )
        if changed:
            connection.execute(text("ANALYZE " + ", ".join(f'"{name}"' for name in changed)))
    return bool(changed)


def analyse(db: Database) -> None:
    """Gather the planner's statistics now, a bounded sample of each index."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
        cursor.close()
        raw.commit()
    finally:
        raw.close()
