"""Values HubDesk cannot read back: a date that is no date, a number or a yes/no kept as text.

SQLite keeps whatever it is given. A row edited in another SQLite tool, or a bit flipped inside
a record that leaves its page sound, passes the file's integrity check and the foreign key
check, and then stops the first window or command that reads the row ("Invalid isoformat
string"). ``hubdesk check`` names such values and a restore refuses a backup holding one; the
conditions below are what SQLAlchemy needs to read each kind of column of HubDesk's schema.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, TypeDecorator

from hubdesk.i18n import _

# The forms SQLAlchemy writes and reads on SQLite: "2024-12-31" and "2024-12-31 10:00:00.000000".
DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def _kind(column: Column[Any]) -> Any:
    kind = column.type
    while isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind


def _unreadable(column: Column[Any]) -> str | None:
    """An SQL condition true where the column's value cannot be read as its type (None: any
    value reads: text, which SQLite stores for every text column whatever it is given)."""
    name = f'"{column.name}"'
    kind = _kind(column)
    # ('+0 days' makes SQLite carry a day past its month's end over, as "2023-03-02" for
    # "2023-02-30", which plain date() would give back unchanged.)
    if isinstance(kind, DateTime):
        return (
            f"{name} IS NOT NULL AND (typeof({name}) != 'text' OR {name} NOT GLOB '{DAY}*' "
            f"OR julianday({name}) IS NULL "
            f"OR date({name}, '+0 days') IS NOT substr({name}, 1, 10))"
        )
    if isinstance(kind, Date):
        return (
            f"{name} IS NOT NULL AND (typeof({name}) != 'text' "
            f"OR date({name}, '+0 days') IS NOT {name})"
        )
    if isinstance(kind, Boolean):
        return f"{name} IS NOT NULL AND {name} NOT IN (0, 1)"
    if isinstance(kind, Integer):
        return f"typeof({name}) NOT IN ('integer', 'null')"
    return None


def value_problems(conn: sqlite3.Connection, most: int | None = None) -> list[str]:
    """Each record holding a value HubDesk cannot read, named by table, id, column and value
    (the first ``most``, or all). A table or column the file lacks is the schema check's."""
    from hubdesk.domain import Base

    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table.name}")')}
        checks = [
            (column.name, condition)
            for column in table.columns
            if column.name in have and (condition := _unreadable(column)) is not None
        ]
        if not checks:
            continue
        which = " ".join(f"WHEN {condition} THEN '{name}'" for name, condition in checks)
        key = "id" if "id" in have else "rowid"
        query = (
            f'SELECT {key}, CASE {which} END FROM "{table.name}" '
            f"WHERE {' OR '.join(f'({condition})' for _n, condition in checks)}"
        )
        for record, column in conn.execute(query):
            value = conn.execute(
                f'SELECT quote("{column}") FROM "{table.name}" WHERE {key} = ?', (record,)
            ).fetchone()[0]
            problems.append(
                _(
                    "Table {table}, record {record}: {column} holds {value}, which HubDesk "
                    "cannot read as its kind of value."
                ).format(table=table.name, record=record, column=column, value=str(value)[:60])
            )
            if most is not None and len(problems) >= most:
                return problems
    return problems


def is_unreadable_value(exc: BaseException) -> bool:
    """Whether an error was raised turning a stored value into Python's (a date that is no
    date): the data's problem, which ``hubdesk check`` names, not a bug in HubDesk."""
    if not isinstance(exc, ValueError | TypeError):
        return False
    frame, innermost = exc.__traceback__, None
    while frame is not None:
        innermost, frame = frame, frame.tb_next
    if innermost is None:
        return False
    where = innermost.tb_frame.f_code.co_filename.replace("\\", "/")
    return "sqlalchemy/" in where and "processors" in where


def unreadable_message(exc: BaseException) -> str:
    return _(
        'The database holds a value HubDesk cannot read ({reason}). "hubdesk check" names the '
        "record; restoring a backup repairs it."
    ).format(reason=exc)
