"""Cancel in an export's progress stops the bundle and the Sync page says so, as a Cancel, not
as an error: the person asked for it, and the error box's red mark said something failed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from gui import choose, click, usable
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot
from test_import_wizard_cancel import press_cancel_when, wait_for_left_work
from test_sync_page import answer_file_dialog, make_page, profile_of

from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database
from hubdesk.sync import export, keys, peers, profile
from hubdesk.ui import dialogs
from hubdesk.ui.pages import sync as sync_page


@pytest.mark.parametrize("every", [False, True], ids=["one partner", "every partner"])
def test_cancel_while_a_bundle_is_written_is_told_as_a_cancel(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    every: bool,
) -> None:
    folder = tmp_path / "elbasan"
    folder.mkdir()
    db = open_database(folder)
    elbasan = initialise(db, role="municipality", name="Elbasan", country="AL")
    elbasan.data_dir = folder
    for city in (ctx, elbasan):
        peers.enrol(hub_ctx, profile.read_profile(profile_of(city, tmp_path)))
    db.close()
    keys.ensure_keys(hub_ctx.data_dir)  # type: ignore[arg-type]
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    working, gate = threading.Event(), threading.Event()
    real = export.stream_for_peer

    def slow(*args: Any, **kwargs: Any) -> Any:
        working.set()
        gate.wait(15)  # the rows are being read when Cancel is pressed
        return real(*args, **kwargs)

    monkeypatch.setattr(export, "stream_for_peer", slow)
    page = make_page(qtbot, hub_ctx)
    choose(page.peer_combo, sync_page.EVERY if every else ctx.installation_id)
    out = tmp_path / "out"
    out.mkdir()
    answer_file_dialog(monkeypatch, "getExistingDirectory", str(out))
    click(qtbot, page.browse_button)
    label = "Writing a bundle for each partner" if every else "Writing the bundle"
    failures = press_cancel_when(qtbot, label, working.is_set, gate.set)
    click(qtbot, page.export_button)
    assert not failures, failures
    wait_for_left_work(qtbot)
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=15_000)
    assert errors == [] and answers.told == ["Cancelled; nothing was written."]
    assert list(out.iterdir()) == []
    usable(page.export_button)
