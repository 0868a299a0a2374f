"""HubDesk survives a long day of Qt calls on a PySide that loses references to None and True."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LONG_DAY = """
import sys
from contextlib import ExitStack
from pathlib import Path

from hubdesk import app  # what the hubdesk command imports first
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database
from hubdesk.ui.mainwindow import MainWindow
from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QLabel

folder = Path(sys.argv[1])
db = open_database(folder)
initialise(db, role="municipality", name="Tetovo", country="MK")
db.close()
MainWindow.start_daily_backup = lambda self: None  # no backup thread in this process

class Ticker(QObject):
    ticked = Signal(int)

qt = app.application()
with ExitStack() as stack:
    window = app.open_window(folder, stack)  # the start, as the hubdesk command makes it
    assert window is not None
    label, ticker = QLabel(), Ticker()
    ticker.ticked.connect(lambda n: None)
    for n in range(200_000):  # far more than the references None and True had at the start
        label.setText("x")
        ticker.ticked.emit(n)
    window.close()
    QThreadPool.globalInstance().waitForDone(10_000)
print("survived")
"""


def test_a_long_day_of_qt_calls_does_not_stop_the_window(tmp_path: Path) -> None:
    """PySide6 6.12.0 gives back None from void methods and True from emit without a
    reference; on Python 3.11 a bare process stopped after about 5,000 such calls. The window
    guards None, True and False as it starts (``ui/signal_refs.py``, right after the first
    frame), so 400,000 calls are fine. The start is the real one, in a process of its own."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", LONG_DAY, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["survived"]
