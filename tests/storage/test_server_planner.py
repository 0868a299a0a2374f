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
    many = planner_stats.MANY_ROWS
    try:
        assert not planner_stats.refresh_after_import(db, many - 1, {"attendance": many - 1})
        assert not analysed(server_url)
        assert planner_stats.refresh_after_import(db, many, {"attendance": many})
        assert analysed(server_url)
    finally:
        db.close()


def test_only_tables_an_import_changed_by_a_tenth_are_analysed(server_url: str) -> None:
    db = server.open_server_database(server.parse_url(server_url))
    try:
        with db.engine.begin() as connection:  # as if the region held 200,000 attendance rows
            connection.execute(text("UPDATE pg_class SET reltuples = 200000 "
                                    "WHERE relname = 'attendance'"))  # fmt: skip
        small_share = {"attendance": 15_000}
        assert not planner_stats.refresh_after_import(db, 15_000, small_share)
        assert not analysed(server_url)
        assert planner_stats.refresh_after_import(db, 25_000, {"attendance": 25_000})
        assert analysed(server_url)
    finally:
        db.close()
