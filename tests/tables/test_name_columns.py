"""A roster's first names and surnames in two columns are read as one whole name."""

from __future__ import annotations

from pathlib import Path

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.tables.importer import run_import
from hubdesk.tables.mapping import suggest_mapping
from hubdesk.tables.readers import read_sheet


def test_first_names_and_surnames_are_one_name_and_two_people_stay_two(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """'Ime' was read as the whole name and 'Prezime' left out: Marko Marković was saved as
    Marko, and Marko Petrović refused as the same person."""
    team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Ime;Prezime;Organizacija;Sektor;Uloga;Pol\n"
        "Marko;Marković;Škola;Obrazovanje;Član;M\n"
        "Marko;Petrović;Škola;Obrazovanje;Član;M\n"
        ";Jovanović;Škola;Obrazovanje;Član;Ž\n",
        encoding="utf-8",
    )
    sheet = read_sheet(roster)
    assert sheet.headers[:2] == ["Ime Prezime", "Organizacija"]
    assert [r.cells[0] for r in sheet.rows] == ["Marko Marković", "Marko Petrović", "Jovanović"]
    fields = suggest_mapping(ctx, "members", sheet.headers).fields
    assert fields[0] == "name"
    result = run_import(ctx, "members", sheet, fields)
    assert (result.created, result.refused) == (3, 0)
    assert sorted(m.name for m in team.list_members(ctx)) == [
        "Jovanović", "Marko Marković", "Marko Petrović",
    ]  # fmt: skip


def test_a_sheet_of_whole_names_is_read_as_it_is(tmp_path: Path) -> None:
    for headers in ("Ime;Sektor", "Name;Surname;Surname", "Emri;Mbiemri;Emri"):
        path = tmp_path / "names.csv"
        path.write_text(f"{headers}\na;b;c\n", encoding="utf-8")
        assert read_sheet(path).headers == headers.split(";")
    english = tmp_path / "english.csv"
    english.write_text("Surname,Name,Role\nHoxha,Ana,Member\n", encoding="utf-8")
    sheet = read_sheet(english)
    assert sheet.headers == ["Name Surname", "Role"] and sheet.rows[0].cells == [
        "Ana Hoxha",
        "Member",
    ]


def test_a_title_line_above_the_table_is_not_its_header(tmp_path: Path) -> None:
    """A sheet beginning "Општина: | Куманово" took that line as its header: no column could
    be mapped, and --map could not help."""
    import openpyxl

    path = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Општина:", "Куманово"])
    sheet.append([])
    sheet.append(["Име и презиме", "Организација", "Сектор", "Улога во тимот", "Пол"])
    sheet.append(["Петар Петровски", "Општина", "Образование", "Член", "Машки"])
    book.save(path)
    read = read_sheet(path)
    assert read.headers[0] == "Име и презиме" and read.header_row == 3
    assert [r.cells[0] for r in read.rows] == ["Петар Петровски"]


def test_a_title_line_above_a_narrow_table_is_not_its_header(tmp_path: Path) -> None:
    """A roster of the four columns a member needs, under "Općina: | Kumanovo": the title line
    held half as many cells as the table and was taken for its header, so no column could be
    mapped and the real headers were read as a member."""
    import openpyxl

    path = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Općina:", "Kumanovo"])
    sheet.append(["Ime i prezime", "Pol", "Sektor", "Uloga u timu"])
    sheet.append(["Petar Petrović", "Muško", "Obrazovanje", "Član"])
    sheet.append(["Ana Anić", "Žensko", None, "Član"])
    book.save(path)
    read = read_sheet(path)
    assert read.headers == ["Ime i prezime", "Pol", "Sektor", "Uloga u timu"]
    assert read.header_row == 2
    assert [(r.number, r.cells[0]) for r in read.rows] == [(3, "Petar Petrović"), (4, "Ana Anić")]
