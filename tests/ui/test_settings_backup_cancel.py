"""Settings: "Back up now" and a restore show their progress with a Cancel a person can press;
Cancel stops them with nothing kept or replaced, and nothing to tell."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from gui import choose_row, click, show_window
from pytestqt.qtbot import QtBot
from test_import_wizard_cancel import press_cancel_when, wait_for_left_work

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.storage import backup, restore, stopping
from hubdesk.storage.backup import list_backups
from hubdesk.storage.errors import BackupCancelled, StorageError
from hubdesk.ui.pages.settings import SettingsPage


class HeldCopy:
    """The copy of a large database (a hub's, or a backup on a slow USB stick): it reports its
    progress until the test opens ``gate``, then copies; ``ends`` says how each copy ended."""

    def __init__(self, real: Callable[..., None], tell: Callable[[Any], None]) -> None:
        self.real, self.tell = real, tell
        self.copying, self.gate = threading.Event(), threading.Event()
        self.ends: list[str] = []

    def __call__(self, source: Any, target: Any, step: Any) -> None:
        self.copying.set()
        try:
            while not self.gate.wait(0.02):
                self.tell(step)
            self.real(source, target, step)
        except StorageError:  # BackupCancelled, RestoreCancelled
            self.ends.append("stopped")
            raise
        self.ends.append("copied")


def test_cancel_stops_the_backup_and_keeps_nothing(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx: ServiceContext = small_team.ctx
    assert ctx.data_dir is not None
    copy = HeldCopy(backup._copy, lambda step: stopping.report(step, 1, BackupCancelled))
    monkeypatch.setattr(backup, "_copy", copy)
    copying, gate, ends = copy.copying, copy.gate, copy.ends
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    failures = press_cancel_when(qtbot, "Backing up the data", copying.is_set, gate.set)
    click(qtbot, page.backup_now)
    wait_for_left_work(qtbot)
    assert not failures, failures
    assert ends == ["stopped"]
    assert list_backups(ctx.data_dir) == [] and page.backups.count() == 0
    assert list((ctx.data_dir / "backups").iterdir()) == []  # no half-made backup either
    assert answers.told == [] and changed == []  # stopped as asked: no error to read

    click(qtbot, page.backup_now)  # the person tries again and lets it run
    assert ends == ["stopped", "copied"]
    assert len(list_backups(ctx.data_dir)) == 1 and page.backups.count() == 1


def test_cancel_stops_a_restore_before_it_replaces_anything(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx: ServiceContext = small_team.ctx
    assert ctx.data_dir is not None
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    click(qtbot, page.backup_now)
    team.create_team(ctx, {"name": "Added after the backup", "kind": "cat"})
    copy = HeldCopy(restore._copy_file, lambda step: restore._report(step, 1))
    monkeypatch.setattr(restore, "_copy_file", copy)
    copying, gate, ends = copy.copying, copy.gate, copy.ends
    choose_row(page.backups, 0)
    failures = press_cancel_when(qtbot, "Restoring the backup", copying.is_set, gate.set)
    click(qtbot, page.restore_selected)
    wait_for_left_work(qtbot)
    assert not failures, failures
    assert ends == ["stopped"]
    assert len(answers.asked) == 1 and answers.told == []  # asked first; no error after Cancel
    assert "Added after the backup" in [t.name for t in team.list_teams(ctx)]
    assert len(list_backups(ctx.data_dir)) == 1  # no safety backup was made
    assert not list(ctx.data_dir.glob(".restore-*"))  # nor a private copy left

    click(qtbot, page.restore_selected)  # the person tries again and lets it run
    assert ends == ["stopped", "copied"]
    assert "Added after the backup" not in [t.name for t in team.list_teams(ctx)]
