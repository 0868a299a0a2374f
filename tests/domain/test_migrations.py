"""Alembic owns the schema: fresh databases match the models, old ones upgrade with their data."""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import hubdesk.domain
from hubdesk.domain import Base
from hubdesk.services import team
from hubdesk.services.installation import load_context
from hubdesk.storage.backup import backup_reason, database_in, list_backups
from hubdesk.storage.check import check_database
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import current_revision, head_revision, migrate, upgrade
from hubdesk.storage.open import open_database

FIRST = "0001"
STAMP = "2024-03-01 10:00:00.000000"


def all_models_loaded() -> None:
    """Import every domain module, so that a model nobody imports yet is compared too."""
    for module in pkgutil.iter_modules(hubdesk.domain.__path__):
        importlib.import_module(f"hubdesk.domain.{module.name}")


def test_fresh_database_equals_the_models(tmp_path: Path) -> None:
    all_models_loaded()
    db = Database.at(tmp_path / "fresh.sqlite")
    try:
        assert migrate(db) is True
        with db.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        db.close()


def test_fresh_server_database_equals_the_models(server_url: str) -> None:
    """The same on a hub's PostgreSQL server, where integers are 64-bit."""
    all_models_loaded()
    db = Database(server_url)
    try:
        assert migrate(db) is True
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        db.close()


def test_migrating_a_current_database_does_nothing(db: Database) -> None:
    assert migrate(db) is False


# --- a database written by the first release -----------------------------------------------


def first_release_database(path: Path) -> dict[str, str]:
    """Schema 0001 with an installation, a municipality, a team, two members and a meeting,
    written with plain SQL as the first release would have left them."""
    ids = {name: str(uuid.uuid4()) for name in ("inst", "muni", "team", "ana", "blerim", "meet")}
    db = Database.at(path)
    upgrade(db, FIRST)
    meta = f"'{ids['inst']}', 7, NULL, '{ids['inst']}', '{STAMP}', 0"
    sync_cols = "origin, version, base_version, updated_by, updated_at, deleted"
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO installation (id, role, name, municipality_id, language, hlc_last, "
            f"created_at) VALUES ('{ids['inst']}', 'municipality', 'Čair', '{ids['muni']}', "
            f"'sq', 9, '{STAMP}')"
        )
        conn.exec_driver_sql(
            f"INSERT INTO municipalities (id, name, country, currency, {sync_cols}) "
            f"VALUES ('{ids['muni']}', 'Čair', 'MK', 'MKD', {meta})"
        )
        conn.exec_driver_sql(
            "INSERT INTO teams (id, municipality_id, name, kind, established_on, mandate_ref, "
            f"{sync_cols}) VALUES ('{ids['team']}', '{ids['muni']}', 'CAT Čair', 'cat', "
            f"'2021-05-04', 'Council decision 12/2021', {meta})"
        )
        for key, name, gender in (("ana", "Ana Petrovska", "female"), ("blerim", "Blerim", "male")):
            conn.exec_driver_sql(
                "INSERT INTO members (id, team_id, municipality_id, name, organisation, sector, "
                "role, gender, joined_on, left_on, trainings, email, phone, consent_on, notes, "
                f"{sync_cols}) VALUES ('{ids[key]}', '{ids['team']}', '{ids['muni']}', "
                f"'{name}', 'School no. 3', 'education', 'member', '{gender}', '2021-06-01', "
                f"NULL, '', 'a@example.org', '', NULL, 'private note', {meta})"
            )
        conn.exec_driver_sql(
            "INSERT INTO meetings (id, team_id, municipality_id, starts_at, ends_at, place, "
            f"kind, pillars, agenda, minutes, minutes_internal, {sync_cols}) VALUES "
            f"('{ids['meet']}', '{ids['team']}', '{ids['muni']}', '{STAMP}', NULL, "
            f"'Town hall', 'regular', 'youth,cooperation', 'Agenda', 'Minutes', 0, {meta})"
        )
    db.close()
    return ids


def table_rows(path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT IN ('alembic_version', 'sqlite_sequence')"
            )
        ]
        out: dict[str, tuple[list[str], list[tuple[object, ...]]]] = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            out[table] = (columns, rows)
        return out
    finally:
        conn.close()


def test_upgrade_from_the_first_release_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    ids = first_release_database(path)
    before = table_rows(path)
    assert sum(len(rows) for _, rows in before.values()) == 6

    db = Database.at(path)
    try:
        assert migrate(db) is True
        with db.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
        assert check_database(db) == []
        ctx = load_context(db)
        assert ctx.installation_id == ids["inst"]
        assert ctx.clock.last == 9
        assert [t.name for t in team.list_teams(ctx)] == ["CAT Čair"]
    finally:
        db.close()

    after = table_rows(path)
    conn = sqlite3.connect(path)
    try:
        for table, (columns, rows) in before.items():
            assert table in after
            column_list = ", ".join(f'"{c}"' for c in columns)
            kept = conn.execute(f'SELECT {column_list} FROM "{table}" ORDER BY rowid').fetchall()
            assert kept == rows, table
    finally:
        conn.close()


def test_open_database_backs_an_old_database_up_before_migrating(data_dir: Path) -> None:
    first_release_database(database_path(data_dir))
    assert list_backups(data_dir) == []

    db = open_database(data_dir)
    db.close()

    backups = list_backups(data_dir)
    assert len(backups) == 1
    assert backup_reason(backups[0]) == f"before-migration-{FIRST}"
    conn = sqlite3.connect(database_in(backups[0]))
    try:  # the backup holds the database as it was, before the migration
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (FIRST,)
        assert conn.execute("SELECT name FROM teams").fetchall() == [("CAT Čair",)]
    finally:
        conn.close()


# --- refused untouched ------------------------------------------------------------------------


def newer_database(path: Path) -> bytes:
    db = Database.at(path)
    migrate(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db.close()
    return path.read_bytes()


def foreign_database(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('ajvar')")
    conn.commit()
    conn.close()
    return path.read_bytes()


def garbage_file(path: Path) -> bytes:
    path.write_bytes(b"a letter to the mayor\n" * 300)
    return path.read_bytes()


def test_newer_database_is_refused_untouched(data_dir: Path) -> None:
    path = database_path(data_dir)
    before = newer_database(path)
    with pytest.raises(StorageError, match="newer version of HubDesk"):
        open_database(data_dir)
    assert path.read_bytes() == before
    assert list_backups(data_dir) == []


@pytest.mark.parametrize("make", [newer_database, foreign_database, garbage_file])
def test_unusable_files_are_refused_untouched(
    data_dir: Path, make: Callable[[Path], bytes]
) -> None:
    """The file is looked at read-only before HubDesk's engine opens it (which would switch a
    stranger's database to WAL mode, a write)."""
    path = database_path(data_dir)
    before = make(path)
    with pytest.raises(StorageError):
        open_database(data_dir)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == [path.name]


def test_the_light_revision_list_matches_alembic() -> None:
    """Start-up reads the schema's revisions from storage.schema, not from Alembic."""
    from hubdesk.storage import schema
    from hubdesk.storage.migrate import script_revisions

    assert list(schema.REVISIONS) == script_revisions()


def test_a_database_at_head_opens_without_importing_alembic(data_dir: Path) -> None:
    import subprocess
    import sys

    open_database(data_dir).close()
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from hubdesk.storage.open import open_database\n"
        f"open_database(Path({str(data_dir)!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
