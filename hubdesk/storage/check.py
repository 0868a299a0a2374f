"""Health checks of a HubDesk database, and a look at a file that changes nothing in it.

``hubdesk check`` reports problems instead of repairing them: a person (or the hub's support)
decides what to do with a damaged file, usually restoring a backup. The checks read plain
sqlite3 connections so that the same code checks the live database and a backup being restored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from hubdesk.i18n import _, ngettext
from hubdesk.i18n.oserrors import os_reason
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.schema import head_revision, known_revisions
from hubdesk.storage.schema_shape import schema_differences

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
# Differences named in a one-line refusal; ``hubdesk check`` lists all of them.
SHOWN_DIFFERENCES = 2


class AlteredSchemaError(StorageError):
    """The database claims a HubDesk revision but its schema is not exactly that revision's."""


# SQLite's result codes for a damaged file and for a file that is not a database.
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


def is_damage(exc: BaseException) -> bool:
    """Whether an error (SQLite's, or SQLAlchemy's wrapping it) says the file is damaged."""
    error = getattr(exc, "orig", None) or exc
    return getattr(error, "sqlite_errorcode", None) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def damaged_message(exc: BaseException) -> str:
    """What a person reads when a command meets a damaged page, and what to do about it."""
    return _(
        'The database is damaged ({reason}). "hubdesk check" names the damage; restoring a '
        "backup repairs it."
    ).format(reason=getattr(exc, "orig", None) or exc)


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def header_problem(path: Path) -> str | None:
    """Why the first 100 bytes and the size of ``path`` rule it out as a database; None if not.

    Reads 100 bytes whatever the file's size, so a 2 GB file of junk is refused at once instead
    of being copied and scanned. SQLite (since 3.7.0, 2010) keeps the page count in the header,
    valid when the "version valid for" field equals the change counter; a database file written
    by it, HubDesk's backups included, is exactly page size x page count bytes long.
    """
    size = path.stat().st_size
    with path.open("rb") as fh:
        header = fh.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        return "not a database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "damaged"
    change_counter = header[24:28]
    page_count = int.from_bytes(header[28:32], "big")
    if page_count == 0 or header[92:96] != change_counter:
        return "damaged"
    if size != page_count * page_size:
        return "wrong size"
    return None


def differences_summary(differences: list[str]) -> str:
    """The first differences, and how many more there are: fits a one-line refusal."""
    text = " ".join(differences[:SHOWN_DIFFERENCES])
    more = len(differences) - SHOWN_DIFFERENCES
    if more > 0:
        text += " " + ngettext(
            "({count} more difference.)", "({count} more differences.)", more
        ).format(count=more)
    return text


def altered_message(differences: list[str]) -> str:
    return _(
        "This database is not exactly as HubDesk makes it, so it may have been altered: "
        '{detail} HubDesk will not open it; "hubdesk check" lists every difference, and '
        "restoring a backup repairs it. Nothing was changed."
    ).format(detail=differences_summary(differences))


def is_wal_file(path: Path) -> bool:
    """Whether the file's header says WAL mode (header bytes 18 and 19 are 2)."""
    with path.open("rb") as fh:
        header = fh.read(20)
    return len(header) == 20 and header[18] == 2 and header[19] == 2


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write: opening a rollback-journal file with it leaves the
    file's bytes as they were (a WAL-mode file would get ``-wal``/``-shm`` files beside it)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def table_names(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def schema_revision(conn: sqlite3.Connection) -> str | None:
    """The Alembic revision stored in the file; None when it has none."""
    if "alembic_version" not in table_names(conn):
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def not_hubdesk_message() -> str:
    return _("This file is not a HubDesk database; nothing was changed.")


def newer_message() -> str:
    return _(
        "This database was written by a newer version of HubDesk; "
        "install that version to open it. Nothing was changed."
    )


def refuse_unusable_file(path: Path) -> None:
    """Refuse, without changing a byte, a file HubDesk must not open as its database.

    Opening a file with HubDesk's engine switches it to WAL mode (a write), so a stranger's
    SQLite file, a newer HubDesk's database or one whose schema was altered is looked at
    read-only first. A missing or empty file is fine: HubDesk creates its database there. A file
    already in WAL mode is left to ``open_database``, which refuses it with the same messages
    through its own connection: opening it changes nothing, and a read-only look would race
    with a HubDesk that has it open.
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        if not has_sqlite_header(path):
            raise StorageError(not_hubdesk_message())
        if is_wal_file(path):
            return
        with read_only(path) as conn:
            problem = revision_problem(conn)
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise StorageError(damaged_message(exc)) from exc
        raise StorageError(
            _("Could not read the database {path}: {reason}").format(path=path, reason=exc)
        ) from exc
    except OSError as exc:
        raise StorageError(
            _("Could not read the database {path}: {reason}").format(
                path=path, reason=os_reason(exc)
            )
        ) from exc
    if problem is not None:
        raise problem


def revision_problem(conn: sqlite3.Connection) -> StorageError | None:
    """Why HubDesk must not open this database: not HubDesk's, a newer HubDesk's, or a schema
    that is not exactly what HubDesk's migrations make for the revision it claims."""
    revision = schema_revision(conn)
    if revision is None:
        return StorageError(not_hubdesk_message()) if table_names(conn) else None
    if revision not in known_revisions():
        return StorageError(newer_message())
    differences = schema_differences(conn, revision)
    return AlteredSchemaError(altered_message(differences)) if differences else None


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return []
    return [_("The database file is damaged: {detail}").format(detail=row) for row in rows]


def sound_problems(conn: sqlite3.Connection) -> list[str]:
    """Why a database cannot be used as it is (a restore refuses it): a damaged file, or, when
    the file reads, the first record pointing at a record it lacks (a table emptied by hand
    with its foreign keys off; HubDesk's own reading of it would fail further on)."""
    from hubdesk.storage.check_values import value_problems

    return (
        integrity_problems(conn)
        or foreign_key_problems(conn, most=1)
        or value_problems(conn, most=1)
    )


def foreign_key_problems(conn: sqlite3.Connection, most: int | None = None) -> list[str]:
    """Records that point at a record that does not exist, named by table, id and column
    (the first ``most`` of them, or all)."""
    problems: list[str] = []
    cursor = conn.execute("PRAGMA foreign_key_check")
    while most is None or len(problems) < most:
        found = cursor.fetchone()
        if found is None:
            break
        table, rowid, parent, fk_index = found
        column = _fk_column(conn, table, fk_index)
        record = _record_id(conn, table, rowid)
        problems.append(
            _(
                "Table {table}, record {record}: {column} points to a record missing from {parent}."
            ).format(table=table, record=record, column=column, parent=parent)
        )
    return problems


def _fk_column(conn: sqlite3.Connection, table: str, fk_index: int) -> str:
    for row in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
        if row[0] == fk_index:
            return str(row[3])
    return "?"


def _record_id(conn: sqlite3.Connection, table: str, rowid: int | None) -> str:
    """The record's own id when it has one (what a person can search for), else its row."""
    if rowid is None:
        return "?"
    try:
        row = conn.execute(f'SELECT id FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
    except sqlite3.Error:
        row = None
    return str(row[0]) if row else str(rowid)


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """An old or unknown schema version, and every way the schema differs from its version's."""
    revision = schema_revision(conn)
    head = head_revision()
    if revision is None:
        return [_("The database has no schema version; it was not made by HubDesk.")]
    problems: list[str] = []
    if revision != head:
        problems.append(
            _("The database schema is at version {current}; this HubDesk expects {head}.").format(
                current=revision, head=head
            )
        )
    if revision in known_revisions():
        problems += schema_differences(conn, revision)
    return problems


def installation_rows(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, name) of every installation record; a HubDesk database has exactly one."""
    if "installation" not in table_names(conn):
        return []
    return [(str(r[0]), str(r[1])) for r in conn.execute("SELECT id, name FROM installation")]


def installation_problems(conn: sqlite3.Connection) -> list[str]:
    count = len(installation_rows(conn))
    if count == 0:
        return [_("HubDesk is not set up in this database: it has no installation record.")]
    if count > 1:
        return [
            _("The database has {count} installation records; it must have exactly one.").format(
                count=count
            )
        ]
    return []


def check_connection(conn: sqlite3.Connection) -> list[str]:
    """Every problem found; each check runs even when an earlier one failed."""
    problems: list[str] = []
    from hubdesk.storage.check_values import value_problems

    checks = (
        integrity_problems,
        foreign_key_problems,
        schema_problems,
        installation_problems,
        value_problems,
    )
    for check in checks:
        try:
            found = check(conn)
        except sqlite3.Error as exc:
            found = [_("The database could not be read: {reason}").format(reason=exc)]
        problems.extend(p for p in found if p not in problems)
    return problems


def check_file(path: Path) -> list[str]:
    """Problems with the database file at ``path``, looked at read-only: for a file HubDesk
    refuses to open (an altered schema), so that every difference can still be listed."""
    try:
        with read_only(path) as conn:
            return check_connection(conn)
    except sqlite3.Error as exc:
        return [_("The database could not be read: {reason}").format(reason=exc)]


def check_database(db: Database) -> list[str]:
    """Problems with ``db``, one sentence each; an empty list means it is healthy."""
    if not db.is_sqlite:
        from hubdesk.storage.server_check import check_server

        return check_server(db)
    try:
        raw = db.engine.raw_connection()
    except DBAPIError as exc:
        return [_("The database could not be read: {reason}").format(reason=exc.orig)]
    try:
        return check_connection(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()
