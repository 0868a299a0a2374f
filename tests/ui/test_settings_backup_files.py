"""Settings: a backup restored in the window brings back an attached file, says so, and an old
database-only backup is marked in the list."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import pdf_bytes, write
from gui import choose_row, click, show_window
from pytestqt.qtbot import QtBot

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments, datafolder, meetings
from hubdesk.services.context import ServiceContext
from hubdesk.storage.backup import backup_database
from hubdesk.storage.datadir import backups_dir
from hubdesk.ui.pages.settings import SettingsPage

MINUTES = pdf_bytes("Minutes restored in the window")


def test_restore_in_the_window_brings_back_a_removed_file(
    qtbot: QtBot, small_team: Any, answers: Any, tmp_path: Path
) -> None:
    ctx: ServiceContext = small_team.ctx
    assert ctx.data_dir is not None
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": small_team.team.id,
            "starts_at": dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC),
            "kind": "regular",
        },
    ).id
    added = attachments.add_file(
        ctx, "meeting", meeting, write(tmp_path / "in", "minutes.pdf", MINUTES)
    )
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    click(qtbot, page.backup_now)
    attachments.remove(ctx, added.id)
    digest = hashlib.sha256(MINUTES).hexdigest()
    assert not store.has(ctx.data_dir, digest)

    choose_row(page.backups, 0)
    click(qtbot, page.restore_selected)

    assert store.path_of(ctx.data_dir, digest).read_bytes() == MINUTES
    assert answers.told == ["The backup was restored. 1 attached file is in place."]


def test_an_old_database_only_backup_is_marked_in_the_list(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    assert ctx.data_dir is not None
    backup_database(
        ctx.db, backups_dir(ctx.data_dir) / "hubdesk-20250101-090000-000000-daily.sqlite"
    )
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    assert page.backups.count() == 1
    assert "database only" in page.backups.item(0).text()


def test_the_backups_sizes_are_read_off_the_window_thread(
    qtbot: QtBot, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each size is every file of a backup looked at on disk (thousands of attached files on a
    hub, ten backups): the page waited for them on the window's thread each time it was
    shown. The list is there at once, and each size joins its line when read."""
    assert ctx.data_dir is not None
    for day in ("20250101", "20250102"):
        backup_database(
            ctx.db, backups_dir(ctx.data_dir) / f"hubdesk-{day}-090000-000000-daily.sqlite"
        )
    read_on: list[threading.Thread] = []
    measured = datafolder.backup_size

    def size(path: Path) -> int:
        read_on.append(threading.current_thread())
        return measured(path)

    monkeypatch.setattr(datafolder, "backup_size", size)
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    assert page.backups.count() == 2
    qtbot.waitUntil(lambda: all("KB" in page.backups.item(r).text() for r in range(2)))
    assert len(read_on) >= 2 and threading.main_thread() not in read_on
