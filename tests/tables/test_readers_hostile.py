"""Workbooks that are bigger, or otherwise different, than what a person sees in them: a zip
that unpacks to gigabytes, a sheet formatted down a million rows, a sheet that does not state
its size, hidden sheets. Each is read as the person sees it, or refused in one line, and a
long reading can always be stopped."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._reader import WorkSheetParser

from hubdesk.tables import readers, workbook, workbook_limits
from hubdesk.tables.errors import TableError
from hubdesk.tables.readers import ASK_EVERY, ReadingStopped, read_sheet, sheet_names

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _roster(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Members"
    sheet.append(["Name", "Sector"])
    sheet.append(["Ana", "Health"])
    book.save(path)
    return path


def _with_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of ``source`` whose part ``name`` is ``data`` (added when it has none)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename != name:
                new.writestr(item.filename, old.read(item.filename))
        new.writestr(name, data)
    return target


def _sheet_xml(blank_rows: int, dimension: bool = True) -> bytes:
    """Two rows of values, ``blank_rows`` rows of formatted empty cells, then a third value."""
    last = blank_rows + 3

    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    blank = (
        f'<row r="{n}" s="1" customFormat="1">'
        + "".join(f'<c r="{col}{n}" s="1"/>' for col in "ABCDEFGH")
        + "</row>"
        for n in range(3, last)
    )
    size = f'<dimension ref="A1:H{last}"/>' if dimension else ""
    return (
        f'<worksheet xmlns="{MAIN}">{size}<sheetData>'
        f'<row r="1">{text("A1", "Name")}{text("B1", "Sector")}</row>'
        f'<row r="2">{text("A2", "Ana")}{text("B2", "Health")}</row>'
        + "".join(blank)
        + f'<row r="{last}">{text(f"A{last}", "Ivo")}{text(f"B{last}", "Police")}</row>'
        "</sheetData></worksheet>"
    ).encode()


def test_a_workbook_too_large_or_unpacking_to_far_more_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl keeps every shared string in memory: a 1 MB file unpacking to 340 MB of them
    took 2 GB and four minutes at each opening, with no way to stop it. The limits are
    lowered here; the file is the same kind."""
    strings = b'<sst xmlns="%s">' % MAIN.encode() + b"<si><t>a</t></si>" * 200_000 + b"</sst>"
    bomb = _with_part(_roster(tmp_path / "good.xlsx"), tmp_path / "bomb.xlsx",
                      "xl/sharedStrings.xml", strings)  # fmt: skip
    assert bomb.stat().st_size < 100_000 < len(strings)
    monkeypatch.setattr(workbook_limits, "MAX_SHARED_STRINGS_BYTES", 1_000_000)
    for read in (sheet_names, read_sheet):
        with pytest.raises(TableError, match=r"The file bomb\.xlsx is too large to import"):
            read(bomb)
    monkeypatch.setattr(workbook_limits, "MAX_SHARED_STRINGS_BYTES", 10_000_000)
    assert read_sheet(bomb).headers == ["Name", "Sector"]
    monkeypatch.setattr(workbook_limits, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(TableError, match="too large to import"):
        read_sheet(bomb)
    monkeypatch.setattr(workbook_limits, "MAX_UNPACKED_BYTES", 10_000_000)
    monkeypatch.setattr(workbook_limits, "MAX_XLSX_BYTES", 1_000)
    with pytest.raises(TableError, match="too large to import"):
        sheet_names(bomb)


def test_a_zip_that_is_no_workbook_gets_the_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TableError, match=r"'roster\.xlsx' cannot be read as a spreadsheet"):
        sheet_names(path)


def test_rows_formatted_but_empty_are_read_as_they_go_and_the_reading_stops_when_asked(
    tmp_path: Path,
) -> None:
    """A sheet formatted down to row 1,048,576 holds a <row> of empty cells for each: the
    question whether to go on was asked only at rows with values, so Cancel did nothing for
    the minute the rows took to read."""
    blank_rows = 20 * ASK_EVERY
    path = _with_part(_roster(tmp_path / "good.xlsx"), tmp_path / "formatted.xlsx",
                      "xl/worksheets/sheet1.xml", _sheet_xml(blank_rows))  # fmt: skip
    asked: list[int] = []

    def always() -> bool:
        asked.append(1)
        return True

    sheet = read_sheet(path, keep_going=always)
    assert [(r.number, r.cells) for r in sheet.rows] == [
        (2, ["Ana", "Health"]),
        (blank_rows + 3, ["Ivo", "Police"]),
    ]
    assert len(asked) >= blank_rows // ASK_EVERY
    asked.clear()

    def until_third() -> bool:
        asked.append(1)
        return len(asked) < 3

    with pytest.raises(ReadingStopped):
        read_sheet(path, keep_going=until_third)
    assert len(asked) == 3


def test_a_sheet_that_does_not_state_its_size_is_not_read_through_to_open_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl sized every sheet at opening, reading to the end of each one that does not
    say its size (some programs' exports): a million formatted rows took half a minute at
    each opening, before the person could choose a sheet or cancel."""
    path = _with_part(_roster(tmp_path / "good.xlsx"), tmp_path / "export.xlsx",
                      "xl/worksheets/sheet1.xml", _sheet_xml(500, dimension=False))  # fmt: skip
    sized: list[int] = []
    sizing = WorkSheetParser.parse_dimensions

    def counted(parser: WorkSheetParser) -> object:
        sized.append(1)
        return sizing(parser)

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", counted)
    assert sheet_names(path) == ["Members"]
    assert [r.cells for r in read_sheet(path).rows] == [["Ana", "Health"], ["Ivo", "Police"]]
    assert sized == []


def test_hidden_sheets_are_neither_offered_nor_read_unless_named(tmp_path: Path) -> None:
    """The lists behind a column's drop-down often sit in a hidden first sheet: the wizard
    offered it first, and the command line read it, instead of the sheet the person sees."""
    book = openpyxl.Workbook()
    lists = book.active
    assert lists is not None
    lists.title = "Lists"
    lists.append(["Sector", "Code"])
    lists.append(["health", "H"])
    lists.sheet_state = "hidden"
    members = book.create_sheet("Members")
    members.append(["Name", "Sector"])
    members.append(["Ana", "Health"])
    old = book.create_sheet("Old")
    old.sheet_state = "veryHidden"
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert sheet_names(path) == ["Members"]
    assert read_sheet(path).name == "Members"
    assert read_sheet(path, "Lists").headers == ["Sector", "Code"]  # named, it is read
    with pytest.raises(TableError, match=r"Sheets: Members\.$"):
        read_sheet(path, "Nowhere")


def test_a_csv_file_is_read_no_wider_than_a_workbook(tmp_path: Path) -> None:
    """A workbook's cells right of MAX_COLUMNS were left out, a CSV file's fields were not: a
    line of 200,000 commas made as many columns for the wizard to lay out."""
    width = readers.MAX_COLUMNS + 500
    path = tmp_path / "wide.csv"
    header = ["Name", "Sector", *(f"Column {n}" for n in range(3, width + 1))]
    path.write_text(
        ",".join(header) + "\n" + ",".join(["Ana", "Health"] + ["x"] * (width - 2)) + "\n",
        encoding="utf-8",
    )
    sheet = read_sheet(path)
    assert sheet.headers == header[: readers.MAX_COLUMNS]
    assert len(sheet.rows[0].cells) == readers.MAX_COLUMNS


def _merged_sheet_xml(copies: int, last: int) -> bytes:
    """An organisation merged down from row 2 to ``last``, the range written ``copies`` times."""

    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    merges = f'<mergeCell ref="B2:B{last}"/>'
    return (
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        f'<row r="1">{text("A1", "Name")}{text("B1", "Organisation")}</row>'
        f'<row r="2">{text("A2", "Ana")}{text("B2", "Red Cross")}</row>'
        f'<row r="3">{text("A3", "Ivo")}</row>'
        f'<row r="{last}">{text(f"A{last}", "Mira")}</row>'
        f'</sheetData><mergeCells count="{copies}">{merges * copies}</mergeCells></worksheet>'
    ).encode()


def test_a_merged_range_written_many_times_is_filled_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranges that overlap are no file a spreadsheet program writes: 200,000 copies of one
    range down 50,000 rows (a few kilobytes zipped) kept the reading busy for ten minutes after
    its last question whether to go on. Each row is now looked at once per merged column."""
    looked: list[object] = []
    blank = workbook.blank

    def counted(value: object) -> bool:
        looked.append(value)
        return blank(value)

    monkeypatch.setattr(workbook, "blank", counted)
    counts = []
    for copies in (1, 2_000):
        path = _with_part(_roster(tmp_path / "good.xlsx"), tmp_path / f"merged{copies}.xlsx",
                          "xl/worksheets/sheet1.xml", _merged_sheet_xml(copies, 5_000))  # fmt: skip
        looked.clear()
        sheet = read_sheet(path)
        assert [r.cells for r in sheet.rows] == [
            ["Ana", "Red Cross"],
            ["Ivo", "Red Cross"],
            ["Mira", "Red Cross"],
        ]
        counts.append(len(looked))
    assert 0 < counts[0] == counts[1]  # the counting reaches the reading


def test_a_csv_file_in_two_encodings_is_refused_not_garbled(tmp_path: Path) -> None:
    """A UTF-8 file with a line added by a program that writes Windows-1250 was read whole as
    Windows-1250: every name in UTF-8 became "ÄorÄ‘e Ĺ Ä‡epanoviÄ‡" and was imported so."""
    path = tmp_path / "roster.csv"
    utf8 = "Ime,Organizacija\nĐorđe Šćepanović,Škola\nAna Petrović,Crveni krst\n"
    path.write_bytes(utf8.encode("utf-8") + "Žarko Žižić,Opština\n".encode("cp1250"))
    with pytest.raises(TableError, match=r"'roster\.csv' is not written in one encoding"):
        read_sheet(path)
    path.write_bytes(utf8.encode("cp1250") + b"Ana,\x81\n")  # a byte Windows-1250 lacks
    with pytest.raises(TableError, match="not written in one encoding"):
        read_sheet(path)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("ИМЕ,ОРГАНИЗАЦИЈА\nЉУБИЦА ЂОРЂЕВИЋ,ЗАЈЕДНИЦА ЊЕГОШ\nЈАЈА ЏЕПАР,ПОЉЕ\n", "cp1251"),
        ("IME,ORGANIZACIJA\nĐORĐE ŠĆEPANOVIĆ,ŠKOLA ŽARKO ZRENJANIN\nČAČAK,ĆUPRIJA\n", "cp1250"),
        ("Emri,Organizata\nElira Dauti,Shoqëria civile\nÇAJUPI,ËË\n", "cp1250"),
    ],
)
def test_capitals_in_one_windows_encoding_are_still_read(
    tmp_path: Path, text: str, encoding: str
) -> None:
    """Capitals of Windows-1250 and 1251 make byte pairs UTF-8 also has ("ОЉ"): few of them."""
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    sheet = read_sheet(path)
    assert sheet.encoding == encoding
    assert [sheet.headers, *(r.cells for r in sheet.rows)] == [
        line.split(",") for line in text.splitlines()
    ]


def test_one_text_too_long_for_any_field_is_refused_before_openpyxl_reads_it(
    tmp_path: Path,
) -> None:
    """openpyxl builds each text of a part whole: one cell of 500 MB in a 0.5 MB file took
    1.5 GB. A run of text longer than any field takes (here 2 MB of one letter in a cell, then
    of white space between two rows) is refused as the file being too large."""
    good = _roster(tmp_path / "good.xlsx")
    for name, filler in (("cell", "a"), ("spaces", " ")):
        with zipfile.ZipFile(good) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        if filler == "a":
            row = (
                f'<row r="9"><c r="A9" t="inlineStr"><is><t>{filler * 2_000_000}</t></is></c></row>'
            )
        else:
            row = filler * 2_000_000
        bomb = _with_part(good, tmp_path / f"{name}.xlsx", "xl/worksheets/sheet1.xml",
                          sheet.replace("</sheetData>", row + "</sheetData>").encode())  # fmt: skip
        assert bomb.stat().st_size < 100_000
        with pytest.raises(TableError, match="too large to import"):
            read_sheet(bomb)
    assert read_sheet(good).headers == ["Name", "Sector"]
