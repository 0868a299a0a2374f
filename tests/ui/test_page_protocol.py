"""Every sidebar page is what the window expects of it, checked at run time and by mypy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from gui import open_page
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.ui.guides import GUIDES
from hubdesk.ui.mainwindow import PAGES, MainWindow
from hubdesk.ui.page import ListCommands, Page

ROOT = Path(__file__).resolve().parents[2]
LIST_PAGES = {"team", "meetings", "youth", "fund", "calls", "trainings"}
LIST_PAGES |= {"exchanges", "practices"}  # peer learning (issue 14 §3)
LIST_PAGES |= {"engagements", "helpdesk"}
LIST_PAGES |= {"community", "needs"}
LIST_PAGES |= {"periods"}  # the dashboard's quarters tile opens it filtered


def test_every_page_class_satisfies_the_page_protocol(qtbot: QtBot, small_team: Any) -> None:
    window = MainWindow(small_team.ctx)
    qtbot.addWidget(window)
    for spec in PAGES:
        page = window.page(spec.key)
        assert isinstance(page, QWidget)
        assert isinstance(page, Page), f"{type(page).__name__} lacks a Page method"
        assert type(page) is spec.load()
        assert page.help_topic in GUIDES, spec.key
        assert isinstance(page, ListCommands) == (spec.key in LIST_PAGES), spec.key


def test_a_page_that_lost_a_method_is_not_a_page() -> None:
    """The run-time check has teeth: a class with ``refresh`` renamed fails it."""

    class Renamed(QWidget):
        help_topic: ClassVar[str] = "team"

        def reload(self) -> None: ...

        def retranslate(self) -> None: ...

        def data_changed(self, what: str) -> None: ...

    assert not isinstance(Renamed(), Page)


MYPY_CASE = """
from hubdesk.ui.page import PageFactory
from hubdesk.ui.pages.team import TeamPage


class Renamed(TeamPage):
    data_changed = None  # type: ignore[assignment]


def loader() -> PageFactory:
    return Renamed
"""


@pytest.mark.slow
def test_mypy_checks_the_pages_where_the_window_names_them(tmp_path: Path) -> None:
    """mypy accepts the window's registry and refuses a page class that lacks a method."""
    if shutil.which("mypy", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("mypy is not installed in this environment")
    # One cache for both runs, in the test's own folder: the second checks only its case
    # against what the first read (half the test's time), and nothing outside is reused.
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--ignore-missing-imports",
        "--follow-imports=silent",
        f"--cache-dir={tmp_path / 'mypy-cache'}",
    ]
    good = subprocess.run(
        [*command, "hubdesk/ui/mainwindow.py", "hubdesk/ui/page.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stdout
    case = tmp_path / "renamed.py"
    case.write_text(MYPY_CASE)
    bad = subprocess.run([*command, str(case)], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "PageFactory" in bad.stdout, bad.stdout


def test_a_change_is_told_to_the_other_pages(
    qtbot: QtBot, small_team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page on screen reads again at once; a hidden one waits until it is shown."""
    window = MainWindow(small_team.ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    reads: list[str] = []
    for key in ("dashboard", "youth", "team"):
        page = window.page_api(key)
        monkeypatch.setattr(page, "refresh", lambda k=key: reads.append(k))
    open_page(window, "dashboard")
    del reads[:]
    window.data_changed("team")  # a member was saved on the Team page
    assert reads == ["dashboard"]  # not the hidden Youth page, nor the Team page itself
