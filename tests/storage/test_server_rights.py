"""A staff member's rights on a hub's server change while their window is open.

The list is read when a PC opens the hub; an administrator may take someone off it, or make an
administrator plain staff, while that person is still working. Run with ``--database
postgresql`` (``bash dev test`` does).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
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
