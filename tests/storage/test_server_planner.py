"""A large import on a hub's server database refreshes the planner's statistics at once.

Runs with ``--database postgresql``.
"""

from __future__ import annotations

from sqlalchemy import text

from hubdesk.storage import planner_stats, server
from hubdesk.storage.db import Database


def analysed(url: str) -> bool:
    probe = Database(url)
    try:
        with probe.engine.connect() as connection:
            return connection.execute(
                text(
                    "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
                    "WHERE relname = 'attendance'"
                )
            ).scalar_one()
    finally:
        probe.close()


def test_statistics_refreshed_on_the_server_only_after_a_large_import(server_url: str) -> None:
    db = server.open_server_database(server.parse_url(server_url))
    try:
        assert not planner_stats.refresh_after_import(db, planner_stats.MANY_ROWS - 1)
        assert not analysed(server_url)
        assert planner_stats.refresh_after_import(db, planner_stats.MANY_ROWS)
        assert analysed(server_url)
    finally:
        db.close()
