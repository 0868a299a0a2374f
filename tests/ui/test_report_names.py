"""Suggested PDF names say what the document is; saving says where it went, with Open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui import choose, click, show_window
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock, i18n
from hubdesk.services import fund, meetings
from hubdesk.ui import report_actions
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.pages import reports as reports_page
from hubdesk.ui.pages.reports import ReportsPage
from hubdesk.ui.path_text import copied
from hubdesk.ui.report_actions import PrintOptions, default_name, safe_file_name

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def meeting(small_team: Any) -> Any:
    start = clock.from_wall(dt.datetime(2026, 11, 3, 18, 0))
    return meetings.create_meeting(
        small_team.ctx, {"team_id": small_team.team.id, "starts_at": start, "kind": "regular"}
    )


def test_names_say_what_the_document_is(small_team: Any, meeting: Any) -> None:
    ctx = small_team.ctx
    proposal = fund.create_proposal(ctx, {"title": "Safe schools"})
    names = {
        "minutes": default_name(ctx, "minutes", meeting.id, today=TODAY),
        "proposal": default_name(ctx, "proposal", proposal.id, today=TODAY),
        "roster": default_name(ctx, "roster", today=TODAY),
        "last year's roster": default_name(
            ctx, "roster", None, dt.date(2025, 1, 1), dt.date(2025, 12, 31), today=TODAY
        ),
        "this year's roster": default_name(
            ctx, "roster", None, dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=TODAY
        ),
        "youth": default_name(
            ctx, "youth", None, dt.date(2026, 1, 1), dt.date(2026, 6, 30), today=TODAY
        ),
        "periodic": default_name(ctx, "periodic", today=TODAY),
    }
    assert names == {
        "minutes": "Minutes of the meeting, CAT Kumanovo, 2026-11-03.pdf",
        "proposal": f"Technical Support Fund application, {proposal.reference}.pdf",
        "roster": "Team roster, Kumanovo, 2026-12-04.pdf",
        # the day the roster prints its members on, as its pages say
        "last year's roster": "Team roster, Kumanovo, 2025-12-31.pdf",
        "this year's roster": "Team roster, Kumanovo, 2026-12-04.pdf",
        "youth": "Youth engagement report, Kumanovo, 2026-01-01 – 2026-06-30.pdf",
        "periodic": "Periodic report to the regional hub, Kumanovo, 2026-01-01 – 2026-12-04.pdf",
    }
    for name in names.values():
        assert meeting.id[:8] not in name and proposal.id[:8] not in name


def test_names_are_in_the_window_language_and_safe_on_windows(
    small_team: Any, meeting: Any
) -> None:
    i18n.set_language("mk")
    name = default_name(small_team.ctx, "minutes", meeting.id, today=TODAY)
    assert name.endswith(", CAT Kumanovo, 2026-11-03.pdf")
    assert not name.startswith("Minutes")
    assert safe_file_name('CAT "Kičevo": 1/2?') == "CAT -Kičevo-- 1-2-"
    assert safe_file_name("con ") == "_con"  # Windows would write it to the console


def test_the_reports_page_suggests_a_telling_name(
    qtbot: QtBot, small_team: Any, meeting: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = ReportsPage(small_team.ctx)
    show_window(qtbot, page)
    choose(page.kind, "minutes")
    choose(page.record, meeting.id)
    offered: list[str] = []

    def save_dialog(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return "", ""  # the person cancels

    monkeypatch.setattr(reports_page.QFileDialog, "getSaveFileName", save_dialog)
    click(qtbot, page.make_button)  # the preview first
    click(qtbot, page.save_button)
    [suggested] = offered
    assert Path(suggested).name == "Minutes of the meeting, CAT Kumanovo, 2026-11-03.pdf"


def when_shown(kind: type[QWidget], act: Any) -> None:
    """Run ``act`` on the next modal window of ``kind`` once it is up."""

    def poke() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind) or not widget.isVisible():
            QTimer.singleShot(20, poke)
            return
        act(widget)

    QTimer.singleShot(0, poke)


def test_save_as_from_a_print_button_says_where_and_opens(
    qtbot: QtBot,
    small_team: Any,
    meeting: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    offered: list[str] = []
    opened: list[QUrl] = []

    def save_dialog(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(tmp_path / Path(suggested).name), ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", save_dialog)
    monkeypatch.setattr(
        report_actions.QDesktopServices, "openUrl", lambda url: opened.append(url) or True
    )
    told: list[str] = []

    def in_saved_box(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(copied(box.text()))
        [open_button] = [b for b in box.findChildren(QPushButton) if b.text() == "Open"]
        click(qtbot, open_button)

    def in_print_options(chooser: QWidget) -> None:
        assert isinstance(chooser, PrintOptions)
        [save_as] = [b for b in chooser.findChildren(QPushButton) if b.text() == "Save as…"]
        when_shown(QMessageBox, in_saved_box)
        click(qtbot, save_as)

    dialog = MeetingDialog(small_team.ctx, meeting.id)
    show_window(qtbot, dialog)
    [(print_button, _msgid)] = dialog.print_buttons
    when_shown(PrintOptions, in_print_options)
    click(qtbot, print_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    saved = tmp_path / "Minutes of the meeting, CAT Kumanovo, 2026-11-03.pdf"
    assert [Path(p).name for p in offered] == [saved.name]
    assert saved.is_file()
    assert told == [f"The report was saved to {saved}"]
    assert [url.toLocalFile() for url in opened] == [str(saved)]


def test_save_as_from_a_print_button_adds_pdf_to_a_name_typed_without_it(
    qtbot: QtBot,
    small_team: Any,
    meeting: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The Reports page added .pdf to "minutes"; the Print button's Save as wrote a file named
    "minutes" that the file manager would not open as a PDF."""
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        lambda *_a, **_k: (str(tmp_path / "minutes"), ""),
    )
    told: list[str] = []

    def in_saved_box(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(copied(box.text()))
        [close] = [b for b in box.findChildren(QPushButton) if b.text() == "Close"]
        click(qtbot, close)

    def in_print_options(chooser: QWidget) -> None:
        assert isinstance(chooser, PrintOptions)
        [save_as] = [b for b in chooser.findChildren(QPushButton) if b.text() == "Save as…"]
        when_shown(QMessageBox, in_saved_box)
        click(qtbot, save_as)

    dialog = MeetingDialog(small_team.ctx, meeting.id)
    show_window(qtbot, dialog)
    [(print_button, _msgid)] = dialog.print_buttons
    when_shown(PrintOptions, in_print_options)
    click(qtbot, print_button)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert told == [f"The report was saved to {tmp_path / 'minutes.pdf'}"]
    assert (tmp_path / "minutes.pdf").is_file()
    assert not (tmp_path / "minutes").exists()
