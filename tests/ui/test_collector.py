"""The window frees reference cycles on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading
from typing import Any

from pytestqt.qtbot import QtBot

from hubdesk.ui.collector import GuiThreadCollector


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
