"""What ``hubdesk check`` compares on a hub's server beyond tables, columns and links.

A file's schema is compared whole (``schema_shape``): an added trigger can delete every meeting
after any edit, and a changed type or a dropped index changes what HubDesk may rely on. A server
database is no different once a dump has been restored or someone with the owner's login has
been at it, so the server's check names the same kinds of difference, in the same sentences:
column types and NOT NULL, indexes (and UNIQUE constraints), triggers and views.

The reference is the models, as Alembic's autogenerate compares them (the test of the migrations
keeps a freshly migrated server equal to them), plus the triggers migrations make on a server
only: 0027's for the staff rights, 0031's that keeps the hub's clock true. Objects PostgreSQL
makes for itself (the triggers behind foreign keys, the indexes behind primary keys) are left
out. Functions are not compared.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Connection, Index, UniqueConstraint, inspect, text

from hubdesk.domain import Base
from hubdesk.i18n import _
from hubdesk.storage.schema_shape import index_messages, trigger_messages, view_messages

# Triggers HubDesk's migrations make on a server: name -> table (0027, the staff rights; 0031,
# the clock a staff login may not move back or far ahead).
SERVER_TRIGGERS = {"staff_rights": "staff", "installation_clock": "installation"}

_TRIGGERS = text(
    "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
    "JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
)
_VIEWS = text(
    "SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema() "
    "UNION ALL SELECT matviewname, definition FROM pg_matviews "
    "WHERE schemaname = current_schema()"
)


def _normalised(sql: str) -> str:
    return " ".join(sql.split()).rstrip(";")


def _described(index: Index | UniqueConstraint) -> str:
    """As ``schema_shape`` says it: ``unique index on members (email)``."""
    table = index.table.name if index.table is not None else "?"
    columns = ", ".join(str(getattr(c, "name", c)) for c in index.columns)
    unique = isinstance(index, UniqueConstraint) or bool(getattr(index, "unique", False))
    return f"{'unique ' if unique else ''}index on {table} ({columns})"


def _column_text(connection: Connection, type_: Any, nullable: bool) -> str:
    text_ = str(type_.compile(dialect=connection.dialect)).upper()
    return text_ if nullable else f"{text_} NOT NULL"


def _column_problems(connection: Connection, modified: list[tuple[Any, ...]]) -> list[str]:
    """One sentence per column whose type or NOT NULL differs from the model's."""

    found = inspect(connection)
    seen: set[tuple[str, str]] = set()
    problems: list[str] = []
    for _kind, _schema, table, column, _info, *_rest in modified:
        if (table, column) in seen:
            continue
        seen.add((table, column))
        here = next(c for c in found.get_columns(table) if c["name"] == column)
        model: Column[Any] = Base.metadata.tables[table].c[column]
        problems.append(
            _("Column {column} of table {table} is {found}; HubDesk makes it {expected}.").format(
                table=table,
                column=column,
                found=_column_text(connection, here["type"], bool(here["nullable"])),
                expected=_column_text(connection, model.type, bool(model.nullable)),
            )
        )
    return problems


def _flat(diffs: list[Any]) -> list[tuple[Any, ...]]:
    """Alembic groups the changes of one column in a list; one tuple each."""
    out: list[tuple[Any, ...]] = []
    for diff in diffs:
        out.extend(diff if isinstance(diff, list) else [diff])
    return out


def index_and_type_problems(connection: Connection) -> list[str]:
    """Indexes, UNIQUE constraints, column types and NOT NULL that differ from the models."""
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    diffs = _flat(compare_metadata(context, Base.metadata))
    extra, missing, _changed = index_messages()
    problems = _column_problems(
        connection, [d for d in diffs if d[0] in ("modify_type", "modify_nullable")]
    )
    for diff in diffs:
        kind, item = diff[0], diff[1]
        if kind in ("remove_index", "remove_constraint") and item.name:
            problems.append(extra.format(name=item.name, found=_described(item)))
        elif kind in ("add_index", "add_constraint") and item.name:
            problems.append(missing.format(name=item.name))
    return problems


def trigger_and_view_problems(connection: Connection) -> list[str]:
    extra, missing, changed = trigger_messages()
    problems: list[str] = []
    found: dict[str, str] = {}
    for name, table, definition in connection.execute(_TRIGGERS):
        found[name] = table
        if name not in SERVER_TRIGGERS:
            problems.append(extra.format(name=name, found=f"on {table}: {definition}"))
        elif SERVER_TRIGGERS[name] != table:
            problems.append(changed.format(name=name, found=f"on {table}: {definition}"))
    problems += [missing.format(name=n) for n in sorted(SERVER_TRIGGERS.keys() - found.keys())]
    extra_view, _missing_view, _changed_view = view_messages()
    for name, definition in connection.execute(_VIEWS):
        shown = f"CREATE VIEW {name} AS {_normalised(definition)}"
        problems.append(extra_view.format(name=name, found=shown))
    return problems
