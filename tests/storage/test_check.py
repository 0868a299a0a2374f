"""``check_database`` finds damage and broken links; ``refuse_unusable_file`` changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.storage.check import check_database, refuse_unusable_file
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import head_revision, upgrade


def raw(db: Database) -> sqlite3.Connection:
    """A connection without HubDesk's pragmas: foreign keys are not enforced on it."""
    assert db.path is not None
    return sqlite3.connect(db.path, isolation_level=None)


def test_a_healthy_database_has_no_problems(ctx: ServiceContext) -> None:
    team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    assert check_database(ctx.db) == []


@pytest.mark.sqlite_only("a server enforces every link itself")
def test_a_broken_link_is_named_by_table_record_and_column(ctx: ServiceContext) -> None:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    conn = raw(ctx.db)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE teams SET municipality_id = 'gone' WHERE id = ?", (cat.id,))
    conn.close()

    problems = check_database(ctx.db)

    assert len(problems) == 1
    assert "teams" in problems[0] and cat.id in problems[0]
    assert "municipality_id" in problems[0] and "municipalities" in problems[0]


def test_an_old_schema_is_reported(data_dir: Path) -> None:
    db = Database.at(database_path(data_dir))
    upgrade(db, "0001")
    conn = raw(db)
    conn.execute(
        "INSERT INTO installation (id, role, name, language, hlc_last, created_at) "
        "VALUES ('i', 'hub', 'Hub', 'en', 0, '2025-01-01 00:00:00.000000')"
    )
    conn.close()
    problems = check_database(db)
    db.close()
    assert problems == [
        f"The database schema is at version 0001; this HubDesk expects {head_revision()}."
    ]


def test_a_database_never_set_up_is_reported(db: Database) -> None:
    problems = check_database(db)
    assert len(problems) == 1 and "no installation record" in problems[0]


def test_two_installation_records_are_reported(ctx: ServiceContext) -> None:
    with ctx.db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO installation (id, role, name, language, hlc_last, created_at) "
                "VALUES ('second', 'hub', 'Hub', 'en', 0, '2025-01-01 00:00:00.000000')"
            )
        )
    problems = check_database(ctx.db)
    assert problems == ["The database has 2 installation records; it must have exactly one."]


@pytest.mark.sqlite_only("the pages of a database file")
def test_damaged_pages_are_reported(ctx: ServiceContext) -> None:
    for i in range(40):
        team.create_team(ctx, {"name": f"Team {i} " + "x" * 150, "kind": "cat"})
    path = ctx.db.path
    assert path is not None
    ctx.db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'teams'").fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\x07" * page_size  # the teams table's root page
    path.write_bytes(bytes(data))

    damaged = Database.at(path)
    problems = check_database(damaged)
    damaged.close()

    assert problems
    assert len(set(problems)) == len(problems)  # a failure repeated by each check shows once
    assert any("damaged" in p or "could not be read" in p for p in problems)


def sqlite_file(path: Path, sql: str) -> bytes:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    return path.read_bytes()


def test_refuses_a_foreign_file_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "hubdesk.sqlite"
    before = sqlite_file(path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x');")
    with pytest.raises(StorageError, match="not a HubDesk database"):
        refuse_unusable_file(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hubdesk.sqlite"]


def test_refuses_a_newer_database_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "hubdesk.sqlite"
    before = sqlite_file(
        path,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);"
        "INSERT INTO alembic_version VALUES ('9999_future');",
    )
    with pytest.raises(StorageError, match="newer version"):
        refuse_unusable_file(path)
    assert path.read_bytes() == before


def test_refuses_a_file_that_is_no_database(tmp_path: Path) -> None:
    path = tmp_path / "hubdesk.sqlite"
    path.write_bytes(b"PK\x03\x04 a zip file, say")
    with pytest.raises(StorageError, match="not a HubDesk database"):
        refuse_unusable_file(path)


def test_accepts_missing_empty_and_own_files(tmp_path: Path, migrated_template: Path) -> None:
    refuse_unusable_file(tmp_path / "missing.sqlite")
    (tmp_path / "empty.sqlite").write_bytes(b"")
    refuse_unusable_file(tmp_path / "empty.sqlite")
    refuse_unusable_file(migrated_template)  # a file as HubDesk makes it, whatever --database
