"""Starting the window on a staff PC of a hub whose database is on a server that will not let
this person in, or does not answer: one message, never a traceback nobody sees (the window is
started from a desktop icon). Runs with ``--database postgresql``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pg import Server, add_login

from hubdesk import app
from hubdesk.cli import main
from hubdesk.storage import server


def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(app, "tell", lambda _title, text: messages.append(text))
    return messages


def test_a_login_not_on_the_staff_list_is_told_so(
    tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    assert main(["--data-dir", str(tmp_path / "sync-pc"), "--database-url", server_url,
                 "init", "--role", "hub", "--name", "Regional hub"]) == 0  # fmt: skip
    fatos_pc = tmp_path / "fatos-pc"
    server.save_setting(fatos_pc, add_login(server_url, "fatos"))
    messages = told(monkeypatch)
    assert app.run(fatos_pc) == app.EXIT_STORAGE
    assert len(messages) == 1 and "fatos is not on this hub's staff list" in messages[0]


def test_a_server_that_does_not_answer_is_told_so(
    tmp_path: Path, own_server: Server, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    folder = tmp_path / "staff-pc"
    assert main(["--data-dir", str(folder), "--database-url", own_server.create("hub"),
                 "init", "--role", "hub", "--name", "Regional hub"]) == 0  # fmt: skip
    own_server.halt()
    messages = told(monkeypatch)
    assert app.run(folder) == app.EXIT_STORAGE
    assert len(messages) == 1 and "does not answer" in messages[0]
