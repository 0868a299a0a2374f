"""Starting the window when the database file is gone but the installation's keys (and backups)
are still in the data folder: deleted by a person or an antivirus, or not copied to a new PC.

Before, the first-run assistant opened as on a new PC: a set-up (or the demo) there made a new
installation with the old keys, the hub no longer knew the municipality, its daily backups
would in time rotate the old ones out, and nobody said the backups held the records. Now the
window says what happened and offers the newest whole backup; a fresh set-up is a choice that
first keeps the old installation aside. Every answer is a click on a visible, enabled button.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from gui import click
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from test_first_run import Button, finish, press, to_choice

from hubdesk import app
from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import automatic_backup, database_in, list_backups
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys
from hubdesk.ui import dialogs
from hubdesk.ui.assistant import FirstRunAssistant
from hubdesk.ui.mainwindow import MainWindow
from hubdesk.ui.path_text import copied

Drive = Callable[[FirstRunAssistant], None]

# HubDesk's own message boxes, before the autouse fixture answers them without a person
REAL_DIALOGS = {name: getattr(dialogs, name) for name in ("confirm", "inform", "show_error")}


@pytest.fixture
def tetovo(tmp_path: Path) -> Path:
    """Tetovo's data folder, keys made and a daily backup holding "CAT Tetovo"; then its
    database file deleted."""
    folder = tmp_path / "Подаци Č"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
    keys.ensure_keys(folder)
    team.create_team(load_context(db, folder), {"name": "CAT Tetovo", "kind": "cat"})
    automatic_backup(db, folder, "daily")
    db.close()
    path = database_path(folder)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return folder


def key_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(keys.keys_dir(folder).iterdir())}


class Person:
    """Answers each modal window as it comes up: a message box by clicking the button with the
    given text (asserted visible and enabled first), the assistant by the given steps; what
    each box said is noted. A modal nobody expected (the assistant) is noted by its class and
    closed, so the test fails on the assertions."""

    def __init__(self, qtbot: QtBot, answers: list[str | Drive]) -> None:
        self.qtbot, self.answers = qtbot, list(answers)
        self.seen: list[str] = []
        self.failures: list[BaseException] = []
        self.stopped = self.driving = False
        QTimer.singleShot(0, self.poke)

    def poke(self) -> None:
        if self.stopped:  # the run is over: the next test's windows are not this person's
            return
        QTimer.singleShot(10, self.poke)
        widget = QApplication.activeModalWidget()
        if self.driving or widget is None or widget.property("answered"):
            return  # a progress dialog under the assistant is the steps' to wait for
        widget.setProperty("answered", True)  # a new box may come in the same wrapper
        wanted = self.answers.pop(0) if self.answers else None
        if isinstance(widget, FirstRunAssistant) and callable(wanted):
            self.seen.append(type(widget).__name__)
            self.driving = True
            try:
                wanted(widget)
            except BaseException as error:  # reported once the run is over
                self.failures.append(error)
                widget.reject()
            finally:
                self.driving = False
            return
        if isinstance(widget, QProgressDialog) and wanted == "Cancel":
            self.seen.append(type(widget).__name__)
            try:
                [button] = [b for b in widget.findChildren(QPushButton) if b.text() == wanted]
                click(self.qtbot, button)  # visible and enabled, or the test fails
            except BaseException as error:  # reported once the run is over
                self.failures.append(error)
                widget.cancel()
            return
        if not isinstance(widget, QMessageBox) or not isinstance(wanted, str):
            self.seen.append(type(widget).__name__)
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()
            return
        self.seen.append(copied(f"{widget.text()}\n{widget.informativeText()}"))  # as copied
        try:
            [button] = [b for b in widget.buttons() if b.text() == wanted]
            click(self.qtbot, button)  # visible and enabled, or the test fails
        except BaseException as error:  # reported once the run is over
            self.failures.append(error)
            widget.reject()


@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """``app.run`` returns at once when its window is up; the titles of windows shown."""
    shown: list[str] = []

    def event_loop(_app: Any) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(widget.windowTitle())
                widget.close()
        return 0

    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    monkeypatch.setattr(app.QApplication, "exec", event_loop)
    for name, real in REAL_DIALOGS.items():
        monkeypatch.setattr(dialogs, name, real)
    monkeypatch.setattr(app, "tell", lambda title, text: dialogs.show_error(None, title, text))
    yield shown


def start(qtbot: QtBot, folder: Path, answers: list[str | Drive]) -> tuple[int, Person]:
    person = Person(qtbot, answers)
    try:
        code = app.run(folder)
    finally:
        person.stopped = True
    if person.failures:
        raise person.failures[0]
    return code, person


def test_the_newest_backup_is_offered_and_restored(
    qtbot: QtBot, tetovo: Path, no_event_loop: list[str]
) -> None:
    before = key_bytes(tetovo)
    code, person = start(qtbot, tetovo, ["Restore", "OK"])
    assert code == 0
    offer = person.seen[0]
    assert "database is missing" in offer and str(backups_dir(tetovo)) in offer
    assert "new installation" in offer  # what a fresh set-up would mean
    assert "The backup was restored." in person.seen[1]
    assert FirstRunAssistant.__name__ not in person.seen
    assert no_event_loop == ["HubDesk — Tetovo"]  # the window opened on the restored data
    conn = sqlite3.connect(database_path(tetovo))
    assert conn.execute("SELECT name FROM teams").fetchall() == [("CAT Tetovo",)]
    conn.close()
    assert key_bytes(tetovo) == before


def test_quit_changes_nothing(qtbot: QtBot, tetovo: Path, no_event_loop: list[str]) -> None:
    before = key_bytes(tetovo), sorted(p.name for p in backups_dir(tetovo).iterdir())
    code, person = start(qtbot, tetovo, ["Quit"])
    assert code == app.EXIT_STORAGE
    assert len(person.seen) == 1 and FirstRunAssistant.__name__ not in person.seen
    assert not database_path(tetovo).exists()  # no new empty database
    assert (key_bytes(tetovo), sorted(p.name for p in backups_dir(tetovo).iterdir())) == before
    assert no_event_loop == []


@pytest.fixture
def keys_only(tetovo: Path) -> Path:
    """The folder as copied to a new PC without its database, and without backups."""
    for backup in backups_dir(tetovo).iterdir():
        for path in sorted(backup.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        backup.rmdir()
    return tetovo


def test_keys_without_backups_are_told_and_kept_when_starting_afresh(
    qtbot: QtBot, keys_only: Path, no_event_loop: list[str]
) -> None:
    before = key_bytes(keys_only)
    # Set up afresh, then Back: the question again, and nothing has moved; then afresh for real
    answers = ["Set up afresh…", "Back", "Set up afresh…", "Set up afresh", "OK"]
    code, person = start(qtbot, keys_only, answers)
    assert code == 0  # the assistant that followed was cancelled
    assert "no backup in" in person.seen[0] and "USB stick" in person.seen[0]
    assert person.seen[2] == person.seen[0]  # Back returned to the question
    assert person.seen[-1] == FirstRunAssistant.__name__  # then the set-up, as on a new PC
    [kept] = [p for p in keys_only.iterdir() if p.name.startswith("previous-installation-")]
    assert key_bytes(kept) == before  # the old keys, unchanged, in the dated folder
    assert str(kept) in person.seen[-2]
    assert not keys.keys_dir(keys_only).exists()  # the cancelled set-up made none
    assert not database_path(keys_only).exists()


def test_quitting_without_backups_keeps_the_keys(
    qtbot: QtBot, keys_only: Path, no_event_loop: list[str]
) -> None:
    before = key_bytes(keys_only)
    code, person = start(qtbot, keys_only, ["Quit"])
    assert code == app.EXIT_STORAGE and len(person.seen) == 1
    assert key_bytes(keys_only) == before and not database_path(keys_only).exists()


def test_the_demo_after_starting_afresh_leaves_the_old_installation_alone(
    qtbot: QtBot, tetovo: Path, no_event_loop: list[str]
) -> None:
    """The assistant's "explore with demo data" only ever runs in a folder emptied first."""
    before = key_bytes(tetovo)

    def demo(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, "demo")
        press(qtbot, wizard, Button.CommitButton)  # builds the demo behind a progress dialog
        finish(qtbot, wizard)

    code, person = start(qtbot, tetovo, ["Set up afresh…", "Set up afresh", "OK", demo])
    assert code == 0 and person.seen[-1] == FirstRunAssistant.__name__
    assert no_event_loop == ["HubDesk — Kumanovo"]
    [kept] = [p for p in tetovo.iterdir() if p.name.startswith("previous-installation-")]
    assert key_bytes(kept) == before  # the old keys, unchanged
    assert key_bytes(tetovo) != before  # the demo has keys of its own
    [backup] = list_backups(kept)  # the old backup, out of the new one's rotation
    conn = sqlite3.connect(database_in(backup))
    assert conn.execute("SELECT name FROM teams").fetchall() == [("CAT Tetovo",)]
    conn.close()


def test_the_restore_works_off_the_window_and_cancel_asks_again(
    qtbot: QtBot, tetovo: Path, no_event_loop: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup read from a slow USB stick froze the screen with no way out: the restore now
    runs on a worker behind a progress bar whose Cancel stops it, and the question comes again."""
    import threading
    import time

    from hubdesk.services import datafolder
    from hubdesk.storage.backup_files import Step

    threads: list[threading.Thread] = []

    def slow(data_dir: Path, source: Path, step: Step | None = None) -> object:
        threads.append(threading.current_thread())
        assert step is not None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if step(1, 100) is False:
                raise datafolder.RestoreCancelled()
            time.sleep(0.02)
        raise AssertionError("Cancel never reached the restore")

    monkeypatch.setattr(datafolder, "restore_over_unusable", slow)
    code, person = start(qtbot, tetovo, ["Restore", "Cancel", "Quit"])
    assert threads and threads[0] is not threading.main_thread()
    assert person.seen[1] == "QProgressDialog" and person.seen[2] == person.seen[0]
    assert code == app.EXIT_STORAGE and not database_path(tetovo).exists()
