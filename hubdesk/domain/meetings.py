"""Team meetings: attendance, guests, decisions and action items."""

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, BigInt, CodeList, Synced
from hubdesk.domain.pillars import Themed
from hubdesk.domain.search import search_column


class Meeting(Themed, Synced, Base):
    __tablename__ = "meetings"
    # a period's meetings with their municipality, found in this index alone (migration 0017)
    __table_args__ = (Index("ix_meetings_period", "starts_at", "municipality_id", "deleted", "id"),)

    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(40))
    pillars: Mapped[list[str]] = mapped_column(CodeList, default=list)
    agenda: Mapped[str] = mapped_column(default="")
    minutes: Mapped[str] = mapped_column(default="")
    minutes_internal: Mapped[bool] = mapped_column(default=False)
    search_text: Mapped[str] = search_column()  # derived, never synced

    def private_fields(self) -> tuple[str, ...]:
        # Minutes marked internal stay with the municipality and its field laptops.
        return ("minutes",) if self.minutes_internal else ()


def attendance_id(meeting_id: str, member_id: str) -> str:
    """Attendance ids are derived, so two PCs recording the same person at the same meeting
    write the same record and merge instead of duplicating.

    ``uuid.uuid5(UUID(meeting_id), member_id)``, computed without building UUID objects: an
    import checks this for every attendance row (three quarters of a bundle)."""
    digest = bytearray(hashlib.sha1(_namespace(meeting_id) + member_id.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@lru_cache(maxsize=4096)
def _namespace(meeting_id: str) -> bytes:
    return uuid.UUID(meeting_id).bytes


_SHA1 = type(hashlib.sha1())  # its methods, to map over many digests without a lambda
_ID_LENGTH, _HEX_LENGTH = 36, 40  # a canonical UUID's text; a SHA-1 digest in hex
_DASHES = (8, 13, 18, 23)
# Where each hex digit of the digest's first 16 bytes stands in the id's text.
_ID_PLACES = tuple(k + sum(k >= d - i for i, d in enumerate(_DASHES)) for k in range(32))
_VARIANT = str.maketrans({h: "89ab"[int(h, 16) & 3] for h in "0123456789abcdef"})


def attendance_ids_agree(
    ids: Sequence[str], meeting_ids: Sequence[str], member_ids: Sequence[str]
) -> bool:
    """True exactly when ``ids[i] == attendance_id(meeting_ids[i], member_ids[i])`` for every
    ``i`` (the import checks this for every attendance row, three quarters of a bundle).

    The digests are hashed one per row in C (``map``) and compared a hex place at a time over
    all rows at once: place ``k`` of every digest (``digests[k::40]``) against its place in
    every id (``text[p::36]``); the version place is "5" in every id, the variant place the
    digest's digit with its top bits set (a translation table). With the dashes checked where
    a UUID has them and every id 36 long, this says each id is the canonical text of its
    digest, as ``attendance_id`` writes it. Raises as ``attendance_id`` would on values that
    are not text or not a meeting id (the rule book then judges row by row)."""
    count = len(ids)
    if not (count == len(meeting_ids) == len(member_ids)):
        return False
    if not count:
        return True
    if set(map(type, ids)) != {str} or set(map(len, ids)) != {_ID_LENGTH}:
        return False
    text = "".join(ids)
    if any(text[d::_ID_LENGTH] != "-" * count for d in _DASHES):
        return False
    spaces = {meeting_id: _namespace(meeting_id) for meeting_id in set(meeting_ids)}
    names = map(str.encode, member_ids)
    hashed = map(hashlib.sha1, map(bytes.__add__, map(spaces.__getitem__, meeting_ids), names))
    digests = "".join(map(_SHA1.hexdigest, hashed))
    for k, place in enumerate(_ID_PLACES):
        wanted = digests[k::_HEX_LENGTH]
        if k == 12:
            wanted = "5" * count  # the version
        elif k == 16:
            wanted = wanted.translate(_VARIANT)  # RFC 4122 variant: top bits 10
        if text[place::_ID_LENGTH] != wanted:
            return False
    return True


class Attendance(Synced, Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        # the dashboard counts attendance per meeting in this index alone (migration 0014)
        Index("ix_attendance_meeting_status", "meeting_id", "status", "deleted"),
    )

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))


class MeetingGuest(Synced, Base):
    """Guests are counted by organisation, never named."""

    __tablename__ = "meeting_guests"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    count: Mapped[int] = mapped_column(BigInt, default=1)


class Decision(Synced, Base):
    __tablename__ = "decisions"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str]


class ActionItem(Synced, Base):
    __tablename__ = "action_items"
    # the dashboard's open, overdue and done counts, read in this index alone (migration 0014)
    __table_args__ = (
        Index("ix_action_items_status_dates", "status", "deleted", "due_on", "done_on"),
        # the regional report's action items per meeting and state, in this index alone (0017)
        Index("ix_action_items_meeting_state", "meeting_id", "deleted", "status", "due_on"),
    )

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    owner_member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))
    due_on: Mapped[dt.date | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    done_on: Mapped[dt.date | None]
    search_text: Mapped[str] = search_column()  # derived, never synced
