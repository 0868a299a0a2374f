"""Writing a bundle for one peer: select, sign, encrypt, and only then replace the target.

The bundle's sequence number is reserved (committed) before the file is written, so a crash
half-way leaves a gap in the numbering, never two different bundles with the same number.

Memory does not grow with the bundle: each table is read, encoded and deflated a batch of rows
at a time into the plain zip, a temporary file in the data folder (:mod:`hubdesk.sync.scratch`);
the manifest, with every part's digest, is written last, then the zip is encrypted as a stream
into ``<target>.partial``, which replaces the target only when it is complete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from hubdesk import __version__, clock
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import N_, _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services.context import ServiceContext
from hubdesk.services.file_names import storable
from hubdesk.storage.migrate import head_revision
from hubdesk.sync import attachment_files, authority, bulk, bundle, keys, scratch, strictjson
from hubdesk.sync.errors import Progress, SyncError, stepper
from hubdesk.sync.manifest import Entry, Manifest
from hubdesk.sync.select import Selection, StreamedTable, stream_for_peer

STEPS = 4  # an export's progress: signing, choosing the rows, writing them, logging the bundle


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
    files: int = 0  # attached files carried
    files_left: tuple[str, ...] = ()  # names of attached files left for the next bundle

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
    """The file name a bundle is offered under: sender, receiver, day and number, in the
    person's language and script; the number last, so files sort in the order to import."""
    from hubdesk.services.installation import get_installation

    own = get_installation(ctx.db)
    day = (today or clock.today()).isoformat()
    # Who to whom, in the person's language (the name is what they see on the stick).
    pair = _("{sender} to {receiver}").format(
        sender=own.name if own else "hubdesk", receiver=peer.name
    )
    raw = f"{pair}-{day}-{peer.next_out_sequence}"
    safe = re.sub(r"[^\w.-]+", "-", raw, flags=re.UNICODE).strip("-")
    return safe[:120] + bundle.SUFFIX


def in_number_order(paths: list[Path]) -> list[Path]:
    """Files chosen together, numbers in their names compared as numbers.

    A bundle's default name ends with its number, and a folder or a shell lists "…-10" before
    "…-9"; imported in that order, the newer one went in first and the older one was refused.
    """

    def key(path: Path) -> list[tuple[int, int | str]]:
        parts = re.split(r"(\d+)", path.name)
        return [(1, int(p)) if p.isdigit() else (0, p) for p in parts if p]

    return sorted(paths, key=key)


def _first_step(progress: Progress | None) -> Progress | None:
    """``progress`` for work counted its own way, shown within the export's first step."""
    if progress is None:
        return None
    return lambda done, total: progress(done, STEPS * max(total, 1))


def export_bundle(
    ctx: ServiceContext,
    peer_id: str,
    target: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
    file_budget: int = attachment_files.BUNDLE_FILES_MAX_BYTES,
) -> ExportResult:
    """Write one bundle for ``peer_id`` to ``target`` (replaced atomically if it exists);
    attached files over ``file_budget`` wait for the next bundle."""
    assert ctx.data_dir is not None, "sync needs the data folder (keys live there)"
    own_keys = keys.own_keys(ctx)
    peer = usable_peer(ctx, peer_id)
    step = stepper(progress, STEPS)
    # A hub's own records leave signed, whatever wrote them: on a big hub most of the export's
    # time, shown as its first step (a Cancel there signs nothing and writes nothing).
    authority.sign_hub_rows(ctx, _first_step(progress))
    with ctx.transaction() as session:
        reserved = session.get(Peer, peer.id)
        assert reserved is not None
        sequence = reserved.next_out_sequence
        reserved.next_out_sequence = sequence + 1
    step()
    plain = scratch.new_file(ctx.data_dir, "export-")
    outgoing = attachment_files.Outgoing(ctx.data_dir, file_budget)
    try:
        # The collector paused as in the import (bulk.py): the rows read and encoded are
        # hundreds of thousands of short-lived lists, and its walks took a quarter of the time.
        with ctx.read() as session, open(plain, "w+b") as handle, bulk.collector_paused():
            mark, full_bundle, tables = stream_for_peer(session, ctx, peer, full)
            step()
            manifest = write_plain(
                ctx, own_keys, peer, tables, full_bundle, sequence, handle, outgoing
            )
            handle.seek(0)
            digest = _file_digest(handle)
        step()
        size = _encrypt_atomically(plain, target, peer.age_recipient)
    finally:
        scratch.remove(plain)
    counts = manifest.counts
    withheld = manifest.withheld
    with ctx.transaction() as session:
        session.add(
            BundleLog(
                direction="out",
                peer_id=peer.id,
                bundle_id=manifest.bundle_id,
                sequence=sequence,
                created_at=manifest.created_at,
                file_name=storable(target.name),
                digest=digest,
                full=full_bundle,
                audit_mark=mark,
                records=sum(counts.values()),
                summary=json.dumps({"counts": counts, "withheld": withheld}),
            )
        )
        stored = session.get(Peer, peer.id)
        assert stored is not None
        stored.last_out_at = manifest.created_at
        attachment_files.requeue(session, ctx, outgoing.left)
    step()
    return ExportResult(
        path=target,
        peer_id=peer.id,
        peer_name=peer.name,
        sequence=sequence,
        counts=counts,
        withheld=withheld,
        full=full_bundle,
        size=size,
        files=len(manifest.files),
        files_left=tuple(name for _id, name in outgoing.left),
    )


def build_plain(
    ctx: ServiceContext, own_keys: keys.Keys, peer: Peer, selection: Selection, sequence: int
) -> tuple[bytes, Manifest]:
    """The zip (plain text, in memory) and its manifest, of rows selected beforehand."""
    tables = (
        StreamedTable(name, part.columns, iter([part.rows]), part.withheld)
        for name, part in selection.parts.items()
    )
    buffer = io.BytesIO()
    manifest = write_plain(ctx, own_keys, peer, tables, selection.full, sequence, buffer)
    return buffer.getvalue(), manifest


def write_plain(
    ctx: ServiceContext,
    own_keys: keys.Keys,
    peer: Peer,
    tables: Iterable[StreamedTable],
    full: bool,
    sequence: int,
    out: IO[bytes],
    outgoing: attachment_files.Outgoing | None = None,
) -> Manifest:
    """Write the plain zip into ``out``: each table's part as its batches come, the attached
    files its records bring, then the manifest (naming every part's digest) and its
    signature."""
    from hubdesk.services.installation import get_installation

    described: dict[str, Entry] = {}
    withheld: dict[str, list[str]] = {}
    outgoing = outgoing or attachment_files.Outgoing(ctx.data_dir)
    with bundle.ZipWriter(out) as archive:
        for table in outgoing.tables(tables):
            entry_name = bundle.records_entry(table.name)
            counter = [0]
            digest, size = archive.write_chunks(entry_name, _table_json(table, counter))
            described[entry_name] = Entry(digest, size, counter[0])
            if table.withheld:
                withheld[table.name] = sorted(table.withheld)
        outgoing.write(archive)
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
            full=full,
            entries=described,
            withheld=withheld,
            app_version=__version__,
            delegates=tuple(delegates),
            files=dict(outgoing.files),
        )
        manifest_bytes = strictjson.dumps(manifest.to_json())
        signature = own_keys.sign(bundle.SIGNED_PREFIX + manifest_bytes)
        archive.write(bundle.MANIFEST, manifest_bytes)
        archive.write(bundle.SIGNATURE, bundle.signature_entry(ctx.installation_id, signature))
    return manifest


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _table_json(table: StreamedTable, counter: list[int]) -> Iterator[bytes]:
    """``{"columns": [...], "rows": [...]}`` exactly as one ``json.dumps`` would write it,
    produced a batch of rows at a time."""
    yield ('{"columns":' + _dumps(table.columns) + ',"rows":[').encode("utf-8")
    separator = ""
    for rows in table.batches:
        if not rows:
            continue
        counter[0] += len(rows)
        yield (separator + _dumps(rows)[1:-1]).encode("utf-8")
        separator = ","
    yield b"]}"


def _file_digest(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


def _encrypt_atomically(plain: Path, target: Path, age_recipient: str) -> int:
    """Encrypt ``plain`` into ``target`` (through ``<target>.partial``); the file's size."""
    partial = target.with_name(target.name + ".partial")
    if not target.parent.is_dir():
        # Never made here: the folder of a USB stick pulled out would be made on this PC's own
        # disk, and the person told the bundle is on the stick.
        raise SyncError(
            N_(
                "The folder {folder} is not there (a USB stick taken out?); nothing was "
                "written. Put the stick back or choose another folder, and export again."
            ),
            "unwritable",
            folder=str(target.parent),
        )
    try:
        with open(plain, "rb") as source, open(partial, "wb") as handle:
            bundle.encrypt_file(source, handle, age_recipient)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
        return target.stat().st_size
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SyncError(
            N_("Could not write the bundle to {path}: {detail}"),
            "unwritable",
            path=str(target),
            detail=os_reason(exc),
        ) from exc
