"""Reading a sheet a person hands us: .xlsx from Excel or LibreOffice, or .csv from anywhere.

CSV files in the region come in UTF-8 (with or without the byte order mark Excel writes), in
Windows-1250 (Latin with č ć đ š ž ë ç) or in Windows-1251 (Cyrillic), separated by commas or,
where the decimal mark is a comma, by semicolons. We find out which instead of asking.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import threading
import warnings
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from hubdesk.i18n import N_
from hubdesk.tables.errors import TableError

READABLE = (".xlsx", ".xlsm", ".csv", ".txt")
MAX_ROWS = 50_000
MAX_COLUMNS = 1_000  # cells (CSV fields) further right are not read: no table is that wide
HEADER_SEARCH = 20  # the header row is among the first this many rows that hold anything
MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_XLSX_BYTES = 50 * 1024 * 1024  # the workbook file as it lies on the disk
# An .xlsx is a zip: what its parts hold once unpacked. openpyxl keeps every shared string of a
# workbook in memory at once (a 1 MB file unpacking to 340 MB of them took 2 GB and four
# minutes), so that part has a cap of its own; the sheets are read as they unpack.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
SHARED_STRINGS = re.compile(r"(?i)^xl/sharedStrings[^/]*\.xml\Z")
DELIMITERS = (";", ",", "\t", "|")
ASK_EVERY = 256  # rows read between two questions whether to go on
BALKAN_LATIN = set("čćžšđČĆŽŠĐëËçÇ")
WORD = re.compile(r"[^\W\d_]+")
UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
MIXED_ENCODINGS = N_(
    "'{name}' is not written in one encoding throughout (a part of it was saved by another "
    "program). Open it in a spreadsheet program, save it as CSV UTF-8 and import it again."
)
# What a spreadsheet shows in a cell whose formula failed (Excel writes the same into CSV).
ERROR_VALUES = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"}
)
CELL_SHOWS_ERROR = N_(
    "The cell shows the error {value} instead of a value: correct it in the spreadsheet."
)
CELL_HAS_NO_RESULT = N_(
    "The cell holds the formula {value} but not its result: open the file in a spreadsheet "
    "program, save it there and import it again."
)
CELL_NOT_A_DATE = N_("'{value}' is not a date. Write it as 31.12.2024 or 2024-12-31.")


class ReadingStopped(Exception):
    """The person stopped the reading (``keep_going`` said no): nothing was read."""


class BadCell(str):
    """A cell whose content is not what the person sees in it: an error value (``#N/A``), a
    formula whose result was never saved, a date Excel cannot show. It reads as the text shown
    in the preview; ``problem`` (a message with ``{value}``) is why its row is refused."""

    problem: str

    def __new__(cls, shown: str, problem: str) -> BadCell:
        cell = super().__new__(cls, shown)
        cell.problem = problem
        return cell


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the person sees in the spreadsheet (1-based)
    cells: list[Any]


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: list[str]
    rows: list[SheetRow] = field(default_factory=list)
    header_row: int = 1
    encoding: str | None = None  # CSV only: how the bytes were read
    delimiter: str | None = None


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise TableError(
            N_("'{name}' is an old Excel 97-2003 file. Save it as .xlsx or .csv and try again."),
            name=path.name,
        )
    if suffix not in READABLE:
        raise TableError(
            N_("'{name}' is not a spreadsheet HubDesk reads: use an .xlsx or .csv file."),
            name=path.name,
        )
    if not path.is_file():
        raise TableError(N_("There is no file {path}."), path=str(path))
    return suffix


def _unreadable(path: Path) -> TableError:
    return TableError(
        N_("'{name}' cannot be read as a spreadsheet; it may be damaged or of another kind."),
        name=path.name,
    )


def _too_large(path: Path) -> TableError:
    return TableError(N_("The file {name} is too large to import."), name=path.name)


def _check_unpacked(path: Path) -> None:
    """Refuse a workbook that is too large, or that unpacks to far more than a sheet of
    records holds (a zip bomb), before openpyxl unpacks anything. A part never unpacks to more
    than its header says: Python's zip reader stops there."""
    if path.stat().st_size > MAX_XLSX_BYTES:
        raise _too_large(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise _unreadable(path) from exc
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES or any(
        SHARED_STRINGS.match(part.filename) and part.file_size > MAX_SHARED_STRINGS_BYTES
        for part in parts
    ):
        raise _too_large(path)


# openpyxl sizes each read-only sheet as it opens the workbook; a sheet that does not state its
# size is then read to its end, every sheet at every opening, before a question can be asked.
# HubDesk reads the cells itself and needs no size: the sizing is left out while it opens one.
_OPENING = threading.Lock()


def _open_book(path: Path) -> Any:
    """The workbook, read-only; any failure of openpyxl to read it is the one clear message."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    _check_unpacked(path)
    try:
        with warnings.catch_warnings(), _OPENING:
            # openpyxl warns in English on stderr about what it skips (styles, extensions).
            warnings.simplefilter("ignore")
            sizing = ReadOnlyWorksheet._get_size
            ReadOnlyWorksheet._get_size = lambda _sheet: None
            try:
                book = load_workbook(path, read_only=True, data_only=True)
            finally:
                ReadOnlyWorksheet._get_size = sizing
    except MemoryError:
        raise
    except Exception as exc:  # a damaged part raises anything from KeyError to ParseError
        raise _unreadable(path) from exc
    return book


def _visible(book: Any) -> list[Any]:
    """The worksheets a person sees in the workbook: a hidden sheet (the lists behind a
    column's drop-down, an old version kept aside) is not offered, nor read unless named.
    Chart sheets hold no rows."""
    sheets = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    return sheets or list(book.worksheets)


def sheet_names(path: Path | str) -> list[str]:
    """The sheets a person can choose from (a CSV file is one sheet named after the file)."""
    path = Path(path)
    if _suffix(path) in (".csv", ".txt"):
        return [path.stem]
    book = _open_book(path)
    try:
        names = [sheet.title for sheet in _visible(book)]
    finally:
        book.close()
    if not names:
        raise TableError(N_("'{name}' has no worksheet to import."), name=path.name)
    return names


def read_sheet(
    path: Path | str, sheet: str | None = None, keep_going: Callable[[], bool] | None = None
) -> Sheet:
    """The header row and the data rows of one sheet (the first visible one when ``sheet`` is
    None, as the wizard offers it first).

    ``keep_going`` is asked every few hundred rows; when it says no the reading stops with
    ``ReadingStopped``, so a person who cancels a large workbook does not leave the PC busy
    reading it to the end."""
    path = Path(path)
    if _suffix(path) in (".csv", ".txt"):
        return _read_csv(path, keep_going)
    book = _open_book(path)
    try:
        worksheets = {ws.title: ws for ws in book.worksheets}  # chart sheets hold no rows
        if not worksheets:
            raise TableError(N_("'{name}' has no worksheet to import."), name=path.name)
        if sheet is None:
            worksheet = _visible(book)[0]
        elif sheet in worksheets:
            worksheet = worksheets[sheet]
        else:
            raise TableError(
                N_("There is no sheet '{sheet}' in {name}. Sheets: {sheets}."),
                sheet=sheet,
                name=path.name,
                sheets=", ".join(ws.title for ws in _visible(book)),
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the cells they are about become BadCells
                merges: list[str] = []
                rows = _asking(_xlsx_rows(worksheet, merges), keep_going)
                return _fill_merged(_table(worksheet.title, rows), merges)
        except (TableError, MemoryError, ReadingStopped):
            raise
        except Exception as exc:
            raise _unreadable(path) from exc
    finally:
        book.close()


def _asking(
    numbered: Iterable[tuple[int, list[Any]]], keep_going: Callable[[], bool] | None
) -> Iterator[tuple[int, list[Any]]]:
    if keep_going is None:
        yield from numbered
        return
    for count, entry in enumerate(numbered):
        if count % ASK_EVERY == 0 and not keep_going():
            raise ReadingStopped()
        yield entry


def _xlsx_rows(worksheet: Any, merges: list[str]) -> Iterator[tuple[int, list[Any]]]:
    """The numbered rows of a read-only worksheet (a blank one as an empty list), each up to its
    last filled cell (at most ``MAX_COLUMNS``); at the end, the sheet's merged ranges go to
    ``merges``. Error values and formulas without a saved result come as :class:`BadCell`.

    The cells come from openpyxl's own sheet parser, not ``iter_rows``: that pads every row to
    the width the sheet declares and yields every empty row up to the declared last one, so a
    single stray value in XFD40000 would make 40,000 rows of 16,384 cells. The parser yields
    only the cells the file holds, and says whether a formula's result was saved.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_row(self, row: Any) -> tuple[int, list[dict[str, Any]]]:
            # A cell with nothing inside is blank, however it is formatted: a sheet formatted
            # down a million rows is not a million rows of cells to make and keep. (Only when
            # every cell names its column; otherwise its place depends on the ones before.)
            if all("r" in cell.attrib for cell in row):
                for cell in [cell for cell in row if len(cell) == 0]:
                    row.remove(cell)
            number, cells = super().parse_row(row)
            self.row_dimensions.pop(str(number), None)  # row heights and formats: not kept
            return number, cells

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["data_type"] == "e":
                if element.get("t", "n") == "n":  # a date serial outside the calendar
                    raw = element.findtext(VALUE_TAG) or ""
                    cell["value"] = BadCell(raw, CELL_NOT_A_DATE)
                else:
                    cell["value"] = BadCell(str(cell["value"]), CELL_SHOWS_ERROR)
            elif (
                cell["value"] is None
                and (formula := element.find(FORMULA_TAG)) is not None
                and not element.findtext(VALUE_TAG)
                and element.get("t") != "str"  # an empty text result is saved as t="str"
            ):
                cell["value"] = BadCell("=" + (formula.text or "…"), CELL_HAS_NO_RESULT)
            return cell

    book = worksheet.parent
    with worksheet._get_source() as source:
        parser = Parser(
            source,
            worksheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            # Every row comes out, blank ones too: the question whether to go on is asked as
            # the file is read, not only as rows with values are found.
            yield number, _dense(cell for cell in cells if cell["column"] <= MAX_COLUMNS)
        # <mergeCells> follows the rows in the file: known once they are all read.
        merges.extend(m.ref for m in getattr(parser.merged_cells, "mergeCell", None) or [])


def _dense(cells: Iterable[dict[str, Any]]) -> list[Any]:
    """The values of a row's cells by position, up to the last one that is not blank."""
    row: list[Any] = []
    for cell in cells:
        if _blank(cell["value"]):
            continue
        row.extend([None] * (cell["column"] - len(row)))
        row[cell["column"] - 1] = cell["value"]
    return row


def _fill_merged(sheet: Sheet, merges: list[str]) -> Sheet:
    """Give the rows under a merged cell the value the person sees there: a cell merged down
    over several rows ("the same school for these three people") holds its value only in its
    top row. Only rows that hold something else are filled; a merge across columns is layout
    (a title over the table), not a value."""
    from openpyxl.utils.cell import range_boundaries

    by_number = {row.number: row for row in sheet.rows}
    ordered = sorted(sheet.rows, key=attrgetter("number"))
    numbers = [row.number for row in ordered]
    spans = sorted(
        (left, top, bottom) for left, top, _right, bottom in map(range_boundaries, merges)
    )
    # Merged ranges never overlap in a file a spreadsheet program writes; one that overlaps an
    # earlier range of its column is passed over, so each row is filled at most once per column
    # (200,000 copies of one range down 50,000 rows were ten minutes of filling).
    filled_to: dict[int, int] = {}
    for left, top, bottom in spans:
        source = by_number.get(top)
        if source is None or bottom <= top or left > len(sheet.headers):
            continue
        if filled_to.get(left, 0) >= top:
            continue
        filled_to[left] = bottom
        value = source.cells[left - 1]
        for row in ordered[bisect_right(numbers, top) : bisect_right(numbers, bottom)]:
            if _blank(row.cells[left - 1]):
                row.cells[left - 1] = value
    return sheet


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(name: str, numbered: Iterable[tuple[int, Sequence[Any]]], **extra: Any) -> Sheet:
    """Find the header row (among the first rows, the first with two or more filled cells) and
    the rows under it. Blank rows are skipped before they count against ``MAX_ROWS``, and each
    row is cut to the header's width as it is read, so what is kept stays small."""
    rows_iter = ((n, cells) for n, cells in numbered if any(not _blank(v) for v in cells))
    first: list[tuple[int, Sequence[Any]]] = []
    for entry in rows_iter:
        first.append(entry)
        if len(first) == HEADER_SEARCH:
            break
    if not first:
        return Sheet(name=name, headers=[], rows=[], **extra)
    header_at = next(
        (i for i, (_n, row) in enumerate(first) if sum(not _blank(v) for v in row) >= 2), 0
    )
    header_row, raw = first[header_at]
    width = max((i + 1 for i, v in enumerate(raw) if not _blank(v)), default=0)
    headers = ["" if _blank(v) else str(v).strip() for v in raw[:width]]
    rows: list[SheetRow] = []
    for number, row in itertools.chain(first[header_at + 1 :], rows_iter):
        cells = (list(row[:width]) + [None] * width)[:width]
        if any(not _blank(v) for v in cells):
            if len(rows) >= MAX_ROWS:
                raise TableError(N_("The sheet has more than {limit} rows."), limit=MAX_ROWS)
            rows.append(SheetRow(number=number, cells=cells))
    return Sheet(name=name, headers=headers, rows=rows, header_row=header_row, **extra)


# --- CSV -----------------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else the more plausible of cp1250/cp1251."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return max(("cp1250", "cp1251"), key=lambda enc: _plausibility(data.decode(enc, "replace")))


def _mostly_utf8(data: bytes) -> bool:
    """Whether most bytes outside ASCII form UTF-8 letters although the whole is no UTF-8: a
    UTF-8 file with a line added by another program. Read as Windows-1250 it turned every
    "Đorđe Šćepanović" into "ÄorÄ‘e Ĺ Ä‡epanoviÄ‡", silently. (Windows-1250 and 1251 text
    makes such byte pairs only now and then, as "ОЉ" in capitals.)"""
    high = sum(1 for byte in data if byte > 127)
    in_letters = sum(len(m) for m in UTF8_LETTER.findall(data))
    return high > 0 and 2 * in_letters >= high


def _plausibility(text: str) -> int:
    """How much the non-ASCII letters look like real words of the region.

    Cyrillic decoded as cp1250 gives Latin letters no Balkan language uses (ŕ, ď, ĺ); Latin
    decoded as cp1251 gives words that mix scripts (Petroviж). Both score low.
    """
    score = 0
    for word in WORD.findall(text):
        special = [ch for ch in word if ord(ch) > 127]
        if not special:
            continue
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in word)
        if cyrillic == len(word):
            score += len(special)
        elif cyrillic:
            score -= 2 * len(special)
        else:
            score += sum(ch in BALKAN_LATIN for ch in special)
    return score


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number (>1) of fields."""
    sample = text[:20_000]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[:30]
        except csv.Error:
            continue
        widths = [len(r) for r in rows if any(cell.strip() for cell in r)]
        if len(widths) > 1 and text[len(sample) :]:
            widths = widths[:-1]  # the last sampled line may be cut short
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, keep_going: Callable[[], bool] | None = None) -> Sheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise TableError(N_("The file {name} is too large to import."), name=path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path) from exc
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _unreadable(path)
    encoding = detect_encoding(data)
    try:
        if encoding in ("cp1250", "cp1251") and _mostly_utf8(data):
            raise ValueError(encoding)
        text = data.decode(encoding)
    except ValueError as exc:  # UnicodeDecodeError too
        raise TableError(MIXED_ENCODINGS, name=path.name) from exc
    delimiter = sniff_delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # As in a workbook, fields further right than MAX_COLUMNS are not read: a line of commas
    # is no table of 200,000 columns for the wizard to lay out.
    cells = (
        (n, [_csv_cell(v) for v in row[:MAX_COLUMNS]]) for n, row in enumerate(records, start=1)
    )
    numbered = _asking(cells, keep_going)
    try:
        return _table(path.stem, numbered, encoding=encoding, delimiter=delimiter)
    except csv.Error as exc:
        raise _unreadable(path) from exc


def _csv_cell(value: str) -> str:
    """A CSV field; a spreadsheet's error value (saved as its text) is a :class:`BadCell`."""
    return BadCell(value, CELL_SHOWS_ERROR) if value.strip() in ERROR_VALUES else value
