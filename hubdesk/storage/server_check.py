"""``hubdesk check`` for a hub's server database.

PostgreSQL keeps its own pages and links consistent (checksummed pages, enforced foreign keys),
so what HubDesk checks on a server is its own part: the schema revision, that every table,
column, link, index and trigger its migrations make is there as they make it and nothing was
added beside them (``server_shape``: types, indexes, triggers, views), and that the database
belongs to exactly one installation.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from hubdesk.domain import Base
from hubdesk.domain.installation import Installation
from hubdesk.i18n import _
from hubdesk.storage.db import Database
from hubdesk.storage.schema import head_revision
from hubdesk.storage.server_shape import index_and_type_problems, trigger_and_view_problems

IGNORED = {"alembic_version"}


def schema_problems(connection: Connection) -> list[str]:
    found = inspect(connection)
    problems: list[str] = []
    present = set(found.get_table_names()) - IGNORED
    expected = {t.name: t for t in Base.metadata.sorted_tables}
    for name in sorted(expected.keys() - present):
        problems.append(_("The table {name} is missing.").format(name=name))
    for name in sorted(present - expected.keys()):
        problems.append(
            _("The database has a table {name} that HubDesk does not make.").format(name=name)
        )
    for name in sorted(expected.keys() & present):
        table = expected[name]
        columns = {c["name"] for c in found.get_columns(name)}
        for column in sorted({c.name for c in table.columns} - columns):
            problems.append(
                _("Table {table} lacks the column {column}.").format(table=name, column=column)
            )
        for column in sorted(columns - {c.name for c in table.columns}):
            problems.append(
                _("Table {table} has a column {column} that HubDesk does not make.").format(
                    table=name, column=column
                )
            )
        links = {
            (tuple(fk["constrained_columns"]), fk["referred_table"])
            for fk in found.get_foreign_keys(name)
        }
        for fk in table.foreign_keys:
            link = ((fk.parent.name,), fk.column.table.name)
            if link not in links:
                problems.append(
                    _("Table {table} lacks the link {link}.").format(
                        table=name, link=f"{fk.parent.name} -> {fk.column.table.name}"
                    )
                )
    return problems + index_and_type_problems(connection) + trigger_and_view_problems(connection)


def check_server(db: Database) -> list[str]:
    """Problems with the server database ``db``, one sentence each (empty: healthy)."""
    try:
        with db.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            problems: list[str] = []
            if revision != head_revision():
                problems.append(
                    _("The database is at schema {found}; this HubDesk makes {expected}.").format(
                        found=revision, expected=head_revision()
                    )
                )
            problems.extend(schema_problems(connection))
            if "installation" in inspect(connection).get_table_names():
                count = connection.execute(
                    select(func.count()).select_from(Installation)
                ).scalar_one()
                if count == 0:
                    problems.append(
                        _("HubDesk is not set up in this database: it has no installation record.")
                    )
                elif count > 1:
                    problems.append(
                        _(
                            "The database has {count} installation records; it must have "
                            "exactly one."
                        ).format(count=count)
                    )
            return problems
    except DBAPIError as exc:
        return [_("The database could not be read: {reason}").format(reason=exc.orig)]
