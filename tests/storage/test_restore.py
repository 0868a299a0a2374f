"""Restore: validate first, keep the current data as a backup, then replace it in one step."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
from schema_tampering import KINDS, alter
from sqlalchemy import select

from hubdesk.domain import Installation, Team
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage import restore
from hubdesk.storage.backup import backup_database, backup_reason, database_in, list_backups
from hubdesk.storage.check import check_database
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import head_revision, upgrade
from hubdesk.storage.open import open_database
from hubdesk.storage.restore import (
    OtherInstallationError,
    inspect_backup,
    restore_database,
)


def team_names(ctx: ServiceContext) -> list[str]:
    return sorted(t.name for t in team.list_teams(ctx))


def snapshot(data_dir: Path) -> list[tuple[object, ...]]:
    """Every row of the tables a restore must not touch when it refuses."""
    conn = sqlite3.connect(database_path(data_dir))
    try:
        rows = conn.execute("SELECT id, name, hlc_last FROM installation").fetchall()
        rows += conn.execute("SELECT id, name, version FROM teams ORDER BY id").fetchall()
        rows += conn.execute("SELECT version_num FROM alembic_version").fetchall()
        return rows
    finally:
        conn.close()


@pytest.fixture
def saved(ctx: ServiceContext, tmp_path: Path) -> Path:
    """A backup holding one team, "CAT Kumanovo"."""
    team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
    return backup_database(ctx.db, tmp_path / "saved.sqlite")


def test_round_trip_brings_the_data_back(ctx: ServiceContext, saved: Path) -> None:
    assert ctx.data_dir is not None
    team.create_team(ctx, {"name": "Added after the backup", "kind": "cat"})
    assert team_names(ctx) == ["Added after the backup", "CAT Kumanovo"]

    result = restore_database(ctx.data_dir, saved)

    assert team_names(ctx) == ["CAT Kumanovo"]  # the open database sees the restored data
    assert result.info.installation_id == ctx.installation_id
    assert result.info.installation_name == "Kumanovo"
    assert not result.info.needs_migration
    assert check_database(ctx.db) == []


def test_current_data_is_kept_as_a_backup_first(ctx: ServiceContext, saved: Path) -> None:
    assert ctx.data_dir is not None
    team.create_team(ctx, {"name": "Added after the backup", "kind": "cat"})
    result = restore_database(ctx.data_dir, saved)

    assert result.safety_backup in list_backups(ctx.data_dir)
    assert backup_reason(result.safety_backup) == "before-restore"
    conn = sqlite3.connect(database_in(result.safety_backup))
    names = sorted(r[0] for r in conn.execute("SELECT name FROM teams"))
    conn.close()
    assert names == ["Added after the backup", "CAT Kumanovo"]


def test_restore_with_the_callers_open_database(ctx: ServiceContext, saved: Path) -> None:
    assert ctx.data_dir is not None
    team.create_team(ctx, {"name": "Later", "kind": "cat"})
    restore_database(ctx.data_dir, saved, db=ctx.db)
    assert team_names(ctx) == ["CAT Kumanovo"]
    with ctx.db.sessions() as session:  # the engine keeps working after the restore
        assert session.scalars(select(Team.name)).all() == ["CAT Kumanovo"]


def test_clock_never_goes_backwards(ctx: ServiceContext, saved: Path) -> None:
    assert ctx.data_dir is not None
    for i in range(3):
        team.create_team(ctx, {"name": f"Later {i}", "kind": "cat"})
    latest = load_context(ctx.db).clock.last
    restore_database(ctx.data_dir, saved)
    assert load_context(ctx.db).clock.last >= latest


def test_wal_and_shared_memory_stay_consistent(ctx: ServiceContext, saved: Path) -> None:
    """Another connection that was open during the restore reads the restored data."""
    assert ctx.data_dir is not None
    other = sqlite3.connect(database_path(ctx.data_dir))
    other.execute("SELECT count(*) FROM teams").fetchone()
    team.create_team(ctx, {"name": "Later", "kind": "cat"})
    restore_database(ctx.data_dir, saved)
    assert other.execute("SELECT name FROM teams").fetchall() == [("CAT Kumanovo",)]
    assert other.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    other.close()


def refused(ctx: ServiceContext, source: Path, match: str) -> StorageError:
    """Restore ``source``; it must be refused with ``match`` and change nothing at all."""
    assert ctx.data_dir is not None
    before = snapshot(ctx.data_dir)
    backups_before = list_backups(ctx.data_dir)
    with pytest.raises(StorageError, match=match) as caught:
        restore_database(ctx.data_dir, source)
    assert snapshot(ctx.data_dir) == before
    assert list_backups(ctx.data_dir) == backups_before  # refused before backing anything up
    assert not list(ctx.data_dir.glob(".restore-*"))  # the private copy is gone
    assert "Nothing was changed" in str(caught.value) or "There is no file" in str(caught.value)
    return caught.value


def test_refuses_a_missing_file(ctx: ServiceContext, tmp_path: Path) -> None:
    refused(ctx, tmp_path / "nowhere.sqlite", "There is no file")


def test_refuses_a_folder(ctx: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="a folder, but not a HubDesk backup") as refused:
        assert ctx.data_dir is not None
        restore_database(ctx.data_dir, tmp_path)
    assert "contents.json" in str(refused.value) and "Nothing was changed" in str(refused.value)


def test_refuses_a_garbage_file(ctx: ServiceContext, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is a shopping list, not a database\n" * 200)
    refused(ctx, garbage, "not a database file")


def test_refuses_an_empty_file(ctx: ServiceContext, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    refused(ctx, empty, "not a database file")


def test_refuses_a_truncated_backup(ctx: ServiceContext, saved: Path, tmp_path: Path) -> None:
    data = saved.read_bytes()
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(data[: len(data) // 2])
    refused(ctx, truncated, "damaged")


def test_refuses_a_backup_with_damaged_pages(
    ctx: ServiceContext, saved: Path, tmp_path: Path
) -> None:
    data = bytearray(saved.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):  # scribble over many pages
        data[offset + 8 : offset + 200] = b"\xff" * 192
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(bytes(data))
    refused(ctx, damaged, "damaged")


def test_refuses_a_backup_whose_records_point_at_missing_records(
    ctx: ServiceContext, saved: Path, tmp_path: Path
) -> None:
    """A file that reads but whose members point at a team it lacks (emptied by hand with
    foreign keys off) would replace good data with records HubDesk cannot use; ``hubdesk
    check --backup`` says the same as the restore."""
    from hubdesk.storage.backup_check import check_backup

    team_id = team.list_teams(ctx)[0].id
    team.create_member(ctx, {"team_id": team_id, "name": "Ana", "sector": "education",
                             "role": "member", "gender": "female"})  # fmt: skip
    orphaned = tmp_path / "orphaned.sqlite"
    backup_database(ctx.db, orphaned)
    conn = sqlite3.connect(orphaned)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("DELETE FROM teams")
    conn.commit()
    conn.close()
    error = refused(ctx, orphaned, "damaged")
    assert "team_id points to a record missing from teams" in str(error)
    [problem] = check_backup(orphaned)
    assert "team_id points to a record missing from teams" in problem


def test_refuses_a_foreign_sqlite_database(ctx: ServiceContext, tmp_path: Path) -> None:
    foreign = tmp_path / "addresses.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ana', '070 000 000')")
    conn.commit()
    conn.close()
    refused(ctx, foreign, "not a HubDesk backup")


def test_refuses_a_backup_from_a_newer_hubdesk(
    ctx: ServiceContext, saved: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.sqlite"
    shutil.copyfile(saved, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.commit()
    conn.close()
    refused(ctx, newer, "newer version of HubDesk")


def test_refuses_a_backup_without_one_installation(
    ctx: ServiceContext, saved: Path, tmp_path: Path
) -> None:
    two = tmp_path / "two.sqlite"
    shutil.copyfile(saved, two)
    conn = sqlite3.connect(two)
    conn.execute(
        "INSERT INTO installation (id, role, name, language, hlc_last, created_at) "
        "VALUES ('x', 'hub', 'Other', 'en', 0, '2025-01-01 00:00:00.000000')"
    )
    conn.commit()
    conn.close()
    refused(ctx, two, "2 installation records")


def test_refuses_another_installations_backup(ctx: ServiceContext, tmp_path: Path) -> None:
    other = open_database(tmp_path / "other")
    initialise(other, role="municipality", name="Elbasan", country="AL")
    foreign_backup = backup_database(other, tmp_path / "elbasan.sqlite")
    other.close()
    error = refused(ctx, foreign_backup, "another installation")
    assert isinstance(error, OtherInstallationError)
    assert "Elbasan" in str(error) and "Kumanovo" in str(error)


def test_another_installations_backup_when_allowed(ctx: ServiceContext, tmp_path: Path) -> None:
    assert ctx.data_dir is not None
    other = open_database(tmp_path / "other")
    initialise(other, role="municipality", name="Elbasan", country="AL")
    foreign_backup = backup_database(other, tmp_path / "elbasan.sqlite")
    other.close()
    restore_database(ctx.data_dir, foreign_backup, allow_other_installation=True)
    with ctx.db.sessions() as session:
        assert session.scalars(select(Installation.name)).all() == ["Elbasan"]


def test_refuses_the_live_database_itself(ctx: ServiceContext) -> None:
    assert ctx.data_dir is not None
    with pytest.raises(StorageError, match="database in use"):
        restore_database(ctx.data_dir, database_path(ctx.data_dir))


def test_restore_onto_a_new_pc(saved: Path, tmp_path: Path) -> None:
    """An empty data folder takes any installation's backup: that is how a PC is replaced."""
    fresh = tmp_path / "new-pc"
    result = restore_database(fresh, saved)
    db = open_database(fresh)
    try:
        assert load_context(db).installation_id == result.info.installation_id
        assert check_database(db) == []
    finally:
        db.close()


def make_old_backup(path: Path) -> str:
    """A backup written by the first HubDesk release (schema 0001), with data in it."""
    db = Database.at(path)
    upgrade(db, "0001")
    installation_id = str(uuid.uuid4())
    municipality_id = str(uuid.uuid4())
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO installation (id, role, name, municipality_id, language, hlc_last, "
            "created_at) VALUES (?, 'municipality', 'Gostivar', ?, 'mk', 5, "
            "'2024-01-01 00:00:00.000000')",
            (installation_id, municipality_id),
        )
        conn.exec_driver_sql(
            "INSERT INTO municipalities (id, name, country, currency, origin, version, "
            "updated_by, updated_at, deleted) VALUES (?, 'Gostivar', 'MK', 'MKD', ?, 1, ?, "
            "'2024-01-01 00:00:00.000000', 0)",
            (municipality_id, installation_id, installation_id),
        )
    db.close()
    return installation_id


def test_an_older_backup_is_migrated(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    installation_id = make_old_backup(old)
    old_bytes = old.read_bytes()
    info = inspect_backup(old, tmp_path / "work")
    assert info.revision == "0001" and info.needs_migration

    result = restore_database(tmp_path / "data", old)
    assert result.info.needs_migration
    db = open_database(tmp_path / "data")
    try:
        assert load_context(db).installation_id == installation_id
        assert check_database(db) == []
    finally:
        db.close()
    assert old.read_bytes() == old_bytes  # the person's file is never changed


def test_a_backup_with_another_page_size(ctx: ServiceContext, saved: Path, tmp_path: Path) -> None:
    """SQLite cannot copy pages of another size into a WAL database; the copy is converted."""
    assert ctx.data_dir is not None
    odd = tmp_path / "odd.sqlite"
    shutil.copyfile(saved, odd)
    conn = sqlite3.connect(odd, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA page_size=8192")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone() == (8192,)
    conn.close()
    team.create_team(ctx, {"name": "Later", "kind": "cat"})
    restore_database(ctx.data_dir, odd)
    assert team_names(ctx) == ["CAT Kumanovo"]


def test_inspect_reports_what_the_backup_holds(saved: Path, tmp_path: Path) -> None:
    info = inspect_backup(saved, tmp_path / "work")
    assert info.installation_name == "Kumanovo"
    assert info.revision == head_revision()
    assert not list((tmp_path / "work").iterdir())


@pytest.mark.parametrize("kind", KINDS)
def test_refuses_a_backup_whose_schema_was_altered(
    kind: str, ctx: ServiceContext, saved: Path, tmp_path: Path
) -> None:
    altered = tmp_path / "altered.sqlite"
    shutil.copyfile(saved, altered)
    fragment = alter(altered, kind)
    error = refused(ctx, altered, "not exactly a HubDesk backup")
    assert fragment in str(error)
    with pytest.raises(StorageError, match="not exactly a HubDesk backup"):
        inspect_backup(altered, tmp_path / "work")


def test_refuses_an_altered_older_backup(ctx: ServiceContext, tmp_path: Path) -> None:
    """An older backup is compared with its own revision's schema, before it is migrated."""
    old = tmp_path / "old.sqlite"
    make_old_backup(old)
    alter(old, "extra trigger")
    error = refused(ctx, old, "not exactly a HubDesk backup")
    assert "wipe_meetings" in str(error)


def test_an_altered_backup_names_its_first_differences(
    ctx: ServiceContext, saved: Path, tmp_path: Path
) -> None:
    altered = tmp_path / "altered.sqlite"
    shutil.copyfile(saved, altered)
    for kind in ("extra trigger", "extra column", "extra table", "extra view"):
        alter(altered, kind)
    error = refused(ctx, altered, "not exactly a HubDesk backup")
    assert "(2 more differences.)" in str(error)


TWO_GB = 2 * 1024**3


@pytest.fixture
def cheap_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records any copy or scan of the file: a refusal by header must need neither."""
    expensive: list[str] = []
    monkeypatch.setattr(restore.shutil, "copyfile", lambda *a: expensive.append("copy"))
    monkeypatch.setattr(restore, "sound_problems", lambda c: expensive.append("scan") or [])
    return expensive


def sparse(path: Path, head: bytes, size: int) -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)  # a hole: gigabytes on paper, nothing on the disk
    return path


def test_refuses_two_gigabytes_of_junk_from_its_header(
    ctx: ServiceContext, tmp_path: Path, cheap_only: list[str]
) -> None:
    junk = sparse(tmp_path / "junk.sqlite", b"", TWO_GB)
    started = time.perf_counter()
    refused(ctx, junk, "not a database file")
    print(f"2 GB of junk refused in {(time.perf_counter() - started) * 1000:.1f} ms")
    assert cheap_only == []


def test_refuses_a_database_header_on_two_gigabytes_from_its_size(
    ctx: ServiceContext, saved: Path, tmp_path: Path, cheap_only: list[str]
) -> None:
    """A real backup's first page, then 2 GB that its header does not account for."""
    head = saved.read_bytes()[:4096]
    padded = sparse(tmp_path / "padded.sqlite", head, TWO_GB)
    started = time.perf_counter()
    refused(ctx, padded, "size does not match its header")
    print(
        f"2 GB behind a database header refused in {(time.perf_counter() - started) * 1000:.1f} ms"
    )
    assert cheap_only == []


def test_refuses_a_header_with_an_impossible_page_size(
    ctx: ServiceContext, saved: Path, tmp_path: Path, cheap_only: list[str]
) -> None:
    data = bytearray(saved.read_bytes())
    data[16:18] = (1000).to_bytes(2, "big")
    odd = tmp_path / "odd.sqlite"
    odd.write_bytes(bytes(data))
    refused(ctx, odd, "header is not valid")
    assert cheap_only == []


def test_a_full_disk_is_not_blamed_on_the_backup(
    ctx: ServiceContext, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup reads fine; the data folder has no room for the copy checked first."""

    def full_disk(source: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(restore.shutil, "copyfile", full_disk)
    error = refused(ctx, saved, "into the data folder")
    assert os.strerror(errno.ENOSPC) in str(error) and "Could not read" not in str(error)
