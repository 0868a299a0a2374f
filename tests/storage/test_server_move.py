"""``hubdesk server move``: a hub on one PC's file moves into an empty PostgreSQL database.

Runs with ``--database postgresql`` (the server is the tests' throwaway one).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Table, text
from sqlalchemy.engine import make_url

from hubdesk.cli import main
from hubdesk.services import calls, history
from hubdesk.services.installation import load_context
from hubdesk.services.staff import list_staff
from hubdesk.storage import server, transfer
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.open import open_database
from hubdesk.sync import keys


def sqlite_hub(folder: Path) -> str:
    """A hub on its own file with a call it published; returns the call's id."""
    assert main(["--data-dir", str(folder), "init", "--role", "hub", "--name", "Regional hub"]) == 0
    db = open_database(folder)
    try:
        call = calls.create_call(load_context(db, folder), {"title": "Youth voices", "round": "1"})
    finally:
        db.close()
    return call.id


def stats(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "stats", "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out))


def server_tables(url: str) -> list[str]:
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            return list(
                connection.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                ).scalars()
            )
    finally:
        db.close()


def unchanged(folder: Path) -> bool:
    """The folder still works on its own file and names no server."""
    return database_path(folder).is_file() and not server.setting_path(folder).exists()


def test_a_hub_moves_with_everything_and_keeps_its_file(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hub"
    call_id = sqlite_hub(folder)
    fingerprint = keys.load_keys(folder).public.fingerprint
    before = stats(folder, capsys)

    assert main(["--data-dir", str(folder), "server", "move", "--database-url", server_url]) == 0
    said = capsys.readouterr().out
    assert "checked table by table" in said and "rows" in said and "before-server-move-" in said

    assert make_url(json.loads(server.setting_path(folder).read_text("utf-8"))["url"]) == (
        make_url(server_url).set(drivername=server.DRIVER)
    )
    assert not database_path(folder).exists()  # the folder names the server from now on
    kept = list((folder / "backups").glob("before-server-move-*.sqlite"))
    assert len(kept) == 1
    assert stats(folder, capsys) == before  # the same records, now read from the server
    assert keys.load_keys(folder).public.fingerprint == fingerprint  # still the sync PC

    db = open_database(folder)
    try:
        assert not db.is_sqlite
        ctx = load_context(db, folder)
        assert [(m.login, m.role) for m in list_staff(ctx)] == [("hubdesk", "hub_admin")]
        assert history.record_history(ctx, "calls", call_id)  # its history came along
        calls.create_call(ctx, {"title": "After the move", "round": "2"})  # new ids go on
    finally:
        db.close()
    old = Database.at(kept[0])
    try:
        with old.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM calls")).scalar() == 1
    finally:
        old.close()
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert main(["--data-dir", str(folder), "server", "move", "--database-url", server_url]) == 2
    assert "on a database server already" in capsys.readouterr().err


def test_a_server_database_that_holds_data_is_refused(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other-hub"
    assert main(["--data-dir", str(other), "--database-url", server_url,
                 "init", "--role", "hub", "--name", "Another hub"]) == 0  # fmt: skip
    folder = tmp_path / "hub"
    sqlite_hub(folder)
    before = stats(folder, capsys)
    # the address may also come before the command, as for init
    assert main(["--data-dir", str(folder), "--database-url", server_url, "server", "move"]) == 2
    error = capsys.readouterr().err
    assert "is not empty" in error and "Nothing was changed" in error
    assert error.count("\n") == 1
    assert unchanged(folder) and stats(folder, capsys) == before
    db = Database(server_url)
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM installation")).scalar() == (
                "Another hub"
            )
    finally:
        db.close()


@pytest.mark.parametrize(
    ("role", "address", "expected"),
    [
        ("municipality", None, "Only a hub moves"),
        ("hub", lambda u: u.set(host="127.0.0.1", port=1, query={}), "does not answer"),
        ("hub", lambda u: u.set(database="no_such_database"), "no database"),
        ("hub", lambda u: u.set(password="secret"), "does not store a database password"),
    ],
)
def test_refusals_change_nothing(
    tmp_path: Path,
    server_url: str,
    capsys: pytest.CaptureFixture[str],
    role: str,
    address: Any,
    expected: str,
) -> None:
    folder = tmp_path / "here"
    if role == "hub":
        sqlite_hub(folder)
    else:
        assert main(["--data-dir", str(folder), "init", "--role", role, "--name", "Tetovo",
                     "--country", "MK"]) == 0  # fmt: skip
    url = server_url if address is None else address(make_url(server_url))
    raw = url if isinstance(url, str) else url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "server", "move", "--database-url", raw]) == 2
    error = capsys.readouterr().err
    assert expected in error and "Traceback" not in error and error.count("\n") == 1
    assert unchanged(folder)
    assert server_tables(server_url) == []  # not even the schema was made


def test_a_folder_that_was_never_set_up_is_told_so(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty"
    assert main(["--data-dir", str(folder), "server", "move", "--database-url", server_url]) == 2
    assert "not set up" in capsys.readouterr().err
    assert server_tables(server_url) == []


def test_a_copy_that_lost_rows_is_rolled_back(
    tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "hub"
    sqlite_hub(folder)
    advance = transfer._advance_sequences

    def losing(connection: Connection, table: Table) -> None:
        if table.name == "calls":  # as if a batch went missing on the way
            connection.execute(text("DELETE FROM calls"))
        advance(connection, table)

    monkeypatch.setattr(transfer, "_advance_sequences", losing)
    target = server.open_server_database(server.parse_url(server_url))
    try:
        with pytest.raises(StorageError, match="calls on the server has 0 rows instead of 1"):
            transfer.copy_into_server(database_path(folder), target)
        with target.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM installation")).scalar() == 0
    finally:
        target.close()


@pytest.mark.parametrize("command", [["init", "--role", "hub", "--name", "Hub"],
                                     ["demo", "--role", "hub"]])  # fmt: skip
def test_a_password_in_the_address_is_refused_before_anything_is_set_up(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """The hub was set up on the server, its keys made, and only then the address refused:
    the folder could neither be opened nor set up again."""
    raw = make_url(server_url).set(password="secret").render_as_string(hide_password=False)
    folder = tmp_path / "hub"
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "--database-url", raw, *command]) == 2
    assert "does not store a database password" in capsys.readouterr().err
    assert server_tables(server_url) == []
    assert not (folder / "keys").exists()


def test_a_command_on_an_empty_database_makes_nothing_there(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """'stats' with a mistyped address made HubDesk's 46 tables in that database, then said
    HubDesk was not set up."""
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "pc"), "--database-url", server_url, "stats"]) == 2
    said = capsys.readouterr().err
    assert "holds no HubDesk hub, and nothing was made in it" in said and said.count("\n") == 1
    assert server_tables(server_url) == []


def test_a_server_database_of_another_program_is_named_as_a_database(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was refused as 'This file is not a HubDesk database': no file is in sight."""
    from hubdesk.storage.db import Database

    other = Database(server_url)
    try:
        with other.engine.begin() as connection:
            connection.execute(text("CREATE TABLE invoices (id integer)"))
    finally:
        other.close()
    capsys.readouterr()
    setup = ["init", "--role", "hub", "--name", "Hub"]
    assert main(["--data-dir", str(tmp_path / "hub"), "--database-url", server_url, *setup]) == 2
    said = capsys.readouterr().err
    assert "holds tables of another program" in said and "file" not in said
    assert server_tables(server_url) == ["invoices"]
