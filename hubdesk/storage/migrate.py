"""Schema migrations with Alembic, run at start-up; an older database is backed up first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from hubdesk.i18n import _
from hubdesk.storage.db import Database

__all__ = ["current_revision", "head_revision", "known_revisions", "migrate", "upgrade"]
from hubdesk.storage.errors import StorageError
from hubdesk.storage.schema import head_revision, known_revisions

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def script_revisions() -> list[str]:
    """Alembic's own list of migrations, oldest first (``schema.REVISIONS`` must equal it)."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(scripts.walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, revision: str = "head", lock_key: int | None = None) -> None:
    """Run the migrations up to ``revision`` in one transaction.

    With ``lock_key`` (a server database) the transaction first takes that advisory lock, so
    of several PCs starting at once one migrates and the others then find nothing to do."""
    with db.engine.begin() as connection:
        if lock_key is not None:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key})
            if revision == "head" and current_revision(connection) == head_revision():
                return
        command.upgrade(alembic_config(connection), revision)


def migrate(
    db: Database, before: Callable[[str], object] | None = None, lock_key: int | None = None
) -> bool:
    """Bring ``db`` to the newest schema. Returns True when anything was migrated.

    A database written by a newer HubDesk, or one that is not HubDesk's at all, is refused
    untouched. ``before(current_revision)`` runs before an existing database is changed: HubDesk
    backs it up there.
    """
    with db.engine.connect() as connection:
        current = current_revision(connection)
        has_tables = bool(inspect(connection).get_table_names())
    head = head_revision()
    if current == head:
        return False
    if current is None and has_tables:
        if db.is_sqlite:
            raise StorageError(_("This file is not a HubDesk database; nothing was changed."))
        raise StorageError(  # a server's database, which no person sees as a file
            _(
                "The database {database} holds tables of another program, not HubDesk's; "
                "nothing was changed. Give the hub a database of its own."
            ).format(database=db.engine.url.database)
        )
    if current is not None and current not in known_revisions():
        raise StorageError(
            _(
                "This database was written by a newer version of HubDesk; "
                "install that version to open it. Nothing was changed."
            )
        )
    if current is not None and before is not None:
        before(current)
    upgrade(db, lock_key=lock_key)
    return True
