"""Export from a list page writes what the list shows: its filter, its order, chosen options."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from gui import check, choose, click, show_window, sort_by, type_into
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.ui import table_export
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.pages.fund import FundPage
from hubdesk.ui.pages.team import TeamPage
from hubdesk.ui.pages.youth import YouthPage
from hubdesk.ui.table_export import ExportDialog


def export(
    qtbot: QtBot,
    with_modal: Any,
    monkeypatch: pytest.MonkeyPatch,
    page: ListPage,
    path: Path,
    *,
    suffix: str = ".xlsx",
    lang: str = "en",
    private: bool = False,
) -> list[Any]:
    """Click Export…, make the choices in the dialog, and save as ``path`` in the system's
    file dialog; the tables the dialog offered."""
    offered: list[Any] = []
    monkeypatch.setattr(
        table_export.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), "")
    )

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        qtbot.waitExposed(dialog)
        offered.append(tuple(dialog.kind.itemData(i) for i in range(dialog.kind.count())))
        check(dialog.csv if suffix == ".csv" else dialog.xlsx)
        choose(dialog.language, lang)
        if private:
            check(dialog.private)
        click(qtbot, dialog.export_button)

    with_modal(lambda: click(qtbot, page.export_button), fill)
    return offered


def shown_team_page(qtbot: QtBot, small_team: Any) -> TeamPage:
    page = TeamPage(small_team.ctx)
    show_window(qtbot, page)
    return page


def rows_of(path: Path) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_export_from_the_team_page_writes_only_the_filtered_rows(
    qtbot: QtBot,
    small_team: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: Any,
    with_modal: Any,
) -> None:
    page = shown_team_page(qtbot, small_team)
    choose(page.active_filter, None)  # everyone, those who left included
    choose(page.sector_filter, "police")
    assert page.count_label.text() == "1 of 4"
    out = tmp_path / "police.xlsx"
    answers.confirm = False  # do not open the file afterwards
    offered = export(qtbot, with_modal, monkeypatch, page, out)
    assert offered == [("members",)]
    rows = rows_of(out)
    header, body = rows[0], rows[1:]
    assert [r[header.index("Name")] for r in body] == ["Besnik Rexhepi"]
    assert "E-mail" not in header  # private fields only when asked for
    assert answers.asked and "1 row was written" in answers.asked[-1]

    # The search box counts too, even before its short delay has passed.
    choose(page.sector_filter, None)
    type_into(qtbot, page.search, "Stojanova")
    export(qtbot, with_modal, monkeypatch, page, out)
    rows = rows_of(out)
    assert [r[rows[0].index("Name")] for r in rows[1:]] == ["Elena Stojanova"]


def test_export_in_macedonian_with_private_fields_and_sort_order(
    qtbot: QtBot,
    small_team: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: Any,
    with_modal: Any,
) -> None:
    page = shown_team_page(qtbot, small_team)
    choose(page.active_filter, None)
    sort_by(qtbot, page.table, 0, Qt.SortOrder.DescendingOrder)  # by name, Z to A
    out = tmp_path / "roster.csv"
    answers.confirm = False
    export(qtbot, with_modal, monkeypatch, page, out, suffix=".csv", lang="mk", private=True)
    text = out.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert len(lines) == 5
    names = [n for n in ("Ana", "Besnik", "Driton", "Elena") if n in text]
    assert names == ["Ana", "Besnik", "Driton", "Elena"]
    order = [next(n for n in names if n in line) for line in lines[1:]]
    assert order == sorted(order, reverse=True)  # the table's order: name, descending
    assert lines[0].count(";") >= 10  # Excel in Macedonian separates fields with ';'


def test_the_dialog_offers_private_fields_only_where_a_table_has_them(
    qtbot: QtBot, ctx: Any
) -> None:
    members = ExportDialog(("members",))
    show_window(qtbot, members)
    assert members.private.isVisible() and not members.kind.isVisible()
    youth = ExportDialog(("youth_activities",))
    show_window(qtbot, youth)
    assert not youth.private.isVisible()
    hub = ExportDialog(("members",), hub=True)
    show_window(qtbot, hub)
    assert not hub.private.isVisible()
    fund = ExportDialog(("fund_proposals", "budget_lines"))
    show_window(qtbot, fund)
    choose(fund.kind, "budget_lines")
    check(fund.csv)
    choice = fund.choice()
    assert (choice.kind, choice.suffix, choice.private) == ("budget_lines", ".csv", False)
    assert choice.lang == "en"


def test_every_area_offers_its_tables(qtbot: QtBot, small_team: Any) -> None:
    for make, kinds in (
        (YouthPage, ("youth_activities",)),
        (FundPage, ("fund_proposals", "budget_lines")),
    ):
        page = make(small_team.ctx)
        show_window(qtbot, page)
        assert page.export_kinds == kinds and page.export_button.isVisible()
        assert page.export_button.text() == "Export…"


def test_a_file_that_cannot_be_written_is_reported(
    qtbot: QtBot,
    small_team: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: Any,
    with_modal: Any,
) -> None:
    page = shown_team_page(qtbot, small_team)
    out = tmp_path / "no such folder" / "team.xlsx"
    export(qtbot, with_modal, monkeypatch, page, out)
    assert not out.exists()
    assert len(answers.told) == 1 and str(out.parent) in answers.told[0]


def test_a_public_export_hides_private_fields_and_is_passed_on(qtbot: QtBot, ctx: Any) -> None:
    members = ExportDialog(("members",))
    show_window(qtbot, members)
    assert members.public.isVisible() and not members.public.isChecked()
    check(members.private)
    check(members.public)
    assert not members.private.isVisible()  # a file for readers outside has no private fields
    choice = members.choice()
    assert choice.public and not choice.private


def test_cancel_stops_the_export_without_an_error(
    qtbot: QtBot,
    small_team: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: Any,
    with_modal: Any,
) -> None:
    """Cancel is what the person asked for: the export stops, the file at the target stays
    as it was, and no error box says "The table was not exported" as if something failed."""
    page = shown_team_page(qtbot, small_team)
    out = tmp_path / "team.xlsx"
    out.write_bytes(b"the previous export")
    writing = table_export.export_table

    def slow(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def waiting(done: int, total: int) -> bool:
            while progress(done, total):  # a big table: the rows take a while
                time.sleep(0.01)
            return False

        return writing(*args, progress=waiting, **kwargs)

    def press_cancel() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        buttons = [b for d in shown for b in d.findChildren(QPushButton) if b.isVisible()]
        if not buttons:
            QTimer.singleShot(20, press_cancel)
            return
        click(qtbot, buttons[0])

    monkeypatch.setattr(table_export, "export_table", slow)
    QTimer.singleShot(0, press_cancel)
    export(qtbot, with_modal, monkeypatch, page, out)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == ["team.xlsx"]
    assert answers.told == [] and answers.asked == []
