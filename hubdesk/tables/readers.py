"""Reading a sheet a person hands us: .xlsx from Excel or LibreOffice, or .csv from anywhere.

CSV files in the region come in UTF-8 (with or without the byte order mark Excel writes), in
Windows-1250 (Latin with č ć đ š ž ë ç) or in Windows-1251 (Cyrillic), separated by commas or,
where the decimal mark is a comma, by semicolons. We find out which instead of asking.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubdesk.i18n import N_
from hubdesk.tables.errors import TableError

READABLE = (".xlsx", ".xlsm", ".csv", ".txt")
MAX_ROWS = 50_000
MAX_CSV_BYTES = 50 * 1024 * 1024
DELIMITERS = (";", ",", "\t", "|")
BALKAN_LATIN = set("čćžšđČĆŽŠĐëËçÇ")
WORD = re.compile(r"[^\W\d_]+")


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


def _open_book(path: Path) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise _unreadable(path) from exc


def sheet_names(path: Path | str) -> list[str]:
    """The sheets a person can choose from (a CSV file is one sheet named after the file)."""
    path = Path(path)
    if _suffix(path) in (".csv", ".txt"):
        return [path.stem]
    book = _open_book(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_sheet(path: Path | str, sheet: str | None = None) -> Sheet:
    """The header row and the data rows of one sheet (the first when ``sheet`` is None)."""
    path = Path(path)
    if _suffix(path) in (".csv", ".txt"):
        return _read_csv(path)
    book = _open_book(path)
    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        elif sheet in book.sheetnames:
            worksheet = book[sheet]
        else:
            raise TableError(
                N_("There is no sheet '{sheet}' in {name}. Sheets: {sheets}."),
                sheet=sheet,
                name=path.name,
                sheets=", ".join(book.sheetnames),
            )
        try:
            values = _limited(worksheet.iter_rows(values_only=True))
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise _unreadable(path) from exc
        return _table(worksheet.title, values)
    finally:
        book.close()


def _limited(rows: Any) -> list[list[Any]]:
    out: list[list[Any]] = []
    for row in rows:
        out.append(list(row))
        if len(out) > MAX_ROWS + 1:
            raise TableError(N_("The sheet has more than {limit} rows."), limit=MAX_ROWS)
    return out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(name: str, values: list[list[Any]], **extra: Any) -> Sheet:
    """Find the header row (the first with two or more filled cells) and the rows under it."""
    header_index = next(
        (i for i, row in enumerate(values[:20]) if sum(not _blank(v) for v in row) >= 2),
        next((i for i, row in enumerate(values) if any(not _blank(v) for v in row)), None),
    )
    if header_index is None:
        return Sheet(name=name, headers=[], rows=[], **extra)
    raw = values[header_index]
    width = max((i + 1 for i, v in enumerate(raw) if not _blank(v)), default=0)
    headers = ["" if _blank(v) else str(v).strip() for v in raw[:width]]
    rows = []
    for offset, row in enumerate(values[header_index + 1 :], start=header_index + 2):
        cells = (list(row) + [None] * width)[:width]
        if any(not _blank(v) for v in cells):
            rows.append(SheetRow(number=offset, cells=cells))
    return Sheet(name=name, headers=headers, rows=rows, header_row=header_index + 1, **extra)


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


def _read_csv(path: Path) -> Sheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise TableError(N_("The file {name} is too large to import."), name=path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path) from exc
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _unreadable(path)
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    delimiter = sniff_delimiter(text)
    try:
        values = _limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _unreadable(path) from exc
    return _table(path.stem, values, encoding=encoding, delimiter=delimiter)
