"""The dashboard reads its figures on a worker: the window answers input meanwhile, a failed or
stopped reading says so in words, and the figures shown afterwards are right."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from gui import click, open_page, show_window, trigger, wait_loaded
from PySide6.QtCore import QThread, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk import app, cli, clock, i18n
from hubdesk.services import dashboard_cache, dashboard_summary, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.errors import StorageError
from hubdesk.storage.open import open_database
from hubdesk.ui.mainwindow import MainWindow
from hubdesk.ui.pages import dashboard as dashboard_page
from hubdesk.ui.pages.dashboard import DashboardPage


class Gate:
    """Holds the worker's reading until the test opens it (or it times out)."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.open = threading.Event()
        self.threads: list[bool] = []

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.threads.append(QThread.currentThread() is QApplication.instance().thread())  # type: ignore[union-attr]
            self.started.set()
            assert self.open.wait(10), "the test never let the reading go on"
            return real(*args, **kwargs)

        return held


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    monkeypatch.setattr(dashboard_summary, "summary", held.wrap(dashboard_summary.summary))
    yield held
    held.open.set()  # never leave a worker waiting


def window_of(qtbot: QtBot, ctx: ServiceContext) -> tuple[MainWindow, DashboardPage]:
    window = MainWindow(ctx)
    show_window(qtbot, window)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    return window, page


def test_the_window_answers_input_while_the_figures_are_read(
    qtbot: QtBot, small_team: Any, gate: Gate
) -> None:
    window, page = window_of(qtbot, small_team.ctx)
    assert gate.started.wait(5)
    assert page.loading and page.notice.isVisible()
    assert page.notice.text() == "Reading the figures…"
    assert page.tiles["members"].number.text() == "…"
    # The event loop runs: timers fire, and the person can go to another page and back.
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # while the reading is held
    assert page.loading
    team_page = open_page(window, "team")
    assert window.stack.currentWidget() is team_page
    gate.open.set()
    wait_loaded(page)
    assert gate.threads and not any(gate.threads)  # never read on the GUI thread
    assert not page.notice.isVisible()
    assert page.tiles["members"].number.text() == "3"  # four members, one has left


def test_the_figures_shown_after_the_reading(qtbot: QtBot, small_team: Any) -> None:
    window, _page = window_of(qtbot, small_team.ctx)
    page = open_page(window, "dashboard")
    assert not page.loading and not page.notice.isVisible()
    assert page.figures.isVisible() and not page.start.isVisible()
    assert page.tiles["members"].number.text() == "3"
    assert page.tiles["meetings"].number.text() == "0"
    assert page.tiles["attendance"].number.text() == "–"
    sectors = page.views["sectors"].chart().series()[0].barSets()[0]
    assert sorted(sectors.at(i) for i in range(sectors.count())) == [1, 1, 1]


def test_a_failed_reading_says_why_without_a_traceback(
    qtbot: QtBot, small_team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StorageError("the database file is damaged")

    real = dashboard_summary.summary
    monkeypatch.setattr(dashboard_summary, "summary", broken)
    window, page = window_of(qtbot, small_team.ctx)
    wait_loaded(page)  # pytest-qt fails the test on an exception escaping to Qt
    assert page.notice.isVisible()
    assert page.notice.text() == (
        "The figures could not be read: the database file is damaged. Press F5 to try again."
    )
    assert page.tiles["members"].number.text() == "…"  # no figures made up
    monkeypatch.setattr(dashboard_summary, "summary", real)
    trigger(window.actions_by_name["refresh"])  # F5: try again, and it works now
    wait_loaded(page)
    assert not page.notice.isVisible() and page.tiles["members"].number.text() == "3"


def test_a_stopped_reading_says_so_and_its_late_result_is_not_shown(
    qtbot: QtBot, small_team: Any, gate: Gate
) -> None:
    _window, page = window_of(qtbot, small_team.ctx)
    assert gate.started.wait(5)
    job = page.job
    assert job is not None
    page.cancel_load()
    assert not page.loading
    assert page.notice.text() == "Reading the figures was stopped. Press F5 to read them again."
    gate.open.set()  # the worker goes on to its next question, is told to stop
    qtbot.waitUntil(job.finished.is_set, timeout=5000)
    qtbot.wait(50)
    assert page.summary is None and page.tiles["members"].number.text() == "…"
    assert page.notice.text() == "Reading the figures was stopped. Press F5 to read them again."


def test_the_worker_stops_between_queries_when_told(small_team: Any) -> None:
    asked: list[int] = []
    with pytest.raises(dashboard_summary.SummaryStopped):
        dashboard_summary.summary(small_team.ctx, keep_going=lambda: bool(asked.append(1)))
    assert asked == [1]


def test_a_newer_reading_wins(qtbot: QtBot, small_team: Any, gate: Gate) -> None:
    _window, page = window_of(qtbot, small_team.ctx)
    assert gate.started.wait(5)
    first = page.job
    page.refresh()  # records changed meanwhile: read again
    assert page.job is not first and page.loading
    gate.open.set()
    wait_loaded(page)
    assert page.tiles["members"].number.text() == "3"
    assert not page.notice.isVisible()


def test_the_frame_answers_input_while_the_data_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up: the frame is painted first, and while a worker imports the database layer and
    opens the data the frame's event loop keeps running."""
    folder = tmp_path / "installed"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK")
    db.close()
    opening = threading.Event()
    go_on = threading.Event()
    real_open = app.Opened.__init__

    def slow_open(self: app.Opened, data_dir: Path) -> None:
        opening.set()
        assert go_on.wait(10)
        real_open(self, data_dir)

    ticks: list[bool] = []

    def tick() -> None:
        if opening.is_set() and not go_on.is_set():
            ticks.append(True)
        if len(ticks) >= 5:
            go_on.set()  # the loop ran five times while the data was opening: let it finish

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    monkeypatch.setattr(app.Opened, "__init__", slow_open)
    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    with ExitStack() as stack:
        window = app.open_window(folder, stack)
        assert window is not None
        qtbot.addWidget(window)
        timer.stop()
        assert len(ticks) == 5  # the loop ran while the worker was opening (else: a hang)
        assert window.ctx is not None and "Tetovo" in window.status.installation.text()
        wait_loaded(window.pages["dashboard"])
        window.close()
        QThreadPool.globalInstance().waitForDone(5000)


def test_closing_the_frame_while_the_data_opens_ends_quietly(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "installed"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK")
    db.close()
    real_open = app.Opened.__init__
    closed = threading.Event()

    def slow_open(self: app.Opened, data_dir: Path) -> None:
        assert closed.wait(10)
        real_open(self, data_dir)

    def close_frame() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                widget.close()  # the person closes the window before the data is open
                closed.set()

    timer = QTimer()
    timer.timeout.connect(close_frame)
    timer.start(20)
    monkeypatch.setattr(app.Opened, "__init__", slow_open)
    with ExitStack() as stack:
        assert app.open_window(folder, stack) is None  # nothing more to show
    timer.stop()
    assert closed.is_set()


def remembered_window(qtbot: QtBot, ctx: ServiceContext) -> MainWindow:
    """A second start's frame: a window on the data folder alone, then what ``app`` does
    before the data is open (draw the figures remembered from the last reading, if true)."""
    assert ctx.data_dir is not None
    window = MainWindow(data_dir=ctx.data_dir)
    show_window(qtbot, window)
    app.show_remembered(window, ctx.data_dir)
    return window


def test_a_second_start_shows_the_last_figures_before_the_data_is_open(
    qtbot: QtBot, small_team: Any
) -> None:
    ctx = small_team.ctx
    if not ctx.db.is_sqlite:
        pytest.skip("a server database has no fingerprint: its window always reads live")
    first, page = window_of(qtbot, ctx)
    wait_loaded(page)  # read live, and remembered
    first.close()
    window = remembered_window(qtbot, ctx)
    early = window.pages["dashboard"]
    assert isinstance(early, DashboardPage) and window.ctx is None
    assert window.stack.currentWidget() is early and early.isVisible()
    assert early.tiles["members"].number.text() == "3" and not early.notice.isVisible()
    assert not window.sidebar.isEnabled()  # other pages need the data: they wait for it
    click(qtbot, early.tiles["members"])  # a list needs the data too: nothing happens yet
    assert window.stack.currentWidget() is early
    chart = early.views["sectors"].chart()
    window.attach(ctx)
    assert window.pages["dashboard"] is early and early.loading  # read again, live
    wait_loaded(early)
    assert early.views["sectors"].chart() is chart  # the same figures: nothing redrawn
    assert early.tiles["members"].number.text() == "3" and not early.notice.isVisible()
    click(qtbot, early.tiles["members"])
    assert window.current_key() == "team"


def test_figures_that_are_no_longer_true_are_not_shown(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    first, page = window_of(qtbot, ctx)
    wait_loaded(page)
    first.close()
    team.update_member(ctx, small_team.members[0].id, {"notes": "left for Skopje"})
    window = remembered_window(qtbot, ctx)
    assert "dashboard" not in window.pages and window.remembered is None
    window.attach(ctx)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    wait_loaded(page)
    assert page.tiles["members"].number.text() == "3"


def test_a_hidden_dashboard_remembers_the_new_figures_after_a_change(
    qtbot: QtBot, small_team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next start can show figures at once even when the change was made on another
    page: the hidden dashboard reads (and remembers) a moment after the last change."""
    ctx = small_team.ctx
    if not ctx.db.is_sqlite:
        pytest.skip("a server database has no fingerprint: its window always reads live")
    monkeypatch.setattr(dashboard_page, "REREAD_AFTER_MS", 50)
    window, page = window_of(qtbot, ctx)
    wait_loaded(page)
    open_page(window, "team")
    assert not page.isVisible()
    team.update_member(ctx, small_team.members[0].id, {"notes": "chairs the school board"})
    assert dashboard_cache.recall(ctx.data_dir, "en", clock.today()) is None  # stale now
    window.data_changed("team")
    qtbot.waitUntil(
        lambda: dashboard_cache.recall(ctx.data_dir, "en", clock.today()) is not None,
        timeout=10_000,
    )


def test_tomorrows_first_start_finds_its_figures_once_the_data_is_quiet(
    qtbot: QtBot, small_team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first start of a day is the one people make most: a window left open reads the
    next days' figures too (on a worker, once nothing changed for a moment), and a change
    on another page means they are read again from the new data."""
    ctx = small_team.ctx
    if not ctx.db.is_sqlite:
        pytest.skip("a server database has no fingerprint: its window always reads live")
    monkeypatch.setattr(dashboard_page, "AHEAD_AFTER_MS", 50)
    monkeypatch.setattr(dashboard_page, "REREAD_AFTER_MS", 50)
    tomorrow = clock.today() + dt.timedelta(days=1)

    def kept_for_tomorrow() -> dict[str, Any] | None:
        kept = dashboard_cache.recall(ctx.data_dir, "en", tomorrow)
        return None if kept is None else dashboard_cache.plain(kept.figures)

    def live_tomorrow() -> dict[str, Any]:
        return dashboard_cache.plain(dashboard_summary.summary(ctx, tomorrow))

    window, page = window_of(qtbot, ctx)
    wait_loaded(page)
    qtbot.waitUntil(lambda: kept_for_tomorrow() is not None, timeout=10_000)
    before = kept_for_tomorrow()
    assert before == live_tomorrow()
    open_page(window, "team")
    team.update_member(ctx, small_team.members[0].id, {"left_on": clock.today()})
    window.data_changed("team")
    assert kept_for_tomorrow() is None  # of the data before the change
    qtbot.waitUntil(lambda: kept_for_tomorrow() is not None, timeout=10_000)
    assert kept_for_tomorrow() == live_tomorrow()
    assert kept_for_tomorrow()["kpis"][0] == before["kpis"][0] - 1  # type: ignore[index]


def test_the_first_start_after_the_demo_speaks_its_language_and_shows_its_figures(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``hubdesk demo`` keeps the figures in Kumanovo's Macedonian: the window's first start
    (no window settings yet) draws its frame in that language and the figures before the
    data is open, as the README's first command shows a new user."""
    folder = tmp_path / "demo"
    assert cli.main(["--data-dir", str(folder), "demo"]) == 0
    i18n.set_language("en")
    drawn: list[tuple[str, str]] = []
    real = MainWindow.show_remembered

    def spy(self: MainWindow, kept: dashboard_cache.Kept) -> bool:
        shown = real(self, kept)
        page = self.pages["dashboard"]
        assert isinstance(page, DashboardPage) and page.isVisible() and self.ctx is None
        drawn.append((i18n.current_language(), page.tiles["members"].number.text()))
        return shown

    monkeypatch.setattr(MainWindow, "show_remembered", spy)
    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    try:
        with ExitStack() as stack:
            window = app.open_window(folder, stack)
            assert window is not None
            qtbot.addWidget(window)
            assert drawn and drawn[0][0] == "mk" and drawn[0][1] not in ("", "…")
            wait_loaded(window.pages["dashboard"])
            window.close()
            QThreadPool.globalInstance().waitForDone(5000)
    finally:
        i18n.set_language("en")


def test_a_tile_opens_the_year_its_figures_counted(qtbot: QtBot, small_team: Any) -> None:
    """The meetings tile counts the year up to the figures' day, and its list opens on that
    year: in a window left open past midnight, the day before until it reads again, then the
    new day."""
    window, page = window_of(qtbot, small_team.ctx)
    wait_loaded(page)
    first_day = clock.today()
    tile = page.tiles["meetings"]
    assert tile.isVisible() and tile.isEnabled()

    def opened_from() -> Any:
        with qtbot.waitSignal(page.open_list) as opened:
            click(qtbot, tile)
        open_page(window, "dashboard")
        return opened.args[1]["date_from"]

    next_day = first_day + dt.timedelta(days=1)
    clock.pin(next_day)  # midnight passed
    try:
        assert opened_from() == first_day - dt.timedelta(days=365)  # nothing read since
        trigger(window.actions_by_name["refresh"])
        wait_loaded(page)
        assert page.summary is not None and page.summary.today == next_day
        assert opened_from() == next_day - dt.timedelta(days=365)
    finally:
        clock.pin(first_day)


def test_a_window_left_open_overnight_reads_the_new_days_figures(
    qtbot: QtBot, small_team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard_page, "ms_to_midnight", lambda: 200)
    _window, page = window_of(qtbot, small_team.ctx)
    wait_loaded(page)
    first_day = clock.today()
    assert page.summary is not None and page.summary.today == first_day
    qtbot.wait(400)  # the timer fired early: the same day, nothing is read
    assert page.summary.today == first_day and not page.loading
    clock.pin(first_day + dt.timedelta(days=1))
    try:
        qtbot.waitUntil(
            lambda: page.summary is not None and page.summary.today == clock.today(),
            timeout=10_000,
        )
    finally:
        clock.pin(first_day)
