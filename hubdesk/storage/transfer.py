"""Copying a whole HubDesk SQLite database into an empty server database.

A hub that started on one PC and outgrows it moves to PostgreSQL with all its history (and the
demo hub is built in a SQLite scratch folder, then moved the same way). Both databases must be
at the same schema revision; the copy is one transaction on the server, table by table in
dependency order and in batches, so memory stays bounded and a failure leaves the server empty.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Integer, Table, func, insert, select, text

from hubdesk.domain import Base
from hubdesk.i18n import _
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError

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
    except sqlite3.Error as exc:
        raise StorageError(
            _("Could not read {path}: {reason}").format(path=source, reason=exc)
        ) from exc
    finally:
        origin.close()
    return copied


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
