"""Sync bookkeeping: enrolled peers, the log of bundles in and out, and versions seen.

None of these rows travel in bundles; they are this installation's memory of whom it trusts and
what it has exchanged with whom (DESIGN §4).
"""

import datetime as dt

from sqlalchemy import BigInteger, Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, BigInt, utcnow


class Peer(Base):
    """Another installation whose public keys were compared by phone and accepted.

    The sequence and mark columns drive incremental export: ``acked_audit_mark`` is the highest
    local audit-log id the peer is known to hold (from the receipt in its last bundle), so the
    next bundle carries only what changed after it.
    """

    __tablename__ = "sync_peers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the peer's installation id
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    municipality_id: Mapped[str | None] = mapped_column(String(36))
    municipality_name: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str | None] = mapped_column(String(2))
    signing_key: Mapped[str] = mapped_column(String(64))  # Ed25519 public key, base64
    age_recipient: Mapped[str] = mapped_column(String(100))  # age1...
    fingerprint: Mapped[str] = mapped_column(String(60))
    enrolled_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]
    next_out_sequence: Mapped[int] = mapped_column(BigInt, default=1)
    last_out_at: Mapped[dt.datetime | None]
    last_in_sequence: Mapped[int] = mapped_column(BigInt, default=0)
    last_in_at: Mapped[dt.datetime | None]
    acked_out_sequence: Mapped[int] = mapped_column(BigInt, default=0)
    acked_audit_mark: Mapped[int] = mapped_column(BigInt, default=0)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class BundleLog(Base):
    """One bundle written or imported: the history the Sync page shows, and replay protection."""

    __tablename__ = "sync_bundles"

    id: Mapped[int] = mapped_column(BigInt, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(3))  # "in" or "out"
    peer_id: Mapped[str] = mapped_column(String(36), index=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    sequence: Mapped[int] = mapped_column(BigInt)
    created_at: Mapped[dt.datetime]  # as written in the manifest
    processed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    file_name: Mapped[str] = mapped_column(String(260), default="")
    digest: Mapped[str] = mapped_column(String(64))  # SHA-256 of the decrypted zip
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    audit_mark: Mapped[int] = mapped_column(BigInt, default=0)  # out: highest audit id included
    records: Mapped[int] = mapped_column(BigInt, default=0)
    summary: Mapped[str] = mapped_column(default="{}")  # JSON: counts per area and outcome


class SeenVersion(Base):
    """A version of a record known to be superseded here, learnt from a bundle's lineage.

    Together with the audit log (every version held here) and the conflict log, this lets an
    import tell a stale copy of an old version from a genuinely concurrent edit.
    """

    __tablename__ = "sync_seen_versions"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class TrustedHub(Base):
    """The hub whose signed records a field laptop accepts, though it never exchanges bundles
    with it: learnt from the municipality's profile or the hub's own, and compared by phone.

    A municipality or a hub does not need this row: a municipality knows its hub as a peer.
    """

    __tablename__ = "sync_trusted_hubs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the hub's installation id
    name: Mapped[str] = mapped_column(String(200))
    signing_key: Mapped[str] = mapped_column(String(64))  # Ed25519 public key, base64
    fingerprint: Mapped[str] = mapped_column(String(60))
    learnt_from: Mapped[str] = mapped_column(String(20))  # "municipality" or "hub" profile
    learnt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
