"""What kind of file a file really is, judged by its content (magic bytes), never by its name.

HubDesk attaches PDF, JPEG, PNG, XLSX, DOCX and ODT only. The three office formats are zip
files; each is told apart by the zip's own marker files (``[Content_Types].xml`` with
``word/document.xml`` or ``xl/workbook.xml``; an OpenDocument text's ``mimetype`` entry), read
from the zip's directory without unpacking anything else. An ``.exe`` renamed ``.pdf`` is none
of these and is refused.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from hubdesk.domain.attachments import FileType

PDF_MAGIC = b"%PDF-"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff(path: Path) -> FileType | None:
    """The allowed type ``path`` holds, or None when it is none of them (or unreadable)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return None
    if head.startswith(PDF_MAGIC):
        return FileType.PDF
    if head.startswith(JPEG_MAGIC):
        return FileType.JPEG
    if head == PNG_MAGIC:
        return FileType.PNG
    if head.startswith(ZIP_MAGIC):
        return _office(path)
    return None


def _office(path: Path) -> FileType | None:
    """Which office document a zip is, by the entries its format requires."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    with archive.open(info) as member:
                        if member.read(101).strip() == ODT_MIMETYPE:
                            return FileType.ODT
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return FileType.DOCX
                if "xl/workbook.xml" in names:
                    return FileType.XLSX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    return None
