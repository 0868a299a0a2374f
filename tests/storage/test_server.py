"""A hub's database on a PostgreSQL server: the address, opening, backups, check, the CLI.

The tests that need a server run with ``--database postgresql`` (``bash dev test`` does); the
address rules run everywhere.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pg import Server, add_login
from sqlalchemy import text
from sqlalchemy.engine import make_url

from hubdesk.cli import main
from hubdesk.services import calls, history
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import initialise, load_context
from hubdesk.services.stats import table_counts
from hubdesk.storage import server, server_dump
from hubdesk.storage.check import check_database
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import current_revision
from hubdesk.storage.open import open_database
from hubdesk.storage.schema import head_revision
from hubdesk.storage.transfer import copy_into_server
from hubdesk.sync import keys
from hubdesk.sync.errors import SyncError


def test_addresses_are_postgresql_with_hubdesks_driver() -> None:
    url = server.parse_url("postgres://staff@hub.local:5432/hubdesk")
    assert url.drivername == "postgresql+psycopg"
    assert url.database == "hubdesk"
    for wrong in ("mysql://a@b/c", "postgresql://staff@hub.local", "not a url", "sqlite:///x"):
        with pytest.raises(StorageError):
            server.parse_url(wrong)


def test_one_database_written_two_ways_is_the_same() -> None:
    one = server.parse_url("postgresql://amina@hub-server/hubdesk")
    assert server.same_database(one, server.parse_url("postgresql://amina@HUB-SERVER:5432/hubdesk"))
    assert not server.same_database(one, server.parse_url("postgresql://amina@hub-server/other"))
    assert not server.same_database(one, server.parse_url("postgresql://boris@hub-server/hubdesk"))
    assert not server.same_database(
        one, server.parse_url("postgresql://amina@hub-server:5433/hubdesk")
    )


def test_the_setting_never_holds_a_password(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="password"):
        server.save_setting(tmp_path, "postgresql://staff:secret@hub.local/hubdesk")
    assert not server.setting_path(tmp_path).exists()
    server.save_setting(tmp_path, "postgresql://staff@hub.local/hubdesk")
    assert "secret" not in server.setting_path(tmp_path).read_text("utf-8")
    url = server.configured_url(tmp_path)
    assert url is not None and url.host == "hub.local" and url.password is None


@pytest.mark.parametrize("text", ["{not json", "[" * 100_000], ids=["broken", "nested"])
def test_a_damaged_setting_is_one_clear_error(tmp_path: Path, text: str) -> None:
    server.setting_path(tmp_path).write_text(text, "utf-8")
    with pytest.raises(StorageError, match="damaged"):
        server.configured_url(tmp_path)


def test_a_municipality_cannot_be_put_on_a_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "m"
    code = main(["--data-dir", str(folder), "--database-url", "postgresql://a@b/c", "init",
                 "--role", "municipality", "--name", "Tetovo", "--country", "MK"])  # fmt: skip
    assert code == 2
    assert "for a hub" in capsys.readouterr().err
    assert not folder.exists() or not any(folder.iterdir())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda u: u.set(database="no_such_database"), "no database"),
        (lambda u: u.set(username="no_such_person"), "no user"),
        (lambda u: u.set(host="127.0.0.1", port=1, query={}), "does not answer"),
        (lambda u: u.set(host="hub-server.invalid", query={}), "No database server named"),
    ],
)
def test_a_server_that_cannot_be_used_is_one_line(
    server_url: str, change: object, expected: str
) -> None:
    url = change(make_url(server_url))  # type: ignore[operator]
    with pytest.raises(StorageError, match=expected) as caught:
        server.open_server_database(url)
    assert "\n" not in str(caught.value) and "Traceback" not in str(caught.value)


def test_a_server_that_does_not_let_this_pc_in_says_whom_to_ask(own_server: Server) -> None:
    url = make_url(own_server.create("hub"))
    own_server.reject("amina")
    with pytest.raises(StorageError, match="does not let this PC or this login in") as caught:
        server.open_server_database(url.set(username="amina"))
    assert "\n" not in str(caught.value) and "FATAL" not in str(caught.value)


def test_a_network_that_drops_packets_silently_is_noticed_within_a_minute(
    server_url: str,
) -> None:
    """Without keepalives a dead network held a staff window until the operating system gave
    up, a quarter of an hour later. libpq applies these to the connection's TCP socket."""
    db = Database(server_url)
    try:
        with db.engine.connect() as connection:
            told = connection.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
    finally:
        db.close()
    probes = ("keepalives_idle", "keepalives_interval", "keepalives_count")
    idle, interval, count = (int(told[name]) for name in probes)
    assert told.get("keepalives", "1") == "1"
    assert idle + interval * count <= 60
    assert 0 < int(told["tcp_user_timeout"]) <= 60_000


def test_an_empty_server_database_is_migrated_once_by_two_pcs_at_once(server_url: str) -> None:
    url = server.parse_url(server_url)
    errors: list[BaseException] = []
    opened: list[Database] = []

    def start() -> None:
        try:
            opened.append(server.open_server_database(url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for db in opened:
        with db.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        db.close()


def test_a_server_database_at_the_newest_schema_opens_without_alembic(server_url: str) -> None:
    """Every start of a staff PC opens the server database: at the newest schema it is only
    read, and Alembic (a tenth of a second to import) is imported only for an upgrade."""
    server.open_server_database(server.parse_url(server_url)).close()  # made and migrated
    probe = (
        "import sys\n"
        "from hubdesk.storage import server\n"
        f"server.open_server_database(server.parse_url({server_url!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]


def hub_on_server(folder: Path, url: str) -> None:
    assert main(["--data-dir", str(folder), "--database-url", url,
                 "init", "--role", "hub", "--name", "Regional hub"]) == 0  # fmt: skip


def test_init_remembers_the_server_and_later_commands_use_it(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "staff-pc"
    hub_on_server(folder, server_url)
    saved = json.loads(server.setting_path(folder).read_text("utf-8"))
    assert make_url(saved["url"]).database == make_url(server_url).database
    assert not (folder / "hubdesk.sqlite").exists()
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert "healthy" in capsys.readouterr().out


def test_backup_and_restore_with_the_servers_tools(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hub"
    hub_on_server(folder, server_url)
    saved = tmp_path / "hub-backup"
    assert main(["--data-dir", str(folder), "backup", "--to", str(saved)]) == 0
    assert server_dump.is_dump(saved / "hubdesk.pgdump")
    db = open_database(folder)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE installation SET name = 'Changed after the backup'"))
    assert main(["--data-dir", str(folder), "restore", str(saved), "--yes"]) == 0
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM installation")).scalar() == (
            "Regional hub"
        )
    safety = list((folder / "backups").glob("*before-restore"))
    assert len(safety) == 1 and server_dump.is_dump(safety[0] / "hubdesk.pgdump")
    # A dump written by pg_dump itself (or by an older HubDesk) restores as well.
    plain = server_dump.dump(db.url, tmp_path / "plain.pgdump")
    assert main(["--data-dir", str(folder), "restore", str(plain), "--yes"]) == 0
    db.close()
    capsys.readouterr()
    not_a_dump = tmp_path / "notes.txt"
    not_a_dump.write_text("hello", "utf-8")
    assert main(["--data-dir", str(folder), "restore", str(not_a_dump), "--yes"]) == 2
    assert "not a backup of a server database" in capsys.readouterr().err


def test_check_names_what_was_altered_on_the_server(server_url: str) -> None:
    db = server.open_server_database(server.parse_url(server_url))
    try:
        initialise(db, role="hub", name="Regional hub")
        assert check_database(db) == []
        with db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE members ADD COLUMN shoe_size integer"))
            connection.execute(text("ALTER TABLE meetings DROP COLUMN place"))
        problems = check_database(db)
        assert any("members" in p and "shoe_size" in p for p in problems)
        assert any("meetings" in p and "place" in p for p in problems)
    finally:
        db.close()


def test_a_hub_moves_from_its_file_to_a_server_with_all_its_records(
    server_url: str, tmp_path: Path
) -> None:
    local = open_database(tmp_path)
    build_demo(local)
    before = table_counts(load_context(local, None))
    local.close()
    target = server.open_server_database(server.parse_url(server_url))
    try:
        copied = copy_into_server(database_path(tmp_path), target)
        assert copied > 1000
        assert table_counts(load_context(target, None)) == before
        with pytest.raises(StorageError, match="not empty"):
            copy_into_server(database_path(tmp_path), target)
    finally:
        target.close()


# --- staff: one login each, administrators -----------------------------------------------------


def test_staff_work_under_their_own_login_and_only_admins_manage(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "admin-pc"
    hub_on_server(folder, server_url)  # the login that sets the hub up administers it
    amina_url = add_login(server_url, "amina")
    bob_url = add_login(server_url, "bob")
    run = ["--data-dir", str(folder)]
    assert main([*run, "staff", "add", "amina", "--name", "Amina Hoxha"]) == 0
    capsys.readouterr()
    assert main([*run, "staff", "list", "--json"]) == 0
    listed = {row["login"]: row["role"] for row in json.loads(capsys.readouterr().out)}
    assert listed == {"hubdesk": "hub_admin", "amina": "hub_staff"}

    amina_pc = tmp_path / "amina-pc"
    as_amina = ["--data-dir", str(amina_pc), "--database-url", amina_url]
    assert main([*as_amina, "stats"]) == 0  # staff work with the records
    capsys.readouterr()
    assert main([*as_amina, "staff", "add", "bob", "--name", "Bob"]) == 2
    assert "administrators" in capsys.readouterr().err
    assert main([*as_amina, "keys", "create"]) == 2
    assert "administrators" in capsys.readouterr().err
    town = tmp_path / "kumanovo"
    assert main(["--data-dir", str(town), "init", "--role", "municipality", "--name", "Kumanovo",
                 "--country", "MK"]) == 0  # fmt: skip
    card = tmp_path / "kumanovo.json"
    assert main(["--data-dir", str(town), "profile", "export", "--to", str(card)]) == 0
    capsys.readouterr()
    assert main([*as_amina, "peers", "add", str(card), "--yes"]) == 2  # refused before asking
    said = capsys.readouterr()
    assert "administrators" in said.err and "Fingerprint" not in said.out

    db = Database(amina_url)
    try:
        ctx = load_context(db, None)
        assert (ctx.person, ctx.staff_role) == ("amina", "hub_staff")
        call = calls.create_call(ctx, {"title": "Youth voices", "round": "1"})
        with db.engine.connect() as connection:
            people = connection.execute(
                text("SELECT DISTINCT person FROM audit_log WHERE record_id = :id"),
                {"id": call.id},
            ).scalars()
            assert list(people) == ["amina"]  # the database wrote who made the change
        assert history.record_history(ctx, "calls", call.id)[0].person == "Amina Hoxha"
    finally:
        db.close()

    capsys.readouterr()
    as_bob = ["--data-dir", str(tmp_path / "bob-pc"), "--database-url", bob_url]
    assert main([*as_bob, "stats"]) == 2  # a login not on the list works with nothing
    assert "not on this hub's staff list" in capsys.readouterr().err
    # The login owning the database stays an administrator: removed, or named again without
    # --admin (as the README's first step invites), nobody could manage or restore the hub.
    assert main([*run, "staff", "remove", "hubdesk"]) == 2
    assert "owns the hub's database" in capsys.readouterr().err
    assert main([*run, "staff", "add", "hubdesk", "--name", "The Admin"]) == 2
    assert "owns the hub's database" in capsys.readouterr().err
    assert main([*run, "staff", "add", "amina", "--name", "Amina Hoxha", "--admin"]) == 0
    assert main([*run, "staff", "add", "amina", "--name", "Amina Hoxha"]) == 0  # one of two
    capsys.readouterr()
    assert main([*run, "staff", "list", "--json"]) == 0
    listed = {row["login"]: row["role"] for row in json.loads(capsys.readouterr().out)}
    assert listed == {"hubdesk": "hub_admin", "amina": "hub_staff"}


def test_a_staff_pc_without_the_keys_is_sent_to_the_sync_pc(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sync_pc = tmp_path / "sync-pc"
    hub_on_server(sync_pc, server_url)
    town = tmp_path / "town"
    assert main(["--data-dir", str(town), "init", "--role", "municipality",
                 "--name", "Tetovo", "--country", "MK"]) == 0  # fmt: skip
    card = tmp_path / "tetovo.profile"
    assert main(["--data-dir", str(town), "profile", "export", "--to", str(card)]) == 0
    assert main(["--data-dir", str(sync_pc), "peers", "add", str(card), "--yes"]) == 0
    db = Database(server_url)
    try:
        staff_pc = tmp_path / "staff-pc"
        with pytest.raises(SyncError, match="sync PC"):
            keys.own_keys(load_context(db, staff_pc))
        assert keys.own_keys(load_context(db, sync_pc)).public.fingerprint
    finally:
        db.close()
    capsys.readouterr()
    as_staff = ["--data-dir", str(tmp_path / "staff-pc"), "--database-url", server_url]
    assert main([*as_staff, "keys", "create"]) == 2  # a second identity for the hub: refused
    assert "sync PC" in capsys.readouterr().err
    assert not keys.has_keys(tmp_path / "staff-pc")


def test_no_second_identity_for_a_hub_without_peers_yet(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hub's keys are made on its sync PC at set-up: an administrator on another PC is
    refused new keys even before any municipality knows them, and sent to the sync PC by
    'keys show' and 'profile export' too; only keys said to be lost are made anew."""
    sync_pc = tmp_path / "sync-pc"
    hub_on_server(sync_pc, server_url)
    other = ["--data-dir", str(tmp_path / "admin-pc"), "--database-url", server_url]
    capsys.readouterr()
    assert main([*other, "keys", "create"]) == 2
    assert "--keys-lost" in capsys.readouterr().err
    assert not keys.has_keys(tmp_path / "admin-pc")
    for command in (["keys", "show"], ["profile", "export", "--to", str(tmp_path / "p")]):
        assert main([*other, *command]) == 2
        err = capsys.readouterr().err
        assert "sync PC" in err and "keys create" not in err
    assert main([*other, "keys", "create", "--keys-lost"]) == 0
    assert keys.has_keys(tmp_path / "admin-pc")


def test_no_change_lands_while_a_restore_holds_the_database(
    tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A staff member's change made between the restore's safety dump and the restore itself
    would be in neither: while the restore lock is held, changes wait and then give up with a
    clear message, reading goes on, and after the restore the change goes through."""
    from hubdesk.storage import server_clock

    folder = tmp_path / "hub"
    hub_on_server(folder, server_url)
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        monkeypatch.setattr(server_clock, "WAIT_SECONDS", 1)
        draft = {"title": "Round 3", "round": "2027-1", "pillars": ["peer_learning"]}
        with server.restoring(db):
            with pytest.raises(server_clock.BusyError) as caught:
                calls.create_call(ctx, draft)
            assert "being restored" in str(caught.value)
            assert table_counts(ctx)["calls"] == 0  # reading is not held up
        assert calls.create_call(ctx, draft).title == "Round 3"
        assert table_counts(ctx)["calls"] == 1
    finally:
        db.close()
