"""How large an .xlsx may be, checked before openpyxl unpacks any of it.

An .xlsx is a zip: what its parts hold once unpacked is read from the zip's own directory.
openpyxl keeps every shared string of a workbook in memory at once (a 1 MB file unpacking to
340 MB of them took 2 GB and four minutes), so that part has a cap of its own; the sheets are
read as they unpack.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from hubdesk.tables.sheet import too_large, unreadable

MAX_XLSX_BYTES = 50 * 1024 * 1024  # the workbook file as it lies on the disk
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
SHARED_STRINGS = re.compile(r"(?i)^xl/sharedStrings[^/]*\.xml\Z")


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
        raise unreadable(path) from exc
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES or any(
        SHARED_STRINGS.match(part.filename) and part.file_size > MAX_SHARED_STRINGS_BYTES
        for part in parts
    ):
        raise too_large(path)
