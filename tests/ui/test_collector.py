"""The window frees reference cycles on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from hubdesk import app
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database
from hubdesk.ui.collector import GuiThreadCollector, let_go
from hubdesk.ui.mainwindow import MainWindow


class Cycle:
    """Garbage only the cycle collector frees; notes the thread that freed it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_cycles_made_anywhere_are_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        Cycle.freed_on = []

        kept: list[Any] = []

        def worker() -> None:
            for _ in range(50):
                Cycle()
            kept.extend([] for _ in range(20_000))  # allocations past Python's thresholds

        thread = threading.Thread(target=worker, name="worker")
        thread.start()
        thread.join()
        assert Cycle.freed_on == []  # the worker's allocations collected nothing
        qtbot.waitUntil(lambda: len(Cycle.freed_on) == 50, timeout=5000)
        assert set(Cycle.freed_on) == {threading.current_thread().name}
        collector.stop()
        assert gc.isenabled()
    finally:
        collector.stop()
        collector.deleteLater()


def test_the_start_is_set_aside_and_given_back_when_pages_are_dropped(qtbot: QtBot) -> None:
    """What lives before the collector (the modules) is frozen, so no collection walks it
    again; ``let_go`` hands it back when part of it is being dropped."""
    gc.unfreeze()  # as in a new process: nothing set aside yet
    before = len(gc.get_objects())
    collector = GuiThreadCollector()
    try:
        assert gc.get_freeze_count() >= before  # the test process's objects, all set aside
        gc.collect()
        assert len(gc.get_objects()) < before  # the collection walks what is new only
        let_go()
        assert gc.get_freeze_count() == 0
    finally:
        collector.stop()
        collector.deleteLater()


def test_the_opened_window_sets_its_start_aside(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the data is open and the window attached, the data layer and the frame are set
    aside too: a collection afterwards walks little (about 3 ms in the demo's window, against
    50 ms before)."""
    folder = tmp_path / "installed"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK")
    db.close()
    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    with ExitStack() as stack:
        window = app.open_window(folder, stack)
        assert window is not None
        qtbot.addWidget(window)
        walked = {id(o) for o in gc.get_objects()}  # what a collection would walk
        assert id(window.pages) not in walked and id(window.ctx) not in walked
        made_since: list[object] = [[]]  # a container made afterwards is walked as usual
        assert id(made_since) in {id(o) for o in gc.get_objects()}
        window.close()
        QThreadPool.globalInstance().waitForDone(5000)
