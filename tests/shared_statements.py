"""One compiled-statement cache for every database the test process opens.

SQLAlchemy keeps the SQL it compiled per engine, and each test opens its installations'
databases afresh (a copy of the migrated template, or an emptied server database), so every
test compiled again every statement it ran: about 30 % of a sync test's CPU time went there.
HubDesk makes each kind of engine in one way (``storage/db.make_engine``), so what was compiled
for one SQLite database is exactly what the next needs; here the engines of one dialect, driver
and server version share it. HubDesk itself keeps SQLAlchemy's cache per engine: a process
opens one database, and its statements are compiled once there anyway.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.util import LRUCache

from hubdesk.storage import db as db_module

# Several thousand distinct statements run in the suite; each engine alone keeps 500.
_STORE: LRUCache[Any, Any] = LRUCache(6000)


class SharedStatements:
    """An engine's view of the shared cache, used as SQLAlchemy uses its own (``get``, item
    assignment, ``clear``, ``len``)."""

    def __init__(self) -> None:
        self.closed = False

    @staticmethod
    def _key(key: tuple[Any, ...]) -> tuple[Any, ...]:
        # SQLAlchemy's key starts with the engine's own dialect object: the engines share
        # what a dialect of the same kind, driver and server version compiled.
        dialect = key[0]
        return (type(dialect), dialect.driver, dialect.server_version_info, *key[1:])

    def get(self, key: tuple[Any, ...], default: Any = None) -> Any:
        return default if self.closed else _STORE.get(self._key(key), default)

    def __setitem__(self, key: tuple[Any, ...], value: Any) -> None:
        if not self.closed:
            _STORE[self._key(key)] = value

    def clear(self) -> None:
        """The engine's database was closed (``Database.close``): the engine holds nothing
        any more; the statements stay for the databases opened next."""
        self.closed = True

    def __len__(self) -> int:
        return 0 if self.closed else len(_STORE)


def share_compiled_statements() -> None:
    """Every engine HubDesk makes from now on in this process uses the shared cache."""
    made = db_module.make_engine

    def make_engine(url: str) -> Engine:
        engine = made(url)
        engine._compiled_cache = SharedStatements()  # type: ignore[assignment]
        return engine

    db_module.make_engine = make_engine
