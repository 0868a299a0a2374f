"""The dashboard's charts are drawn by a module of their own, which the first frame does not
load: the page's module had grown near 600 lines with them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hubdesk.ui.pages.dashboard as page_module
from hubdesk.ui.pages import dashboard_charts

MOST_LINES = 500  # the page's module, its charts elsewhere


def test_the_page_draws_its_charts_from_their_own_module() -> None:
    assert [draw.__module__ for draw in dashboard_charts.CHARTS] == [dashboard_charts.__name__] * 5
    lines = Path(page_module.__file__).read_text(encoding="utf-8").count("\n")
    assert lines <= MOST_LINES, f"dashboard.py has {lines} lines"


def test_the_first_frame_does_not_load_the_charts() -> None:
    code = (
        "import sys, hubdesk.ui.mainwindow; "
        "print('hubdesk.ui.pages.dashboard_charts' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "False"
