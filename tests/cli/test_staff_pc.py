"""A staff PC joins the hub's server the way the README says: one command with the address,
then the window and every command open it from the folder (``database.json``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from staff_logins import add_login

from hubdesk import app
from hubdesk.cli import main
from hubdesk.storage import server
from hubdesk.storage.datadir import database_path


@pytest.fixture
def hub_on_server(tmp_path: Path, server_url: str) -> str:
    """The hub set up on the server from its sync PC, and amina on its staff list: her
    login's address (no password: the tests' server trusts its local logins)."""
    sync_pc = tmp_path / "sync-pc"
    assert main(["--data-dir", str(sync_pc), "--database-url", server_url,
                 "init", "--role", "hub", "--name", "Regional hub"]) == 0  # fmt: skip
    amina = add_login(server_url, "amina")
    assert main(["--data-dir", str(sync_pc), "staff", "add", "amina", "--name", "Amina"]) == 0
    return amina


def test_the_first_command_remembers_the_server_for_the_folder(
    tmp_path: Path, hub_on_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = tmp_path / "amina-pc"
    assert main(["--data-dir", str(pc), "--database-url", hub_on_server, "stats"]) == 0
    assert server.configured_url(pc) is not None
    capsys.readouterr()
    assert main(["--data-dir", str(pc), "stats"]) == 0  # no address needed any more
    assert "not set up" not in capsys.readouterr().err


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders the window was started on (the window itself is not run)."""
    started: list[Path] = []
    monkeypatch.setattr(app, "run", lambda folder: started.append(folder) or 0)
    return started


def test_the_window_opens_on_the_server_it_is_given(
    tmp_path: Path, hub_on_server: str, opened: list[Path]
) -> None:
    pc = tmp_path / "amina-pc"
    assert main(["--data-dir", str(pc), "--database-url", hub_on_server]) == 0
    assert opened == [pc]
    assert server.configured_url(pc) is not None  # what the window opens
    assert not database_path(pc).exists()  # no file of its own beside it
    # the same server written another way (the tests' server is reached by its socket)
    again = make_url(hub_on_server).set(drivername="postgresql")
    assert main(["--data-dir", str(pc), "--database-url", again.render_as_string(False)]) == 0
    assert opened == [pc, pc]


def test_a_folder_with_its_own_records_is_never_turned_over_to_a_server(
    tmp_path: Path, hub_on_server: str, capsys: pytest.CaptureFixture[str], opened: list[Path]
) -> None:
    town = tmp_path / "town"
    assert main(["--data-dir", str(town), "init", "--role", "municipality", "--name", "Town",
                 "--country", "MK"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--data-dir", str(town), "--database-url", hub_on_server]) == 2
    assert "holds its own database" in capsys.readouterr().err
    assert opened == [] and server.configured_url(town) is None


def test_a_refused_command_leaves_the_folder_as_it_was(
    tmp_path: Path, hub_on_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Staff may not make the hub's keys: refused, the folder does not name the server."""
    pc = tmp_path / "amina-pc"
    assert main(["--data-dir", str(pc), "--database-url", hub_on_server, "keys", "create"]) == 2
    assert server.configured_url(pc) is None
