"""Moving many rows between SQLite and bundle JSON without building an object per value.

Bundles carry up to hundreds of thousands of rows; converting each value through SQLAlchemy's
result and bind processing twice costs more than the rest of an import together. Here rows are
read from the DBAPI cursor of an ordinary SQLAlchemy query and converted only where the stored
form differs from the bundle's (moments, flags, code lists); writes go through ``executemany``
with SQLAlchemy's own bind processors, so what is stored is exactly what the ORM would store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Select, String, Table, func, type_coerce
from sqlalchemy.orm import Session

from hubdesk.domain.base import CodeList, UTCDateTime
from hubdesk.domain.search import record_columns

Converter = Callable[[Any], Any]


def _flag(stored: Any) -> Any:
    return None if stored is None else bool(stored)


def _codes(stored: Any) -> list[str]:
    return [code for code in (stored or "").split(",") if code]


def stored_to_json(table: Table) -> list[tuple[int, Converter]]:
    """(column position, converter) for the columns whose stored form is not the JSON form
    (moments are rewritten in SQL already, see ``_json_columns``)."""
    out: list[tuple[int, Converter]] = []
    for index, column in enumerate(record_columns(table)):
        kind = column.type
        if isinstance(kind, CodeList):
            out.append((index, _codes))
        elif isinstance(kind, Boolean):
            out.append((index, _flag))
    return out


def _json_columns(table: Table) -> list[Any]:
    """The table's record columns, moments turned into ISO 8601 text by SQLite itself."""
    out: list[Any] = []
    for column in record_columns(table):  # never the derived search text
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


def json_batches(
    session: Session, query: Select[Any], table: Table, size: int
) -> Iterator[list[list[Any]]]:
    """``fetch_json_rows`` ``size`` rows at a time, from one cursor (memory stays flat)."""
    query = query.with_only_columns(*_json_columns(table))
    result = session.connection().execute(query)
    converters = stored_to_json(table)
    try:
        while raw := result.cursor.fetchmany(size):
            rows: list[list[Any]] = []
            for stored in raw:
                row = list(stored)
                for index, convert in converters:
                    row[index] = convert(row[index])
                rows.append(row)
            yield rows
    finally:
        result.close()


def _binders(session: Session, table: Table, names: Sequence[str]) -> list[Converter | None]:
    dialect = session.get_bind().dialect
    return [table.c[name].type.bind_processor(dialect) for name in names]


def _bind_column(column: list[Any], bind: Converter) -> list[Any]:
    """``bind`` applied to every value, once per distinct value where few values differ
    (flags, the moment of an import): equal values of one type bind alike."""
    try:
        distinct = set(column)
    except TypeError:  # unhashable values (code lists): no shortcut
        return list(map(bind, column))
    if len(distinct) * 4 > len(column) or len(set(map(type, distinct))) > 1:
        return list(map(bind, column))
    bound = {value: _adapted(bind(value)) for value in distinct}
    return list(map(bound.__getitem__, column))


def _adapted(value: Any) -> Any:
    """What the sqlite3 module would bind for ``value`` (its adapters, datetimes to text), so a
    value shared by many rows is adapted once rather than once per row."""
    if value is None or type(value) in (int, float, str, bytes):
        return value
    return sqlite3.adapt(value, sqlite3.PrepareProtocol, value)


def _params(
    rows: Sequence[dict[str, Any]], names: Sequence[str], binders: list[Converter | None]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """executemany parameters and their column order: the columns that need no conversion
    are picked per row in one C call, those that do are converted a column at a time."""
    plain = [n for n, bind in zip(names, binders, strict=True) if bind is None]
    converted = [(n, bind) for n, bind in zip(names, binders, strict=True) if bind is not None]
    if len(plain) > 1:
        picked = list(map(itemgetter(*plain), rows))
    else:
        picked = [tuple(row[n] for n in plain) for row in rows]
    if not converted:
        return plain, picked
    columns = [_bind_column(list(map(itemgetter(n), rows)), bind) for n, bind in converted]
    params = list(map(tuple.__add__, picked, zip(*columns, strict=True)))
    return [*plain, *(n for n, _bind in converted)], params


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], or_ignore: bool = False
) -> None:
    if not rows:
        return
    names = list(rows[0])
    order, params = _params(rows, names, _binders(session, table, names))
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    columns = ", ".join(f'"{n}"' for n in order)
    marks = ", ".join("?" * len(order))
    sql = f'{verb} INTO "{table.name}" ({columns}) VALUES ({marks})'
    session.connection().exec_driver_sql(sql, params)


def update_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Replace whole rows by id."""
    if not rows:
        return
    names = ["id", *(n for n in rows[0] if n != "id")]
    order, params = _params(rows, names, _binders(session, table, names))
    # Numbered parameters: each row's values stay in ``order``, the id among them.
    assignments = ", ".join(f'"{n}" = ?{i}' for i, n in enumerate(order, 1) if n != "id")
    sql = f'UPDATE "{table.name}" SET {assignments} WHERE "id" = ?{order.index("id") + 1}'
    session.connection().exec_driver_sql(sql, params)
