"""The engine, made at start-up (never at import) with what each kind of database needs.

SQLite (every municipality, field laptop and small hub) gets the pragmas HubDesk relies on;
PostgreSQL (a hub with several staff, docs/architecture.md) gets a checked connection pool, a
connect timeout and TCP keepalives, so a server that went away is a clear error rather than a
hang.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

# Every model and its listeners, before the first session, whichever model module a caller
# imported (``hubdesk.domain`` itself loads them only when a model is asked of it).
import hubdesk.domain.models  # noqa: F401
from hubdesk.storage import server_errors

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path) -> str:
    """The URL of the file, its path escaped: pasted in as it is, a folder named with ``?``
    or ``%20`` was read as the URL's query or an escaped space, and another file was opened
    (or made) than the data folder's."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook issue BEGIN itself (pysqlite's own guessing defers it,
    # which breaks all-or-nothing imports), then set the pragmas on every connection.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


CONNECT_TIMEOUT_S = 10

# libpq's TCP settings for a hub's server. A network that drops packets without a word (a
# switched-off router, a VPN that died, Wi-Fi out of reach) left a staff window waiting for the
# operating system's own timeout, a quarter of an hour on Windows and Linux alike. Probes on an
# idle connection, and a bound on how long sent data may go unanswered, make it a clear "the
# server cannot be reached" within about half a minute. A busy server's own network stack still
# answers both, so a long query is never cut short by them.
SERVER_TCP = {
    "keepalives": 1,
    "keepalives_idle": 15,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,  # milliseconds
}


def is_sqlite_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str) -> Engine:
    if not is_sqlite_url(url):
        server = create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, **SERVER_TCP},
        )
        server_errors.watch(server)
        return server
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """An open database: its engine and the session factory every service uses."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def at(cls, path: Path) -> Database:
        return cls(sqlite_url(path))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for an in-memory or a server database)."""
        if not self.is_sqlite:
            return None
        database = self.engine.url.database
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together, or not at all."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        self.engine.clear_compiled_cache()  # a closed database's statements are no use
