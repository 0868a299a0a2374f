"""Opening a bundle file: decrypt, check the container, the signature, the manifest.

The order matters: nothing in the file is parsed as data until the signature of an enrolled,
unrevoked sender has been verified over the manifest and every part matches its digest. The
plain zip is decrypted as a stream into a temporary file in the data folder (see
:mod:`hubdesk.sync.scratch`); its parts are hashed, and later read, in chunks, and hashed again
as they are read, so what is imported is what was checked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import N_
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services.context import ServiceContext
from hubdesk.storage.migrate import known_revisions
from hubdesk.sync import bundle, keys, rowstream, scratch, strictjson
from hubdesk.sync.bundle import DEFAULT_LIMITS, Limits
from hubdesk.sync.errors import SyncError
from hubdesk.sync.manifest import Manifest, parse_manifest


@dataclass(frozen=True)
class Verified:
    """A bundle whose sender, signature and digests check out; its parts still unparsed."""

    path: Path
    manifest: Manifest
    peer: Peer
    digest: str  # SHA-256 of the decrypted zip
    plain: Path  # the decrypted zip, a temporary file in the data folder
    limits: Limits = DEFAULT_LIMITS

    def batches(self, entry_name: str, batch: int) -> Iterator[list[list[Any]]]:
        """The raw rows of one record part, ``batch`` at a time (see :mod:`rowstream`); the
        part is hashed again as it is read and refused if it differs from its digest."""
        entry = self.manifest.entries[entry_name]
        table = bundle.TABLE_OF_ENTRY[entry_name]
        with open(self.plain, "rb") as handle:
            archive = bundle.open_zip(handle, self.limits)
            with archive:
                digest = hashlib.sha256()
                chunks = bundle.member_chunks(archive, archive.getinfo(entry_name))
                source = bundle.open_member_chunks(_hashed(chunks, digest))
                yield from rowstream.iter_batches(table, source, entry.rows, batch)
                if source.read(1) or digest.hexdigest() != entry.sha256:
                    raise _tampered()

    def file_chunks(self, sha256: str) -> Iterator[bytes]:
        """An attached file's bytes, in chunks, as the bundle holds them (the store hashes
        them again as it writes them, and keeps them only if they match)."""
        with open(self.plain, "rb") as handle:
            archive = bundle.open_zip(handle, self.limits)
            with archive:
                info = archive.getinfo(bundle.file_entry(sha256))
                yield from bundle.member_chunks(archive, info)

    def discard(self) -> None:
        """Remove the plain zip (the import or preview is over)."""
        scratch.remove(self.plain)


def _hashed(chunks: Iterator[bytes], digest: Any) -> Iterator[bytes]:
    for chunk in chunks:
        digest.update(chunk)
        yield chunk


def _tampered() -> SyncError:
    return SyncError(
        N_("A part of this bundle does not match its manifest; it was altered."), "tampered"
    )


@dataclass(frozen=True)
class Previous:
    """The same bundle was imported before."""

    processed_at: str


def _unreadable(path: Path, exc: OSError) -> SyncError:
    return SyncError(
        N_("Could not read {path}: {detail}"),
        "unreadable",
        path=str(path),
        detail=os_reason(exc),
    )


def check_size(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if size > limits.max_file_bytes:
        raise SyncError(N_("This file is larger than HubDesk accepts for a bundle."), "too_large")


def open_bundle(ctx: ServiceContext, path: Path, limits: Limits = DEFAULT_LIMITS) -> Verified:
    """Decrypt ``path`` into a temporary file and check everything but the records; the
    caller must ``discard()`` the result when done (it is removed here on a refusal)."""
    assert ctx.data_dir is not None, "sync needs the data folder (keys live there)"
    own = keys.own_keys(ctx)
    check_size(path, limits)
    plain = scratch.new_file(ctx.data_dir, "import-")
    try:
        try:
            with open(plain, "wb") as target:
                digest = bundle.decrypt(path, target, own.identity)
        except OSError as exc:
            raise _unreadable(path, exc) from exc
        with open(plain, "rb") as handle:
            archive = bundle.open_zip(handle, limits)
            with archive:
                manifest, peer = _check_manifest(ctx, archive)
                names = set(archive.namelist()) - {bundle.SIGNATURE, bundle.MANIFEST}
                listed = {**manifest.entries, **manifest.file_entries}
                if names != set(listed):
                    raise SyncError(
                        N_("This bundle's parts do not match its manifest; it was altered."),
                        "tampered",
                    )
                for name in sorted(names):
                    entry = listed[name]
                    if bundle.member_digest(archive, name) != (entry.sha256, entry.size):
                        raise _tampered()
    except BaseException:
        scratch.remove(plain)
        raise
    return Verified(path, manifest, peer, digest, plain, limits)


def _check_manifest(ctx: ServiceContext, archive: Any) -> tuple[Manifest, Peer]:
    sender_id, signature = bundle.parse_signature(bundle.read_member(archive, bundle.SIGNATURE))
    manifest_bytes = bundle.read_member(archive, bundle.MANIFEST)
    with ctx.read() as session:
        peer = session.get(Peer, sender_id)
    if peer is None:
        raise SyncError(
            N_(
                "This bundle comes from an installation that is not enrolled here ({id}); "
                "enrol its profile first."
            ),
            "unknown_sender",
            id=sender_id,
        )
    if peer.revoked:
        raise SyncError(
            N_("This bundle comes from '{name}', which was revoked."), "revoked", name=peer.name
        )
    if not keys.verify(peer.signing_key, signature, bundle.SIGNED_PREFIX + manifest_bytes):
        raise SyncError(
            N_(
                "This bundle's signature does not match the keys of '{name}'; it may have been "
                "altered or forged."
            ),
            "bad_signature",
            name=peer.name,
        )
    manifest = parse_manifest(strictjson.loads(manifest_bytes, N_("The manifest")))
    _check_parties(ctx, manifest, peer)
    if manifest.schema_version not in known_revisions():
        raise SyncError(
            N_(
                "This bundle was made by a newer version of HubDesk (database {schema}); update "
                "HubDesk to import it."
            ),
            "newer_schema",
            schema=manifest.schema_version,
        )
    return manifest, peer


def _check_parties(ctx: ServiceContext, manifest: Manifest, peer: Peer) -> None:
    if manifest.sender_id != peer.id:
        raise SyncError(
            N_("This bundle's manifest names another sender than its signature."), "bad_signature"
        )
    if manifest.recipient_id != ctx.installation_id:
        raise SyncError(
            N_("This bundle was made for another installation, not for this one."),
            "wrong_recipient",
        )
    if manifest.sender_role != peer.role or manifest.sender_municipality_id != peer.municipality_id:
        raise SyncError(
            N_("This bundle says '{name}' is someone else than it was enrolled as."),
            "mismatch",
            name=peer.name,
        )


def previous_import(ctx: ServiceContext, verified: Verified) -> Previous | None:
    """None when the bundle is new; Previous when this very bundle was imported already.

    A different bundle claiming an old number is refused: it is a replay or a forgery.
    """
    with ctx.read() as session:
        return previous_in(session, verified)


def previous_in(session: Session, verified: Verified) -> Previous | None:
    """``previous_import`` in the caller's session: the import asks again inside its own
    transaction, after it took the writer's turn, so two PCs importing the same bundle at once
    import it once (the second sees the first's log entry once it gets its turn)."""
    m, peer = verified.manifest, verified.peer
    logged = session.scalars(
        select(BundleLog).where(
            BundleLog.direction == "in",
            BundleLog.peer_id == peer.id,
            (BundleLog.sequence == m.sequence) | (BundleLog.bundle_id == m.bundle_id),
        )
    ).first()
    last = session.get(Peer, peer.id, populate_existing=True)
    if logged is not None:
        if logged.digest == verified.digest:
            return Previous(logged.processed_at.isoformat())
        raise SyncError(
            N_(
                "Bundle number {number} from '{name}' was already imported, and this file is "
                "different from it; it is refused. If '{name}' restored a backup since, send "
                "'{name}' a bundle from here first, then ask for a new one."
            ),
            "replayed",
            number=m.sequence,
            name=peer.name,
        )
    assert last is not None
    if m.sequence < last.last_in_sequence:
        raise SyncError(
            N_(
                "This bundle (number {number}) is older than the last one imported from '{name}' "
                "(number {last}); it is refused. If it was made before that one, nothing is "
                "missing: the newer one brought what it held. If '{name}' restored a backup "
                "since, send '{name}' a bundle from here first, then ask for a new one."
            ),
            "older",
            number=m.sequence,
            name=peer.name,
            last=last.last_in_sequence,
        )
    return None
