"""The import wizard: file -> mapping -> preview with each row's problems -> import -> summary."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from gui import check, click, forward
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from hubdesk.services import team
from hubdesk.ui import import_wizard
from hubdesk.ui.import_preview import PreviewPage
from hubdesk.ui.import_wizard import ImportWizard, MappingPage, SummaryPage
from hubdesk.ui.pages.team import TeamPage

HEADERS = ["Name", "Organisation", "Sector", "Role in the team", "Gender", "Joined on"]
ROWS = [
    ["Marija Trajkovska", "Health centre", "Health", "Member", "Female", dt.datetime(2023, 3, 1)],
    ["Ilir Sulejmani", "Radio Kumanovo", "Astrology", "Member", "Male", None],
    ["Goran Nikolovski", "Red Cross", "Civil society", "Member", "Male", None],
]


def roster_workbook(folder: Path, hidden: tuple[int, ...] = ()) -> Path:
    """The roster workbook (its sheet's ``hidden`` rows hidden, as a filter leaves them)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Roster"
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    for number in hidden:
        sheet.row_dimensions[number].hidden = True
    book.create_sheet("Notes").append(["nothing", "here"])
    path = folder / "roster.xlsx"
    book.save(path)
    return path


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return roster_workbook(tmp_path)


def make_wizard(qtbot: QtBot, ctx: Any, path: Path) -> ImportWizard:
    wizard = ImportWizard(ctx, "members")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    with (
        pytest.MonkeyPatch.context() as patched
    ):  # the system's file dialog, answered with ``path``
        patched.setattr(
            import_wizard.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "")
        )
        click(qtbot, wizard.source_page.browse)
    return wizard


def test_import_members_through_mapping_preview_and_import(
    qtbot: QtBot, small_team: Any, roster: Path, tmp_path: Path, answers: Any
) -> None:
    ctx = small_team.ctx
    wizard = make_wizard(qtbot, ctx, roster)
    source = wizard.source_page
    assert [source.sheet.itemText(i) for i in range(source.sheet.count())] == ["Roster", "Notes"]
    assert source.sheet.isVisibleTo(wizard)
    forward(qtbot, wizard)

    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    assert mapping.fields() == ["name", "organisation", "sector", "role", "gender", "joined_on"]
    assert "guessed" in mapping.note.text()
    # Two columns into one field: refused with a message, Next is off until it is fixed.
    mapping.set_field(1, "name")
    assert not mapping.isComplete()
    assert "Two columns are mapped to “Name”." in mapping.warning.text()
    mapping.set_field(1, "organisation")
    assert mapping.isComplete() and mapping.warning.isHidden()
    forward(qtbot, wizard)

    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    model = preview.model
    shown = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert shown[0][:2] == ["2", "Add"] and shown[2][:2] == ["4", "Add"]
    assert shown[1][:2] == ["3", "Not imported"]
    assert shown[1][2].startswith("Sector:")  # the problem is next to its row
    assert "2 rows will be added." in preview.counts.text()
    assert "1 row has problems and will not be imported." in preview.counts.text()
    check(preview.only_problems)
    assert model.rowCount() == 1 and model.index(0, 0).data() == "3"
    assert preview.isComplete()
    assert team.count_members(ctx, team.MemberFilter(active=None)) == 4  # nothing saved yet
    forward(qtbot, wizard)  # Import

    summary = wizard.currentPage()
    assert isinstance(summary, SummaryPage)
    assert "2 rows were added." in summary.text.text()
    assert "1 row has problems and was not imported." in summary.text.text()
    names = {m.name for m in team.list_members(ctx, team.MemberFilter(active=None))}
    assert {"Marija Trajkovska", "Goran Nikolovski"} <= names
    assert "Ilir Sulejmani" not in names
    marija = team.list_members(ctx, team.MemberFilter(search="Marija"))[0]
    assert (marija.sector, marija.joined_on, marija.team_id) == (
        "health",
        dt.date(2023, 3, 1),
        small_team.team.id,
    )

    refused = summary.save_refused(tmp_path / "refused.xlsx")
    assert refused is not None
    sheet = openpyxl.load_workbook(refused).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == 3 and rows[1][1] == "Ilir Sulejmani"
    assert str(rows[1][-1]).startswith("Sector:")
    assert answers.told == []


def test_the_mapping_is_remembered_and_create_only_leaves_existing_rows(
    qtbot: QtBot, small_team: Any, roster: Path, answers: Any
) -> None:
    ctx = small_team.ctx
    first = make_wizard(qtbot, ctx, roster)
    forward(qtbot, first)
    mapping = first.currentPage()
    assert isinstance(mapping, MappingPage)
    mapping.set_field(5, None)  # leave "Joined on" out
    forward(qtbot, first)
    forward(qtbot, first)
    assert team.count_members(ctx, team.MemberFilter(active=None)) == 6

    second = make_wizard(qtbot, ctx, roster)
    forward(qtbot, second)
    mapping = second.currentPage()
    assert isinstance(mapping, MappingPage)
    assert "last time" in mapping.note.text()
    assert mapping.fields()[5] is None
    forward(qtbot, second)
    preview = second.currentPage()
    assert isinstance(preview, PreviewPage)
    assert "2 rows are already in HubDesk and will be left unchanged." in preview.counts.text()
    assert not preview.isComplete()  # nothing to add: Import stays off
    check(preview.update_rows)  # checks again with updates allowed
    assert "2 records are already up to date." in preview.counts.text()


def test_a_file_that_is_not_a_spreadsheet_is_refused_where_it_was_chosen(
    qtbot: QtBot, small_team: Any, tmp_path: Path, answers: Any
) -> None:
    bad = tmp_path / "minutes.docx"
    bad.write_text("not a sheet")
    wizard = make_wizard(qtbot, small_team.ctx, bad)
    assert wizard.currentPage() is wizard.source_page
    assert len(answers.told) == 1 and "is not a spreadsheet HubDesk reads" in answers.told[0]
    # Said once; Next stays off until another file is chosen.
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_team_page_opens_the_wizard(qtbot: QtBot, small_team: Any, with_modal: Any) -> None:
    page = TeamPage(small_team.ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.import_button.isVisible() and page.export_button.isVisible()
    seen: list[str] = []

    def look(widget: Any) -> None:
        assert isinstance(widget, ImportWizard)
        seen.append(widget.windowTitle())
        click(qtbot, widget.button(QWizard.WizardButton.CancelButton))

    with_modal(lambda: click(qtbot, page.import_button), look)
    assert seen == ["Import: Team members"]


def test_a_damaged_workbook_is_refused_with_one_message(
    qtbot: QtBot, small_team: Any, roster: Path, tmp_path: Path, answers: Any
) -> None:
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(roster) as old, zipfile.ZipFile(damaged, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item.filename, b"<<<" if item.filename == "xl/workbook.xml" else data)
    wizard = make_wizard(qtbot, small_team.ctx, damaged)  # chosen: its problem is shown once
    assert wizard.currentPage() is wizard.source_page
    assert answers.told == [
        "'damaged.xlsx' cannot be read as a spreadsheet; it may be damaged or of another kind."
    ]
    # Next waits for another file (or this one chosen again): no second message for one press
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_sheet_whose_rows_are_damaged_is_refused_on_next(
    qtbot: QtBot, small_team: Any, roster: Path, tmp_path: Path, answers: Any
) -> None:
    damaged = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(roster) as old, zipfile.ZipFile(damaged, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            cut = item.filename.startswith("xl/worksheets/")
            new.writestr(item.filename, data[: len(data) // 2] if cut else data)
    wizard = make_wizard(qtbot, small_team.ctx, damaged)
    forward(qtbot, wizard)
    assert wizard.currentPage() is wizard.source_page
    assert len(answers.told) == 1 and "cannot be read as a spreadsheet" in answers.told[0]


def test_saving_the_rows_not_imported_over_the_imported_workbook_is_refused(
    qtbot: QtBot, small_team: Any, roster: Path, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save dialog suggests a file beside the workbook; a person who picks the workbook
    itself would lose it (the command refuses that too)."""
    before = roster.read_bytes()
    wizard = make_wizard(qtbot, small_team.ctx, roster)
    for _page in range(3):  # mapping, preview, import
        forward(qtbot, wizard)
    summary = wizard.currentPage()
    assert isinstance(summary, SummaryPage)
    monkeypatch.setattr(
        import_wizard.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(roster), "")
    )
    click(qtbot, summary.save_button)
    assert len(answers.told) == 1 and str(roster) in answers.told[0]
    assert roster.read_bytes() == before
    assert summary.saved_note.text() == ""


def test_rows_the_sheet_hides_are_named_before_the_preview(
    qtbot: QtBot, small_team: Any, tmp_path: Path
) -> None:
    """A roster filtered in Excel: the hidden rows are imported like the others, and the
    mapping page says so (with their numbers) before anything is imported."""
    wizard = make_wizard(qtbot, small_team.ctx, roster_workbook(tmp_path, hidden=(3,)))
    forward(qtbot, wizard)
    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    assert mapping.hidden_rows.isVisible()
    assert mapping.hidden_rows.text().startswith("1 row is hidden in the sheet (row 3);")


def test_a_sheet_with_no_hidden_rows_says_nothing_of_them(
    qtbot: QtBot, small_team: Any, roster: Path
) -> None:
    wizard = make_wizard(qtbot, small_team.ctx, roster)
    forward(qtbot, wizard)
    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage) and mapping.hidden_rows.isHidden()


def test_the_preview_names_what_an_update_changes_as_the_form_does(
    qtbot: QtBot, small_team: Any, tmp_path: Path
) -> None:
    """A row that updates a member says its changes with the choices' labels and the teams'
    names, never with the codes and ids HubDesk stores."""
    ctx = small_team.ctx
    team.create_team(ctx, {"name": "Youth council", "kind": "cat"})
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Team", "Sector", "Role in the team", "Gender"])
    sheet.append(["Ana Petrovska", "Youth council", "Health", "Chair", "Female"])
    path = tmp_path / "moved.xlsx"
    book.save(path)
    wizard = make_wizard(qtbot, ctx, path)
    forward(qtbot, wizard)
    forward(qtbot, wizard)
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    check(preview.update_rows)
    model = preview.model
    assert model.index(0, 1).data() == "Update"
    assert model.index(0, 2).data() == (
        "Team: CAT Kumanovo → Youth council; Sector: Education → Health"
    )
