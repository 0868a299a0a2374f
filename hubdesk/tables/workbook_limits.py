"""How large an .xlsx may be, checked before openpyxl unpacks any of it.

An .xlsx is a zip: what its parts hold once unpacked is read from the zip's own directory.
openpyxl keeps every shared string of a workbook in memory at once (a 1 MB file unpacking to
340 MB of them took 2 GB and four minutes), so that part has a cap of its own; the sheets are
read as they unpack. openpyxl does build each text of a part whole, though (a cell's text, the
white space between two elements): a 0.5 MB workbook whose one cell held 500 MB of text took
1.5 GB. So no run of text in any part may be longer than ``MAX_TEXT_BYTES``, checked as the
parts unpack, a chunk at a time, before openpyxl reads them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from hubdesk.tables.sheet import not_a_workbook, too_large, unreadable

MAX_XLSX_BYTES = 50 * 1024 * 1024  # the workbook file as it lies on the disk
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
SHARED_STRINGS = re.compile(r"(?i)^xl/sharedStrings[^/]*\.xml\Z")
# The longest text between two tags: far more than a field's longest text (50,000 characters,
# four bytes each at most, a quote written as six).
MAX_TEXT_BYTES = 1024 * 1024
CHUNK = 1024 * 1024
TOO_LONG = re.compile(rb"[^<]{%d}" % (MAX_TEXT_BYTES + 1))


def check_unpacked(path: Path) -> None:
    """Refuse a workbook that is too large, or that unpacks to far more than a sheet of
    records holds (a zip bomb), before openpyxl unpacks anything. A part never unpacks to more
    than its header says: Python's zip reader stops there."""
    if path.stat().st_size > MAX_XLSX_BYTES:
        raise too_large(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise not_a_workbook(path) from exc
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES or any(
        SHARED_STRINGS.match(part.filename) and part.file_size > MAX_SHARED_STRINGS_BYTES
        for part in parts
    ):
        raise too_large(path)
    try:
        with zipfile.ZipFile(path) as archive:
            for part in parts:
                if _longest_text(archive, part) > MAX_TEXT_BYTES:
                    raise too_large(path)
    except (OSError, zipfile.BadZipFile, RuntimeError, EOFError) as exc:
        raise unreadable(path) from exc


def _longest_text(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """The longest run of bytes without a '<' in ``part`` as it unpacks, or more than
    ``MAX_TEXT_BYTES`` as soon as one is seen (the rest is not read)."""
    longest = run = 0
    with archive.open(part) as source:
        while chunk := source.read(CHUNK):
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
            else:
                longest = max(longest, run + first)
                if TOO_LONG.search(chunk, first):
                    return MAX_TEXT_BYTES + 1
                run = len(chunk) - chunk.rfind(b"<") - 1
            if max(longest, run) > MAX_TEXT_BYTES:
                return MAX_TEXT_BYTES + 1
    return max(longest, run)
