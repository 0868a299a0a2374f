"""The query planner's statistics, refreshed after a large import.

SQLite chooses between indexes from ``sqlite_stat1``; without it (HubDesk never ran
``ANALYZE`` before) it guesses, and on a hub of a million records it guessed wrong for the
regional report: it walked every attendance row and looked its meeting up, instead of the
period's meetings and their rows in the covering index. An import that wrote many rows changes
the shape of the data the most, so it refreshes the statistics when it is done (outside its
transaction: a refused import changes nothing, statistics included). ``analysis_limit`` bounds
the work per index, so this takes about a second on a million records.

A hub whose municipalities each send a few thousand rows at a time never saw an import that
large: it would have gathered no statistics at all, however many records its bundles brought.
So an import also refreshes the statistics of each table it wrote into that has grown by a
tenth or more (and a thousand rows or more) since its statistics were gathered, the rule the
server follows below. A table's size then is in ``sqlite_stat1``; its size now is its largest
rowid, read from the table's b-tree at once (HubDesk marks records deleted rather than removing
their rows, so the rows only grow).

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

from collections.abc import Mapping, Sequence

from sqlalchemy import text

from hubdesk.storage.db import Database

# From this many rows written, a file's statistics are gathered again whole (below it, only
# those of the tables that grew: ``grown_tables``); a server's are looked at only from here.
MANY_ROWS = 10_000
# A table is analysed when it grew by at least this many rows and at least this share of what
# it held (PostgreSQL's autovacuum_analyze_scale_factor): on a server by the import's rows, in
# a file since its statistics were last gathered.
MIN_TABLE_ROWS = 1_000
SHARE = 0.1
# Rows of each index that ANALYZE samples (SQLite's own advice: a few hundred to a thousand).
ANALYSIS_LIMIT = 1000


def refresh_after_import(
    db: Database, rows_written: int, per_table: Mapping[str, int] | None = None
) -> bool:
    """Run ``ANALYZE`` (on SQLite bounded) after an import of ``rows_written`` rows
    (``per_table``: how many of them went into each table); True when it ran."""
    if db.is_sqlite:
        if rows_written >= MANY_ROWS:
            analyse(db)
            return True
        grown = grown_tables(db, per_table or {})
        if grown:
            analyse(db, grown)
        return bool(grown)
    if rows_written < MANY_ROWS:
        return False
    return analyse_server(db, per_table or {})


def grown_tables(db: Database, per_table: Mapping[str, int]) -> list[str]:
    """The tables among ``per_table``'s that grew by ``SHARE`` of their rows, and at least
    ``MIN_TABLE_ROWS``, since SQLite last gathered their statistics (never: since empty)."""
    with db.engine.connect() as connection:
        tables = {
            str(name)
            for (name,) in connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table'")
            )
        }
        analysed: dict[str, int] = {}
        if "sqlite_stat1" in tables:
            for name, stat in connection.execute(text("SELECT tbl, stat FROM sqlite_stat1")):
                rows = str(stat or "").split(" ", 1)[0]
                if rows.isdigit():
                    analysed[str(name)] = max(analysed.get(str(name), 0), int(rows))
        grown = []
        for name in sorted(set(per_table) & tables):
            if not per_table[name]:
                continue
            now = connection.execute(text(f'SELECT max(rowid) FROM "{name}"')).scalar() or 0
            then = analysed.get(name, 0)
            if now - then >= max(MIN_TABLE_ROWS, SHARE * then):
                grown.append(name)
    return grown


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


def analyse(db: Database, tables: Sequence[str] = ()) -> None:
    """Gather the planner's statistics now, a bounded sample of each index (of ``tables``',
    or of every table)."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        for statement in [f'ANALYZE "{name}"' for name in tables] or ["ANALYZE"]:
            cursor.execute(statement)
        cursor.close()
        raw.commit()
    finally:
        raw.close()
