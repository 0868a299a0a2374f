"""A start on the dashboard's kept figures opens the data only when a person first asks for it:
the idle window has no data layer, and the first page, tile or shortcut then opens it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from gui import choose_row, click, show_window, trigger, usable, wait_loaded
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk import app, cli, i18n
from hubdesk.i18n import _
from hubdesk.services import dashboard_file
from hubdesk.storage.errors import StorageError
from hubdesk.ui.mainwindow import PAGE_KEYS, MainWindow
from hubdesk.ui.pages import dashboard as dashboard_page
from hubdesk.ui.pages.dashboard import DashboardPage


@pytest.fixture
def demo_folder(tmp_path: Path) -> Iterator[Path]:
    """A demo's data folder as ``hubdesk demo`` leaves it: its figures kept, in Kumanovo's
    Macedonian (the window speaks it: the strings expected are looked up with ``_``)."""
    folder = tmp_path / "demo"
    assert cli.main(["--data-dir", str(folder), "demo"]) == 0
    yield folder
    i18n.set_language("en")
    i18n.set_language("en")


@pytest.fixture
def started(qtbot: QtBot, demo_folder: Path) -> Iterator[MainWindow]:
    """The window as ``hubdesk`` opens it on that folder."""
    with ExitStack() as stack:
        window = app.open_window(demo_folder, stack)
        assert window is not None
        show_window(qtbot, window)
        yield window
        window.close()
        QThreadPool.globalInstance().waitForDone(10_000)


def wait_open(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=20_000)


def test_the_window_waits_on_its_kept_figures_and_answers_at_once(started: MainWindow) -> None:
    window = started
    assert window.ctx is None and window.on_request is not None
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage) and dashboard.isVisible()
    assert dashboard.tiles["members"].number.text() not in ("", "…")
    usable(window.sidebar)
    assert i18n.current_language() == "mk"
    assert window.status.installation.text().startswith("Куманово")  # kept with the figures
    assert window.windowTitle() == _("HubDesk — {name}").format(name="Куманово")


def test_the_first_page_asked_for_opens_the_data_and_is_shown(
    qtbot: QtBot, started: MainWindow
) -> None:
    window = started
    kept_line = window.status.installation.text()
    choose_row(window.sidebar, PAGE_KEYS.index("team"))
    assert window.status.currentMessage() == _("Opening the data…")
    busy = QApplication.overrideCursor()
    assert busy is not None and busy.shape() == Qt.CursorShape.BusyCursor
    wait_open(qtbot, window)
    assert QApplication.overrideCursor() is None
    assert window.current_key() == "team"
    team = window.pages["team"]
    assert window.stack.currentWidget() is team and team.isVisible()
    wait_loaded(team)
    assert team.model.rowCount() > 0  # type: ignore[attr-defined]
    assert window.status.installation.text() == kept_line  # the kept line was the live one
    assert window.status.currentMessage() == ""


def test_a_tile_asked_for_before_the_data_opens_its_list(qtbot: QtBot, started: MainWindow) -> None:
    window = started
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    click(qtbot, dashboard.tiles["members"])
    wait_open(qtbot, window)
    qtbot.waitUntil(lambda: window.current_key() == "team")
    assert window.stack.currentWidget() is window.pages["team"]


def test_a_shortcut_asked_for_before_the_data_runs_once_it_is_open(
    qtbot: QtBot, started: MainWindow
) -> None:
    window = started
    trigger(window.actions_by_name["refresh"])  # F5 on the kept figures: read them live
    wait_open(qtbot, window)
    dashboard = window.pages["dashboard"]
    assert window.stack.currentWidget() is dashboard
    wait_loaded(dashboard)
    assert isinstance(dashboard, DashboardPage) and dashboard.ctx is window.ctx


def test_data_that_cannot_be_opened_then_is_said_and_the_window_closes(
    qtbot: QtBot, demo_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the start and the first click the file went bad (an office's disk): the window
    says why and closes, and forgets its kept figures, so the next start opens the data at once
    and offers what any start offers for a damaged file."""
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "tell", lambda title, text: told.append((title, text)))

    def broken(self: app.Opened, data_dir: Path) -> None:
        raise StorageError("The database file is damaged.")

    with ExitStack() as stack:
        window = app.open_window(demo_folder, stack)
        assert window is not None and window.ctx is None
        show_window(qtbot, window)
        monkeypatch.setattr(app.Opened, "__init__", broken)
        choose_row(window.sidebar, PAGE_KEYS.index("meetings"))
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
        QThreadPool.globalInstance().waitForDone(10_000)
        assert window.opening_failed  # ``hubdesk`` then ends as a start that cannot open it
    assert told and told[0][0] == _("HubDesk cannot open its data")
    assert "The database file is damaged." in told[0][1]
    assert not dashboard_file.cache_path(demo_folder).exists()


IDLE = """
import sys
from contextlib import ExitStack
from pathlib import Path
from PySide6.QtCore import QThreadPool, Qt
from PySide6.QtWidgets import QApplication
from hubdesk import app

qt = app.application()
folder = Path(sys.argv[1])
with ExitStack() as stack:
    window = app.open_window(folder, stack)
    qt.processEvents()  # the daily backup is started from the event loop
    QThreadPool.globalInstance().waitForDone(30_000)
    qt.processEvents()  # the backup's end: the status line names its time
    backups = sorted((folder / "backups").iterdir())
    print(window.ctx is None, window.sidebar.isEnabled(), "sqlalchemy" in sys.modules,
          "hubdesk.domain.models" in sys.modules, len(backups), backups[-1].name.endswith("daily"),
          "babel" in sys.modules, "hashlib" in sys.modules)
"""


def test_an_idle_start_on_kept_figures_loads_no_data_layer_and_makes_its_backup(
    demo_folder: Path,
) -> None:
    """The idle window's memory aim (issue 16): no SQLAlchemy, no models; the day's backup is
    still made, from the file (its attached files hashed, its time then written with Babel),
    and restores as any backup does. A later start that day loads neither: the status line's
    times are written as the last reading wrote them."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def start() -> list[str]:
        command = [sys.executable, "-c", IDLE, str(demo_folder)]
        return subprocess.run(
            command, capture_output=True, text=True, check=True, env=env
        ).stdout.split()

    assert start() == ["True", "True", "False", "False", "1", "True", "True", "True"]
    assert start() == ["True", "True", "False", "False", "1", "True", "False", "False"]
    (backup,) = (demo_folder / "backups").iterdir()
    assert cli.main(["--data-dir", str(demo_folder), "check", "--backup", str(backup)]) == 0


def test_while_the_data_opens_the_window_answers_and_closes_cleanly(
    qtbot: QtBot, demo_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data is slow to open (an old PC): the guide speaks of the page still on screen, and
    a person who closes the window meanwhile leaves nothing open once the opening ends."""
    go_on = threading.Event()
    made: list[app.Opened] = []
    closed: list[bool] = []
    real_open = app.Opened.__init__

    def slow_open(self: app.Opened, data_dir: Path) -> None:
        assert go_on.wait(20)
        real_open(self, data_dir)
        made.append(self)
        real_close = self.db.close
        self.db.close = lambda: (closed.append(True), real_close())[-1]  # type: ignore[method-assign]

    monkeypatch.setattr(app.Opened, "__init__", slow_open)
    with ExitStack() as stack:
        window = app.open_window(demo_folder, stack)
        assert window is not None and window.ctx is None
        show_window(qtbot, window)
        choose_row(window.sidebar, PAGE_KEYS.index("meetings"))
        assert window.on_request is not None and window.on_request.under_way
        guide = window.help.show_guide()  # F1 on the dashboard still shown
        assert guide.isVisible()
        assert window.shown_page() is window.page_apis["dashboard"]
        guide.close()
        window.close()
        go_on.set()
        QThreadPool.globalInstance().waitForDone(20_000)
        qtbot.wait(200)  # the opening's late result arrives: a closed window takes none of it
        assert window.ctx is None
    assert len(made) == 1 and closed == [True]


def test_a_window_left_on_its_kept_figures_overnight_opens_the_data_at_midnight(
    qtbot: QtBot, demo_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nobody clicked all day: at midnight the window opens the data to read the new day's
    figures (overdue items and the twelve months move with the date)."""
    monkeypatch.setattr(dashboard_page, "ms_to_midnight", lambda: 300)
    with ExitStack() as stack:
        window = app.open_window(demo_folder, stack)
        assert window is not None and window.ctx is None
        show_window(qtbot, window)
        wait_open(qtbot, window)
        dashboard = window.pages["dashboard"]
        assert isinstance(dashboard, DashboardPage) and dashboard.ctx is window.ctx
        assert window.stack.currentWidget() is dashboard
        wait_loaded(dashboard)  # read live for the day
        window.close()
        QThreadPool.globalInstance().waitForDone(10_000)


def test_the_dashboards_row_is_marked_while_the_data_waits(started: MainWindow) -> None:
    assert started.ctx is None
    assert started.sidebar.currentRow() == PAGE_KEYS.index("dashboard")
    assert started.on_request is not None and not started.on_request.under_way


def test_what_was_asked_on_one_page_gives_way_to_the_page_chosen_next(
    qtbot: QtBot, started: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+N on the dashboard, then Team while the data opens: Team, and no new member's form
    nobody asked for there; a tile, then Youth: Youth, the last page chosen."""
    from PySide6.QtWidgets import QDialog

    opened: list[str] = []  # a form that opens would wait for a person: noted and closed
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    window = started
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    trigger(window.actions_by_name["new"])
    click(qtbot, dashboard.tiles["members"])
    choose_row(window.sidebar, PAGE_KEYS.index("youth"))
    wait_open(qtbot, window)
    qtbot.wait(100)
    assert window.current_key() == "youth"
    assert window.stack.currentWidget() is window.pages["youth"]
    assert opened == []


def test_a_failed_backup_stays_said_after_the_data_opens(qtbot: QtBot, demo_folder: Path) -> None:
    (demo_folder / "backups").write_text("not a folder", encoding="utf-8")
    with ExitStack() as stack:
        window = app.open_window(demo_folder, stack)
        assert window is not None and window.ctx is None
        show_window(qtbot, window)
        window.start_daily_backup()
        failed = _("The daily backup failed: {reason}").split("{")[0]
        qtbot.waitUntil(lambda: window.status.currentMessage().startswith(failed))
        choose_row(window.sidebar, PAGE_KEYS.index("team"))
        wait_open(qtbot, window)
        assert window.status.currentMessage().startswith(failed)
        window.close()
        QThreadPool.globalInstance().waitForDone(10_000)


def test_about_loads_no_data_layer() -> None:
    """The Help menu's About is open to the idle window: it must not load what the data
    opening would."""
    code = "import sys, hubdesk.ui.about; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
