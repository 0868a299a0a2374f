"""The server itself enforces what each staff login may write (``storage/server_rights.py``).

A staff member can open ``psql`` with their own login: what HubDesk refuses them must be
refused there too. The hub here is set up as the README says: the administrator's own login
(not a superuser) owns the database and sets the hub up; colleagues get their rights from
HubDesk when they go on the staff list. Run with ``--database postgresql``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from pg import add_login
from sqlalchemy import text
from sqlalchemy.engine import make_url
from test_server import hub_on_server

from hubdesk.cli import main
from hubdesk.services import calls
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.installation import load_context, set_language
from hubdesk.storage import server
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import alembic_config
from hubdesk.storage.server_errors import NoRights
from hubdesk.sync import conflicts


def owned_hub(folder: Path, server_url: str) -> str:
    """The hub set up by the administrator's login, which owns its database; its address."""
    owner_url = add_login(server_url, "hubowner")
    superuser = Database(server_url)
    try:
        with superuser.engine.begin() as connection:
            name = connection.dialect.identifier_preparer.quote(make_url(server_url).database)
            connection.execute(text(f"ALTER DATABASE {name} OWNER TO hubowner"))
    finally:
        superuser.close()
    hub_on_server(folder, owner_url)
    return owner_url


def run(url: str, statement: str, **values: object) -> object:
    db = Database(url)
    try:
        with db.engine.begin() as connection:
            result = connection.execute(text(statement), values)
            return result.scalar() if result.returns_rows else None
    finally:
        db.close()


def refused(url: str, statement: str, **values: object) -> None:
    with pytest.raises(NoRights, match="refused this to your login"):
        run(url, statement, **values)


def staff_rows(url: str) -> list[tuple[object, ...]]:
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            query = text("SELECT login, role, active FROM staff ORDER BY login")
            return [tuple(row) for row in connection.execute(query)]
    finally:
        db.close()


AUDIT_ROW = (
    "INSERT INTO audit_log (at, installation_id, table_name, record_id, version, action, "
    "changes{person}) VALUES (now(), 'x', 'calls', 'x', 1, 'update', '{{}}'{value})"
)
PEER = (
    "INSERT INTO sync_peers (id, role, name, municipality_name, signing_key, age_recipient, "
    "fingerprint, enrolled_at, next_out_sequence, last_in_sequence, acked_out_sequence, "
    "acked_audit_mark) VALUES ('p', 'municipality', 'Forged', '', 'k', 'a', 'f', now(), 1, 0, 0, 0)"
)


def test_a_staff_login_works_through_hubdesk_but_cannot_write_what_it_refuses(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url = owned_hub(tmp_path / "admin-pc", server_url)
    amina_url = add_login(server_url, "amina")
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc")]
    assert main([*admin_pc, "staff", "add", "amina", "--name", "Amina Hoxha"]) == 0
    list_before = staff_rows(owner_url)

    db = Database(amina_url)
    try:  # the work of a staff PC goes through
        amina = load_context(db, tmp_path / "amina-pc")
        call = calls.create_call(amina, {"title": "Youth voices", "round": "1"})
        calls.update_call(amina, call.id, {"title": "Youth voices 2027"})
        set_language(amina, "sq")
        conflict = run(
            owner_url,
            "INSERT INTO conflicts (detected_at, table_name, record_id, winner_version, "
            "winner_installation, loser_version, loser_installation, loser_data, resolution) "
            "VALUES (now(), 'calls', :id, 2, 'x', 1, 'x', '{}', '') RETURNING id",
            id=call.id,
        )
        conflicts.keep_current(amina, int(str(conflict)))
        assert not conflicts.list_conflicts(amina)
    finally:
        db.close()
    assert run(amina_url, "SELECT count(*) FROM audit_log WHERE person = 'amina'") == 2

    # ... but what HubDesk refuses her, the server refuses her too.
    refused(amina_url, "INSERT INTO staff VALUES ('amina2', 'A', 'hub_admin', true, now(), '')")
    refused(amina_url, "UPDATE staff SET role = 'hub_admin' WHERE login = 'amina'")
    refused(amina_url, "DELETE FROM staff WHERE login = 'hubowner'")
    refused(amina_url, "UPDATE audit_log SET person = 'hubowner'")
    refused(amina_url, "DELETE FROM audit_log")
    refused(amina_url, "TRUNCATE audit_log")
    refused(amina_url, AUDIT_ROW.format(person=", person", value=", 'hubowner'"))
    refused(amina_url, PEER)
    refused(amina_url, "UPDATE sync_peers SET signing_key = 'mine', revoked_at = NULL")
    refused(amina_url, "DELETE FROM sync_peers")
    refused(amina_url, "UPDATE installation SET role = 'municipality'")
    refused(amina_url, "DELETE FROM sync_bundles")
    refused(amina_url, "SELECT hubdesk_staff_rights()")
    refused(amina_url, "DROP TABLE calls")
    # A group role put on the list gets nothing, so none of its members gains through it.
    run(server_url, "DROP ROLE IF EXISTS helpers; CREATE ROLE helpers NOLOGIN")
    run(server_url, "GRANT helpers TO amina")
    run(owner_url, "INSERT INTO staff VALUES ('helpers', 'H', 'hub_admin', true, now(), '')")
    refused(amina_url, "SET ROLE helpers; UPDATE staff SET role = 'hub_admin'")
    run(owner_url, "DELETE FROM staff WHERE login = 'helpers'")
    run(server_url, "REVOKE helpers FROM amina")
    assert staff_rows(owner_url) == list_before
    # A backup is every staff member's to make (pg_dump reads every table and sequence).
    as_amina = ["--data-dir", str(tmp_path / "amina-pc"), "--database-url", amina_url]
    assert main([*as_amina, "backup", "--to", str(tmp_path / "amina-backup")]) == 0
    # An audit entry she adds names her, whatever she would like it to say.
    run(amina_url, AUDIT_ROW.format(person="", value=""))
    assert run(owner_url, "SELECT person FROM audit_log ORDER BY id DESC LIMIT 1") == "amina"


def test_an_administrators_login_manages_and_a_removed_login_can_do_nothing(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url = owned_hub(tmp_path / "admin-pc", server_url)
    edon_url, fatos_url = add_login(server_url, "edon"), add_login(server_url, "fatos")
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc")]
    assert main([*admin_pc, "staff", "add", "edon", "--name", "Edon", "--admin"]) == 0
    as_edon = ["--data-dir", str(tmp_path / "edon-pc"), "--database-url", edon_url]
    as_fatos = ["--data-dir", str(tmp_path / "fatos-pc"), "--database-url", fatos_url]
    # An administrator who does not own the database adds and removes colleagues.
    assert main([*as_edon, "staff", "add", "fatos", "--name", "Fatos"]) == 0
    run(edon_url, "UPDATE staff SET name = 'Fatos Krasniqi' WHERE login = 'fatos'")
    town = tmp_path / "town"
    assert main(["--data-dir", str(town), "init", "--role", "municipality",
                 "--name", "Tetovo", "--country", "MK"]) == 0  # fmt: skip
    card = tmp_path / "tetovo.profile"
    assert main(["--data-dir", str(town), "profile", "export", "--to", str(card)]) == 0
    assert main([*as_edon, "peers", "add", str(card), "--yes"]) == 0  # whom the hub trusts
    run(edon_url, "UPDATE sync_peers SET revoked_at = now()")
    refused(edon_url, "DELETE FROM audit_log")  # the history: never
    refused(edon_url, "UPDATE audit_log SET changes = '{}'")
    capsys.readouterr()
    assert main([*as_fatos, "staff", "rights"]) == 2
    assert "administrators" in capsys.readouterr().err
    db = Database(fatos_url)
    try:
        fatos = load_context(db, None)
        calls.create_call(fatos, {"title": "Peer visits", "round": "1"})
        assert main([*as_edon, "staff", "remove", "fatos"]) == 0
        with pytest.raises(PermissionDenied, match="not on this hub's staff list"):
            calls.create_call(fatos, {"title": "After", "round": "1"})
    finally:
        db.close()
    refused(fatos_url, "SELECT count(*) FROM calls")
    refused(fatos_url, "INSERT INTO staff VALUES ('fatos', 'F', 'hub_admin', true, now(), '')")
    capsys.readouterr()
    assert main([*as_fatos, "stats"]) == 2
    assert "not on this hub's staff list" in capsys.readouterr().err
    assert main([*as_edon, "staff", "rights"]) == 0
    assert "now follow the staff list" in capsys.readouterr().out
    assert run(owner_url, "SELECT count(*) FROM calls") == 1
    # Made plain staff, an administrator loses the rights of one at once.
    assert main([*admin_pc, "staff", "add", "edon", "--name", "Edon"]) == 0
    refused(edon_url, "UPDATE staff SET role = 'hub_admin' WHERE login = 'edon'")


def test_a_login_the_server_does_not_have_is_not_put_on_the_list(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url = owned_hub(tmp_path / "admin-pc", server_url)
    before = staff_rows(owner_url)
    capsys.readouterr()
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc")]
    assert main([*admin_pc, "staff", "add", "nobody_here", "--name", "Ghost"]) == 2
    assert "no login nobody_here" in capsys.readouterr().err
    assert staff_rows(owner_url) == before


def test_an_upgrade_takes_the_old_grant_all_away(tmp_path: Path, server_url: str) -> None:
    owner_url = owned_hub(tmp_path / "admin-pc", server_url)
    amina_url, olga_url = add_login(server_url, "amina"), add_login(server_url, "olga")
    assert main(["--data-dir", str(tmp_path / "admin-pc"), "staff", "add", "amina",
                 "--name", "Amina"]) == 0  # fmt: skip
    owner = Database(owner_url)
    try:  # the hub as an older HubDesk left it, with the GRANT ALL its README asked for
        with owner.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0026")
            for login in ("amina", "olga"):
                connection.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {login}"))
    finally:
        owner.close()
    run(amina_url, "UPDATE audit_log SET person = 'someone else' WHERE false")  # as it was
    with pytest.raises(StorageError, match="owns it"):
        server.open_server_database(server.parse_url(amina_url))  # only the owner upgrades
    server.open_server_database(server.parse_url(owner_url)).close()
    refused(amina_url, "UPDATE audit_log SET person = 'someone else' WHERE false")
    refused(amina_url, "UPDATE staff SET role = 'hub_admin'")
    assert run(amina_url, "SELECT count(*) FROM staff") == 2  # her work goes on
    refused(olga_url, "SELECT count(*) FROM staff")  # not on the list: nothing at all
    with pytest.raises(StorageError, match="not on this hub's staff list"):
        server.open_server_database(server.parse_url(olga_url))


NUMBERED_BUNDLE = (
    "INSERT INTO sync_bundles (id, direction, peer_id, bundle_id, sequence, created_at, "
    'processed_at, file_name, digest, "full", audit_mark, records, summary) VALUES '
    "(:id, 'out', 'p', 'b', 1, now(), now(), '', 'd', false, 0, 0, '{}')"
)


def test_a_staff_login_cannot_take_the_numbers_of_the_logs_next_entries(
    tmp_path: Path, server_url: str
) -> None:
    """Given its own ids, a row of the audit trail or the bundle log took the number the
    server would hand out next, and every change anyone saved then failed; so a staff login
    leaves the ids to the server, on a hub set up now and on one upgraded from 0029."""
    owner_url = owned_hub(tmp_path / "admin-pc", server_url)
    amina_url = add_login(server_url, "amina")
    assert main(["--data-dir", str(tmp_path / "admin-pc"), "staff", "add", "amina",
                 "--name", "Amina"]) == 0  # fmt: skip
    next_audit = "(SELECT last_value + 1 FROM audit_log_id_seq)"
    numbered_entry = AUDIT_ROW.format(person=", id", value=f", {next_audit}")
    refused(amina_url, numbered_entry)
    refused(amina_url, NUMBERED_BUNDLE, id=1)
    owner = Database(owner_url)
    try:  # the hub as HubDesk left it at 0029, when a staff login could
        with owner.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0026")
            command.upgrade(alembic_config(connection), "0029")
    finally:
        owner.close()
    run(amina_url, NUMBERED_BUNDLE + " RETURNING id", id=10)
    server.open_server_database(server.parse_url(owner_url)).close()
    refused(amina_url, numbered_entry)
    refused(amina_url, NUMBERED_BUNDLE, id=11)
    run(amina_url, AUDIT_ROW.format(person="", value=""))  # adding goes on
    db = Database(amina_url)
    try:  # and so does her work, each change with the next number
        calls.create_call(load_context(db, tmp_path / "amina-pc"), {"title": "T", "round": "1"})
    finally:
        db.close()


def test_a_hub_set_up_by_a_login_that_does_not_own_the_database_is_told_so(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(server_url, "amina")  # the database is the server administrator's, not hers
    amina_url = make_url(server_url).set(username="amina").render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "pc"), "--database-url", amina_url,
                 "init", "--role", "hub", "--name", "Regional hub"]) == 2  # fmt: skip
    assert "createdb --owner=amina" in capsys.readouterr().err
    assert run(server_url, "SELECT to_regclass('staff') IS NULL") is True
    assert not server.setting_path(tmp_path / "pc").exists()
