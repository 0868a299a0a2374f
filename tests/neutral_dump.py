"""The whole database as lines of text, the same way on SQLite and on PostgreSQL.

SQLite's ``iterdump`` exists only there; the tests that show a refused step changed nothing
compare this dump instead: every table (by name), its rows ordered by primary key, one line per
row starting with the table's name (so a test can leave out, say, the sync log by name).

Reading the tables' shapes from the database (reflection) costs more than reading the rows of a
test's small database, and a test dumps before and after each step: the shapes are read once per
schema, known by the text the database itself gives of it (every table's and index's SQL on
SQLite, the columns and keys on PostgreSQL), so a database whose schema differs is read afresh.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, MetaData, select

from hubdesk.storage.db import Database

_SHAPES: dict[str, MetaData] = {}

_SERVER_SCHEMA = """
SELECT c.table_name, c.column_name, c.data_type, c.ordinal_position,
       (SELECT string_agg(k.column_name, ',' ORDER BY k.ordinal_position)
          FROM information_schema.table_constraints t
          JOIN information_schema.key_column_usage k
            ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
         WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name
           AND t.constraint_type = 'PRIMARY KEY')
  FROM information_schema.columns c
 WHERE c.table_schema = current_schema()
 ORDER BY c.table_name, c.ordinal_position
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
