"""A hub's database server that goes away while a staff member works in the window.

Runs with ``--database postgresql``, on a server of its own that the test stops and starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui import click, type_into
from pg import Server
from pytestqt.qtbot import QtBot

from hubdesk.cli import main
from hubdesk.services import calls
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.ui.editors.call import CallDialog


@pytest.fixture
def hub(own_server: Server, tmp_path: Path) -> Iterator[ServiceContext]:
    url = own_server.create("hub")
    folder = ["--data-dir", str(tmp_path / "hub"), "--database-url", url]
    assert main([*folder, "init", "--role", "hub", "--name", "Regional hub"]) == 0
    database = Database(url)
    yield load_context(database, None)
    database.close()


def test_a_save_while_the_server_is_down_says_so_and_keeps_the_form(
    qtbot: QtBot, hub: ServiceContext, own_server: Server, answers: Any
) -> None:
    call_id = calls.create_call(hub, {"title": "Youth voices", "round": "1"}).id
    dialog = CallDialog(hub, call_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    title = dialog.fields.fields["title"].widget
    type_into(qtbot, title, "Youth voices 2027")
    own_server.halt()
    click(qtbot, dialog.save_button)
    assert len(answers.told) == 1 and "does not answer" in answers.told[0]
    assert dialog.isVisible() and title.text() == "Youth voices 2027"  # nothing typed is lost
    own_server.start()
    click(qtbot, dialog.save_button)  # the same window, once the server is back
    assert not dialog.isVisible()
    assert calls.get_call(hub, call_id).title == "Youth voices 2027"
