"""What the status bar says of backups: a PC's own, or a server's (its administrator's dumps)."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import Role
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_figures import StatusSummary
from hubdesk.ui.statusbar import HubStatusBar


@pytest.mark.parametrize(
    ("on_server", "last", "said"),
    [
        (False, None, "No backup yet"),
        (True, None, "Backups: on the server, by its administrator"),
        (True, dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC), "Last backup: "),
    ],
)
def test_the_status_bar_says_where_the_backups_are(
    qtbot: QtBot, hub_ctx: ServiceContext, on_server: bool, last: dt.datetime | None, said: str
) -> None:
    bar = HubStatusBar()
    qtbot.addWidget(bar)
    summary = StatusSummary("Hub", Role.HUB, None, last, None, on_server=on_server)
    bar.attach(hub_ctx, summary)
    assert bar.backup.text().startswith(said)
