"""Reading sheets as offices of the region save them: encodings, separators, title rows."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hubdesk.tables import sheet as sheet_module
from hubdesk.tables.errors import TableError
from hubdesk.tables.readers import (
    ASK_EVERY,
    BadCell,
    ReadingStopped,
    detect_encoding,
    read_sheet,
    sheet_names,
)

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


def test_a_first_line_naming_the_separator(tmp_path: Path) -> None:
    """Excel reads "sep=," as the separator to use and does not show that line: the rows are
    numbered as Excel shows them (a refused row was named one below where the person looks),
    and split by that separator."""
    path = tmp_path / "roster.csv"
    path.write_bytes(
        b"\xef\xbb\xbfsep=,\r\nName,Organisation\r\n"
        b"Ana;Ivo;Lea,Red Cross; Kumanovo\r\nMarko,School; Kumanovo\r\n"
    )
    sheet = read_sheet(path)
    assert sheet.delimiter == "," and sheet.header_row == 1
    assert sheet.headers == ["Name", "Organisation"]
    assert [(r.number, r.cells) for r in sheet.rows] == [
        (2, ["Ana;Ivo;Lea", "Red Cross; Kumanovo"]),
        (3, ["Marko", "School; Kumanovo"]),
    ]


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
        # Excel's "protect with a password" writes a compound file, as an old .xls renamed is
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "remove the password"),
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


def _roster_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Organisation"])
    sheet.append(["Ana", "Red Cross"])
    book.save(path)
    return path


def _rewritten(source: Path, target: Path, change: Any) -> Path:
    """A copy of the workbook ``source`` with its parts changed by ``change(name, data)``
    (None leaves a part out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = change(item.filename, old.read(item.filename))
            if data is not None:
                new.writestr(item.filename, data)
    return target


def _cut_sheet(name: str, data: bytes) -> bytes:
    return data[: len(data) // 2] if name.startswith("xl/worksheets/") else data


def _bad_workbook(name: str, data: bytes) -> bytes:
    return b"<<<not xml" if name == "xl/workbook.xml" else data


def _bad_styles(name: str, data: bytes) -> bytes:
    if name != "xl/styles.xml":
        return data
    return (
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<numFmts count="1"><numFmt numFmtId="x" formatCode="y"/></numFmts></styleSheet>'
    )


@pytest.mark.parametrize("change", [_cut_sheet, _bad_workbook, _bad_styles])
def test_damaged_workbooks_get_the_one_clear_message(
    tmp_path: Path, change: Any, recwarn: pytest.WarningsRecorder
) -> None:
    path = _rewritten(_roster_xlsx(tmp_path / "good.xlsx"), tmp_path / "damaged.xlsx", change)
    with pytest.raises(TableError, match=r"'damaged\.xlsx' cannot be read as a spreadsheet"):
        read_sheet(path)  # (its sheet names may still be read: only the rows are damaged)
    assert not recwarn.list  # nothing of openpyxl's reaches the person's terminal


def test_a_workbook_without_a_worksheet(tmp_path: Path) -> None:
    def no_sheet(name: str, data: bytes) -> bytes | None:
        return None if name.startswith("xl/worksheets/") else data

    path = _rewritten(_roster_xlsx(tmp_path / "good.xlsx"), tmp_path / "charts.xlsx", no_sheet)
    for read in (sheet_names, read_sheet):
        with pytest.raises(TableError, match=r"'charts\.xlsx' has no worksheet to import"):
            read(path)


def _far_cell_workbook(path: Path, coordinate: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Organisation", "Sector"])
    for i in range(3):
        sheet.append([f"Person {i}", "Red Cross", "Health"])
    sheet[coordinate] = "x"  # Ctrl+→, Ctrl+↓ and a key pressed by mistake
    book.save(path)
    return path


def _peak_while_reading(path: Path) -> tuple[int, Any]:
    tracemalloc.start()
    try:
        sheet = read_sheet(path)
        return tracemalloc.get_traced_memory()[1], sheet
    finally:
        tracemalloc.stop()


def test_a_stray_cell_far_away_does_not_make_reading_grow(tmp_path: Path) -> None:
    near, near_sheet = _peak_while_reading(_far_cell_workbook(tmp_path / "near.xlsx", "E8"))
    far, far_sheet = _peak_while_reading(_far_cell_workbook(tmp_path / "far.xlsx", "XFD40000"))
    wide, wide_sheet = _peak_while_reading(_far_cell_workbook(tmp_path / "wide.xlsx", "ALK9000"))
    for sheet in (near_sheet, far_sheet, wide_sheet):
        assert sheet.headers == ["Name", "Organisation", "Sector"]
        assert [r.cells[0] for r in sheet.rows] == ["Person 0", "Person 1", "Person 2"]
    # Before, XFD40000 made 40,000 rows of 16,384 cells (gigabytes); now only the cells the
    # file holds are looked at: the peak stays that of the small sheet (plus a little).
    assert far < near + 2_000_000 and wide < near + 2_000_000


def test_blank_rows_do_not_count_against_the_row_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_module, "MAX_ROWS", 3)
    path = tmp_path / "roster.csv"
    path.write_text("Name,Sector\n" + "\n" * 10 + "Ana,Health\n,\nIvo,Police\n", encoding="utf-8")
    assert [r.number for r in read_sheet(path).rows] == [12, 14]
    path.write_text("Name,Sector\n" + "Ana,Health\n" * 4, encoding="utf-8")
    with pytest.raises(TableError, match="more than 3 rows"):
        read_sheet(path)


def test_cells_read_as_the_person_sees_them(
    tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Organisation", "Joined on"])
    sheet.append(["Ana", "Red Cross", None])  # 2: Organisation merged over rows 2-4
    sheet.append(["Ivo", None, None])
    sheet.append(["Mira", None, None])
    sheet.merge_cells("B2:B4")
    sheet.append(["#N/A", "School", None])  # 5: a failed VLOOKUP
    sheet["A5"].data_type = "e"
    sheet.append(["Lea", "School", "=DATE(2024,1,1)"])  # 6: never calculated
    sheet.append(["Tea", "School", 10**10])  # 7: a date serial Excel cannot show
    sheet["C7"].number_format = "dd.mm.yyyy"
    sheet.append(["#REF!", "School", None])  # 8: text that only looks like an error
    sheet["A8"].data_type = "s"
    path = tmp_path / "roster.xlsx"
    book.save(path)
    rows = read_sheet(path).rows
    assert [r.cells[1] for r in rows[:3]] == ["Red Cross"] * 3
    error, formula, serial, text = rows[3].cells[0], rows[4].cells[2], rows[5].cells[2], rows[6]
    assert isinstance(error, BadCell) and error == "#N/A" and "shows the error" in error.problem
    assert isinstance(formula, BadCell) and formula == "=DATE(2024,1,1)"
    assert "not its result" in formula.problem
    assert isinstance(serial, BadCell) and serial == "10000000000"
    assert "is not a date" in serial.problem
    assert not isinstance(text.cells[0], BadCell)  # typed as text, not an error cell
    assert not recwarn.list  # openpyxl's warning about C7 is not printed


def test_a_formula_whose_result_is_empty_text_is_blank(tmp_path: Path) -> None:
    sheet_xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>Notes</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c>'
        b'<c r="B2" t="str"><f>IF(1,"","x")</f><v></v></c></row></sheetData></worksheet>'
    )

    def saved_by_excel(name: str, data: bytes) -> bytes:
        return sheet_xml if name == "xl/worksheets/sheet1.xml" else data

    path = _rewritten(_roster_xlsx(tmp_path / "good.xlsx"), tmp_path / "x.xlsx", saved_by_excel)
    assert read_sheet(path).rows[0].cells == ["Ana", None]


def test_error_values_in_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("Name,Organisation\n#N/A,School\nAna,#DIV/0!\n", encoding="utf-8")
    cells = [c for r in read_sheet(path).rows for c in r.cells]
    assert [isinstance(c, BadCell) for c in cells] == [True, False, False, True]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_reading_stops_when_asked_and_is_asked_as_it_goes(tmp_path: Path, suffix: str) -> None:
    """A person who cancels a long reading does not leave the PC reading to the end."""
    rows = [["Name", "Sector"], *([f"Person {n}", "Health"] for n in range(2000))]
    path = tmp_path / f"big{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(";".join(r) for r in rows), encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        book.save(path)
    asked: list[int] = []

    def until_third() -> bool:
        asked.append(1)
        return len(asked) < 3

    with pytest.raises(ReadingStopped):
        read_sheet(path, keep_going=until_third)
    assert len(asked) == 3  # stopped at the third question, after about 2 x ASK_EVERY rows
    asked.clear()

    def always() -> bool:
        asked.append(1)
        return True

    whole = read_sheet(path, keep_going=always)
    assert len(whole.rows) == 2000 and len(asked) >= 2000 // ASK_EVERY


def test_rows_the_sheet_hides_are_read_and_named(tmp_path: Path) -> None:
    """A filter hides the rows a person does not want to see; HubDesk reads them all the same
    (a hidden row is still a row of the office's data), and says which they are."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Organisation"])
    for number in range(2, 7):
        sheet.append([f"Person {number}", "School"])
    sheet.append([])  # a blank hidden row is no row at all
    for number in (3, 5, 7):
        sheet.row_dimensions[number].hidden = True
    path = tmp_path / "filtered.xlsx"
    book.save(path)
    read = read_sheet(path)
    assert [row.number for row in read.rows] == [2, 3, 4, 5, 6]
    assert read.hidden == (3, 5)
    assert read.hidden_rows_note() == (
        "2 rows are hidden in the sheet (rows 3, 5); they are imported like the others. "
        "To leave them out, delete them from the sheet."
    )
    shown = tmp_path / "shown.xlsx"
    for number in (3, 5, 7):
        sheet.row_dimensions[number].hidden = False
    book.save(shown)
    assert read_sheet(shown).hidden == () and read_sheet(shown).hidden_rows_note() == ""
