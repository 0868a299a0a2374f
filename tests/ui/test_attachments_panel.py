"""The Attachments tab of the editors, driven only through visible controls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import exe_bytes, pdf_bytes, png_bytes, write
from gui import (
    check,
    choose,
    choose_row,
    click,
    drop_files,
    open_tab,
    press_key,
    set_date,
    show_window,
    type_into,
)
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.services import attachments, fund, meetings, trainings, youth
from hubdesk.ui.editors import attachments_panel
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.editors.training import TrainingDialog


def system_dialog(monkeypatch: pytest.MonkeyPatch, method: str, answer: Any) -> None:
    """The system's file dialog (a window of the desktop, not HubDesk's) picks ``answer``."""
    monkeypatch.setattr(attachments_panel.QFileDialog, method, lambda *_a, **_k: answer)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """What the system's viewer was asked to open."""
    seen: list[Path] = []

    def open_url(url: QUrl) -> bool:
        seen.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(attachments_panel.QDesktopServices, "openUrl", open_url)
    return seen


def test_a_meeting_gets_files_by_dialog_and_drop_opens_shares_and_removes_them(
    qtbot: QtBot, small_team: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], answers: Any,
) -> None:  # fmt: skip
    ctx = small_team.ctx
    starts = dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC)
    meeting = meetings.create_meeting(
        ctx, {"team_id": small_team.team.id, "starts_at": starts, "kind": "regular"}
    )
    dialog = MeetingDialog(ctx, meeting.id)
    show_window(qtbot, dialog)
    panel = dialog.attachments_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(panel))
    assert dialog.tabs.tabText(dialog.tabs.indexOf(panel)) == "Attachments"

    minutes = write(tmp_path / "in", "Zapisnik.pdf", pdf_bytes("Signed"))
    system_dialog(monkeypatch, "getOpenFileNames", ([str(minutes)], ""))
    click(qtbot, panel.add_button)
    assert panel.table.rowCount() == 1
    assert [panel.table.item(0, c).text() for c in range(4)] == [
        "Zapisnik.pdf", "PDF", attachments.size_text(minutes.stat().st_size), "Private"
    ]  # fmt: skip

    # Dropped from the desktop: a photo is attached, a program posing as a PDF is refused.
    photo = write(tmp_path / "in", "Photo.png", png_bytes())
    program = write(tmp_path / "in", "setup.pdf", exe_bytes())
    drop_files(panel, [photo, program])
    assert panel.table.rowCount() == 2
    assert any("PDF, JPEG, PNG, XLSX, DOCX, ODT" in text for text in answers.told)

    row = next(i for i in range(2) if panel.table.item(i, 0).text() == "Zapisnik.pdf")
    choose_row(panel.table, row)
    click(qtbot, panel.open_button)
    assert opened and opened[-1].name == "Zapisnik.pdf"
    assert opened[-1].read_bytes() == minutes.read_bytes()
    # Enter on the file opens it too; it pressed the meeting's Save and closed the meeting.
    del opened[:]
    press_key(qtbot, panel.table, Qt.Key.Key_Return)
    assert [p.name for p in opened] == ["Zapisnik.pdf"] and dialog.isVisible()

    target = tmp_path / "out" / "copy.pdf"
    system_dialog(monkeypatch, "getSaveFileName", (str(target), ""))
    click(qtbot, panel.save_button)
    assert target.read_bytes() == minutes.read_bytes()

    check(panel.travels, True)
    shared = [r for r in attachments.list_for(ctx, "meeting", meeting.id) if r.travels]
    assert [r.file_name for r in shared] == ["Zapisnik.pdf"]
    shown = {panel.table.item(i, 0).text(): panel.table.item(i, 3).text() for i in range(2)}
    assert shown == {"Zapisnik.pdf": "Travels", "Photo.png": "Private"}
    row = next(i for i in range(2) if panel.table.item(i, 0).text() == "Zapisnik.pdf")
    choose_row(panel.table, row)

    click(qtbot, panel.remove_button)
    assert panel.table.rowCount() == 1
    assert [r.file_name for r in attachments.list_files(ctx)] == ["Photo.png"]


def test_a_new_activity_is_saved_before_its_first_file(
    qtbot: QtBot, small_team: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = small_team.ctx
    dialog = ActivityDialog(ctx)
    show_window(qtbot, dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Debate with the mayor")
    choose(f["activity_type"].widget, "dialogue")
    set_date(f["starts_on"].widget, clock.today() - dt.timedelta(days=3))
    panel = dialog.attachments_tab
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(panel))
    photo = write(tmp_path, "Debate.png", png_bytes())
    system_dialog(monkeypatch, "getOpenFileNames", ([str(photo)], ""))
    click(qtbot, panel.add_button)
    assert youth.count_activities(ctx) == 1 and dialog.record_id is not None
    assert [r.file_name for r in attachments.list_for(ctx, "youth_activity", dialog.record_id)] == [
        "Debate.png"
    ]


def test_the_proposal_editor_has_the_tab(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    proposal = fund.create_proposal(ctx, {"title": "Youth corner"})
    dialog = ProposalDialog(ctx, proposal.id)
    show_window(qtbot, dialog)
    index = dialog.tabs.indexOf(dialog.attachments_tab)
    open_tab(qtbot, dialog.tabs, index)
    assert dialog.tabs.tabText(index) == "Attachments"
    assert dialog.attachments_tab.add_button.isEnabled()


def test_a_new_training_is_saved_before_its_first_file(
    qtbot: QtBot, small_team: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = small_team.ctx
    dialog = TrainingDialog(ctx)
    show_window(qtbot, dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Mediation course")
    set_date(f["starts_on"].widget, clock.today() - dt.timedelta(days=3))
    panel = dialog.attachments_tab
    index = dialog.tabs.indexOf(panel)
    open_tab(qtbot, dialog.tabs, index)
    assert dialog.tabs.tabText(index) == "Attachments"
    assert "Adding the first file saves the form first." in panel.hint.text()  # said before
    sheet = write(tmp_path, "Sign-in.pdf", pdf_bytes("Sign-in sheet"))
    system_dialog(monkeypatch, "getOpenFileNames", ([str(sheet)], ""))
    click(qtbot, panel.add_button)
    assert dialog.record_id is not None
    assert "saves the form first" not in panel.hint.text()
    assert trainings.get_training(ctx, dialog.record_id).title == "Mediation course"
    found = attachments.list_for(ctx, "training", dialog.record_id)
    assert [r.file_name for r in found] == ["Sign-in.pdf"]
    again = TrainingDialog(ctx, dialog.record_id)
    show_window(qtbot, again)
    open_tab(qtbot, again.tabs, again.tabs.indexOf(again.attachments_tab))
    assert again.attachments_tab.table.rowCount() == 1
