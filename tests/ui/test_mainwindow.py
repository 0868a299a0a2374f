"""The main window: sidebar, pages built on demand, language switch at runtime, memory, keys."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from gui import choose, click, open_page, trigger, wait_loaded
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk import clock, i18n
from hubdesk.i18n import _, language
from hubdesk.services import actions, meetings
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import get_installation
from hubdesk.ui import mainwindow
from hubdesk.ui.mainwindow import PAGE_KEYS, PAGES, MainWindow
from hubdesk.ui.pages.settings import SettingsPage
from hubdesk.ui.pages.team import TeamPage


@pytest.fixture
def window(qtbot: QtBot, small_team: Any) -> MainWindow:
    win = MainWindow(small_team.ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def sidebar_texts(win: MainWindow) -> list[str]:
    return [win.sidebar.item(row).text() for row in range(win.sidebar.count())]


def test_sidebar_pages_are_built_when_first_shown(window: MainWindow) -> None:
    assert sidebar_texts(window) == [_(spec.title) for spec in PAGES]
    assert list(window.pages) == ["dashboard"]  # the first page only
    open_page(window, "team")
    assert isinstance(window.stack.currentWidget(), TeamPage)
    assert set(window.pages) == {"dashboard", "team"}
    assert window.current_key() == "team"


def test_every_page_opens(window: MainWindow) -> None:
    for spec in PAGES:
        page = open_page(window, spec.key)
        assert window.stack.currentWidget() is page
        assert hasattr(page, "retranslate") and hasattr(page, "refresh")


def test_switch_language_at_runtime(qtbot: QtBot, window: MainWindow) -> None:
    settings = open_page(window, "settings")
    assert isinstance(settings, SettingsPage)
    team_page = open_page(window, "team")
    open_page(window, "settings")
    choose(settings.language, "mk")
    assert i18n.current_language() == "mk"
    with language("mk"):
        assert window.sidebar.item(PAGE_KEYS.index("team")).text() == _("Team")
        assert team_page.new_button.text() == _("New member")  # pages built before follow
        expected_status = _("{name} · {role}").format(name="Kumanovo", role=window.ctx.role.label)
    assert window.status.installation.text() == expected_status
    # Remembered for the next start.
    installation = get_installation(window.ctx.db)
    assert installation is not None and installation.language == "mk"


def test_the_report_language_follows_a_switch_unless_one_was_chosen(window: MainWindow) -> None:
    """The Reports page built before a switch kept offering the old language, so a person who
    had switched the window to Macedonian printed in English; one chosen for the report stays."""
    reports = open_page(window, "reports")
    assert reports.language.currentData() == "en"
    settings = open_page(window, "settings")
    choose(settings.language, "mk")
    reports = open_page(window, "reports")
    assert reports.language.currentData() == "mk"
    choose(reports.language, "sq")
    open_page(window, "settings")
    choose(settings.language, "hr")
    assert open_page(window, "reports").language.currentData() == "sq"


def test_every_visible_word_goes_through_the_catalog(window: MainWindow) -> None:
    """With the pseudo-language every page must change its words: nothing is left hard-coded
    in English, and nothing is translated only once at start-up."""
    for spec in PAGES:
        open_page(window, spec.key)
    i18n.set_language("pseudo")
    window.retranslate()
    texts = sidebar_texts(window)
    assert all(text.startswith("[") for text in texts), texts
    team_page = window.pages["team"]
    assert isinstance(team_page, TeamPage)
    assert team_page.new_button.text().startswith("[")
    header = team_page.model.headerData(0, Qt.Orientation.Horizontal)
    assert header.startswith("[")
    assert team_page.count_label.text().startswith("[")


def test_size_position_and_page_are_remembered(
    qtbot: QtBot, small_team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = MainWindow(small_team.ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(40, 30, 1200, 700)
    open_page(first, "youth")
    saved = first.saveGeometry()
    first.close()
    # The test screen is smaller than an office one, so Qt would shrink the window to fit:
    # check that the saved geometry is what the next window restores.
    restored: list[bytes] = []
    monkeypatch.setattr(
        MainWindow, "restoreGeometry", lambda self, data: restored.append(bytes(data)) or True
    )
    again = MainWindow(small_team.ctx)
    qtbot.addWidget(again)
    assert again.current_key() == "youth"
    assert restored == [bytes(saved)]


def test_keyboard_shortcuts_reach_the_page(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(window, "team")
    assert isinstance(page, TeamPage)
    calls: list[str] = []
    monkeypatch.setattr(page, "new_record", lambda: calls.append("new"))
    monkeypatch.setattr(page, "refresh", lambda: calls.append("refresh"))
    trigger(window.actions_by_name["new"])
    trigger(window.actions_by_name["refresh"])
    trigger(window.actions_by_name["find"])
    assert calls == ["new", "refresh"]
    assert window.actions_by_name["new"].shortcut().toString() == "Ctrl+N"
    assert window.actions_by_name["find"].shortcut().toString() == "Ctrl+F"
    assert window.actions_by_name["refresh"].shortcut().toString() == "F5"


def test_dashboard_tile_opens_the_filtered_list(qtbot: QtBot, small_team: Any) -> None:
    ctx: ServiceContext = small_team.ctx
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": small_team.team.id,
            "starts_at": dt.datetime.now(dt.UTC) - dt.timedelta(days=9),
            "kind": "regular",
        },
    )
    actions.create_action_item(
        ctx,
        {"meeting_id": meeting.id, "title": "Late", "due_on": clock.today() - dt.timedelta(1)},
    )
    actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": "Fine"})
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dashboard = open_page(win, "dashboard")
    tile = dashboard.tiles["overdue"]  # type: ignore[attr-defined]
    assert tile.number.text() == "1"
    assert tile.property("alert") is True
    click(qtbot, tile)
    assert win.current_key() == "meetings"
    items = win.pages["meetings"].items  # type: ignore[attr-defined]
    assert win.pages["meetings"].tabs.currentWidget() is items  # type: ignore[attr-defined]
    assert [items.model.record(r).title for r in range(items.model.rowCount())] == ["Late"]


def test_page_factories_import_lazily() -> None:
    """Start-up imports no page module; each is imported when its page is first shown."""
    for spec in mainwindow.PAGES:
        assert isinstance(spec.load(), type), spec
    source = mainwindow.__loader__.get_source(mainwindow.__name__)  # type: ignore[union-attr]
    assert "\nfrom hubdesk.ui.pages" not in source


def test_the_window_frame_needs_no_database_code() -> None:
    """The frame is on screen before SQLAlchemy is even imported (start-up speed)."""
    code = (
        "import sys, hubdesk.app, hubdesk.ui.mainwindow; "
        "print('sqlalchemy' in sys.modules, 'hubdesk.ui.pages.dashboard' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


FRAME_ONLY = """
import sys
from pathlib import Path
from PySide6 import QtCore
from hubdesk.app import application
from hubdesk.storage.lock import instance_lock
from hubdesk.ui.mainwindow import MainWindow

app = application()
with instance_lock(Path(sys.argv[1])):
    window = MainWindow(data_dir=Path(sys.argv[1]))
    window.show()
    app.processEvents()
    qt_built = "Qt" in QtCore.__dict__  # PySide builds the namespace on first use
    from PySide6.QtGui import QGuiApplication
    later = ("platformdirs", "ctypes", "hubdesk.ui.guide_dialog", "babel", "dataclasses",
             "hubdesk.services.errors")
    print(qt_built, "sqlalchemy" in sys.modules, "filelock" in sys.modules,
          any(name in sys.modules for name in later),
          QGuiApplication.highDpiScaleFactorRoundingPolicy().name)
"""


def test_the_painted_frame_costs_no_more_than_it_must(tmp_path: Path) -> None:
    """Start-up speed, the parts a refactoring could quietly undo: up to the frame's first
    paint no database code and no locking package is imported, nor what is needed only later
    (the per-user folder's lookup when a folder is named, the guide window, Babel, ctypes for
    the reference guard, dataclasses and the services' errors), and nothing touches the
    ``Qt`` namespace (PySide spends ~25 ms building its enums). High-DPI still scales by the
    screen's exact factor."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_SCALE_FACTOR_ROUNDING_POLICY", None)
    out = subprocess.run(
        [sys.executable, "-c", FRAME_ONLY, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert out.stdout.split() == ["False", "False", "False", "False", "PassThrough"]


ENTRY_FRAME = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from hubdesk.ui import mainwindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            later = ("sqlalchemy", "dataclasses", "hubdesk.services.dashboard_figures",
                     "hubdesk.services.dashboard_cache")
            print([name for name in later if name in sys.modules], flush=True)
            os._exit(0)
        return False

spy, made = FirstPaint(), mainwindow.MainWindow.__init__

def init(self, *args, **kwargs):
    made(self, *args, **kwargs)
    self.installEventFilter(spy)

mainwindow.MainWindow.__init__ = init
from hubdesk.cli import main
main(["--data-dir", sys.argv[1]])
"""


@pytest.mark.sqlite_only("a municipality's folder, opened as `hubdesk` opens it")
def test_the_entry_points_frame_comes_before_the_figures_classes(small_team: Any) -> None:
    """`hubdesk` reads the language its figures were kept in before its first words and its
    frame; the figures themselves, and the classes they are read into, wait for the frame."""
    ctx = small_team.ctx
    ctx.db.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", ENTRY_FRAME, str(ctx.data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.stdout.strip() == "[]", (out.stdout, out.stderr)


REMEMBERED = """
import sys
from datetime import date
from pathlib import Path
from hubdesk import app as start, clock
clock.pin(date.fromisoformat(sys.argv[2]))  # the test's day, should the run cross midnight
from hubdesk.storage.lock import instance_lock
from hubdesk.ui.mainwindow import MainWindow

app = start.application()
with instance_lock(Path(sys.argv[1])):
    window = MainWindow(data_dir=Path(sys.argv[1]))
    window.show()
    app.processEvents()
    start.show_remembered(window, Path(sys.argv[1]))
    page = window.pages.get("dashboard")
    print(page is not None and page.isVisible(), page.tiles["members"].number.text(),
          "sqlalchemy" in sys.modules, "hubdesk.domain.models" in sys.modules,
          "babel" in sys.modules, "hashlib" in sys.modules)
"""


def test_remembered_figures_are_drawn_before_any_database_code(
    qtbot: QtBot, small_team: Any
) -> None:
    """A second start draws the last figures (still true) with plain ``sqlite3``: neither
    SQLAlchemy nor the models are imported until the data is opened, nor Babel (the figures'
    texts were kept with them), nor a hashing library for the file's fingerprint."""
    ctx = small_team.ctx
    if not ctx.db.is_sqlite:
        pytest.skip("a server database has no fingerprint: its window always reads live")
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    wait_loaded(first.pages["dashboard"])
    first.close()
    ctx.db.close()  # as when HubDesk was closed: the file alone
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", REMEMBERED, str(ctx.data_dir), clock.today().isoformat()],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert out.stdout.split() == ["True", "3", "False", "False", "False", "False"]


def test_frame_first_then_the_data(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    open_page(first, "team")
    first.preferences.set_language("mk")
    first.close()
    i18n.set_language("mk")
    frame = MainWindow(data_dir=ctx.data_dir)
    qtbot.addWidget(frame)
    frame.show()
    with language("mk"):
        assert frame.status.installation.text() == _("Opening the data…")
    assert not frame.sidebar.isEnabled() and frame.pages == {}
    frame.attach(ctx)
    assert frame.sidebar.isEnabled() and frame.current_key() == "team"
    assert "Kumanovo" in frame.status.installation.text()


def test_pages_and_editors_fit_an_office_screen_in_long_languages(
    qtbot: QtBot, small_team: Any
) -> None:
    """1366×768 with the pseudo-language (longer than any real translation): no page asks
    for more width than the screen leaves, and no editor is wider or taller than the screen."""
    from hubdesk.ui.editors.activity import ActivityDialog
    from hubdesk.ui.editors.meeting import MeetingDialog
    from hubdesk.ui.editors.member import MemberDialog
    from hubdesk.ui.editors.proposal import ProposalDialog

    i18n.set_language("pseudo")
    window = MainWindow(small_team.ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    mine = ("dashboard", "team", "meetings", "youth", "fund", "settings")
    for key in mine:
        page = open_page(window, key)
        needed = window.sidebar.width() + page.minimumSizeHint().width()
        assert needed <= 1366, (key, needed)
    ctx = small_team.ctx
    for make in (MemberDialog, MeetingDialog, ActivityDialog, ProposalDialog):
        dialog = make(ctx)
        qtbot.addWidget(dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768 - 60, (make.__name__, hint)


def test_the_whole_sidebar_shows_on_a_laptop_screen(qtbot: QtBot, small_team: Any) -> None:
    """A 1366×768 laptop leaves about 697 pixels below the title bar and above the task bar:
    every page's entry shows there, the last one (Settings) included, with no scrolling."""
    window = MainWindow(small_team.ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768 - 40 - 31)
    window.show()
    qtbot.waitExposed(window)
    sidebar = window.sidebar
    last = sidebar.visualItemRect(sidebar.item(sidebar.count() - 1))
    assert last.bottom() < sidebar.viewport().height(), (last, sidebar.viewport().height())
    assert not sidebar.verticalScrollBar().isVisible()


def test_every_icon_is_shipped() -> None:
    from hubdesk.ui.resources import ICONS, icon

    names = [spec.icon for spec in PAGES] + ["add", "edit", "delete"]
    for name in names:
        assert (ICONS / f"{name}.svg").is_file(), name
        assert not icon(name).pixmap(20, 20).isNull(), name


def test_a_long_installation_name_does_not_widen_the_window(qtbot: QtBot, ctx: Any) -> None:
    """Names may be 120 characters: the status bar cuts the name with "…" (its tool tip and
    text stay whole) instead of making the window wider than a 1366-pixel screen."""
    from hubdesk.services.installation import update_profile

    update_profile(ctx, {"name": "W" * 120})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    label = window.status.installation
    assert label.text().startswith("W" * 120)
    assert label.toolTip() == label.text()
    assert window.minimumSizeHint().width() <= 1366
    assert window.status.sync.isVisible() and window.status.backup.isVisible()


def test_every_shortcut_a_sidebar_tip_names_exists(window: MainWindow) -> None:
    """The tips said "Contacts (Ctrl+12)" and the like up to Ctrl+17, keys no keyboard has
    (Qt bound nothing to them); a tip names only a shortcut the window has."""
    bound = {action.shortcut().toString() for action in window.actions() if action.shortcut()}
    assert "" not in bound
    for row in range(window.sidebar.count()):
        tip = window.sidebar.item(row).toolTip()
        if row < 9:
            assert tip.endswith(f"(Ctrl+{row + 1})") and f"Ctrl+{row + 1}" in bound
        else:
            assert "Ctrl+" not in tip and tip == window.sidebar.item(row).text()
