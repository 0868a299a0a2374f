"""A hub's database on a PostgreSQL server: where the data folder says it is, and opening it.

A hub with several staff keeps one database on a server; each staff PC still has its own data
folder (settings, keys of the sync PC, exported bundles), which names the server database in
``database.json``. The URL is stored without a password: the password comes from the person's
``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf`` on Windows) or ``PGPASSWORD``, never from a
file HubDesk writes.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from hubdesk.i18n import _
from hubdesk.storage.datadir import SERVER_SETTING
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.schema import head_revision
from hubdesk.storage.server_errors import NOT_ON_STAFF, NoRights, connection_problem

SETTING = SERVER_SETTING
DRIVER = "postgresql+psycopg"
# pg_advisory_xact_lock keys HubDesk takes on a server (a 64-bit number each, see docs).
MIGRATE_LOCK = 0x4875_6244_6573_6B01
# Held by a restore from its safety dump until the restored data is in: every unit of work that
# may write takes it shared first (``server_clock``), so no staff member's change lands after the
# safety dump only to be replaced by the backup.
RESTORE_LOCK = 0x4875_6244_6573_6B02


# Whether the database has HubDesk's tables yet, and whether this login may read them: a login
# the staff list does not name has no right on the hub's tables (``server_rights``).
_LOOK = text(
    "SELECT to_regclass('alembic_version') IS NULL, "
    "to_regclass('alembic_version') IS NULL "
    "OR has_table_privilege(to_regclass('alembic_version'), 'SELECT'), current_user"
)


_REVISION = text("SELECT version_num FROM alembic_version")


def setting_path(data_dir: Path) -> Path:
    return data_dir / SETTING


def parse_url(raw: str) -> URL:
    """A PostgreSQL URL in the form HubDesk uses, or StorageError saying what is wrong.

    ``postgresql://`` and ``postgres://`` are accepted and given HubDesk's driver (psycopg 3).
    """
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise StorageError(
            _(
                "{url} is not a database address; write it as "
                "postgresql://user@server:5432/database."
            ).format(url=raw)
        ) from None
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise StorageError(
            _("HubDesk keeps a server database only on PostgreSQL, not on {kind}.").format(
                kind=url.get_backend_name()
            )
        )
    if not url.database:
        raise StorageError(_("The database address names no database: {url}").format(url=raw))
    return url.set(drivername=DRIVER)


def save_setting(data_dir: Path, raw: str) -> URL:
    """Remember the server database for this data folder. A password in the URL is refused:
    it would sit in clear text in a file every staff member's backup tools copy."""
    url = storable_url(raw)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = setting_path(data_dir)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps({"url": url.render_as_string()}) + "\n", "utf-8")
    os.replace(partial, target)
    return url


def same_database(one: URL, other: URL) -> bool:
    """Whether two addresses name the same database, however they were written (the host in
    capitals, the default port given or not)."""

    def plain(url: URL) -> tuple[object, ...]:
        host = (url.host or "").casefold()
        return (url.username, host, url.port or 5432, url.database, tuple(sorted(url.query)))

    return plain(one) == plain(other)


def storable_url(raw: str) -> URL:
    """``raw`` parsed, refused when it holds a password (the data folder may not keep one)."""
    url = parse_url(raw)
    if url.password is not None:
        raise StorageError(
            _(
                "HubDesk does not store a database password. Remove it from the address and "
                "put it in the pgpass file or the PGPASSWORD environment variable."
            )
        )
    return url


def configured_url(data_dir: Path) -> URL | None:
    """The server database this data folder names, or None for the folder's own SQLite file."""
    path = setting_path(data_dir)
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text("utf-8"))["url"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        raise StorageError(
            _("{path} is damaged: it should name the hub's database server.").format(path=path)
        ) from None
    if not isinstance(raw, str):
        raise StorageError(
            _("{path} is damaged: it should name the hub's database server.").format(path=path)
        )
    return parse_url(raw)


_QUIET = logging.NullHandler()  # added once: a logger does not take the same handler twice


def require_driver() -> None:
    """A clear error when this HubDesk was installed without psycopg (the postgres extra)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StorageError(
            _(
                "This HubDesk cannot reach a PostgreSQL server: install it with the "
                "'postgres' extra (pip install hubdesk[postgres])."
            )
        ) from None
    # The driver's own warnings ("error ignored terminating <psycopg.Pipeline [BAD]>" on a
    # lost connection) went to the terminal before HubDesk's one line saying what happened.
    logging.getLogger("psycopg").addHandler(_QUIET)


def open_server_database(url: URL, *, create: bool = True) -> Database:
    """The server database at the newest schema, migrated by one PC at a time.

    Migrations on a server run in a transaction holding an advisory lock, so two staff PCs
    starting a new HubDesk at once do not both migrate; no file backup is made first (the
    transaction is all-or-nothing, and the server's own dumps are the hub's backups). Only the
    login that owns the schema may migrate it; after a migration every staff login's rights
    are brought in line with the staff list (``server_rights``). ``create=False`` (every
    command but a set-up): an empty database is refused, not given HubDesk's tables (a typo
    in the address made them in another database, then said HubDesk was not set up).
    """
    require_driver()
    db = Database(url.render_as_string(hide_password=False))
    empty, login = False, ""
    try:
        with db.engine.connect() as connection:
            empty, may_read, login = connection.execute(_LOOK).one()
            at = [] if empty or not may_read else connection.execute(_REVISION).scalars().all()
        if not may_read:
            raise StorageError(_(NOT_ON_STAFF).format(login=login))
        if empty and not create:
            raise StorageError(
                _(
                    "The database {database} holds no HubDesk hub, and nothing was made in "
                    "it: check the address, or set the hub up there with 'hubdesk init --role "
                    "hub'."
                ).format(database=url.database)
            )
        # At the newest schema (every start but the first after an upgrade) Alembic is not
        # even imported: a tenth of a second of every staff PC's start and every command.
        if at != [head_revision()]:
            from hubdesk.storage.migrate import migrate

            if migrate(db, lock_key=MIGRATE_LOCK):
                _rights_in_line(db)
    except NoRights:
        db.close()
        if empty:
            raise StorageError(
                _(
                    "HubDesk may not make its tables in {database} with the login {login}: set "
                    "the hub up with the login that owns the database (createdb --owner={login})."
                ).format(database=url.database, login=login)
            ) from None
        raise StorageError(
            _(
                "The hub's database needs the upgrade this HubDesk brings, and only the login "
                "that owns it (the administrator's, which set the hub up) may make it: start "
                "this HubDesk once with that login, then again with yours."
            )
        ) from None
    except DBAPIError as exc:
        db.close()
        raise connection_problem(url, exc) from exc
    except BaseException:
        db.close()
        raise
    return db


def _rights_in_line(db: Database) -> None:
    """A migration may have made tables: give each login on the staff list its rights there
    (``server_rights``), in the same run as the upgrade, by the owner's login that made it."""
    from hubdesk.storage.server_rights import bring_in_line

    with db.engine.begin() as connection:
        bring_in_line(connection)


@contextmanager
def restoring(db: Database) -> Iterator[None]:
    """Hold the restore lock alone while a restore runs: it waits for the changes under way to
    commit, and every change after it waits (or gives up with a clear message) until the
    restored data is in. Reading is not held up."""
    with db.engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": RESTORE_LOCK})
        connection.commit()  # a session lock: it outlives the transaction, so end that
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": RESTORE_LOCK})
            connection.commit()
