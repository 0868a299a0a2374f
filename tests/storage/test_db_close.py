"""Closing a database lets go of what its engine kept: the window closes one database and
opens another after a restore or a move, and anything still holding the old engine (a page not
yet freed, a finished worker's closure) must not keep its hundreds of compiled statements."""

from __future__ import annotations

from sqlalchemy import func, select

from hubdesk.domain import Member
from hubdesk.storage.db import Database


def test_closing_drops_the_compiled_statements(db: Database) -> None:
    with db.sessions() as session:
        session.scalar(select(func.count()).select_from(Member))
    cache = db.engine._compiled_cache
    assert cache is not None and len(cache) > 0

    db.close()

    assert len(cache) == 0
