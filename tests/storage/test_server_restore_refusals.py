"""A server hub's restore refuses, before anything is replaced, a dump this hub should not take:
another hub's, a newer HubDesk's, or a database that is no HubDesk's, as a file backup's restore
does. Run with ``--database postgresql`` (``bash dev test`` does)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from hubdesk.cli import main
from hubdesk.storage import server_dump, server_load
from hubdesk.storage.db import Database
from hubdesk.storage.key_match import folder_signing_key
from hubdesk.storage.key_owner import read_owner
from hubdesk.storage.server_dump_facts import _tables

HUB = "Regional hub"


def hub_on_server(folder: Path, url: str, name: str = HUB) -> list[str]:
    assert main(["--data-dir", str(folder), "--database-url", url,
                 "init", "--role", "hub", "--name", name]) == 0  # fmt: skip
    return ["--data-dir", str(folder)]


def installation_name(url: str) -> str:
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            return str(connection.execute(text("SELECT name FROM installation")).scalar())
    finally:
        db.close()


def other_database(pg_pool: Any, tmp_path: Path, label: str) -> str:
    return str(pg_pool.server.create(f"{label}_{pg_pool.worker}_{abs(hash(str(tmp_path)))}"))


def another_hubs_backup(tmp_path: Path, pg_pool: Any, name: str) -> Path:
    """A backup of another hub, on a database of its own on the same server."""
    theirs = hub_on_server(tmp_path / "theirs", other_database(pg_pool, tmp_path, "theirs"), name)
    saved = tmp_path / "their-backup"
    assert main([*theirs, "backup", "--to", str(saved)]) == 0
    return saved


def test_another_hubs_backup_is_refused_unless_asked_for(
    tmp_path: Path, server_url: str, pg_pool: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = hub_on_server(tmp_path / "ours", server_url)
    saved = another_hubs_backup(tmp_path, pg_pool, "Хаб Југ \\ 2")
    capsys.readouterr()
    assert main([*ours, "restore", str(saved), "--yes"]) != 0
    said = capsys.readouterr().err
    assert "another installation ('Хаб Југ \\ 2')" in said
    assert "--other-installation" in said
    assert installation_name(server_url) == HUB  # nothing changed
    assert main([*ours, "restore", str(saved), "--yes", "--other-installation"]) == 0
    assert installation_name(server_url) == "Хаб Југ \\ 2"


def test_another_hubs_backup_signs_with_the_keys_of_this_sync_pc(
    tmp_path: Path, server_url: str, pg_pool: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Restored on the sync PC with --other-installation, another hub's backup is the hub this
    PC's keys sign for from then on: named so beside the keys (a later restore over a lost
    database takes its backups), its record holds their public key, and the person is told
    to give the hub's profile again."""
    ours = hub_on_server(tmp_path / "ours", server_url)
    saved = another_hubs_backup(tmp_path, pg_pool, "Hub of the south")
    capsys.readouterr()
    assert main([*ours, "restore", str(saved), "--yes", "--other-installation"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "This PC keeps its own keys" in said and "'Hub of the south'" in said
    owner = read_owner(tmp_path / "ours")
    db = Database(server_url)
    try:
        with db.engine.connect() as connection:
            row = connection.execute(text("SELECT id, signing_key FROM installation")).one()
    finally:
        db.close()
    assert owner is not None and (owner.id, owner.name) == (row.id, "Hub of the south")
    assert row.signing_key == folder_signing_key(tmp_path / "ours")
    assert row.signing_key != folder_signing_key(tmp_path / "theirs")


def test_a_newer_hubdesks_backup_is_refused(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = hub_on_server(tmp_path / "ours", server_url)
    db = Database(server_url)
    try:
        with db.engine.begin() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        newer = server_dump.dump(db.url, tmp_path / "newer.pgdump")
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
            connection.execute(text("UPDATE installation SET name = 'Still here'"))
    finally:
        db.close()
    capsys.readouterr()
    assert main([*ours, "restore", str(newer), "--yes"]) != 0
    assert "made by a newer version of HubDesk" in capsys.readouterr().err
    assert installation_name(server_url) == "Still here"


def test_a_database_that_is_no_hubdesks_is_refused(
    tmp_path: Path, server_url: str, pg_pool: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = hub_on_server(tmp_path / "ours", server_url)
    stranger_url = other_database(pg_pool, tmp_path, "stranger")
    stranger = Database(stranger_url)
    try:
        with stranger.engine.begin() as connection:
            connection.execute(text("CREATE TABLE shopping (item text)"))
            connection.execute(text("INSERT INTO shopping VALUES ('bread')"))
        dump = server_dump.dump(stranger.url, tmp_path / "stranger.pgdump")
    finally:
        stranger.close()
    capsys.readouterr()
    assert main([*ours, "restore", str(dump), "--yes"]) != 0
    assert "not a HubDesk backup" in capsys.readouterr().err
    assert installation_name(server_url) == HUB


def test_copy_text_is_read_as_pg_dump_writes_it() -> None:
    out = (
        "SET statement_timeout = 0;\n"
        "COPY public.installation (id, name, note) FROM stdin;\n"
        "abc\tA\\tB \\\\ Ђ\t\\N\n"
        "\\.\n"
    )
    assert _tables(out) == {"installation": [{"id": "abc", "name": "A\tB \\ Ђ", "note": None}]}


def _copy_of_ours_beside(db: Database, schema: str) -> None:
    """A schema beside the hub's own tables holding a copy of its installation and revision."""
    with db.engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        for table in ("alembic_version", "installation"):
            connection.execute(
                text(f'CREATE TABLE "{schema}".{table} AS SELECT * FROM public.{table}')
            )


def test_a_copy_of_this_hub_in_another_schema_does_not_pass_a_newer_hubdesks_dump(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = hub_on_server(tmp_path / "ours", server_url)
    db = Database(server_url)
    try:
        _copy_of_ours_beside(db, "aaa")
        with db.engine.begin() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        newer = server_dump.dump(db.url, tmp_path / "newer.pgdump")
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
            connection.execute(text('DROP SCHEMA "aaa" CASCADE'))
            connection.execute(text("UPDATE installation SET name = 'Still here'"))
    finally:
        db.close()
    capsys.readouterr()
    assert main([*ours, "restore", str(newer), "--yes"]) != 0
    assert "made by a newer version of HubDesk" in capsys.readouterr().err
    assert installation_name(server_url) == "Still here"


def test_a_dump_of_two_installations_is_refused(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = hub_on_server(tmp_path / "ours", server_url)
    db = Database(server_url)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("CREATE TEMPORARY TABLE other AS SELECT * FROM installation"))
            connection.execute(text("UPDATE other SET id = 'ffffffff-0000-4000-8000-000000000000'"))
            connection.execute(text("INSERT INTO installation SELECT * FROM other"))
        two = server_dump.dump(db.url, tmp_path / "two.pgdump")
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM installation WHERE id LIKE 'ffffffff%'"))
            connection.execute(text("UPDATE installation SET name = 'Still here'"))
    finally:
        db.close()
    capsys.readouterr()
    assert main([*ours, "restore", str(two), "--yes"]) != 0
    assert "2 installation records instead of one" in capsys.readouterr().err
    assert installation_name(server_url) == "Still here"


def test_copy_blocks_of_other_schemas_are_passed_over() -> None:
    out = (
        'COPY "a.b".installation (id) FROM stdin;\nforeign\n\\.\n'
        "COPY public.installation (id) FROM stdin;\nours\n\\.\n"
    )
    assert _tables(out) == {"installation": [{"id": "ours"}]}
    assert _tables(out, "a.b") == {"installation": [{"id": "foreign"}]}


def _hub_dump(url: str, target: Path, change: str) -> Path:
    """A dump of the hub at ``url`` after ``change`` (SQL), the hub then as it was."""
    db = Database(url)
    try:
        with db.engine.begin() as connection:
            connection.execute(text(change))
        dump = server_dump.dump(db.url, target)
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE installation SET name = 'Still here'"))
    finally:
        db.close()
    return dump


def test_a_dump_whose_tables_are_not_those_of_its_revision_is_put_back(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A dump that names this HubDesk's revision but holds other tables (edited, or a newer
    HubDesk's with its revision written over) is restored, found wrong and taken back out."""
    ours = hub_on_server(tmp_path / "ours", server_url)
    edited = _hub_dump(
        server_url,
        tmp_path / "edited.pgdump",
        "ALTER TABLE members ADD COLUMN nickname text; "
        "CREATE TABLE extra_notes (id text PRIMARY KEY)",
    )
    db = Database(server_url)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE members DROP COLUMN nickname"))
            connection.execute(text("DROP TABLE extra_notes"))
    finally:
        db.close()
    capsys.readouterr()
    assert main([*ours, "restore", str(edited), "--yes"]) != 0
    said = capsys.readouterr().err
    assert "its tables are not those this HubDesk makes" in said
    assert "nickname" in said and "The data was put back as it was" in said
    assert "Traceback" not in said
    assert installation_name(server_url) == "Still here"
    db = Database(server_url)
    try:
        with db.engine.connect() as connection:
            from hubdesk.storage.server_check import schema_problems

            assert schema_problems(connection) == []
    finally:
        db.close()
    assert main([*ours, "check"]) == 0


def test_a_refused_restore_leaves_the_staff_their_rights(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The safety dump put back came without privileges: 'nothing changed', and every staff
    login was told it was not on the staff list (psql: permission denied for table members)."""
    from pg import add_login

    ours = hub_on_server(tmp_path / "ours", server_url)
    amina_url = add_login(server_url, "amina")
    assert main([*ours, "staff", "add", "amina", "--name", "Amina Hoxha"]) == 0
    edited = _hub_dump(server_url, tmp_path / "edited.pgdump", "CREATE TABLE extra (id text)")
    db = Database(server_url)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE extra"))
    finally:
        db.close()
    capsys.readouterr()
    assert main([*ours, "restore", str(edited), "--yes"]) != 0
    assert "The data was put back as it was" in capsys.readouterr().err
    amina = ["--data-dir", str(tmp_path / "amina-pc"), "--database-url", amina_url]
    assert main([*amina, "stats"]) == 0, capsys.readouterr().err


def test_the_staff_rights_come_back_in_the_restores_own_transaction(
    tmp_path: Path,
    server_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rights were brought in line after the restore's commit: a server gone away in
    between left the data restored and every staff login locked out. Here nothing runs after
    the commit, and the staff can still work."""
    from pg import add_login

    from hubdesk.storage import server_restore

    ours = hub_on_server(tmp_path / "ours", server_url)
    amina_url = add_login(server_url, "amina")
    assert main([*ours, "staff", "add", "amina", "--name", "Amina Hoxha"]) == 0
    backup = tmp_path / "backup"
    assert main([*ours, "backup", "--to", str(backup)]) == 0
    monkeypatch.setattr(server_restore.server_rights, "bring_in_line", lambda _connection: None)
    assert main([*ours, "restore", str(backup), "--yes"]) == 0, capsys.readouterr().err
    amina = ["--data-dir", str(tmp_path / "amina-pc"), "--database-url", amina_url]
    capsys.readouterr()
    assert main([*amina, "stats"]) == 0, capsys.readouterr().err


def test_an_administrator_who_does_not_own_the_database_is_told_who_can_restore(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another administrator's restore made a safety dump, then failed with "-9"."""
    from pg import add_login

    ours = hub_on_server(tmp_path / "ours", server_url)
    amina_url = add_login(server_url, "amina")
    assert main([*ours, "staff", "add", "amina", "--name", "Amina Hoxha", "--admin"]) == 0
    backup = tmp_path / "backup"
    assert main([*ours, "backup", "--to", str(backup)]) == 0
    amina_pc = tmp_path / "amina-pc"
    capsys.readouterr()
    code = main(["--data-dir", str(amina_pc), "--database-url", amina_url,
                 "restore", str(backup), "--yes"])  # fmt: skip
    said = capsys.readouterr().err
    assert code != 0 and "Only the login that owns the hub's database" in said, said
    assert "-9" not in said and not (amina_pc / "backups").exists()


def test_a_staff_login_without_a_terminal_is_told_only_administrators_restore(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asking for --yes first sent a staff member round to a refusal --yes could not lift."""
    from pg import add_login

    ours = hub_on_server(tmp_path / "ours", server_url)
    dina_url = add_login(server_url, "dina")
    assert main([*ours, "staff", "add", "dina", "--name", "Dina Hoxha"]) == 0
    backup = tmp_path / "backup"
    assert main([*ours, "backup", "--to", str(backup)]) == 0
    capsys.readouterr()
    code = main(["--data-dir", str(tmp_path / "dina-pc"), "--database-url", dina_url,
                 "restore", str(backup)])  # fmt: skip
    said = capsys.readouterr().err
    assert code != 0 and "administrators" in said, said
    assert "--yes" not in said


def test_a_backup_an_older_hubdesk_made_restores_and_is_brought_up_to_date(
    tmp_path: Path, server_url: str, pg_pool: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hub restores a backup its HubDesk made before an upgrade: the tables made since are
    not left over beside it, and the restored data is at this HubDesk's schema at once."""
    from alembic import command

    from hubdesk.storage.migrate import alembic_config

    ours = hub_on_server(tmp_path / "ours", server_url)
    old_url = other_database(pg_pool, tmp_path, "older")
    hub_on_server(tmp_path / "older", old_url, name="Hub before the upgrade")
    db = Database(old_url)
    try:
        with db.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0019")
        old = server_dump.dump(db.url, tmp_path / "older.pgdump")
    finally:
        db.close()
    capsys.readouterr()
    assert main([*ours, "restore", str(old), "--yes", "--other-installation"]) == 0, (
        capsys.readouterr().err
    )
    assert installation_name(server_url) == "Hub before the upgrade"
    assert main([*ours, "check"]) == 0


def test_a_dump_that_breaks_off_changes_nothing(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """pg_restore stops partway through a cut-off dump: what its script did until then (the
    schema emptied, tables made anew, some rows in) is never committed."""
    ours = hub_on_server(tmp_path / "ours", server_url)
    whole = _hub_dump(server_url, tmp_path / "whole.pgdump", "SELECT 1")
    cut = tmp_path / "cut.pgdump"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) * 9 // 10])
    from hubdesk.storage import server_load
    from hubdesk.storage.errors import StorageError

    with pytest.raises(StorageError, match="could not be restored; the database was left as"):
        server_load.load(server_url, cut)  # what the dump's own check would refuse first
    assert installation_name(server_url) == "Still here"
    capsys.readouterr()
    assert main([*ours, "check"]) == 0


def test_a_restore_does_not_wait_for_good_on_a_connection_left_open(
    tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """A session left in a transaction (psql, a report tool) held the restore for good, and
    every staff PC's reading queued behind it; now the restore gives up, nothing changed."""
    ours = hub_on_server(tmp_path / "ours", server_url)
    saved = tmp_path / "backup"
    assert main([*ours, "backup", "--to", str(saved)]) == 0
    monkeypatch.setattr(server_load, "LOCK_WAIT_SECONDS", 1)
    reader = Database(server_url)
    connection = reader.engine.connect()
    connection.execute(text("SELECT count(*) FROM calls"))  # its transaction stays open
    # Without the limit the restore would go ahead only once the reader is let go, here.
    letting_go = threading.Timer(20, connection.rollback)
    letting_go.start()
    try:
        capsys.readouterr()
        assert main([*ours, "restore", str(saved), "--yes"]) == 2
        assert letting_go.is_alive()
    finally:
        letting_go.cancel()
        connection.close()
        reader.close()
    said = " ".join(capsys.readouterr().err.split())
    assert "kept using its tables for 1 second " in said and "left as it was" in said
    assert installation_name(server_url) == HUB
