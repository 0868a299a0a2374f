"""The whole database as lines of text, the same way on SQLite and on PostgreSQL.

SQLite's ``iterdump`` exists only there; the tests that show a refused step changed nothing
compare this dump instead: every table (by name), its rows ordered by primary key, one line per
row starting with the table's name (so a test can leave out, say, the sync log by name).
"""

from __future__ import annotations

from sqlalchemy import MetaData, select

from hubdesk.storage.db import Database


def dump(db: Database) -> list[str]:
    metadata = MetaData()
    lines: list[str] = []
    with db.engine.connect() as conn:
        metadata.reflect(conn)
        for name in sorted(metadata.tables):
            table = metadata.tables[name]
            order = list(table.primary_key.columns) or list(table.columns)
            for row in conn.execute(select(table).order_by(*order)):
                lines.append(f"{name}\t{tuple(row)!r}")
    return lines
