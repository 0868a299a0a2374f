"""The import wizard's long steps show progress and can be cancelled, changing nothing."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gui import click, forward, type_into
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWizard
from pytestqt.qtbot import QtBot
from test_import_wizard import make_wizard, roster  # noqa: F401  (the fixture)

from hubdesk.services import team
from hubdesk.tables import importer
from hubdesk.tables.readers import ReadingStopped
from hubdesk.ui import import_wizard, workers
from hubdesk.ui.import_preview import PreviewPage
from hubdesk.ui.import_wizard import ImportWizard, MappingPage

SHOTS = os.environ.get("HUBDESK_SHOTS")  # a folder: the progress dialog is saved there


def press_cancel_when(
    qtbot: QtBot, label: str, ready: Callable[[], bool], after: Callable[[], None]
) -> list[BaseException]:
    """Once the progress dialog saying ``label`` is shown and ``ready()``, click its Cancel as
    a person would, then ``after()``. Problems come back in the list (the wizard is busy in
    its own event loop meanwhile)."""
    failures: list[BaseException] = []
    deadline = time.monotonic() + 15

    def poke() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible() and label in w.labelText()
        ]
        if not (shown and ready()):
            if time.monotonic() < deadline:
                QTimer.singleShot(20, poke)
                return
            failures.append(AssertionError(f"no progress dialog '{label}…' was shown"))
            after()
            return
        try:
            dialog = shown[0]
            if SHOTS:
                dialog.grab().save(str(Path(SHOTS) / f"progress-{label.split()[0]}.png"))
            cancel = dialog.findChild(QPushButton)
            assert cancel is not None and cancel.text() == "Cancel"
            click(qtbot, cancel)
        except BaseException as error:
            failures.append(error)
        finally:
            after()

    QTimer.singleShot(0, poke)
    return failures


def wait_for_left_work(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: all(job.finished.is_set() for job in workers._running), timeout=15_000)
    QApplication.processEvents()


def test_cancel_while_the_file_is_read_keeps_the_wizard_on_the_file(
    qtbot: QtBot,
    small_team: Any,
    roster: Path,  # noqa: F811
    answers: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()  # the reading lasts until the test lets it end
    real_read = import_wizard.read_sheet

    ends: list[str] = []  # how each reading ended

    def slow_read(path: Any, sheet: str | None = None, keep_going: Any = None) -> Any:
        gate.wait(15)
        try:
            found = real_read(path, sheet, keep_going)
        except ReadingStopped:
            ends.append("stopped")
            raise
        ends.append("read")
        return found

    monkeypatch.setattr(import_wizard, "read_sheet", slow_read)
    wizard = make_wizard(qtbot, small_team.ctx, roster)
    failures = press_cancel_when(qtbot, "Reading roster.xlsx", lambda: True, gate.set)
    forward(qtbot, wizard)
    assert not failures, failures
    assert wizard.currentPage() is wizard.source_page
    assert wizard.sheet is None and answers.told == []
    wait_for_left_work(qtbot)  # the reading stopped at its first question whether to go on
    assert ends == ["stopped"]
    assert wizard.currentPage() is wizard.source_page and wizard.sheet is None

    forward(qtbot, wizard)  # the person tries again and lets it read
    assert isinstance(wizard.currentPage(), MappingPage)
    assert wizard.sheet is not None and len(wizard.sheet.rows) == 3
    assert ends == ["stopped", "read"]


def test_cancel_while_rows_are_written_writes_nothing(
    qtbot: QtBot,
    small_team: Any,
    roster: Path,  # noqa: F811
    answers: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = small_team.ctx
    before = team.count_members(ctx, team.MemberFilter(active=None))
    writing, gate = threading.Event(), threading.Event()
    real_create = importer.records.create

    def create(*args: Any, **kwargs: Any) -> Any:
        writing.set()
        gate.wait(15)  # the first row is being written when Cancel is pressed
        return real_create(*args, **kwargs)

    monkeypatch.setattr(importer.records, "create", create)
    wizard: ImportWizard = make_wizard(qtbot, ctx, roster)
    forward(qtbot, wizard)
    forward(qtbot, wizard)
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage) and preview.isComplete()
    failures = press_cancel_when(qtbot, "Importing 3 rows", writing.is_set, gate.set)
    forward(qtbot, wizard)  # Import
    assert not failures, failures
    assert writing.is_set()
    assert wizard.currentPage() is preview and wizard.import_result is None
    assert answers.told == ["Import cancelled; nothing was changed."]
    assert team.count_members(ctx, team.MemberFilter(active=None)) == before
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()  # it can be redone


def test_an_unreadable_file_typed_in_is_refused_once(
    qtbot: QtBot, small_team: Any, tmp_path: Path, answers: Any
) -> None:
    bad = tmp_path / "scan.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    wizard = ImportWizard(small_team.ctx, "members")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    type_into(qtbot, wizard.source_page.path, str(bad))
    forward(qtbot, wizard)
    assert wizard.currentPage() is wizard.source_page
    assert len(answers.told) == 1 and "cannot be read as a spreadsheet" in answers.told[0]
    assert wizard.source_page.validatePage() is False  # asked again: not told again
    assert len(answers.told) == 1
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
