"""Writing a bundle for one peer: select, sign, encrypt, and only then touch the disk.

The bundle's sequence number is reserved (committed) before the file is written, so a crash
half-way leaves a gap in the numbering, never two different bundles with the same number.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from hubdesk import __version__
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import N_
from hubdesk.services.context import ServiceContext
from hubdesk.storage.migrate import head_revision
from hubdesk.sync import authority, bundle, keys, strictjson
from hubdesk.sync.errors import Progress, SyncError, stepper
from hubdesk.sync.manifest import Entry, Manifest
from hubdesk.sync.select import Selection, select_for_peer


@dataclass(frozen=True)
class ExportResult:
    path: Path
    peer_id: str
    peer_name: str
    sequence: int
    counts: dict[str, int]
    withheld: dict[str, list[str]]
    full: bool
    size: int

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def usable_peer(ctx: ServiceContext, peer_id: str) -> Peer:
    with ctx.read() as session:
        peer = session.get(Peer, peer_id)
    if peer is None:
        raise SyncError(N_("No enrolled peer has the id {id}."), "unknown_peer", id=peer_id)
    if peer.revoked:
        raise SyncError(
            N_("'{name}' was revoked; nothing is sent to it."), "revoked", name=peer.name
        )
    return peer


def default_file_name(ctx: ServiceContext, peer: Peer, today: dt.date | None = None) -> str:
    from hubdesk.services.installation import get_installation

    own = get_installation(ctx.db)
    day = (today or dt.date.today()).isoformat()
    raw = f"{own.name if own else 'hubdesk'}-to-{peer.name}-{day}-{peer.next_out_sequence}"
    safe = re.sub(r"[^\w.-]+", "-", raw, flags=re.UNICODE).strip("-")
    return safe[:120] + bundle.SUFFIX


def export_bundle(
    ctx: ServiceContext,
    peer_id: str,
    target: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write one bundle for ``peer_id`` to ``target`` (replaced atomically if it exists)."""
    assert ctx.data_dir is not None, "sync needs the data folder (keys live there)"
    own_keys = keys.load_keys(ctx.data_dir)
    peer = usable_peer(ctx, peer_id)
    step = stepper(progress, 4)
    authority.sign_hub_rows(ctx)  # a hub's own records leave signed, whatever wrote them
    with ctx.transaction() as session:
        reserved = session.get(Peer, peer.id)
        assert reserved is not None
        sequence = reserved.next_out_sequence
        reserved.next_out_sequence = sequence + 1
    step()
    with ctx.read() as session:
        selection = select_for_peer(session, ctx, peer, full)
    step()
    plain, manifest = build_plain(ctx, own_keys, peer, selection, sequence)
    step()
    data = bundle.encrypt(plain, peer.age_recipient)
    _write_atomically(target, data)
    with ctx.transaction() as session:
        session.add(
            BundleLog(
                direction="out",
                peer_id=peer.id,
                bundle_id=manifest.bundle_id,
                sequence=sequence,
                created_at=manifest.created_at,
                file_name=target.name[:260],
                digest=bundle.sha256(plain),
                full=selection.full,
                audit_mark=selection.audit_mark,
                records=sum(selection.counts.values()),
                summary=json.dumps({"counts": selection.counts, "withheld": selection.withheld}),
            )
        )
        stored = session.get(Peer, peer.id)
        assert stored is not None
        stored.last_out_at = manifest.created_at
    step()
    return ExportResult(
        path=target,
        peer_id=peer.id,
        peer_name=peer.name,
        sequence=sequence,
        counts=selection.counts,
        withheld=selection.withheld,
        full=selection.full,
        size=len(data),
    )


def build_plain(
    ctx: ServiceContext, own_keys: keys.Keys, peer: Peer, selection: Selection, sequence: int
) -> tuple[bytes, Manifest]:
    """The zip (still plain text, in memory) and its manifest."""
    from hubdesk.services.installation import get_installation

    entries: list[tuple[str, bytes]] = []
    described: dict[str, Entry] = {}
    for name, part in selection.parts.items():
        data = json.dumps(
            {"columns": part.columns, "rows": part.rows},
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        ).encode("utf-8")
        entry_name = bundle.records_entry(name)
        entries.append((entry_name, data))
        described[entry_name] = Entry(bundle.sha256(data), len(data), len(part.rows))
    own = get_installation(ctx.db)
    with ctx.read() as session:
        delegates = authority.delegates_of(session, ctx)
    manifest = Manifest(
        bundle_id=str(uuid.uuid4()),
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        sender_id=ctx.installation_id,
        sender_role=ctx.role.value,
        sender_name=own.name if own else "",
        sender_municipality_id=ctx.municipality_id,
        recipient_id=peer.id,
        sequence=sequence,
        receipt=peer.last_in_sequence,
        schema_version=head_revision(),
        full=selection.full,
        entries=described,
        withheld=selection.withheld,
        app_version=__version__,
        delegates=tuple(delegates),
    )
    manifest_bytes = strictjson.dumps(manifest.to_json())
    signature = own_keys.sign(bundle.SIGNED_PREFIX + manifest_bytes)
    head = [
        (bundle.MANIFEST, manifest_bytes),
        (bundle.SIGNATURE, bundle.signature_entry(ctx.installation_id, signature)),
    ]
    return bundle.write_zip(head + entries), manifest


def _write_atomically(target: Path, data: bytes) -> None:
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SyncError(
            N_("Could not write the bundle to {path}: {detail}"),
            "unwritable",
            path=str(target),
            detail=exc.strerror or str(exc),
        ) from exc
