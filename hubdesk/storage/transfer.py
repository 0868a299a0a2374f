"""Copying a whole HubDesk SQLite database into an empty server database.

A hub that started on one PC and outgrows it moves to PostgreSQL with all its history (and the
demo hub is built in a SQLite scratch folder, then moved the same way). Both databases must be
at the same schema revision; the copy is one transaction on the server, table by table in
dependency order and in batches, so memory stays bounded and a failure leaves the server empty.
Before it commits, every table's row count on the server is compared with the file's, so a copy
that lost a row is never kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Integer, Table, func, insert, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from hubdesk.domain import Base
from hubdesk.i18n import _
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.server import require_driver
from hubdesk.storage.server_errors import connection_problem, shown

BATCH = 5000


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def copy_into_server(
    source: Path, target: Database, progress: Callable[[int, int], object] | None = None
) -> int:
    """Copy every row of the SQLite database ``source`` into the empty server ``target``.
    Returns the number of rows copied."""
    origin = Database.at(source)
    copied = 0
    try:
        with origin.engine.connect() as reading, target.engine.begin() as writing:
            source_rev = reading.execute(text("SELECT version_num FROM alembic_version")).scalar()
            target_rev = writing.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if source_rev != target_rev:
                raise StorageError(
                    _(
                        "The database to copy is at schema {source}, the server at {target}; "
                        "open it with this HubDesk first. Nothing was copied."
                    ).format(source=source_rev, target=target_rev)
                )
            tables = _tables()
            for done, table in enumerate(tables, start=1):
                if writing.execute(select(func.count()).select_from(table)).scalar():
                    raise StorageError(_("The server database is not empty; nothing was copied."))
                result = reading.execution_options(yield_per=BATCH).execute(select(table))
                for part in result.partitions(BATCH):
                    writing.execute(insert(table), [dict(row._mapping) for row in part])
                    copied += len(part)
                _advance_sequences(writing, table)
                if progress is not None:
                    progress(done, len(tables))
            _compare_counts(reading, writing, tables)
    except sqlite3.Error as exc:
        raise StorageError(
            _("Could not read {path}: {reason}").format(path=source, reason=exc)
        ) from exc
    finally:
        origin.close()
    return copied


def _compare_counts(reading: Connection, writing: Connection, tables: list[Table]) -> None:
    """Inside the copy's transaction: the server holds as many rows of each table as the file,
    or the copy is rolled back."""
    for table in tables:
        expected = reading.execute(select(func.count()).select_from(table)).scalar_one()
        found = writing.execute(select(func.count()).select_from(table)).scalar_one()
        if expected != found:
            raise StorageError(
                _(
                    "The copy of {table} on the server has {found} rows instead of {expected}; "
                    "nothing was copied."
                ).format(table=table.name, found=found, expected=expected)
            )


def refuse_unless_empty(url: URL) -> None:
    """Before anything is written to the server: it must answer, and hold no rows in any table
    (a database just created, or one HubDesk only set the schema up in). Raises StorageError."""
    require_driver()
    probe = Database(url.render_as_string(hide_password=False))
    try:
        with probe.engine.connect() as connection:
            names = connection.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "AND tablename <> 'alembic_version' ORDER BY tablename"
                )
            ).scalars()
            filled = [
                name
                for name in list(names)
                if connection.execute(text(f'SELECT EXISTS (SELECT 1 FROM "{name}")')).scalar()
            ]
    except DBAPIError as exc:
        raise connection_problem(url, exc) from exc
    finally:
        probe.close()
    if filled:
        some = ", ".join(filled[:3]) + ("…" if len(filled) > 3 else "")
        raise StorageError(
            _(
                "The server database {url} is not empty (it holds {tables}); a hub moves only "
                "into a new, empty database. Nothing was changed."
            ).format(url=shown(url), tables=some)
        )


def _advance_sequences(connection: object, table: Table) -> None:
    """A serial key copied with its values leaves the server's sequence at 1; move it past
    the highest copied value so new rows get new numbers."""
    for column in table.primary_key.columns:
        if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
            connection.execute(  # type: ignore[attr-defined]
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                )
            )
