"""Moving many rows between SQLite and bundle JSON without building an object per value.

Bundles carry up to hundreds of thousands of rows; converting each value through SQLAlchemy's
result and bind processing twice costs more than the rest of an import together. Here rows are
read from the DBAPI cursor of an ordinary SQLAlchemy query and converted only where the stored
form differs from the bundle's (moments, flags, code lists); writes go through ``executemany``
with SQLAlchemy's own bind processors, so what is stored is exactly what the ORM would store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Select, String, Table, func, type_coerce
from sqlalchemy.orm import Session

from hubdesk.domain.base import CodeList, UTCDateTime

Converter = Callable[[Any], Any]


def _flag(stored: Any) -> Any:
    return None if stored is None else bool(stored)


def _codes(stored: Any) -> list[str]:
    return [code for code in (stored or "").split(",") if code]


def stored_to_json(table: Table) -> list[tuple[int, Converter]]:
    """(column position, converter) for the columns whose stored form is not the JSON form
    (moments are rewritten in SQL already, see ``_json_columns``)."""
    out: list[tuple[int, Converter]] = []
    for index, column in enumerate(table.columns):
        kind = column.type
        if isinstance(kind, CodeList):
            out.append((index, _codes))
        elif isinstance(kind, Boolean):
            out.append((index, _flag))
    return out


def _json_columns(table: Table) -> list[Any]:
    """The table's columns, moments turned into ISO 8601 text by SQLite itself."""
    out: list[Any] = []
    for column in table.columns:
        if isinstance(column.type, UTCDateTime):
            text = type_coerce(func.replace(column, " ", "T"), String)
            out.append((text + "+00:00").label(column.name))
        else:
            out.append(column)
    return out


def fetch_json_rows(session: Session, query: Select[Any], table: Table) -> list[list[Any]]:
    """Rows of ``select(table)...`` with values in bundle JSON form, in column order."""
    query = query.with_only_columns(*_json_columns(table))
    result = session.connection().execute(query)  # Core execution: a plain cursor result
    raw = result.cursor.fetchall()
    result.close()
    converters = stored_to_json(table)
    rows: list[list[Any]] = []
    for stored in raw:
        row = list(stored)
        for index, convert in converters:
            row[index] = convert(row[index])
        rows.append(row)
    return rows


def _binders(session: Session, table: Table, names: Sequence[str]) -> list[Converter | None]:
    dialect = session.get_bind().dialect
    return [table.c[name].type.bind_processor(dialect) for name in names]


def _params(
    rows: Sequence[dict[str, Any]], names: Sequence[str], binders: list[Converter | None]
) -> list[Any]:
    pick = itemgetter(*names)
    bound = [(i, bind) for i, bind in enumerate(binders) if bind is not None]
    if len(names) == 1:
        return [(pick(row),) for row in rows]
    if not bound:
        return [pick(row) for row in rows]
    out: list[Any] = []
    for row in rows:
        values = list(pick(row))
        for i, bind in bound:
            values[i] = bind(values[i])
        out.append(tuple(values))
    return out


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], or_ignore: bool = False
) -> None:
    if not rows:
        return
    names = list(rows[0])
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" * len(names))
    sql = f'{verb} INTO "{table.name}" ({columns}) VALUES ({marks})'
    session.connection().exec_driver_sql(sql, _params(rows, names, _binders(session, table, names)))


def update_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Replace whole rows by id."""
    if not rows:
        return
    names = [n for n in rows[0] if n != "id"]
    assignments = ", ".join(f'"{n}" = ?' for n in names)
    sql = f'UPDATE "{table.name}" SET {assignments} WHERE "id" = ?'
    ordered = [*names, "id"]
    session.connection().exec_driver_sql(
        sql, _params(rows, ordered, _binders(session, table, ordered))
    )
