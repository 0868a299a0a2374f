"""Importing a bundle: verify, preview, then apply all of it in one transaction or none of it.

The dry run (and the GUI's preview) goes through exactly the same steps as the import and stops
before writing, so what it shows is what the import will do. The preview and the import that
follows are one job (:func:`prepare_import`, then ``apply``): the file is decrypted once (into
a temporary file, see :mod:`hubdesk.sync.scratch`), and the import judges it again inside its
own transaction.

Memory does not grow with the bundle: tables are read a batch of rows at a time
(:mod:`hubdesk.sync.rowstream`), parents first, and only the ids and owners of records that
others point at (municipalities, teams, members, meetings, proposals) are kept for the batches
that follow. Inside the one transaction each batch is decoded and checked (types, rules, links,
scope, authority) against the database as it was before the import, then merged and written.
After the first problem the rest of the bundle is only checked, so the refusal names the same
first problem as a check of the whole bundle would; the transaction is rolled back, and the
backup taken before the first write is removed again. A table whose rows are not in ascending
order of id (HubDesk always writes them so) is checked whole first, then written in a second
pass (see :func:`_apply_in_two_passes`).
"""

from __future__ import annotations

import datetime as dt
import json
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.enums import Role
from hubdesk.domain.hlc import ClockDriftError, HybridLogicalClock
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import N_, _
from hubdesk.services.context import ServiceContext
from hubdesk.storage.backup import DEFAULT_KEEP, automatic_backup, rotate_backups
from hubdesk.sync import authority, bulk, links, merge, scope, scratch
from hubdesk.sync.bundle import DEFAULT_LIMITS, TABLE_OF_ENTRY, Limits
from hubdesk.sync.codec import MODELS, TABLE_ORDER, table_of
from hubdesk.sync.errors import Progress, SyncError, stepper
from hubdesk.sync.incoming import Incoming, Problem, SeenIds, Unordered, decode_rows
from hubdesk.sync.verify import Verified, open_bundle, previous_import

IMPORTED, ALREADY, PREVIEW = "imported", "already_imported", "preview"
BATCH = 5000  # rows decoded, checked and written at a time
INDEXED = links.indexed_tables()


@dataclass
class ImportResult:
    path: Path
    sender_id: str
    sender_name: str
    sequence: int
    status: str
    areas: dict[str, merge.AreaCounts] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated or c.conflicts for c in self.areas.values())

    def totals(self) -> merge.AreaCounts:
        total = merge.AreaCounts()
        for counts in self.areas.values():
            for name, value in counts.as_dict().items():
                setattr(total, name, getattr(total, name) + value)
        return total

    def summary(self) -> str:
        if self.status == ALREADY:
            return _("Bundle {number} from '{name}' was already imported; nothing changed.").format(
                number=self.sequence, name=self.sender_name
            )
        t = self.totals()
        text = _(
            "{created} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts, "
            "{refused} refused."
        ).format(**t.as_dict())
        if self.status == PREVIEW:
            lead = _("Bundle {number} from '{name}' would bring:")
        else:
            lead = _("Imported bundle {number} from '{name}':")
        return lead.format(number=self.sequence, name=self.sender_name) + " " + text

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "sender": {"installation_id": self.sender_id, "name": self.sender_name},
            "sequence": self.sequence,
            "status": self.status,
            "areas": {name: c.as_dict() for name, c in self.areas.items()},
            "problems": [p.text for p in self.problems],
            "backup": str(self.backup) if self.backup else None,
        }


def prepare_import(
    ctx: ServiceContext,
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> PreparedImport:
    """Open ``path`` once (decrypt, verify, decode) and plan what importing it would do.

    Refuses as the import would and writes nothing; ``progress`` answering False cancels.
    :meth:`PreparedImport.apply` then imports it without reading the file again.
    """
    assert ctx.data_dir is not None, "sync needs the data folder (keys live there)"
    with bulk.collector_paused():
        return _prepare(ctx, path, limits, progress, plan=True)


def preview_import(
    ctx: ServiceContext, path: Path, limits: Limits = DEFAULT_LIMITS
) -> ImportResult:
    """What importing ``path`` would do (``hubdesk import --dry-run``); writes nothing."""
    prepared = prepare_import(ctx, path, limits)
    prepared.close()
    return prepared.result


def import_bundle(
    ctx: ServiceContext,
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``path`` whole, or refuse it with a SyncError and change nothing."""
    assert ctx.data_dir is not None, "sync needs the data folder (keys live there)"
    with bulk.collector_paused():
        # No preview is shown: the bundle is judged once, inside the import's transaction.
        prepared = _prepare(ctx, path, limits, progress, plan=False)
        try:
            return prepared.apply(progress)
        finally:
            prepared.close()


@dataclass
class PreparedImport:
    """A bundle opened and verified once, and the preview of what it would change.

    ``apply`` judges it again inside its transaction (no decrypting), so a database changed
    since the preview is judged as it is then, by every check; it imports all of the bundle or
    refuses all of it. The decrypted zip is removed by ``close`` (or when this is collected).
    """

    ctx: ServiceContext
    verified: Verified
    result: ImportResult  # the preview: status PREVIEW, or ALREADY

    def __post_init__(self) -> None:
        self._finalizer = weakref.finalize(self, Verified.discard, self.verified)

    @property
    def status(self) -> str:
        return self.result.status

    def apply(self, progress: Progress | None = None) -> ImportResult:
        """Import the bundle in one transaction, or refuse it with a SyncError."""
        with bulk.collector_paused():
            return _apply(self, progress)

    def close(self) -> None:
        """Remove the decrypted zip; ``apply`` after this answers only "already imported"."""
        self._finalizer()


def _prepare(
    ctx: ServiceContext, path: Path, limits: Limits, progress: Progress | None, plan: bool
) -> PreparedImport:
    step = stepper(progress, 3 if plan else 2)
    verified = open_bundle(ctx, path, limits)
    prepared = PreparedImport(ctx, verified, _result(verified, PREVIEW))
    try:
        if previous_import(ctx, verified) is not None:
            prepared.result.status = ALREADY
            prepared.close()
            return prepared
        step()
        if plan:
            with ctx.read() as session:
                newest = _check(session, ctx, verified, prepared.result, preview=True)
            step()
            _check_clock(ctx, newest, dry_run=True)
        step()
    except BaseException:
        prepared.close()
        raise
    return prepared


def _apply(prepared: PreparedImport, progress: Progress | None) -> ImportResult:
    ctx, verified = prepared.ctx, prepared.verified
    assert ctx.data_dir is not None
    step = stepper(progress, 4)
    result = _result(verified, IMPORTED)
    # Imported meanwhile (an earlier apply, another window): the answer for the same file twice.
    if prepared.status == ALREADY or previous_import(ctx, verified) is not None:
        result.status = ALREADY
        return result
    step()
    try:
        _apply_in_one_pass(ctx, verified, result, step)
    except Unordered:
        # Rows not in HubDesk's order (another program wrote the bundle): check it whole first,
        # remembering every id, then write it (everything above was rolled back).
        result = _result(verified, IMPORTED)
        _apply_in_two_passes(ctx, verified, result, step)
    prepared.close()
    return result


def _apply_in_one_pass(
    ctx: ServiceContext, verified: Verified, result: ImportResult, step: Any
) -> None:
    """Check each batch, then write it; after the first problem only check (so the refusal,
    and the problem it names first, are those of a check of the whole bundle)."""
    assert ctx.data_dir is not None
    with ctx.transaction() as session:
        _still_trusted(session, verified)
        # Nothing is written yet, so the backup (made through its own connection) holds the
        # database exactly as it was before this import; a refusal removes it again, and older
        # backups are only rotated out once the import is done.
        backup = automatic_backup(ctx.db, ctx.data_dir, "before-import", keep=1 << 30)
        try:
            step()
            newest = _check(session, ctx, verified, result, preview=False, write=True)
            _check_clock(ctx, newest, dry_run=True)
            _refuse_if_problems(result)
            step()
            _check_clock(ctx, newest, dry_run=False)
            _log(session, verified, result)
            session.flush()
        except BaseException:
            scratch.remove(backup)
            raise
    result.backup = backup
    rotate_backups(ctx.data_dir, DEFAULT_KEEP, protect=backup)
    step()


def _apply_in_two_passes(
    ctx: ServiceContext, verified: Verified, result: ImportResult, step: Any
) -> None:
    """Check everything writing nothing, then decode again and write."""
    assert ctx.data_dir is not None
    with ctx.transaction() as session:
        _still_trusted(session, verified)
        newest = _check(session, ctx, verified, result, preview=False)
        _check_clock(ctx, newest, dry_run=True)
        _refuse_if_problems(result)
        step()
        # Nothing is written yet, so the backup (made through its own connection) holds the
        # database exactly as it was before this import.
        result.backup = automatic_backup(ctx.db, ctx.data_dir, "before-import")
        step()
        _check_clock(ctx, newest, dry_run=False)
        _write(session, ctx, verified, result)
        _log(session, verified, result)
        step()


def _still_trusted(session: Session, verified: Verified) -> None:
    """The sender, checked when the file was opened, must still be trusted with the same key."""
    peer = session.get(Peer, verified.peer.id)
    if peer is None or peer.revoked or peer.signing_key != verified.peer.signing_key:
        raise SyncError(
            N_("This bundle comes from '{name}', which was revoked."),
            "revoked",
            name=verified.peer.name,
        )


def _result(verified: Verified, status: str) -> ImportResult:
    m = verified.manifest
    return ImportResult(verified.path, m.sender_id, verified.peer.name, m.sequence, status)


def _entries(verified: Verified) -> list[tuple[str, str]]:
    """(entry name, table) of every record part, parents first."""
    tables = [(name, TABLE_OF_ENTRY[name]) for name in verified.manifest.entries]
    return sorted(tables, key=lambda pair: TABLE_ORDER.index(pair[1]))


def _empty_tables(session: Session) -> frozenset[str]:
    """Tables holding no record here yet (a new hub): no need to look anything up in them."""
    return frozenset(
        name
        for name in TABLE_ORDER
        if session.execute(select(table_of(MODELS[name]).c.id).limit(1)).first() is None
    )


def _check_clock(ctx: ServiceContext, newest: int, dry_run: bool) -> None:
    clock = ctx.clock
    if dry_run:
        clock = HybridLogicalClock(
            last=clock.last, wall=clock.wall, max_drift_ms=clock.max_drift_ms
        )
    try:
        clock.observe(newest)
    except ClockDriftError as exc:
        raise SyncError(
            N_(
                "The sending PC's clock is {hours} hours ahead of this one; correct the date and "
                "time there and export again."
            ),
            "clock_drift",
            hours=round(exc.ahead_ms / 3_600_000, 1),
        ) from None


def _refuse_if_problems(result: ImportResult) -> None:
    if result.problems:
        first = result.problems[0]
        raise SyncError(
            N_("The bundle was refused and nothing was imported: {problem}"),
            first.reason,
            problem=first.text,
        )


# The order in which problems are listed (and the first one refuses the bundle): by kind of
# check, then table, as when every table was checked whole, one check after the other.
DECODE, LINKS, SCOPE, AUTHORITY = range(4)


@dataclass
class _Checking:
    """What the first pass keeps while it goes through the bundle batch by batch."""

    session: Session
    parties: links.Parties
    authors: Any
    hub: bool
    preview: bool
    empty: frozenset[str]
    now: dt.datetime
    write: bool = False  # write each batch once it is checked (until a problem is found)
    index: dict[str, dict[str, str | None]] = field(default_factory=dict)
    # Owners, as held before this import, of records of indexed tables it rewrote.
    prior: dict[str, dict[str, str | None]] = field(default_factory=dict)
    proposals: set[str] = field(default_factory=set)
    staged: list[tuple[int, int, int, Problem]] = field(default_factory=list)
    newest: int = 0

    def stage(self, kind: int, table: str, problems: list[Problem]) -> None:
        order = TABLE_ORDER.index(table)
        self.staged.extend((kind, order, len(self.staged), p) for p in problems)


def _check(
    session: Session,
    ctx: ServiceContext,
    verified: Verified,
    result: ImportResult,
    preview: bool,
    write: bool = False,
) -> int:
    """Decode and check every record. Problems go into ``result`` (and, for a preview, what
    the merge would do into its areas); returns the newest version in the bundle, for the
    clock check. ``write``: merge and write each batch as soon as it passed, as long as no
    problem was found (Unordered when a table is not in ascending order of id)."""
    m = verified.manifest
    checking = _Checking(
        session=session,
        parties=links.Parties(
            sender_id=m.sender_id,
            sender_role=Role(verified.peer.role),
            sender_municipality=verified.peer.municipality_id,
            own_role=ctx.role,
            own_municipality=ctx.municipality_id,
        ),
        authors=authority.authors_for(
            session,
            own_id=ctx.installation_id,
            signer=m.sender_id,
            signer_role=Role(verified.peer.role),
            delegates=m.delegates,
        ),
        hub=ctx.is_hub,
        preview=preview,
        empty=_empty_tables(session),
        now=dt.datetime.now(dt.UTC),
        write=write,
    )
    for entry_name, table in _entries(verified):
        mark = len(checking.staged)
        try:
            _check_table(checking, verified, entry_name, table, result, SeenIds(ordered=True))
        except Unordered:
            if write:
                raise  # some batches may be written: the caller starts again
            # Not in HubDesk's order: judge the table again, remembering every id.
            del checking.staged[mark:]
            checking.index.pop(table, None)
            _check_table(checking, verified, entry_name, table, result, SeenIds(ordered=False))
    staged = sorted(checking.staged, key=lambda item: item[:3])
    result.problems.extend(problem for *_key, problem in staged)
    if checking.write:
        merge.refresh_proposals(session, checking.proposals)
    return checking.newest


def _check_table(
    checking: _Checking,
    verified: Verified,
    entry_name: str,
    table: str,
    result: ImportResult,
    seen: SeenIds,
) -> None:
    session, empty = checking.session, checking.empty
    counts = result.areas[table] = merge.AreaCounts()
    column, parent = scope.OWNER[table]
    index = checking.index.setdefault(table, {}) if table in INDEXED else None
    for raw in verified.batches(entry_name, BATCH):
        decoded: list[Problem] = []
        rows = decode_rows(table, raw, decoded, seen)
        del raw
        checking.stage(DECODE, table, decoded)
        if checking.hub:
            _blank_private(table, rows)
        ids = [inc.id for inc in rows]
        current = {} if table in empty else merge.load_current(session, table, ids)
        owners = links.batch_owners(
            session, table, rows, current, checking.index, empty, checking.prior
        )
        row_owners = [links._owner(inc.values, column, parent, owners) for inc in rows]
        if index is not None:
            index.update(zip(ids, row_owners, strict=True))
        found: list[Problem] = []
        links.check_batch_links(session, table, rows, row_owners, checking.index, empty, found)
        checking.stage(LINKS, table, found)
        scoped: list[Problem] = []
        links.check_scope(checking.parties, {table: rows}, {table: current}, owners, scoped)
        checking.stage(SCOPE, table, scoped)
        authored: list[Problem] = []
        authority.check_authority(checking.authors, {table: rows}, {table: current}, authored)
        checking.stage(AUTHORITY, table, authored)
        if rows:
            checking.newest = max(checking.newest, max(inc.values["version"] for inc in rows))
        if checking.write and checking.staged:
            checking.write = False  # a problem: from here on only check, write nothing more
        if checking.write:
            _write_batch(checking, table, rows, current, counts)
        elif checking.preview:
            refused = {p.record_id for p in (*decoded, *found, *scoped, *authored)}
            counts.refused += len(refused)
            accepted = [inc for inc in rows if inc.id not in refused]
            merge.merge_table(
                session, table, accepted, current, counts, merge.Writes(), checking.now
            )


def _write_batch(
    checking: _Checking,
    table: str,
    rows: list[Incoming],
    current: dict[str, dict[str, Any]],
    counts: merge.AreaCounts,
) -> None:
    """Merge and write one checked batch. Later batches judge links by the owners records had
    before this import, so those of rewritten records others point at are kept first."""
    session = checking.session
    writes = merge.Writes()
    merge.merge_table(session, table, rows, current, counts, writes, checking.now)
    updated = {values["id"] for values in writes.updates.get(table, [])}
    if updated and table in INDEXED:
        held = links._target_owners(session, table, updated)
        checking.prior.setdefault(table, {}).update(held)
    merge.write_batch(session, writes, (table,))
    checking.proposals.update(writes.proposals)


def _write(session: Session, ctx: ServiceContext, verified: Verified, result: ImportResult) -> None:
    """The second pass, after every check passed: merge and write batch by batch."""
    now = dt.datetime.now(dt.UTC)
    proposals: set[str] = set()
    for entry_name, table in _entries(verified):
        counts = result.areas[table] = merge.AreaCounts()
        # Checked before this table's first write: its later batches hold other ids.
        empty = session.execute(select(table_of(MODELS[table]).c.id).limit(1)).first() is None
        for raw in verified.batches(entry_name, BATCH):
            problems: list[Problem] = []
            rows = decode_rows(table, raw, problems, SeenIds(ordered=None), checked=True)
            del raw
            if problems:  # the first pass found none: the file changed meanwhile
                result.problems.extend(problems)
                _refuse_if_problems(result)
            if ctx.is_hub:
                _blank_private(table, rows)
            current = {} if empty else merge.load_current(session, table, [i.id for i in rows])
            writes = merge.Writes()
            merge.merge_table(session, table, rows, current, counts, writes, now)
            merge.write_batch(session, writes, (table,))
            proposals.update(writes.proposals)
    merge.refresh_proposals(session, proposals)


def _blank_private(name: str, rows: list[Incoming]) -> None:
    """The hub keeps no private field, even if a sender's HubDesk let one through."""
    if not scope.has_private(name):
        return
    if scope.judged_per_row(name):
        for inc in rows:
            for fname in scope.private_fields_of(name, inc.values):
                inc.values[fname] = scope.blank_value(name, fname)
        return
    blanks = {f: scope.blank_value(name, f) for f in MODELS[name].PRIVATE_FIELDS}
    for inc in rows:
        inc.values.update(blanks)


def _log(session: Session, verified: Verified, result: ImportResult) -> None:
    m = verified.manifest
    now = dt.datetime.now(dt.UTC)
    session.add(
        BundleLog(
            direction="in",
            peer_id=m.sender_id,
            bundle_id=m.bundle_id,
            sequence=m.sequence,
            created_at=m.created_at,
            processed_at=now,
            file_name=verified.path.name[:260],
            digest=verified.digest,
            full=m.full,
            records=sum(m.counts.values()),
            summary=json.dumps({n: c.as_dict() for n, c in result.areas.items()}),
        )
    )
    peer = session.get(Peer, m.sender_id)
    assert peer is not None
    peer.last_in_sequence = max(peer.last_in_sequence, m.sequence)
    peer.last_in_at = now
    if m.receipt > peer.acked_out_sequence:
        sent = session.scalars(
            select(BundleLog).where(
                BundleLog.direction == "out",
                BundleLog.peer_id == peer.id,
                BundleLog.sequence == m.receipt,
            )
        ).first()
        if sent is not None:
            peer.acked_out_sequence = m.receipt
            peer.acked_audit_mark = max(peer.acked_audit_mark, sent.audit_mark)
    if m.receipt >= peer.next_out_sequence:
        # This database was restored from an older backup: never reuse a number the peer saw.
        peer.next_out_sequence = m.receipt + 1
