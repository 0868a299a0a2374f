"""Reading a .csv (or .txt) file as one sheet.

CSV files in the region come in UTF-8 (with or without the byte order mark Excel writes), in
Windows-1250 (Latin with č ć đ š ž ë ç) or in Windows-1251 (Cyrillic), separated by commas or,
where the decimal mark is a comma, by semicolons. We find out which instead of asking.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from hubdesk.i18n import N_
from hubdesk.tables.cells import CELL_SHOWS_ERROR, ERROR_VALUES, BadCell
from hubdesk.tables.errors import TableError
from hubdesk.tables.sheet import MAX_COLUMNS, Sheet, asking, find_table, too_large, unreadable

MAX_CSV_BYTES = 50 * 1024 * 1024
DELIMITERS = (";", ",", "\t", "|")
BALKAN_LATIN = set("čćžšđČĆŽŠĐëËçÇ")
WORD = re.compile(r"[^\W\d_]+")
UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Excel's first line naming the separator ("sep=;"): it reads the file with that separator and
# does not show the line, so the rows are numbered from the line after it.
SEPARATOR_LINE = re.compile(r"sep=([^\r\n\"])(\r\n|\r|\n|$)", re.IGNORECASE)
MIXED_ENCODINGS = N_(
    "'{name}' is not written in one encoding throughout (a part of it was saved by another "
    "program). Open it in a spreadsheet program, save it as CSV UTF-8 and import it again."
)


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


def read_csv(path: Path, keep_going: Callable[[], bool] | None = None) -> Sheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise too_large(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path) from exc
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise unreadable(path)
    encoding = detect_encoding(data)
    try:
        if encoding in ("cp1250", "cp1251") and _mostly_utf8(data):
            raise ValueError(encoding)
        text = data.decode(encoding)
    except ValueError as exc:  # UnicodeDecodeError too
        raise TableError(MIXED_ENCODINGS, name=path.name) from exc
    if named := SEPARATOR_LINE.match(text):
        delimiter, text = named[1], text[named.end() :]
    else:
        delimiter = sniff_delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # As in a workbook, fields further right than MAX_COLUMNS are not read: a line of commas
    # is no table of 200,000 columns for the wizard to lay out.
    cells = (
        (n, [_csv_cell(v) for v in row[:MAX_COLUMNS]]) for n, row in enumerate(records, start=1)
    )
    numbered = asking(cells, keep_going)
    try:
        return find_table(path.stem, numbered, encoding=encoding, delimiter=delimiter)
    except csv.Error as exc:
        raise unreadable(path) from exc


def _csv_cell(value: str) -> str:
    """A CSV field; a spreadsheet's error value (saved as its text) is a :class:`BadCell`."""
    return BadCell(value, CELL_SHOWS_ERROR) if value.strip() in ERROR_VALUES else value
