"""Files attached to records: signed minutes, sign-in sheets, photos, receipts (issue 14 §6).

The record says which file (name, type, size, SHA-256) belongs to which parent record; the file
itself lives in the data folder, stored by its hash (``services/attachment_store.py``). A file is
private by default: neither it nor its record leaves this PC. One marked to *travel* goes, with
its record, in the bundles to the hub and between a municipality and its field laptops.
"""

from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, Synced
from hubdesk.i18n import N_

# The record kinds a file may be attached to: kind code -> (table, its name in messages). The
# one place to change when a kind gains attachments: one line here, and its editor shows the
# panel.
PARENT_KINDS: dict[str, tuple[str, str]] = {
    "meeting": ("meetings", N_("meeting")),
    "youth_activity": ("youth_activities", N_("youth activity")),
    "proposal": ("fund_proposals", N_("fund proposal")),
    "training": ("trainings", N_("training")),
}
PARENT_TABLES: dict[str, str] = {kind: table for kind, (table, _label) in PARENT_KINDS.items()}
PARENT_LABELS: dict[str, str] = {kind: label for kind, (_table, label) in PARENT_KINDS.items()}


class FileType(StrEnum):
    """The kinds of file HubDesk accepts, judged by content (``services/filetypes.py``)."""

    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    XLSX = "xlsx"
    DOCX = "docx"
    ODT = "odt"


# File name endings each type may carry (the first is the one HubDesk gives a copy).
EXTENSIONS: dict[FileType, tuple[str, ...]] = {
    FileType.PDF: (".pdf",),
    FileType.JPEG: (".jpg", ".jpeg"),
    FileType.PNG: (".png",),
    FileType.XLSX: (".xlsx",),
    FileType.DOCX: (".docx",),
    FileType.ODT: (".odt",),
}
TYPE_LABELS: dict[FileType, str] = {
    FileType.PDF: "PDF",
    FileType.JPEG: "JPEG",
    FileType.PNG: "PNG",
    FileType.XLSX: "Excel (XLSX)",
    FileType.DOCX: "Word (DOCX)",
    FileType.ODT: "OpenDocument (ODT)",
}


class Attachment(Synced, Base):
    """One file attached to one record of a municipality.

    ``municipality_id`` is the parent's municipality, so the sync scope judges an attachment like
    any record a municipality owns. ``parent_id`` is not a foreign key (it points into one of
    several tables); the service and the bundle import check it points at a record of
    ``parent_kind`` of the same municipality.
    """

    __tablename__ = "attachments"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    parent_kind: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[str] = mapped_column(String(36), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_type: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    note: Mapped[str] = mapped_column(default="")
    travels: Mapped[bool] = mapped_column(default=False)
