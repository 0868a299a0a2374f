"""The report preview: it keeps the window answering at every size, and the screenshots can
tell a page it drew from a blank view.

Fitted to the width, a one-page report about as tall as the view needed the scroll bar only
while the bar was not there, and the view added it and took it away without end: the window
stood still at full load. Tried in a new process, which a watchdog ends if its event loop stops
answering, so a regression fails this test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from hubdesk.ui.report_preview import ReportPreview
from hubdesk.ui.screenshots import _drawn

# Sizes at which the view took the bar away and back without end before (500×700, 510×700:
# a page of A4 fitted to the width is then about as tall as the view), and their neighbours.
SIZES = [(w, h) for w in range(480, 531, 10) for h in (680, 700, 720)]

CHILD = """
import os, sys, threading
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hubdesk.ui.report_preview import ReportPreview
from hubdesk.ui.signal_refs import guard_constants

app = QApplication([])
guard_constants()  # as the window does: this PySide loses references to None in its calls
pdf = Path(sys.argv[1])
for size in sys.argv[2:]:
    width, height = map(int, size.split("x"))
    preview = ReportPreview()
    preview.resize(width, height)
    preview.show()
    assert preview.load(pdf) and preview.page_count() == 1
    watchdog = threading.Timer(10, lambda: (print("stuck at", size, flush=True), os._exit(3)))
    watchdog.start()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    QTimer.singleShot(500, app.quit)
    app.exec()
    watchdog.cancel()
    timer.stop()
    if len(ticks) < 5:  # a 10 ms timer hardly ran in 500 ms: the loop was starved
        print("starved at", size, len(ticks), flush=True)
        os._exit(4)
    preview.close()
    preview.deleteLater()
print("answered", len(sys.argv) - 2, flush=True)
"""


def one_page(path: Path) -> Path:
    pdf = Canvas(str(path))  # A4 is ReportLab's default page size
    for line in range(40):
        pdf.drawString(60, 780 - 18 * line, "Attendance, decisions and tasks of the meeting")
    pdf.save()
    return path


def test_a_one_page_report_leaves_the_window_answering_at_every_size(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    sizes = [f"{w}x{h}" for w, h in SIZES]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(one_page(tmp_path / "page.pdf")), *sizes],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert f"answered {len(sizes)}" in done.stdout


def test_the_screenshots_wait_for_a_drawn_page(qtbot: QtBot, tmp_path: Path) -> None:
    """``hubdesk screenshots`` (and with it the frozen build's test) fails when the preview of
    a report draws nothing: the preview's hint before a report, or a white picture, is not a
    drawn page; the page of a report shown is."""
    preview = ReportPreview()
    qtbot.addWidget(preview)
    preview.resize(520, 720)
    preview.show()
    assert not _drawn(preview.grab().toImage())
    blank = QImage(520, 720, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert not _drawn(blank)
    assert preview.load(one_page(tmp_path / "page.pdf"))
    qtbot.waitUntil(lambda: _drawn(preview.view.grab().toImage()), timeout=20_000)
