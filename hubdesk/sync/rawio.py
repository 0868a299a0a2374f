"""Moving many rows between the database and bundle JSON without building an object per value.

Bundles carry up to hundreds of thousands of rows; converting each value through SQLAlchemy's
result and bind processing twice costs more than the rest of an import together. Here rows are
read from the DBAPI cursor of an ordinary SQLAlchemy query and converted only where the stored
form differs from the bundle's (moments, flags, code lists); writes go through ``executemany``
with SQLAlchemy's own bind processors, so what is stored is exactly what the ORM would store.

One fast path per kind of database. SQLite keeps moments and dates as text, so its moments are
rewritten to ISO 8601 in SQL and its dates are already the bundle's text; a server (PostgreSQL)
hands back ``datetime`` and ``date`` objects from its driver, which are written out in Python in
exactly the form SQLite's text gives (microseconds always, ``+00:00``), so a bundle does not
depend on which database the sender keeps. Writes use each driver's parameter style.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Select,
    String,
    Table,
    exists,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from hubdesk.domain.base import CodeList, UTCDateTime
from hubdesk.domain.search import record_columns
from hubdesk.sync.codec import MODELS, TABLE_ORDER, table_of

Converter = Callable[[Any], Any]


_FLAGS: dict[Any, bool | None] = {None: None, 0: False, 1: True}  # False and True equal 0, 1


def _flag(stored: Any) -> Any:
    try:
        return _FLAGS[stored]  # the common case, as one lookup
    except (KeyError, TypeError):
        return bool(stored)


def _codes(stored: Any) -> list[str]:
    return [code for code in (stored or "").split(",") if code]


def _moment(stored: dt.datetime | None) -> str | None:
    """A server's UTC moment (naive, as stored) in the text SQLite's moments give."""
    if stored is None:
        return None
    return stored.isoformat(timespec="microseconds") + "+00:00"


def _day(stored: dt.date | None) -> str | None:
    return None if stored is None else stored.isoformat()


def stored_to_json(table: Table, sqlite: bool = True) -> list[tuple[int, Converter]]:
    """(column position, converter) for the columns whose stored form is not the JSON form
    (on SQLite, moments are rewritten in SQL already, see ``_json_columns``)."""
    out: list[tuple[int, Converter]] = []
    for index, column in enumerate(record_columns(table)):
        kind = column.type
        if isinstance(kind, CodeList):
            out.append((index, _codes))
        elif isinstance(kind, Boolean):
            out.append((index, _flag))
        elif sqlite:
            continue
        elif isinstance(kind, UTCDateTime):
            out.append((index, _moment))
        elif isinstance(kind, Date):
            out.append((index, _day))
    return out


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


WRITE_CACHE_KIB = 65_536  # SQLite's page cache while an import writes (as the demo builder's)


@contextmanager
def wide_cache(session: Session) -> Iterator[None]:
    """SQLite's page cache widened while an import writes, then set back: each record goes
    into several indexes of random UUIDs, and with SQLite's default 2 MB cache those pages
    are written out and read back again and again. Bounded (64 MB), so memory stays flat in
    the bundle's size; a server sizes its own cache. A Ctrl+C inside a statement makes
    SQLAlchemy close the connection, and the cache with it: nothing is left to set back, and
    trying would put a traceback in place of the Ctrl+C's one line."""
    if not _is_sqlite(session):
        yield
        return
    raw = session.connection().connection.driver_connection
    assert raw is not None
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        with suppress(sqlite3.ProgrammingError):  # closed: see above
            raw.execute(f"PRAGMA cache_size={int(before)}")


def tables_holding(session: Session) -> frozenset[str]:
    """The synced tables that hold at least one row, asked in one statement: a bundle of a
    few records is mostly fixed costs, and a query per table (import: which tables to look
    records up in; full export: which to read) was one of the larger."""
    held = session.execute(_HOLDING).one()
    return frozenset(name for name, holds in zip(TABLE_ORDER, held, strict=True) if holds)


_HOLDING = select(
    *(exists(select(table_of(MODELS[name]).c.id)).label(name) for name in TABLE_ORDER)
)


def storage_order(session: Session, table: Table) -> Any:
    """The order rows leave in: on SQLite the order they are stored in (rowid: the rows of
    one meeting or proposal side by side, as they were written), which deflates to about half
    the size of rows in order of their random ids and lets the receiver add them to its
    indexes in nearly that order too; a server keeps the order of ids (it has no stable
    storage order). The importer accepts any order (see ``seen.py``)."""
    if _is_sqlite(session):
        return literal_column(f'"{table.name}".rowid')
    return table.c.id


def _json_columns(table: Table, sqlite: bool = True) -> list[Any]:
    """The table's record columns; on SQLite, moments turned into ISO 8601 text by SQLite
    itself (a server's come back as datetimes, converted by ``stored_to_json``)."""
    out: list[Any] = []
    for column in record_columns(table):  # never the derived search text
        if sqlite and isinstance(column.type, UTCDateTime):
            text = type_coerce(func.replace(column, " ", "T"), String)
            out.append((text + "+00:00").label(column.name))
        else:
            out.append(column)
    return out


def fetch_json_rows(session: Session, query: Select[Any], table: Table) -> list[list[Any]]:
    """Rows of ``select(table)...`` with values in bundle JSON form, in column order."""
    sqlite = _is_sqlite(session)
    query = query.with_only_columns(*_json_columns(table, sqlite))
    result = session.connection().execute(query)  # Core execution: a plain cursor result
    raw = result.cursor.fetchall()
    result.close()
    return _converted(raw, stored_to_json(table, sqlite))


def _converted(raw: Sequence[Any], converters: list[tuple[int, Converter]]) -> list[list[Any]]:
    """Stored rows as lists in JSON form; the converted columns a column at a time (``map``
    runs in C), the rest copied as they are."""
    if not converters or not raw:
        return list(map(list, raw))
    columns: list[Any] = list(zip(*raw, strict=True))
    for index, convert in converters:
        columns[index] = map(convert, columns[index])
    return list(map(list, zip(*columns, strict=True)))


def json_batches(
    session: Session, query: Select[Any], table: Table, size: int
) -> Iterator[list[list[Any]]]:
    """``fetch_json_rows`` ``size`` rows at a time, from one cursor (memory stays flat).

    A Ctrl+C inside another statement makes SQLAlchemy close the connection, the cursor with
    it: closing it again only logged a traceback under the Ctrl+C's one line."""
    sqlite = _is_sqlite(session)
    query = query.with_only_columns(*_json_columns(table, sqlite))
    result = session.connection().execute(query)
    converters = stored_to_json(table, sqlite)
    try:
        while raw := result.cursor.fetchmany(size):
            yield _converted(raw, converters)
    finally:
        if not result.context.root_connection.invalidated:
            result.close()


def _binders(session: Session, table: Table, names: Sequence[str]) -> list[Converter | None]:
    dialect = session.get_bind().dialect
    return [table.c[name].type.bind_processor(dialect) for name in names]


def _bind_column(column: list[Any], bind: Converter, sqlite: bool) -> list[Any]:
    """``bind`` applied to every value, once per distinct value where values repeat (flags,
    the moments of rows written together): equal values of one type bind alike."""
    try:
        distinct = set(column)
    except TypeError:  # unhashable values (code lists): no shortcut
        return list(map(bind, column))
    if len(distinct) == len(column) or len(set(map(type, distinct))) > 1:
        return list(map(bind, column))
    adapt = _adapted if sqlite else _same
    bound = {value: adapt(bind(value)) for value in distinct}
    return list(map(bound.__getitem__, column))


def _adapted(value: Any) -> Any:
    """What the sqlite3 module would bind for ``value`` (its adapters, datetimes to text), so a
    value shared by many rows is adapted once rather than once per row."""
    if value is None or type(value) in (int, float, str, bytes):
        return value
    return sqlite3.adapt(value, sqlite3.PrepareProtocol, value)


def _same(value: Any) -> Any:
    """A server's driver adapts each value itself (datetimes, dates, flags stay objects)."""
    return value


def _params(
    rows: Sequence[dict[str, Any]],
    names: Sequence[str],
    binders: list[Converter | None],
    sqlite: bool = True,
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
    columns = [_bind_column(list(map(itemgetter(n), rows)), bind, sqlite) for n, bind in converted]
    params = list(map(tuple.__add__, picked, zip(*columns, strict=True)))
    return [*plain, *(n for n, _bind in converted)], params


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], or_ignore: bool = False
) -> None:
    """Insert rows; ``or_ignore`` skips those whose key is already there."""
    if not rows:
        return
    sqlite = _is_sqlite(session)
    names = list(rows[0])
    order, params = _params(rows, names, _binders(session, table, names), sqlite)
    columns = ", ".join(f'"{n}"' for n in order)
    if sqlite:
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        marks = ", ".join("?" * len(order))
        sql = f'{verb} INTO "{table.name}" ({columns}) VALUES ({marks})'
    else:
        marks = ", ".join(["%s"] * len(order))
        tail = " ON CONFLICT DO NOTHING" if or_ignore else ""
        sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks}){tail}'
    session.connection().exec_driver_sql(sql, params)


def update_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Replace whole rows by id."""
    if not rows:
        return
    sqlite = _is_sqlite(session)
    names = ["id", *(n for n in rows[0] if n != "id")]
    order, params = _params(rows, names, _binders(session, table, names), sqlite)
    key = order.index("id")
    if sqlite:
        # Numbered parameters: each row's values stay in ``order``, the id among them.
        assignments = ", ".join(f'"{n}" = ?{i}' for i, n in enumerate(order, 1) if n != "id")
        sql = f'UPDATE "{table.name}" SET {assignments} WHERE "id" = ?{key + 1}'
    else:
        # Positional parameters only: the id moves to the end of each row.
        assignments = ", ".join(f'"{n}" = %s' for n in order if n != "id")
        sql = f'UPDATE "{table.name}" SET {assignments} WHERE "id" = %s'
        params = [(*row[:key], *row[key + 1 :], row[key]) for row in params]
    session.connection().exec_driver_sql(sql, params)


def max_rowid(session: Session, table: Table) -> int:
    """The highest rowid of a SQLite table (0 when empty): rows inserted after this have
    higher ones (SQLite gives a new row the highest rowid plus one while there is room)."""
    found = session.connection().exec_driver_sql(f'SELECT max(rowid) FROM "{table.name}"')
    return int(found.scalar() or 0)


def audit_inserted(
    session: Session, audit: Table, table: Table, after: int, at: dt.datetime, count: int
) -> None:
    """SQLite: one audit entry ("sync", no field changes: a created record's fields are the
    record itself) per row of ``table`` above rowid ``after``, written by SQLite from the rows
    just inserted, in their order, with exactly the values the entries built in Python had."""
    bind = audit.c.at.type.bind_processor(session.get_bind().dialect)
    stamp = _adapted(bind(at) if bind is not None else at)
    sql = (
        f'INSERT INTO "{audit.name}" '
        "(at, installation_id, table_name, record_id, version, action, changes) "
        f"SELECT ?, updated_by, ?, id, version, 'sync', '{{}}' "
        f'FROM "{table.name}" WHERE rowid > ? ORDER BY rowid'
    )
    done = session.connection().exec_driver_sql(sql, (stamp, table.name, after))
    if done.rowcount != count:  # rowids not handed out in order: refuse rather than guess
        raise RuntimeError(f"{count} records written to {table.name}, {done.rowcount} audited")
