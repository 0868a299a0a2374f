"""After Cancel, the progress dialog says it is stopping until the work has stopped.

Work that writes (an import, a preview that writes in a session it rolls back) stops only at
its next check, up to half a second later on an old PC. Meanwhile the dialog stays, so the
window behind it takes no click that could start a second piece of work on the same data, and
it says "Stopping…" without a Cancel button: it used to go on saying "Importing" with a Cancel
button that did nothing more.
"""

from __future__ import annotations

import threading
import time

import pytest
from gui import click
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.ui.workers import Cancelled, Progress, run_in_background


def _shown_progress() -> list[QProgressDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_the_dialog_stays_and_says_stopping_until_the_work_has_stopped(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    asked, last_batch_done = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def work(progress: Progress) -> None:
        done = 0
        while progress(done, 100):
            done = (done + 1) % 100
            time.sleep(0.01)
        asked.set()
        time.sleep(0.5)  # the batch in hand is finished and rolled back
        last_batch_done.set()  # and nothing to give back: it was cancelled

    def press_cancel() -> None:
        shown = _shown_progress()
        if not shown:
            QTimer.singleShot(20, press_cancel)
            return
        buttons = [b for b in shown[0].findChildren(QPushButton) if b.isVisible()]
        click(qtbot, buttons[0])
        QTimer.singleShot(0, look_while_stopping)

    def look_while_stopping() -> None:
        if not asked.is_set():
            QTimer.singleShot(10, look_while_stopping)
            return
        shown = _shown_progress()
        seen["stopping"] = [d.labelText() for d in shown]
        seen["cancel buttons"] = [
            b for d in shown for b in d.findChildren(QPushButton) if b.isVisible()
        ]
        seen["work still running"] = not last_batch_done.is_set()

    QTimer.singleShot(0, press_cancel)
    with pytest.raises(Cancelled):
        run_in_background(parent, "Import", "Importing", work)
    assert seen["work still running"]
    assert seen["stopping"] == ["Stopping…"]
    assert seen["cancel buttons"] == []
    assert last_batch_done.is_set()  # returned only once the work had stopped
    assert _shown_progress() == []
