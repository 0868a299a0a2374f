"""The whole database as lines of text, the same way on SQLite and on PostgreSQL.

SQLite's ``iterdump`` exists only there; the tests that show a refused step changed nothing
compare this dump instead: every table (by name), its rows ordered by primary key, one line per
row starting with the table's name (so a test can leave out, say, the sync log by name).

Reading the tables' shapes from the database (reflection) costs more than reading the rows of a
test's small database, and a test dumps before and after each step: the shapes are read once per
schema, known by the text the database itself gives of it (every table's and index's SQL on
SQLite, the columns and primary keys on PostgreSQL), so a database whose schema differs is read
afresh.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, MetaData, select

from hubdesk.storage.db import Database

_SHAPES: dict[str, MetaData] = {}

# Read from the catalog itself: the same through ``information_schema`` took half a second
# (a view over the catalog, with a subquery per column), more than the rest of a test's dumps.
_SERVER_SCHEMA = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnum,
       a.attnum = ANY(k.indkey) AS in_key
  FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_index k ON k.indrelid = c.oid AND k.indisprimary
 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
 ORDER BY c.relname, a.attnum
"""


def _schema_text(conn: Connection) -> str:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name")
    else:
        rows = conn.exec_driver_sql(_SERVER_SCHEMA)
    return repr([tuple(row) for row in rows])


def _shapes(conn: Connection) -> MetaData:
    key = conn.dialect.name + hashlib.sha256(_schema_text(conn).encode()).hexdigest()
    metadata = _SHAPES.get(key)
    if metadata is None:
        metadata = MetaData()
        metadata.reflect(conn)
        _SHAPES[key] = metadata
    return metadata


def dump(db: Database) -> list[str]:
    lines: list[str] = []
    with db.engine.connect() as conn:
        metadata = _shapes(conn)
        for name in sorted(metadata.tables):
            table = metadata.tables[name]
            order = list(table.primary_key.columns) or list(table.columns)
            for row in conn.execute(select(table).order_by(*order)):
                lines.append(f"{name}\t{tuple(row)!r}")
    return lines
