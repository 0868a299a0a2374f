"""The Reports page and the Print buttons' helper, driven offscreen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gui import choose, click, set_date, show_window
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.reports import ReportCancelled
from hubdesk.services import fund, meetings
from hubdesk.services.context import ServiceContext
from hubdesk.ui import report_actions
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.pages import reports as reports_page
from hubdesk.ui.pages.reports import ReportsPage, preset_period
from hubdesk.ui.path_text import copied


def shown_page(qtbot: QtBot, ctx: ServiceContext) -> ReportsPage:
    page = ReportsPage(ctx)
    show_window(qtbot, page)
    return page


def make_report(qtbot: QtBot, page: ReportsPage, out: Path) -> None:
    """Click "Preview", then "Save as…"; the system's save dialog answers ``out``. When the
    preview is refused (Cancel, an error), Save as… stays disabled and nothing is written."""
    click(qtbot, page.make_button)
    if not page.save_button.isEnabled():
        return
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(
            reports_page.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), "")
        )
        click(qtbot, page.save_button)


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


@pytest.fixture
def meeting_id(small_team: Any) -> str:
    start = clock.from_wall(dt.datetime.combine(clock.today() - dt.timedelta(days=3), dt.time(17)))
    meeting = meetings.create_meeting(
        small_team.ctx,
        {"team_id": small_team.team.id, "starts_at": start, "kind": "regular", "place": "Hall"},
    )
    return meeting.id


def test_the_page_makes_a_pdf_offscreen(qtbot: Any, small_team: Any, tmp_path: Path) -> None:
    page = shown_page(qtbot, small_team.ctx)
    assert page.kind.findData("regional") == -1  # municipalities do not print regional reports
    choose(page.kind, "roster")
    assert page.contacts.isVisible() and not page.record.isVisible()
    choose(page.language, "mk")
    out = tmp_path / "roster.pdf"
    make_report(qtbot, page, out)
    assert out.is_file() and page.last_path is not None  # the preview, saved as out
    assert out.read_bytes() == page.last_path.read_bytes()
    assert "Ana Petrovska" in text_of(out)
    assert PdfReader(str(out)).trailer["/Root"]["/Lang"] == "mk"
    assert page.open_button.isEnabled() and page.print_button.isEnabled()
    assert str(out) in copied(page.result.text())


def test_minutes_offer_the_meetings(
    qtbot: Any, small_team: Any, meeting_id: str, tmp_path: Path
) -> None:
    page = shown_page(qtbot, small_team.ctx)
    choose(page.kind, "minutes")
    assert page.record.isVisible() and not page.date_from.isVisible()
    assert page.record.value() == meeting_id
    assert "Hall" in page.record.currentText()
    out = tmp_path / "m.pdf"
    make_report(qtbot, page, out)
    assert out.is_file() and "Minutes of the meeting" in text_of(out)


def test_a_long_meeting_name_elides_and_shows_whole_in_its_tooltip_and_list(
    qtbot: Any, small_team: Any, meeting_id: str
) -> None:
    """At 1366×768 beside the preview, a meeting's day, team and long place do not fit: the
    box shows the day and the start of the place and ends in "…" (Qt alone clipped it in the
    middle of a letter), the tooltip and the opened list show it whole."""
    place = "Salla e vogël e mbledhjeve e Këshillit Bashkiak, Bashkia Elbasan, kati i dytë"
    start = clock.from_wall(dt.datetime.combine(clock.today() - dt.timedelta(days=1), dt.time(9)))
    meetings.create_meeting(
        small_team.ctx,
        {"team_id": small_team.team.id, "starts_at": start, "kind": "regular", "place": place},
    )
    page = ReportsPage(small_team.ctx)
    page.resize(1366 - 190, 700)  # the window's page area beside the sidebar
    show_window(qtbot, page)
    choose(page.kind, "minutes")
    combo = page.record
    full = combo.currentText()
    assert place in full and combo.toolTip() == full
    shown = combo.shown_text()
    metrics = combo.fontMetrics()
    assert shown != full and shown.endswith("…")
    assert metrics.horizontalAdvance(shown) <= combo.text_room()
    assert full.startswith(shown[:-1]) and place[:20] in shown  # the day and the place's start
    assert combo.list_width() >= metrics.horizontalAdvance(full)
    choose(combo, meeting_id)  # "Hall" fits whole
    assert combo.shown_text() == combo.currentText() == combo.toolTip()


def test_a_period_ending_before_it_starts_is_refused(
    qtbot: Any, small_team: Any, answers: Any, tmp_path: Path
) -> None:
    page = shown_page(qtbot, small_team.ctx)
    choose(page.kind, "periodic")
    set_date(page.date_from, dt.date(2026, 5, 1))
    set_date(page.date_to, dt.date(2026, 4, 1))
    assert page.preset.currentData() == "custom"
    make_report(qtbot, page, tmp_path / "p.pdf")
    assert page.last_path is None
    assert any("before its start" in told for told in answers.told)
    assert list(tmp_path.glob("*.pdf*")) == []
    assert not page.open_button.isEnabled()


def test_cancel_is_quiet(
    qtbot: Any, small_team: Any, monkeypatch: pytest.MonkeyPatch, answers: Any, tmp_path: Path
) -> None:
    def cancelled(*args: Any, **kwargs: Any) -> Path:
        raise ReportCancelled("cancelled")

    monkeypatch.setattr(report_actions, "generate_report", cancelled)
    page = shown_page(qtbot, small_team.ctx)
    assert not page.make_button.isEnabled()  # the minutes, first in the list: no meeting yet
    choose(page.kind, "roster")
    make_report(qtbot, page, tmp_path / "p.pdf")
    assert page.last_path is None and not page.open_button.isEnabled()
    assert list(tmp_path.glob("*.pdf*")) == []
    assert answers.told == []


def test_presets_cover_whole_quarters_and_years() -> None:
    today = dt.date(2026, 5, 17)
    assert preset_period("quarter", today) == (dt.date(2026, 4, 1), today)
    assert preset_period("last_quarter", today) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert preset_period("last_year", today) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert preset_period("last_quarter", dt.date(2026, 2, 1)) == (
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )
    assert preset_period("custom", today) is None


def test_print_report_opens_the_minutes(
    qtbot: Any,
    small_team: Any,
    meeting_id: str,
    monkeypatch: pytest.MonkeyPatch,
    with_modal: Callable[[Callable[[], Any], Callable[[QWidget], None]], None],
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(report_actions, "open_file", lambda path: opened.append(path) or True)
    meeting = MeetingDialog(small_team.ctx, meeting_id)
    show_window(qtbot, meeting)
    [(print_button, _msgid)] = meeting.print_buttons

    def press_open(dialog: QWidget) -> None:
        assert isinstance(dialog, report_actions.PrintOptions)
        qtbot.waitExposed(dialog)
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        click(qtbot, buttons["Open"])

    with_modal(lambda: click(qtbot, print_button), press_open)
    assert len(opened) == 1 and opened[0].parent == small_team.ctx.data_dir / "reports"
    assert "Minutes of the meeting" in text_of(opened[0])


def test_hub_page_offers_regional_and_municipalities(
    qtbot: Any, hub_ctx: ServiceContext, tmp_path: Path
) -> None:
    page = shown_page(qtbot, hub_ctx)
    assert page.kind.currentData() == "regional"  # the hub's own report is the one offered
    assert not page.record.isVisible()  # of the whole region: no city to choose
    choose(page.kind, "minutes")
    choose(page.kind, "regional")
    assert page.kind.currentData() == "regional"
    out = tmp_path / "r.pdf"
    make_report(qtbot, page, out)
    assert out.is_file() and "No team activity in this period" in text_of(out)
    choose(page.kind, "periodic")
    assert page.record.isVisible()
    assert not page.make_button.isEnabled()  # no municipality has sent data yet


def test_preview_shows_the_report_then_saves_and_prints_it(
    qtbot: Any, small_team: Any, monkeypatch: pytest.MonkeyPatch, answers: Any, tmp_path: Path
) -> None:
    """Preview makes the report off the GUI thread into a temporary file and shows its pages;
    Save as… copies that very file; Print… goes through the print dialog (accepted here with a
    PDF printer) and prints every page."""
    from gui import choose as choose_in
    from gui import click, show_window
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from hubdesk.ui.pages import reports as reports_page

    page = ReportsPage(small_team.ctx)
    show_window(qtbot, page)
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()
    choose_in(page.kind, "roster")
    choose_in(page.language, "mk")
    click(qtbot, page.make_button)
    preview = page.preview
    assert preview.view.isVisible() and not preview.hint.isVisible()
    assert preview.document.status() == QPdfDocument.Status.Ready
    pages = preview.page_count()
    assert pages >= 1 and preview.path == page.last_path
    shown = page.last_path
    assert shown is not None and shown.is_file() and shown.parent != tmp_path
    assert "Ana Petrovska" in text_of(shown)

    saved = tmp_path / "roster"  # no extension typed: .pdf is added
    monkeypatch.setattr(
        reports_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), "")
    )
    click(qtbot, page.save_button)
    assert (tmp_path / "roster.pdf").read_bytes() == shown.read_bytes()
    assert str(tmp_path / "roster.pdf") in copied(page.result.text())

    printed = tmp_path / "printed.pdf"
    opened: list[QPrintDialog] = []

    def accept(dialog: QPrintDialog) -> int:
        opened.append(dialog)
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    click(qtbot, page.print_button)
    assert len(opened) == 1
    assert len(PdfReader(str(printed)).pages) == pages
    assert answers.told == []

    click(qtbot, page.make_button)  # a second preview replaces the first temporary file
    assert page.last_path != shown and not shown.exists()
    assert page.preview.page_count() == pages


def test_print_cancelled_prints_nothing(
    qtbot: Any, small_team: Any, monkeypatch: pytest.MonkeyPatch, answers: Any, tmp_path: Path
) -> None:
    from gui import choose as choose_in
    from gui import click, show_window
    from PySide6.QtPrintSupport import QPrintDialog

    page = ReportsPage(small_team.ctx)
    show_window(qtbot, page)
    choose_in(page.kind, "roster")
    click(qtbot, page.make_button)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    click(qtbot, page.print_button)
    assert answers.told == [] and list(tmp_path.glob("*.pdf")) == []


def test_the_fund_report_offers_no_period(qtbot: Any, hub_ctx: ServiceContext) -> None:
    """The fund's money is as recorded on the day, in every period: the page offered From and
    To (and put them in the suggested file name) although they changed nothing in it."""
    page = shown_page(qtbot, hub_ctx)
    choose(page.kind, "regional")
    assert page.date_from.isVisible()
    choose(page.kind, "fund")
    assert page.kind.currentData() == "fund"
    assert not page.date_from.isVisible() and not page.date_to.isVisible()
    assert not page.preset.isVisible()
    assert page.options()["date_from"] is None


def test_switching_from_minutes_to_a_proposal_report_offers_a_proposal(
    qtbot: Any, small_team: Any, meeting_id: str, tmp_path: Path
) -> None:
    """The page opens on the minutes with the latest meeting chosen; choosing the proposal
    report then left its chooser blank (the meeting is no proposal), and Preview answered
    "needs the id of the proposal to print (--id)", naming a command-line option."""
    proposal = fund.create_proposal(small_team.ctx, {"title": "Safe schools"})
    page = shown_page(qtbot, small_team.ctx)
    choose(page.kind, "minutes")
    assert page.record.value() == meeting_id
    choose(page.kind, "proposal")
    assert page.record.isVisible()
    assert page.record.value() == proposal.id
    assert "Safe schools" in page.record.currentText()
    out = tmp_path / "p.pdf"
    make_report(qtbot, page, out)
    assert out.is_file() and "Safe schools" in text_of(out)


def test_a_report_shown_is_never_saved_or_printed_as_another(
    qtbot: Any, small_team: Any, meeting_id: str, tmp_path: Path
) -> None:
    """The roster on screen, then Minutes chosen: Save as offered the roster under the
    minutes' name and Print printed it while the form said Minutes."""
    page = shown_page(qtbot, small_team.ctx)
    choose(page.kind, "roster")
    click(qtbot, page.make_button)
    shown = page.last_path
    assert shown is not None and page.save_button.isEnabled() and page.print_button.isEnabled()
    page.refresh()  # the same choices read again (after an import): the preview stays
    assert page.last_path == shown and page.save_button.isEnabled()

    choose(page.kind, "minutes")
    assert page.last_path is None and page.preview.page_count() == 0
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()
    assert not page.open_button.isEnabled() and not shown.exists()

    out = tmp_path / "minutes.pdf"
    make_report(qtbot, page, out)
    assert "Minutes of the meeting" in text_of(out) and "Hall" in text_of(out)
    choose(page.language, "mk")  # another language is another report too
    assert not page.save_button.isEnabled()


def test_report_descriptions_name_no_command_line_option(
    qtbot: Any, hub_ctx: ServiceContext
) -> None:
    """The page shows each report's description; a window offers no "--profession" to type."""
    page = shown_page(qtbot, hub_ctx)
    for index in range(page.kind.count()):
        choose(page.kind, page.kind.itemData(index))
        assert page.description.isVisible()
        assert "--" not in page.description.text(), page.description.text()
