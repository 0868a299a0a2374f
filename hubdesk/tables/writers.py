"""Writing one table to .xlsx or .csv, whole or not at all.

The file is written next to its target under a temporary name and renamed at the end, so a
crash, a full disk or a cancelled export never leaves a half-written spreadsheet where the
person expects a good one (nor destroys the previous file of that name).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

from hubdesk.i18n import N_
from hubdesk.i18n.oserrors import os_reason
from hubdesk.tables.errors import TableError

FORMATS = (".xlsx", ".csv")
# Dates in the order offices of the region write them; English (en_GB) writes day/month/year.
DATE_FORMAT = {"en": "dd/mm/yyyy"}
DEFAULT_DATE_FORMAT = "dd.mm.yyyy"
PROGRESS_EVERY = 200
WIDTH_ROWS = 200  # the rows the columns' widths are worked out from
PHONE_LIKE = re.compile(r"[+-][\d\s()./-]*")
CANNOT_WRITE = N_("Cannot write to {path}: {reason}")
XLSX_CELL_MAX = 32_767  # characters in one cell: Excel's limit, and openpyxl cuts the rest

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class MoneyCell:
    """An amount in major units and the digits its currency has (a real number in the sheet)."""

    amount: Decimal
    digits: int


class ExportCancelled(TableError):
    def __init__(self) -> None:
        super().__init__(N_("Export cancelled; no file was written."))


def check_format(path: Path) -> str:
    """The lower-case suffix of ``path`` if HubDesk can write it, else a clear error."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise TableError(
            N_("'{name}' is not a spreadsheet HubDesk writes: use a name ending in .xlsx or .csv."),
            name=path.name,
        )
    return suffix


def sheet_title(text: str) -> str:
    """A worksheet name Excel accepts (31 characters, none of []:*?/\\)."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return (cleaned or "Sheet")[:31]


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    lang: str = "en",
    csv_delimiter: str = ",",
    csv_decimal: str = ".",
    progress: Progress | None = None,
) -> int:
    """Write ``rows`` under ``headers`` to ``path`` (.xlsx or .csv), replacing it atomically;
    the number of rows written.

    ``rows`` are taken one at a time as they are written, so an iterator that reads them as
    they are asked for keeps no more than a few of them in memory. Their number is known only
    at the end: ``progress`` hears ``(rows written, 0)`` until then."""
    suffix = check_format(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TableError(N_("The folder {folder} does not exist."), folder=str(folder))
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".~" + path.stem, suffix=suffix)
    except OSError as exc:
        raise TableError(CANNOT_WRITE, path=str(path), reason=os_reason(exc)) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        if suffix == ".xlsx":
            written = _write_xlsx(temp, headers, rows, title, lang, progress)
        else:
            written = _write_csv(temp, headers, rows, csv_delimiter, csv_decimal, progress)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TableError(CANNOT_WRITE, path=str(path), reason=os_reason(exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return written


def tick(progress: Progress | None, done: int, total: int) -> None:
    """Report every ``PROGRESS_EVERY`` rows and at the end; Cancel raises ExportCancelled.

    ``total`` 0: not known yet (a busy bar)."""
    due = done % PROGRESS_EVERY == 0 or done == total
    if progress is not None and due and progress(done, total) is False:
        raise ExportCancelled()


def _write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str,
    lang: str,
    progress: Progress | None,
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    date_format = DATE_FORMAT.get(lang, DEFAULT_DATE_FORMAT)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(title))
    rows = iter(rows)
    first = list(islice(rows, WIDTH_ROWS))  # widths from the first rows are enough to read
    widths = [min(max(len(h), 8), 40) for h in headers]
    for row in first:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], len(str(value)) if value is not None else 0), 50)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    # Each row is written as it comes (openpyxl streams it to a scratch file), so Cancel is
    # heard all along, and while saving, until the finished file would replace the old one.
    tick(progress, 0, 0)
    done = 0
    try:
        sheet.append(header_cells)
        for done, row in enumerate(chain(first, rows), start=1):
            _check_length(row, done, headers)
            sheet.append([_xlsx_cell(sheet, value, date_format) for value in row])
            tick(progress, done, 0)
        if headers:  # written after the rows, so their number may come last
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{done + 1}"
        _save_book(book, path)
        tick(progress, done, done)  # Cancel while saving: the old file stays
    except BaseException:
        with contextlib.suppress(Exception):
            sheet.close()  # ends openpyxl's row writer; its scratch file goes at exit
        raise
    return done


def _check_length(row: Sequence[Any], done: int, headers: Sequence[str]) -> None:
    """A text longer than an Excel cell holds is refused: cut, it would come back shorter
    from an import of this file."""
    from openpyxl.utils import get_column_letter

    for i, value in enumerate(row):
        if isinstance(value, str) and len(value) > XLSX_CELL_MAX:
            raise TableError(
                N_(
                    "Row {row}, column '{column}' holds {length} characters, more than an "
                    "Excel cell can hold ({limit}). Export as .csv to keep every text whole."
                ),
                row=done + 1,
                column=headers[i] if i < len(headers) else get_column_letter(i + 1),
                length=len(value),
                limit=XLSX_CELL_MAX,
            )


def _save_book(book: Any, path: Path) -> None:
    """``book.save(path)``, with its zip archive closed when writing fails (a full disk).

    openpyxl leaves the archive open then; closing it later tried to write again, and Python
    printed that second failure as a traceback under the one-line error."""
    from openpyxl.writer import excel

    archive = excel.ZipFile(path, "w", excel.ZIP_DEFLATED, allowZip64=True)
    book.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    try:
        excel.ExcelWriter(book, archive).save()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()  # fails again on a full disk, but lets go of the file
        raise


def _xlsx_cell(sheet: Any, value: Any, date_format: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, MoneyCell):
        cell = WriteOnlyCell(sheet, value=value.amount)
        cell.number_format = "#,##0." + "0" * value.digits if value.digits else "#,##0"
        return cell
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = date_format + " hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = date_format
        return cell
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # Text that a spreadsheet would run as a formula is stored as text, never as a formula.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _write_csv(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    delimiter: str,
    decimal: str,
    progress: Progress | None,
) -> int:
    # utf-8-sig writes the byte order mark Excel needs to read Cyrillic and diacritics right.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(headers)
        tick(progress, 0, 0)
        done = 0
        for done, row in enumerate(rows, start=1):
            writer.writerow([_csv_text(value, decimal) for value in row])
            tick(progress, done, 0)
        tick(progress, done, done)
    return done


def _csv_text(value: Any, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, MoneyCell):
        return f"{value.amount:.{value.digits}f}".replace(".", decimal)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()  # ISO dates are read as dates by every spreadsheet
    return csv_safe(str(value))


def csv_safe(text: str) -> str:
    """Text Excel would run as a formula gets a leading apostrophe (the importer drops it).

    A name like ``=HYPERLINK(...)`` or ``+cmd|...`` arriving from another installation must not
    run when the hub opens the export; a phone number like ``+389 70 111 222`` stays as it is.
    """
    if text[:1] in ("=", "@", "\t", "\r") or (
        text[:1] in ("+", "-") and not PHONE_LIKE.fullmatch(text)
    ):
        return "'" + text
    return text
