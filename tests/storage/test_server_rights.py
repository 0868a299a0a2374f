"""A staff member's rights on a hub's server change while their window is open.

The list is read when a PC opens the hub; an administrator may take someone off it, or make an
administrator plain staff, while that person is still working. Run with ``--database
postgresql`` (``bash dev test`` does).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text
from test_server import add_login, hub_on_server

from hubdesk.cli import main
from hubdesk.domain import Call
from hubdesk.services import calls, staff
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.storage.server_errors import NoRights


def call_titles(ctx: ServiceContext) -> list[str]:
    with ctx.read() as session:
        return sorted(session.scalars(select(Call.title)))


def test_someone_taken_off_the_list_while_working_changes_nothing_more(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc")]
    hub_on_server(tmp_path / "admin-pc", server_url)
    dina_url = add_login(server_url, "dina")
    assert main([*admin_pc, "staff", "add", "dina", "--name", "Dina Hoxha"]) == 0
    db = Database(dina_url)
    try:
        dina = load_context(db, None)  # her window is open...
        calls.create_call(dina, {"title": "Before", "round": "1"})
        assert main([*admin_pc, "staff", "remove", "dina"]) == 0  # ...when she is removed
        with pytest.raises(PermissionDenied, match="not on this hub's staff list"):
            calls.create_call(dina, {"title": "After", "round": "1"})
        with pytest.raises(NoRights):  # the server took her rights with her place on the list
            call_titles(dina)
    finally:
        db.close()
    admin = Database(server_url)
    try:
        assert call_titles(load_context(admin, None)) == ["Before"]
    finally:
        admin.close()


def test_an_administrator_made_staff_while_working_manages_nothing_more(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc")]
    hub_on_server(tmp_path / "admin-pc", server_url)
    edon_url = add_login(server_url, "edon")
    assert main([*admin_pc, "staff", "add", "edon", "--name", "Edon", "--admin"]) == 0
    db = Database(edon_url)
    try:
        edon = load_context(db, None)
        assert main([*admin_pc, "staff", "add", "edon", "--name", "Edon"]) == 0  # now staff
        with pytest.raises(PermissionDenied, match="administrators"):
            staff.add_staff(edon, {"login": "carla", "name": "Carla", "role": "hub_admin"})
        assert [m.login for m in staff.list_staff(edon)] == ["edon", "hubdesk"]
        calls.create_call(edon, {"title": "Still staff", "round": "1"})  # records: yes
        assert call_titles(edon) == ["Still staff"]
    finally:
        db.close()


def test_a_backup_restores_after_a_login_it_names_was_dropped_and_rights_follow_its_list(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup's grants name the logins of its day; one dropped on the server since must not
    make the restore fail, and the colleagues on the restored list can work right after."""
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc")]
    hub_on_server(tmp_path / "admin-pc", server_url)
    gone = f"gone_{uuid.uuid4().hex[:8]}"
    add_login(server_url, gone)
    fern_url = add_login(server_url, "fern")
    assert main([*admin_pc, "staff", "add", gone, "--name", "Left the hub"]) == 0
    assert main([*admin_pc, "staff", "add", "fern", "--name", "Fern"]) == 0
    saved = tmp_path / "hub-backup"
    assert main([*admin_pc, "backup", "--to", str(saved)]) == 0
    assert main([*admin_pc, "staff", "remove", gone]) == 0
    admin = Database(server_url)
    try:
        with admin.engine.begin() as connection:  # the server's administrator drops the login
            connection.execute(text(f'DROP OWNED BY "{gone}"'))
            connection.execute(text(f'DROP ROLE "{gone}"'))
    finally:
        admin.close()
    capsys.readouterr()
    assert main([*admin_pc, "restore", str(saved), "--yes"]) == 0, capsys.readouterr().err
    db = Database(fern_url)
    try:
        fern = load_context(db, None)  # on the restored list: reads and writes the records
        calls.create_call(fern, {"title": "After the restore", "round": "1"})
        assert call_titles(fern) == ["After the restore"]
    finally:
        db.close()
