"""The schema HubDesk accepts is exactly what its migrations make, at start-up and in ``check``."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from schema_tampering import KINDS, alter, alter_server
from sqlalchemy import text

from hubdesk.services.context import ServiceContext
from hubdesk.storage import schema_shape
from hubdesk.storage.check import AlteredSchemaError, check_database, read_only
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.migrate import upgrade
from hubdesk.storage.open import open_database
from hubdesk.storage.schema import REVISIONS, SCHEMA_DIGESTS, head_revision
from hubdesk.storage.schema_shape import describe, digest, reference_shape, schema_differences


@pytest.mark.parametrize("revision", REVISIONS)
def test_shipped_digest_is_what_the_migrations_make(revision: str) -> None:
    made = digest(reference_shape(revision))
    assert SCHEMA_DIGESTS.get(revision) == made, (
        f'schema.SCHEMA_DIGESTS must say "{revision}": "{made}"'
    )


def test_every_shipped_digest_names_a_revision() -> None:
    assert set(SCHEMA_DIGESTS) == set(REVISIONS)


def test_a_database_file_made_by_open_database_has_the_reference_shape(
    migrated_template: Path,
) -> None:
    with read_only(migrated_template) as conn:
        started = time.perf_counter()
        differences = schema_differences(conn, head_revision())
        took = time.perf_counter() - started
        assert describe(conn) == reference_shape(head_revision())
    print(f"schema compared in {took * 1000:.1f} ms")  # the cost added to every start
    assert differences == []


def test_without_a_shipped_digest_the_migrations_decide(
    migrated_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision whose digest was not written down yet is still compared (slower, correct)."""
    monkeypatch.setattr(schema_shape, "SCHEMA_DIGESTS", {})
    with read_only(migrated_template) as conn:
        assert schema_differences(conn, head_revision()) == []
        conn.execute("SELECT 1")  # still usable
    copy = migrated_template.parent / "altered.sqlite"
    shutil.copyfile(migrated_template, copy)
    fragment = alter(copy, "extra trigger")
    with read_only(copy) as conn:
        assert [fragment in d for d in schema_differences(conn, head_revision())] == [True]


@pytest.fixture
def altered(pg_pool: Any) -> Callable[[Database, str], str]:
    """Do ``kind`` to the test's database, a file or a hub's server (which is then made anew
    for the next test: the tests' server databases are only emptied between tests)."""

    def run(db: Database, kind: str) -> str:
        if db.path is not None:
            return alter(db.path, kind)
        pg_pool.spoil(db)
        return alter_server(db, kind)

    return run


@pytest.mark.parametrize("kind", KINDS)
def test_check_names_each_difference(
    kind: str, ctx: ServiceContext, altered: Callable[[Database, str], str]
) -> None:
    fragment = altered(ctx.db, kind)
    problems = check_database(ctx.db)
    assert len(problems) == 1, problems
    assert fragment in problems[0]


def test_check_lists_every_difference(
    ctx: ServiceContext, altered: Callable[[Database, str], str]
) -> None:
    fragments = [altered(ctx.db, kind) for kind in ("extra trigger", "extra column")]
    problems = check_database(ctx.db)
    assert len(problems) == 2
    assert all(any(f in p for p in problems) for f in fragments)


def test_check_names_a_server_without_the_trigger_behind_the_staff_rights(
    ctx: ServiceContext, pg_pool: Any
) -> None:
    """Without it, a login taken off the staff list would keep its rights on the server."""
    if pg_pool is None:
        pytest.skip("needs --database postgresql")
    pg_pool.spoil(ctx.db)
    with ctx.db.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER staff_rights ON staff"))
    assert check_database(ctx.db) == ["The trigger staff_rights is missing."]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.sqlite_only("start-up compares a database file; a server's is compared by check")
@pytest.mark.parametrize("kind", KINDS)
def test_start_up_refuses_an_altered_database(kind: str, ctx: ServiceContext) -> None:
    """The everyday file is in WAL mode: it is compared through HubDesk's own connection."""
    assert ctx.data_dir is not None
    ctx.db.close()
    path = database_path(ctx.data_dir)
    fragment = alter(path, kind)
    with pytest.raises(AlteredSchemaError, match="not exactly as HubDesk makes it") as caught:
        open_database(ctx.data_dir)
    assert fragment in str(caught.value)
    assert "hubdesk check" in str(caught.value)


@pytest.mark.sqlite_only("a database file's journal mode and bytes")
def test_start_up_refuses_an_altered_file_without_writing_to_it(ctx: ServiceContext) -> None:
    """A file in rollback-journal mode is looked at read-only: not one byte changes."""
    assert ctx.data_dir is not None
    ctx.db.close()
    path = database_path(ctx.data_dir)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    alter(path, "extra trigger")
    before = files(ctx.data_dir)
    with pytest.raises(AlteredSchemaError, match="wipe_meetings"):
        open_database(ctx.data_dir)
    assert files(ctx.data_dir) == before


def old_database(folder: Path, revision: str) -> Path:
    folder.mkdir()
    db = Database.at(database_path(folder))
    upgrade(db, revision)
    db.close()
    return database_path(folder)


def test_an_older_database_is_compared_with_its_own_revision(tmp_path: Path) -> None:
    path = old_database(tmp_path / "old", "0003")  # 0004 dropped indexes 0003 still has
    with read_only(path) as conn:
        assert schema_differences(conn, "0003") == []
        assert schema_differences(conn, head_revision())  # not the newest schema
    db = open_database(tmp_path / "old")  # accepted, and migrated
    try:
        assert check_database(db) == [
            "HubDesk is not set up in this database: it has no installation record."
        ]
    finally:
        db.close()


def test_an_altered_older_database_is_refused_before_migrating(tmp_path: Path) -> None:
    path = old_database(tmp_path / "old", "0002")
    alter(path, "extra column")
    with pytest.raises(AlteredSchemaError, match="column shadow"):
        open_database(tmp_path / "old")
    assert not (tmp_path / "old" / "backups").exists()  # no migration began
    with read_only(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
