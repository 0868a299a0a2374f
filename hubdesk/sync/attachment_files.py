"""Attached files in bundles: which go out, and how those that arrive are judged and stored.

Out (:class:`Outgoing`): every travelling, live attachment record in the bundle brings its file
as ``files/<sha256>`` (stored, not deflated: PDFs, photos and office files are compressed
already), read from the store in chunks. The files of one bundle stay under a cap
(``BUNDLE_FILES_MAX_BYTES``): a record whose file does not fit is *left for the next bundle*, not
sent without its file. It is logged again after the export (an audit entry, as the hub does for
a new signature), so the next bundle to every peer picks it up; the export tells the person
which files wait. A record whose file is not in this PC's store is left out the same way.

In: after the signature and every digest were checked (``verify.py``), the import checks that
no live record is private (only travelling records and deletions are ever sent), that each
travelling record's file is in the bundle with the record's size, that every file in the
bundle belongs to a travelling record of it, and that each record's parent is a record of its
own municipality. Only when the whole bundle passed are the files copied into the store, each
hashed again on the way and judged by its content (it must be the type its record says); a
refusal at any point removes the files this import added, so a refused bundle changes neither
the database nor the store.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import Attachment, AuditEntry
from hubdesk.domain.attachments import PARENT_TABLES
from hubdesk.domain.base import utcnow
from hubdesk.i18n import N_
from hubdesk.services import attachment_store as store
from hubdesk.services.context import ServiceContext
from hubdesk.services.filetypes import sniff
from hubdesk.services.rules.base import BUNDLE_FILES_MAX_BYTES
from hubdesk.sync import bundle, links
from hubdesk.sync.errors import SyncError
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.manifest import Manifest
from hubdesk.sync.merge import rank
from hubdesk.sync.select import StreamedTable

TABLE = "attachments"
PARENTS = frozenset(PARENT_TABLES.values())
PRIVATE = N_("it is the record of a private file, which never leaves its PC")
# What a record says of its file is written once (``attachments.add_file``); the forms change
# only its note and whether it travels, and a new file is a new record. A version naming
# another file (or parent) under a held record's id would swap the signed minutes a receiver
# has read for other ones, under the same name and date in its list of files.
FIXED = ("parent_kind", "parent_id", "file_name", "file_type", "size", "sha256")
REFILED = N_(
    "it replaces the file of an attachment, or moves it to another record; a file is "
    "attached once, and another file is another attachment"
)


class Outgoing:
    """The files of one export: chosen as the attachment rows stream past, written after the
    record parts."""

    def __init__(self, data_dir: Path | None, budget: int = BUNDLE_FILES_MAX_BYTES) -> None:
        self.data_dir, self.budget = data_dir, budget
        self.files: dict[str, int] = {}  # SHA-256 -> size, in the bundle
        self.left: list[tuple[str, str]] = []  # (record id, file name) left for the next one

    @property
    def used(self) -> int:
        return sum(self.files.values())

    def tables(self, tables: Iterable[StreamedTable]) -> Iterator[StreamedTable]:
        for table in tables:
            if table.name == TABLE:
                table = StreamedTable(
                    table.name, table.columns, self._chosen(table), table.withheld
                )
            yield table

    def _chosen(self, table: StreamedTable) -> Iterator[list[list[Any]]]:
        at = {name: i for i, name in enumerate(table.columns)}
        for batch in table.batches:
            kept = []
            for row in batch:
                if row[at["deleted"]] or not row[at["travels"]] or self._fits(row, at):
                    kept.append(row)
                else:
                    self.left.append((row[at["id"]], row[at["file_name"]]))
            yield kept

    def _fits(self, row: list[Any], at: Mapping[str, int]) -> bool:
        sha, size = row[at["sha256"]], row[at["size"]]
        if sha in self.files:
            return True
        if self.data_dir is None or not store.has(self.data_dir, sha):
            return False
        if self.used + size > self.budget:
            return False
        self.files[sha] = size
        return True

    def write(self, archive: bundle.ZipWriter) -> None:
        """Each chosen file as ``files/<sha256>``, refused if the stored copy changed."""
        assert self.data_dir is not None or not self.files
        for sha in sorted(self.files):
            assert self.data_dir is not None
            path = store.path_of(self.data_dir, sha)
            digest, size = archive.write_chunks(
                bundle.file_entry(sha), store.chunks_of(path), compress=zipfile.ZIP_STORED
            )
            if (digest, size) != (sha, self.files[sha]):
                raise SyncError(
                    N_("An attached file in the data folder is damaged ({path}); remove it."),
                    "damaged_file",
                    path=str(path),
                )


def requeue(session: Session, ctx: ServiceContext, left: Iterable[tuple[str, str]]) -> None:
    """Log the records left out once more, so that the next bundle carries them."""
    ids = sorted({record_id for record_id, _name in left})
    now = utcnow()
    for record in session.scalars(select(Attachment).where(Attachment.id.in_(ids))):
        session.add(
            AuditEntry(
                at=now,
                installation_id=ctx.installation_id,
                table_name=TABLE,
                record_id=record.id,
                version=record.version,
                action="sync",
                changes=json.dumps({"left_for_next_bundle": [None, True]}),
            )
        )


# --- import ------------------------------------------------------------------------------------


def check_rows(
    session: Session,
    manifest: Manifest,
    rows: list[Incoming],
    current: Mapping[str, Mapping[str, Any]],
    index: Mapping[str, Mapping[str, str | None]],
    claimed: set[str],
    problems: list[Problem],
) -> None:
    """Each live record travels and its file is in the bundle with its size; each record's
    parent is a record of its own municipality, in the bundle or held here; a record held
    here keeps its file and its parent (``FIXED``)."""
    wanted: dict[str, set[str]] = {}
    for inc in rows:
        values = inc.values
        kind = values["parent_kind"]
        if kind in PARENT_TABLES:
            wanted.setdefault(PARENT_TABLES[kind], set()).add(values["parent_id"])
    held = {
        table: links._target_owners(session, table, ids - set(index.get(table, {})))
        for table, ids in wanted.items()
    }
    for inc in rows:
        values = inc.values
        why = _parent_problem(values, index, held)
        if why is not None:
            problems.append(Problem(TABLE, inc.id, "parent_id", why, reason="broken_link"))
        if values["deleted"]:
            continue  # a withdrawal (the travelling record deleted) or a removal: no file
        stored = current.get(inc.id)
        if stored is not None and rank(values, TABLE) > rank(dict(stored), TABLE):
            changed = [name for name in FIXED if values[name] != stored[name]]
            if changed:
                problems.append(Problem(TABLE, inc.id, changed[0], REFILED, {}, "file_mismatch"))
                continue
        if not values["travels"]:
            # A private file's record never leaves its PC (``scope.export_clause`` sends only
            # travelling ones), so no honest sender has one to send; accepted, it would name a
            # file this PC never gets.
            problems.append(Problem(TABLE, inc.id, "travels", PRIVATE, reason="out_of_scope"))
            continue
        sha = values["sha256"]
        if sha not in manifest.files:
            problems.append(
                Problem(
                    TABLE, inc.id, "sha256", N_("its file is not in the bundle"), {}, "missing_file"
                )
            )
        elif manifest.files[sha] != values["size"]:
            problems.append(
                Problem(
                    TABLE,
                    inc.id,
                    "size",
                    N_("its file in the bundle is not the size the record says"),
                    {},
                    "file_mismatch",
                )
            )
        else:
            claimed.add(sha)


def _parent_problem(
    values: Mapping[str, Any],
    index: Mapping[str, Mapping[str, str | None]],
    held: Mapping[str, Mapping[str, str | None]],
) -> str | None:
    table = PARENT_TABLES.get(values["parent_kind"])
    if table is None:
        return None  # the rule book names the kind
    parent_id = values["parent_id"]
    if parent_id in index.get(table, {}):
        owner = index[table][parent_id]
    elif parent_id in held.get(table, {}):
        owner = held[table][parent_id]
    else:
        return N_("the record it is attached to is neither in the bundle nor here")
    if owner != values["municipality_id"]:
        return N_("the record it is attached to belongs to another municipality")
    return None


def unclaimed(manifest: Manifest, claimed: set[str]) -> list[Problem]:
    """Files in the bundle that no travelling record of it names."""
    return [
        Problem(
            TABLE,
            bundle.file_entry(sha),
            "",
            N_("this file belongs to no record in the bundle"),
            {},
            "file_without_record",
        )
        for sha in sorted(set(manifest.files) - claimed)
    ]


def store_files(
    session: Session,
    ctx: ServiceContext,
    verified: Any,
    added: list[str],
    tick: Callable[[int], None] | None = None,
) -> None:
    """Copy the bundle's files into the store (after every check passed, inside the import's
    transaction); the hashes of the files new here go into ``added``, for the caller to remove
    again if the import fails after all. ``tick(0)`` before each file: it raises to cancel.

    Every live record naming a file (this bundle's, now written, and those held) must name the
    type its content is: judged on the bundle's copy of a file new here, and on the stored
    copy of one held already, so a second record cannot pass a PDF off as a photo."""
    manifest: Manifest = verified.manifest
    if not manifest.files:
        return
    assert ctx.data_dir is not None
    query = (
        select(Attachment.sha256, func.min(Attachment.file_type), func.max(Attachment.file_type))
        .where(Attachment.sha256.in_(sorted(manifest.files)), ~Attachment.deleted)
        .group_by(Attachment.sha256)
    )
    types = {sha: (low, high) for sha, low, high in session.execute(query)}
    for sha in sorted(manifest.files):
        if sha not in types:
            # No live record names it: its record lost the merge (the office removed the
            # attachment since the laptop sent it again). Nothing needs it; it is not kept.
            continue
        low, high = types[sha]
        held = sniff(store.path_of(ctx.data_dir, sha)) if store.has(ctx.data_dir, sha) else None
        if held is not None:
            if not held.value == low == high:
                raise _not_its_file()
            continue
        if tick is not None:
            tick(0)
        temporary, digest, _size = store.write_temporary(
            ctx.data_dir, verified.file_chunks(sha), verified.limits.max_attachment_bytes
        )
        kind = sniff(temporary)
        if digest != sha or kind is None or not kind.value == low == high:
            temporary.unlink(missing_ok=True)
            raise _not_its_file()
        if store.settle(ctx.data_dir, temporary, sha):
            added.append(sha)


def _not_its_file() -> SyncError:
    return SyncError(
        N_(
            "The bundle was refused and nothing was imported: an attached file is not "
            "the file its record describes."
        ),
        "file_mismatch",
    )


def unstore(ctx: ServiceContext, added: Iterable[str]) -> None:
    """Remove the files an import added (it failed after storing them)."""
    if ctx.data_dir is None:
        return
    for sha in added:
        store.remove(ctx.data_dir, sha)


def after_import(ctx: ServiceContext) -> None:
    """Drop the files whose every record is now deleted (a withdrawal or removal arrived)."""
    if ctx.data_dir is None:
        return
    with ctx.read() as session:
        live = select(Attachment.sha256).where(~Attachment.deleted)
        gone = set(
            session.scalars(
                select(Attachment.sha256).where(Attachment.deleted, Attachment.sha256.not_in(live))
            )
        )
    for sha in gone:
        store.remove(ctx.data_dir, sha)
