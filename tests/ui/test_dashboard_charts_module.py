"""The dashboard's charts are drawn by a module of their own, which the first frame does not
load (QtCharts is heavy, and the frame shows no chart)."""

from __future__ import annotations

import subprocess
import sys


def test_the_first_frame_does_not_load_the_charts() -> None:
    code = (
        "import sys, hubdesk.ui.mainwindow; "
        "print('hubdesk.ui.pages.dashboard_charts' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "False"
