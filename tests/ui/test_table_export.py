"""Export from a list page writes what the list shows: its filter, its order, chosen options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.ui import table_export
from hubdesk.ui.pages.fund import FundPage
from hubdesk.ui.pages.team import TeamPage
from hubdesk.ui.pages.youth import YouthPage
from hubdesk.ui.table_export import ExportChoice, ExportDialog


def choose(monkeypatch: pytest.MonkeyPatch, choice: ExportChoice, path: Path) -> list[Any]:
    offered: list[Any] = []

    def ask(_parent: Any, kinds: tuple[str, ...], hub: bool) -> ExportChoice:
        offered.append(kinds)
        return choice

    monkeypatch.setattr(table_export, "ask_choice", ask)
    monkeypatch.setattr(table_export, "choose_path", lambda _parent, _choice: path)
    return offered


def rows_of(path: Path) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_export_from_the_team_page_writes_only_the_filtered_rows(
    qtbot: QtBot, small_team: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: Any
) -> None:
    page = TeamPage(small_team.ctx)
    qtbot.addWidget(page)
    page.show()
    page.active_filter.setCurrentIndex(2)  # everyone, those who left included
    page.sector_filter.set_value("police")
    assert page.count_label.text() == "1 of 4"
    out = tmp_path / "police.xlsx"
    offered = choose(monkeypatch, ExportChoice("members", ".xlsx", "en", False), out)
    answers.confirm = False  # do not open the file afterwards
    page.export_table()
    assert offered == [("members",)]
    rows = rows_of(out)
    header, body = rows[0], rows[1:]
    assert [r[header.index("Name")] for r in body] == ["Besnik Rexhepi"]
    assert "E-mail" not in header  # private fields only when asked for
    assert answers.asked and "1 row was written" in answers.asked[-1]

    # The search box counts too, even before its short delay has passed.
    page.sector_filter.set_value(None)
    page.search.setText("Stojanova")
    page.export_table()
    rows = rows_of(out)
    assert [r[rows[0].index("Name")] for r in rows[1:]] == ["Elena Stojanova"]


def test_export_in_macedonian_with_private_fields_and_sort_order(
    qtbot: QtBot, small_team: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: Any
) -> None:
    page = TeamPage(small_team.ctx)
    qtbot.addWidget(page)
    page.show()
    page.active_filter.setCurrentIndex(2)
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # by name, Z to A
    out = tmp_path / "roster.csv"
    choose(monkeypatch, ExportChoice("members", ".csv", "mk", True), out)
    answers.confirm = False
    page.export_table()
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
    qtbot.addWidget(members)
    assert not members.private.isHidden() and members.kind.isHidden()
    youth = ExportDialog(("youth_activities",))
    qtbot.addWidget(youth)
    assert youth.private.isHidden()
    hub = ExportDialog(("members",), hub=True)
    qtbot.addWidget(hub)
    assert hub.private.isHidden()
    fund = ExportDialog(("fund_proposals", "budget_lines"))
    qtbot.addWidget(fund)
    fund.kind.setCurrentIndex(1)
    fund.csv.setChecked(True)
    choice = fund.choice()
    assert (choice.kind, choice.suffix, choice.private) == ("budget_lines", ".csv", False)
    assert choice.lang == "en"


def test_every_area_offers_its_tables(qtbot: QtBot, small_team: Any) -> None:
    for make, kinds in (
        (YouthPage, ("youth_activities",)),
        (FundPage, ("fund_proposals", "budget_lines")),
    ):
        page = make(small_team.ctx)
        qtbot.addWidget(page)
        page.show()
        assert page.export_kinds == kinds and page.export_button.isVisible()
        assert page.export_button.text() == "Export…"


def test_a_file_that_cannot_be_written_is_reported(
    qtbot: QtBot, small_team: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: Any
) -> None:
    page = TeamPage(small_team.ctx)
    qtbot.addWidget(page)
    out = tmp_path / "no such folder" / "team.xlsx"
    choose(monkeypatch, ExportChoice("members", ".xlsx", "en", False), out)
    page.export_table()
    assert not out.exists()
    assert len(answers.told) == 1 and str(out.parent) in answers.told[0]
