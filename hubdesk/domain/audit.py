"""Local logs: the audit trail of every change and the conflict log of the merge (never synced)."""

import datetime as dt

from sqlalchemy import BigInteger, FetchedValue, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, BigInt, utcnow


class AuditEntry(Base):
    """One change to one record: who, when, which fields, old and new (JSON)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInt, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    installation_id: Mapped[str] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(
        String(20)
    )  # create / update / delete / restore / sync / came_back
    changes: Mapped[str] = mapped_column(default="{}")  # {"field": [old, new], ...}
    # The staff login that made the change, on a hub's server (the database fills it in from
    # the connection's own login); empty on a PC's own file, which has one person.
    person: Mapped[str | None] = mapped_column(String(63), server_default=FetchedValue())


class Conflict(Base):
    """A version that lost a concurrent edit, kept whole so a person can review and reverse it."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(BigInt, primary_key=True, autoincrement=True)
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    winner_version: Mapped[int] = mapped_column(BigInteger)
    winner_installation: Mapped[str] = mapped_column(String(36))
    loser_version: Mapped[int] = mapped_column(BigInteger)
    loser_installation: Mapped[str] = mapped_column(String(36))
    loser_data: Mapped[str]  # the losing record as JSON
    resolved_at: Mapped[dt.datetime | None]
    resolution: Mapped[str] = mapped_column(String(20), default="")  # kept / reverted
