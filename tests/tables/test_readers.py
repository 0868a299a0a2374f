"""Reading sheets as offices of the region save them: encodings, separators, title rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from hubdesk.tables.errors import TableError
from hubdesk.tables.readers import detect_encoding, read_sheet, sheet_names

CYRILLIC_ROWS = "Име и презиме;Организација;Пол\nБојан Стојановски;СОУ „Гоце Делчев“;Машки\n"
LATIN_ROWS = "Ime i prezime,Organizacija,Pol\nĐorđe Šćepanović,Škola Žarko Zrenjanin,muški\n"


def test_utf8_with_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(CYRILLIC_ROWS.encode("utf-8-sig"))
    sheet = read_sheet(path)
    assert (sheet.encoding, sheet.delimiter) == ("utf-8-sig", ";")
    assert sheet.headers == ["Име и презиме", "Организација", "Пол"]  # no BOM in the header
    assert sheet.rows[0].cells == ["Бојан Стојановски", "СОУ „Гоце Делчев“", "Машки"]
    assert sheet.rows[0].number == 2
    assert sheet_names(path) == ["roster"]


def test_windows_1251_cyrillic_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(CYRILLIC_ROWS.replace("„", '"').replace("“", '"').encode("cp1251"))
    sheet = read_sheet(path)
    assert sheet.encoding == "cp1251"
    assert sheet.headers[0] == "Име и презиме" and sheet.rows[0].cells[0] == "Бојан Стојановски"


def test_windows_1250_latin_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(LATIN_ROWS.encode("cp1250"))
    sheet = read_sheet(path)
    assert (sheet.encoding, sheet.delimiter) == ("cp1250", ",")
    assert sheet.rows[0].cells[:2] == ["Đorđe Šćepanović", "Škola Žarko Zrenjanin"]
    albanian = "Emri;Gjinia\nArbër Çela;mashkull\nDritë Hoxha;femër\n".encode("cp1250")
    assert detect_encoding(albanian) == "cp1250"


def test_quoted_fields_with_newlines_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "roster.txt"
    path.write_text(
        'Name\tTrainings\n"Ana"\t"Mediation\nYouth work"\n\n\nIvo\tNone\n', encoding="utf-8"
    )
    sheet = read_sheet(path)
    assert sheet.delimiter == "\t" and sheet.encoding == "utf-8"
    assert sheet.rows[0].cells == ["Ana", "Mediation\nYouth work"]
    assert [r.number for r in sheet.rows] == [2, 5]  # as Excel numbers them: blanks count


def test_xlsx_sheets_title_rows_and_real_dates(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Notes"
    first["A1"] = "nothing here"
    roster = book.create_sheet("Членови")
    roster["A1"] = "Team roster, March 2024"  # a title above the table
    roster.append([])
    roster.append(["Name", "Joined", None, None])
    roster.append(["Ana", dt.datetime(2023, 1, 5)])
    roster.append([None, None])
    roster.append(["Ivo", "05.02.2024"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert sheet_names(path) == ["Notes", "Членови"]
    sheet = read_sheet(path, "Членови")
    assert sheet.headers == ["Name", "Joined"] and sheet.header_row == 3
    assert [(r.number, r.cells) for r in sheet.rows] == [
        (4, ["Ana", dt.datetime(2023, 1, 5)]),
        (6, ["Ivo", "05.02.2024"]),
    ]
    with pytest.raises(TableError, match=r"no sheet 'Roster'.*Notes, Членови"):
        read_sheet(path, "Roster")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0", "old Excel 97-2003 file"),
        ("report.pdf", b"%PDF-1.7", "not a spreadsheet HubDesk reads"),
        ("broken.xlsx", b"this is not a zip file", "cannot be read as a spreadsheet"),
        ("binary.csv", b"PK\x03\x04\x00\x00\x00\x00binary", "cannot be read as a spreadsheet"),
    ],
)
def test_unreadable_files_get_one_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError, match=message):
        read_sheet(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="There is no file"):
        sheet_names(tmp_path / "gone.xlsx")
