"""Whether a database's schema is exactly the one HubDesk's migrations make for its revision.

A backup with one added trigger can delete every meeting after any edit, and ``integrity_check``
calls it healthy. So restore, start-up and ``hubdesk check`` compare the file's schema with the
reference for the revision it claims: tables, columns (declared type, NOT NULL, default, primary
key, hidden or generated), foreign keys, indexes (columns, order, collation, uniqueness,
partial), triggers and views.

The shape is read through PRAGMAs, not from the CREATE text, so a database migrated with an
older SQLAlchemy (which may spell the same DDL differently) still matches. Trigger, view and
expression-index SQL has no PRAGMA form and is compared with its whitespace collapsed. Tables
SQLite makes for itself (``sqlite_sequence``, ``sqlite_stat*`` statistics) are left out; their
automatic indexes are kept, as they stand for UNIQUE and PRIMARY KEY constraints. CHECK
constraints and column collations are not visible to PRAGMAs and are not compared (HubDesk's
schema has none).

Start-up must stay fast, so the everyday test is a digest of the shape against the digest
shipped in ``schema.SCHEMA_DIGESTS`` (a test keeps those equal to what the migrations make).
Only when they differ is the reference built, by running the migrations into an in-memory
database, to name every difference.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from functools import cache
from typing import Any

from hubdesk.i18n import _
from hubdesk.storage.schema import SCHEMA_DIGESTS

Shape = dict[str, dict[str, Any]]

_SPACE = re.compile(r"\s+")


def _normalised(sql: str | None) -> str:
    return _SPACE.sub(" ", sql or "").strip()


def _column(row: tuple[Any, ...]) -> str:
    """One column as a person reading a difference understands it: ``VARCHAR(36) NOT NULL``."""
    _cid, _name, declared, notnull, default, pk, hidden = row
    text = _normalised(declared).upper() or "(no type)"
    if notnull:
        text += " NOT NULL"
    if default is not None:
        text += f" DEFAULT {default}"
    if pk:
        text += " PRIMARY KEY" if pk == 1 else f" PRIMARY KEY (part {pk})"
    if hidden == 1:
        text += " HIDDEN"
    elif hidden in (2, 3):
        text += " GENERATED"
    return text


def _table(conn: sqlite3.Connection, name: str) -> dict[str, Any]:
    columns = {
        str(row[1]): _column(tuple(row))
        for row in conn.execute(f'PRAGMA table_xinfo("{_quoted(name)}")')
    }
    links = sorted(
        f"{row[3]} -> {row[2]}.{row[4]} (on update {row[5]}, on delete {row[6]})".lower()
        for row in conn.execute(f'PRAGMA foreign_key_list("{_quoted(name)}")')
    )
    return {"columns": columns, "links": links}


def _index(
    conn: sqlite3.Connection, name: str, table: str, flags: tuple[Any, ...], sql: str | None
) -> str:
    unique, origin, partial = flags
    parts = []
    expression = False
    for row in conn.execute(f'PRAGMA index_xinfo("{_quoted(name)}")'):
        _seq, cid, column, desc, collation, key = row
        if not key:
            continue
        expression = expression or cid == -2
        part = str(column) if column is not None else "<expression>"
        if desc:
            part += " DESC"
        if collation and str(collation).upper() != "BINARY":
            part += f" COLLATE {collation}"
        parts.append(part)
    text = f"{'unique ' if unique else ''}index on {table} ({', '.join(parts)})"
    if origin != "c":
        text += " for the " + ("primary key" if origin == "pk" else "UNIQUE constraint")
    if partial or expression:
        text += f" defined as: {_normalised(sql)}"
    return text


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def describe(conn: sqlite3.Connection) -> Shape:
    """The schema of ``conn`` as plain data, equal for equal schemas whatever their DDL text."""
    shape: Shape = {"tables": {}, "indexes": {}, "triggers": {}, "views": {}}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    index_flags: dict[str, tuple[Any, ...]] = {}
    for kind, name, _table_name, _sql in rows:
        if kind == "table" and not name.startswith("sqlite_"):
            shape["tables"][name] = _table(conn, name)
            for row in conn.execute(f'PRAGMA index_list("{_quoted(name)}")'):
                index_flags[str(row[1])] = (row[2], row[3], row[4])
    for kind, name, table, sql in rows:
        if kind == "index" and table in shape["tables"]:
            flags = index_flags.get(name, (0, "c", 0))
            shape["indexes"][name] = _index(conn, name, table, flags, sql)
        elif kind == "trigger":
            shape["triggers"][name] = f"on {table}: {_normalised(sql)}"
        elif kind == "view":
            shape["views"][name] = _normalised(sql)
    return shape


def digest(shape: Shape) -> str:
    text = json.dumps(shape, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


@cache
def reference_shape(revision: str) -> Shape:
    """The shape HubDesk's migrations make for ``revision``, built in memory (a fraction of a
    second, Alembic included): only needed to name differences, or for a revision whose digest
    is not shipped."""
    from hubdesk.storage.db import Database
    from hubdesk.storage.migrate import upgrade

    db = Database("sqlite://")
    try:
        upgrade(db, revision)
        raw = db.engine.raw_connection()
        try:
            return describe(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
    finally:
        db.close()


def reference_digest(revision: str) -> str:
    shipped = SCHEMA_DIGESTS.get(revision)
    return shipped if shipped is not None else digest(reference_shape(revision))


def schema_differences(conn: sqlite3.Connection, revision: str) -> list[str]:
    """Every way the schema of ``conn`` differs from ``revision``'s, one sentence each.

    ``revision`` must be one this HubDesk knows. An empty list: the schema is exactly HubDesk's.
    """
    found = describe(conn)
    if digest(found) == reference_digest(revision):
        return []
    return differences(found, reference_shape(revision))


def differences(found: Shape, expected: Shape) -> list[str]:
    problems: list[str] = []
    problems += _table_differences(found["tables"], expected["tables"])
    for kind in ("indexes", "triggers", "views"):
        extra_msg, missing_msg, changed_msg = _MESSAGES[kind]()
        have, want = found[kind], expected[kind]
        problems += [extra_msg.format(name=n, found=have[n]) for n in sorted(set(have) - set(want))]
        problems += [missing_msg.format(name=n) for n in sorted(set(want) - set(have))]
        problems += [
            changed_msg.format(name=n, found=have[n], expected=want[n])
            for n in sorted(set(have) & set(want))
            if have[n] != want[n]
        ]
    return problems


def _table_differences(have: dict[str, Any], want: dict[str, Any]) -> list[str]:
    problems = [
        _("The database has a table {name} that HubDesk does not make.").format(name=n)
        for n in sorted(set(have) - set(want))
    ]
    problems += [
        _("The table {name} is missing.").format(name=n) for n in sorted(set(want) - set(have))
    ]
    for table in sorted(set(have) & set(want)):
        cols, ref = have[table]["columns"], want[table]["columns"]
        problems += [
            _("Table {table} has a column {column} that HubDesk does not make.").format(
                table=table, column=c
            )
            for c in sorted(set(cols) - set(ref))
        ]
        problems += [
            _("Table {table} lacks the column {column}.").format(table=table, column=c)
            for c in sorted(set(ref) - set(cols))
        ]
        problems += [
            _("Column {column} of table {table} is {found}; HubDesk makes it {expected}.").format(
                table=table, column=c, found=cols[c], expected=ref[c]
            )
            for c in sorted(set(cols) & set(ref))
            if cols[c] != ref[c]
        ]
        links, ref_links = have[table]["links"], want[table]["links"]
        problems += [
            _("Table {table} has a link {link} that HubDesk does not make.").format(
                table=table, link=link
            )
            for link in links
            if link not in ref_links
        ]
        problems += [
            _("Table {table} lacks the link {link}.").format(table=table, link=link)
            for link in ref_links
            if link not in links
        ]
    return problems


def index_messages() -> tuple[str, str, str]:
    return (
        _("The database has an index {name} ({found}) that HubDesk does not make."),
        _("The index {name} is missing."),
        _("The index {name} is {found}; HubDesk makes it {expected}."),
    )


def trigger_messages() -> tuple[str, str, str]:
    return (
        _("The database has a trigger {name} ({found}) that HubDesk does not make."),
        _("The trigger {name} is missing."),
        _("The trigger {name} differs from HubDesk's: {found}"),
    )


def view_messages() -> tuple[str, str, str]:
    return (
        _("The database has a view {name} ({found}) that HubDesk does not make."),
        _("The view {name} is missing."),
        _("The view {name} differs from HubDesk's: {found}"),
    )


_MESSAGES = {"indexes": index_messages, "triggers": trigger_messages, "views": view_messages}
