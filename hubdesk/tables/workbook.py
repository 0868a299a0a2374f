"""Reading a sheet of an .xlsx (or .xlsm) workbook as a person sees it, and never more than the
file holds: only the cells it stores, the value of a merged cell in every row it covers, and a
refused cell (:class:`BadCell`) where the person sees an error or a formula without its result.
Any failure of openpyxl is the one "cannot be read" message."""

from __future__ import annotations

import threading
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from hubdesk.i18n import N_
from hubdesk.tables.cells import CELL_HAS_NO_RESULT, CELL_NOT_A_DATE, CELL_SHOWS_ERROR, BadCell
from hubdesk.tables.errors import TableError
from hubdesk.tables.sheet import (
    MAX_COLUMNS,
    ReadingStopped,
    Sheet,
    asking,
    blank,
    find_table,
    unreadable,
)
from hubdesk.tables.workbook_limits import check_unpacked

# openpyxl sizes each read-only sheet as it opens the workbook; a sheet that does not state its
# size is then read to its end, every sheet at every opening, before a question can be asked.
# HubDesk reads the cells itself and needs no size: the sizing is left out while it opens one.
_OPENING = threading.Lock()


def _open_book(path: Path) -> Any:
    """The workbook, read-only; any failure of openpyxl to read it is the one clear message."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    check_unpacked(path)
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
        raise unreadable(path) from exc
    return book


def _visible(book: Any) -> list[Any]:
    """The worksheets a person sees in the workbook: a hidden sheet (the lists behind a
    column's drop-down, an old version kept aside) is not offered, nor read unless named.
    Chart sheets hold no rows."""
    sheets = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    return sheets or list(book.worksheets)


def workbook_sheet_names(path: Path) -> list[str]:
    book = _open_book(path)
    try:
        names = [sheet.title for sheet in _visible(book)]
    finally:
        book.close()
    if not names:
        raise TableError(N_("'{name}' has no worksheet to import."), name=path.name)
    return names


def read_workbook(
    path: Path, sheet: str | None, keep_going: Callable[[], bool] | None = None
) -> Sheet:
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
                hidden: set[int] = set()
                rows = asking(_xlsx_rows(worksheet, merges, hidden), keep_going)
                table = fill_merged(find_table(worksheet.title, rows), merges)
                read = sorted(row.number for row in table.rows if row.number in hidden)
                return replace(table, hidden=tuple(read)) if read else table
        except (TableError, MemoryError, ReadingStopped):
            raise
        except Exception as exc:
            raise unreadable(path) from exc
    finally:
        book.close()


def _xlsx_rows(
    worksheet: Any, merges: list[str], hidden: set[int]
) -> Iterator[tuple[int, list[Any]]]:
    """The numbered rows of a read-only worksheet (a blank one as an empty list), each up to its
    last filled cell (at most ``MAX_COLUMNS``); at the end, the sheet's merged ranges go to
    ``merges``; the numbers of hidden rows to ``hidden`` as they are read. Error values and
    formulas without a saved result come as :class:`BadCell`.

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
            if row.get("hidden") in ("1", "true") and cells:
                hidden.add(number)  # filtered out, or hidden by hand
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
        if blank(cell["value"]):
            continue
        row.extend([None] * (cell["column"] - len(row)))
        row[cell["column"] - 1] = cell["value"]
    return row


def fill_merged(sheet: Sheet, merges: list[str]) -> Sheet:
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
            if blank(row.cells[left - 1]):
                row.cells[left - 1] = value
    return sheet
