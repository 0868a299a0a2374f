"""Ways a HubDesk database's schema can be altered by hand, each with what a check must name:
in a database file (``alter``), or on a hub's server (``alter_server``, the same kinds in
PostgreSQL's SQL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from hubdesk.storage.db import Database

# (kind, SQL that alters a HubDesk database, a fragment the reported difference must contain)
ALTERATIONS: list[tuple[str, str, str]] = [
    (
        "extra trigger",
        "CREATE TRIGGER wipe_meetings AFTER UPDATE ON members BEGIN DELETE FROM meetings; END",
        "has a trigger wipe_meetings (on members:",
    ),
    (
        "extra column",
        "ALTER TABLE members ADD COLUMN shadow TEXT",
        "Table members has a column shadow that HubDesk does not make.",
    ),
    (
        "missing index",
        "DROP INDEX ix_members_team_id",
        "The index ix_members_team_id is missing.",
    ),
    (
        "changed type",
        "UPDATE sqlite_master SET sql = replace(sql, '\tname VARCHAR(200) NOT NULL', "
        "'\tname BLOB NOT NULL') WHERE type = 'table' AND name = 'members'",
        "Column name of table members is BLOB NOT NULL; HubDesk makes it VARCHAR(200) NOT NULL.",
    ),
    (
        "extra view",
        "CREATE VIEW everyone AS SELECT name, email FROM members",
        "has a view everyone (CREATE VIEW everyone AS SELECT name, email FROM members)",
    ),
    (
        "extra table",
        "CREATE TABLE stash (data TEXT)",
        "The database has a table stash that HubDesk does not make.",
    ),
    (
        "extra index",
        "CREATE UNIQUE INDEX ix_members_email ON members (email)",
        "has an index ix_members_email (unique index on members (email))",
    ),
    (
        "missing column",
        "ALTER TABLE members DROP COLUMN notes",
        "Table members lacks the column notes.",
    ),
]

KINDS = [kind for kind, _sql, _fragment in ALTERATIONS]

# The kinds whose SQL or report differs on PostgreSQL: (statements, fragment).
SERVER_ALTERATIONS: dict[str, tuple[list[str], str]] = {
    "extra trigger": (
        [
            "CREATE FUNCTION wipe_meetings() RETURNS trigger LANGUAGE plpgsql AS "
            "$$BEGIN DELETE FROM meetings; RETURN NULL; END$$",
            "CREATE TRIGGER wipe_meetings AFTER UPDATE ON members "
            "FOR EACH STATEMENT EXECUTE FUNCTION wipe_meetings()",
        ],
        "has a trigger wipe_meetings (on members:",
    ),
    "changed type": (
        ["ALTER TABLE members ALTER COLUMN name TYPE bytea USING convert_to(name, 'UTF8')"],
        "Column name of table members is BYTEA NOT NULL; HubDesk makes it VARCHAR(200)",
    ),
    "extra view": (
        ["CREATE VIEW everyone AS SELECT name, email FROM members"],
        "has a view everyone (CREATE VIEW everyone AS SELECT",
    ),
}


def alteration(kind: str) -> tuple[str, str]:
    """(SQL, expected fragment) of the alteration called ``kind``."""
    for name, sql, fragment in ALTERATIONS:
        if name == kind:
            return sql, fragment
    raise KeyError(kind)


def alter(path: Path, kind: str) -> str:
    """Alter the database file at ``path`` as ``kind`` says; the fragment a check must report.

    Editing ``sqlite_master`` directly (how a column's type is changed in place) needs
    ``writable_schema`` and a new schema version, or open connections keep the old schema.
    """
    sql, fragment = alteration(kind)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if sql.startswith("UPDATE sqlite_master"):
            version = conn.execute("PRAGMA schema_version").fetchone()[0]
            conn.execute("PRAGMA writable_schema=ON")
            conn.execute(sql)
            conn.execute(f"PRAGMA schema_version={version + 1}")
            conn.execute("PRAGMA writable_schema=OFF")
        else:
            conn.execute(sql)
    finally:
        conn.close()
    return fragment


def alter_server(db: Database, kind: str) -> str:
    """Alter a hub's server database as ``kind`` says; the fragment a check must report."""
    sql, fragment = alteration(kind)
    statements, fragment = SERVER_ALTERATIONS.get(kind, ([sql], fragment))
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    return fragment
