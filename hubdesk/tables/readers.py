"""Reading a sheet a person hands us: .xlsx from Excel or LibreOffice, or .csv from anywhere.

This is the one door callers use (the import wizard, ``hubdesk table import``): it refuses a file
HubDesk does not read and hands the rest to ``csvfile`` or ``workbook``. Both give back a
:class:`Sheet` made by ``sheet.find_table``, so the limits and the header search are the same
whatever the file; the cell kinds a sheet may hold are in ``cells``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hubdesk.i18n import N_
from hubdesk.tables.cells import (
    CELL_HAS_NO_RESULT,
    CELL_NOT_A_DATE,
    CELL_SHOWS_ERROR,
    ERROR_VALUES,
    BadCell,
)
from hubdesk.tables.csvfile import (
    BALKAN_LATIN,
    DELIMITERS,
    MAX_CSV_BYTES,
    MIXED_ENCODINGS,
    UTF8_LETTER,
    WORD,
    detect_encoding,
    read_csv,
    sniff_delimiter,
)
from hubdesk.tables.errors import TableError
from hubdesk.tables.sheet import (
    ASK_EVERY,
    HEADER_SEARCH,
    MAX_COLUMNS,
    MAX_ROWS,
    ReadingStopped,
    Sheet,
    SheetRow,
)
from hubdesk.tables.workbook import read_workbook, workbook_sheet_names
from hubdesk.tables.workbook_limits import (
    MAX_SHARED_STRINGS_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_XLSX_BYTES,
    SHARED_STRINGS,
)

__all__ = [
    "ASK_EVERY",
    "BALKAN_LATIN",
    "CELL_HAS_NO_RESULT",
    "CELL_NOT_A_DATE",
    "CELL_SHOWS_ERROR",
    "DELIMITERS",
    "ERROR_VALUES",
    "HEADER_SEARCH",
    "MAX_COLUMNS",
    "MAX_CSV_BYTES",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_XLSX_BYTES",
    "MIXED_ENCODINGS",
    "READABLE",
    "SHARED_STRINGS",
    "UTF8_LETTER",
    "WORD",
    "BadCell",
    "ReadingStopped",
    "Sheet",
    "SheetRow",
    "detect_encoding",
    "read_sheet",
    "sheet_names",
    "sniff_delimiter",
]

READABLE = (".xlsx", ".xlsm", ".csv", ".txt")
_TEXT = (".csv", ".txt")


def _is_text(path: Path) -> bool:
    """Whether ``path`` is a file HubDesk reads as CSV (else as a workbook); any other file is
    refused with the message that says what to save it as."""
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
    return suffix in _TEXT


def sheet_names(path: Path | str) -> list[str]:
    """The sheets a person can choose from (a CSV file is one sheet named after the file)."""
    path = Path(path)
    return [path.stem] if _is_text(path) else workbook_sheet_names(path)


def read_sheet(
    path: Path | str, sheet: str | None = None, keep_going: Callable[[], bool] | None = None
) -> Sheet:
    """The header row and the data rows of one sheet (the first visible one when ``sheet`` is
    None, as the wizard offers it first).

    ``keep_going`` is asked every few hundred rows; when it says no the reading stops with
    ``ReadingStopped``, so a person who cancels a large workbook does not leave the PC busy
    reading it to the end."""
    from hubdesk.tables.name_columns import join_name_columns

    path = Path(path)
    read = read_csv(path, keep_going) if _is_text(path) else read_workbook(path, sheet, keep_going)
    return join_name_columns(read)
