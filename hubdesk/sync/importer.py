"""Importing a bundle: verify, preview, then apply all of it in one transaction or none of it.

The dry run (and the GUI's preview) goes through exactly the same steps as the import and
commits nothing, so what it shows is what the import will do (outside the hub it writes the
rows and runs ``_after_merge`` in a session it rolls back, see :func:`_preview`). The preview
and the import that follows are one job (:func:`prepare_import`, then ``apply``): the file is
decrypted once (into a temporary file, see :mod:`hubdesk.sync.scratch`), and the import judges
it again inside its own transaction.

Memory does not grow with the bundle: tables are read a batch of rows at a time
(:mod:`hubdesk.sync.rowstream`), parents first, and only the ids and owners of records that
others point at (municipalities, teams, members, meetings, proposals) are kept for the batches
that follow. Inside the one transaction each batch is decoded and checked (types, rules, links,
scope, authority) against the database as it was before the import, then merged and written.
After the first problem the rest of the bundle is only checked, so the refusal names the same
first problem as a check of the whole bundle would; the transaction is rolled back, and the
backup taken before the first write is removed again. Rows may come in any order (HubDesk
writes them in the order the sender stores them): a record sent twice is found from the ids
read so far (:mod:`hubdesk.sync.seen`: a bounded set, then a scratch file).

The preview and the import count their progress in records and ask whether to go on after
every batch (:class:`hubdesk.sync.errors.Meter`): Cancel stops them at the end of the batch in
hand, and the rollback leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import weakref
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.hlc import ClockDriftError, HybridLogicalClock
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import N_, _, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services.context import ServiceContext
from hubdesk.services.file_names import storable
from hubdesk.storage import planner_stats, stopping
from hubdesk.storage.backup import (
    DEFAULT_KEEP,
    automatic_backup,
    discard_backup,
    rotate_backups,
)
from hubdesk.storage.errors import BackupCancelled
from hubdesk.sync import (
    attachment_files,
    bulk,
    group_merge,
    import_notes,
    meeting_merge,
    merge,
    passes,
    proposal_merge,
    proposal_parts,
    published,
)
from hubdesk.sync.bundle import DEFAULT_LIMITS, Limits
from hubdesk.sync.errors import Cancelled, Meter, Progress, SyncError
from hubdesk.sync.incoming import Problem
from hubdesk.sync.verify import Verified, open_bundle, previous_import, previous_in

IMPORTED, ALREADY, PREVIEW = "imported", "already_imported", "preview"
# The records whose deletion takes others along, put in one state once the rows are written.
GROUPS = (meeting_merge.GROUP, proposal_merge.GROUP)


@dataclass
class ImportResult:
    path: Path
    sender_id: str
    sender_name: str
    sequence: int
    status: str
    areas: dict[str, merge.AreaCounts] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the first (``passes.MAX_LISTED``)
    unlisted: int = 0  # problems beyond those listed
    backup: Path | None = None
    # What the import does once its rows are written (``_after_merge``), the preview too.
    came_back: list[group_merge.CameBack] = field(default_factory=list)
    removed_parts: list[proposal_parts.Removed] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # of their teams and proposals
    # Ctrl+C came (in a terminal) once the import was past its last Cancel: it was held until
    # the import was done (``stopping.ctrl_c_held``), for the command to stop after it.
    late_ctrl_c: bool = False

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
        # Each count beside its own word (new: 3, updated: 1): one plural could agree with only
        # one of five numbers, and Albanian's words agree with each.
        text = _(
            "new: {created}, updated: {updated}, unchanged: {unchanged}, conflicts: "
            "{conflicts}, refused: {refused}."
        ).format(**{name: format_number(n) for name, n in t.as_dict().items()})
        if self.status == PREVIEW:
            lead = _("Bundle {number} from '{name}' would bring:")
        else:
            lead = _("Imported bundle {number} from '{name}':")
        text = lead.format(number=self.sequence, name=self.sender_name) + " " + text
        return text + published.summary_tail(self.areas)

    def unlisted_line(self) -> str:
        """Said under the problems listed when there were more ("" when all are listed)."""
        if not self.unlisted:
            return ""
        return ngettext(
            "… and {count} more problem, not listed.",
            "… and {count} more problems, not listed.",
            self.unlisted,
        ).format(count=format_number(self.unlisted))

    def notes(self) -> list[str]:
        """What the import does beyond its counts, in words (``import_notes``)."""
        return import_notes.lines(self.came_back, self.removed_parts, self.names)

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "sender": {"installation_id": self.sender_id, "name": self.sender_name},
            "sequence": self.sequence,
            "status": self.status,
            "areas": {name: c.as_dict() for name, c in self.areas.items()},
            "new_from_hub": published.news_in(self.areas),
            "problems": [p.text for p in self.problems],
            "problems_not_listed": self.unlisted,
            **import_notes.to_json(self.came_back, self.removed_parts),
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
    meter = Meter(progress)
    meter.advance(0)  # before the file is opened: a busy bar, and Cancel is heard
    verified = open_bundle(ctx, path, limits)
    prepared = PreparedImport(ctx, verified, _result(verified, PREVIEW))
    try:
        # The preview's progress is counted in records: opening, each batch, what follows
        # (without one, a busy bar until ``apply`` counts its own).
        meter.total = 2 + sum(verified.manifest.counts.values()) if plan else 0
        meter.advance()
        if previous_import(ctx, verified) is not None:
            prepared.result.status = ALREADY
            prepared.close()
            return prepared
        if plan:
            _preview(ctx, verified, prepared.result, meter)
        meter.advance()
    except BaseException:
        prepared.close()
        raise
    return prepared


def _preview(ctx: ServiceContext, verified: Verified, result: ImportResult, meter: Meter) -> None:
    """Check every row and count what the merge would do, committing nothing.

    Outside the hub the import then puts meetings and proposals in one state and deletes
    outranked proposal parts, which needs its rows written: there the preview writes them as
    the import does, in its session that is never committed, runs the import's own
    ``_after_merge`` and rolls it all back, so the preview tells what the import will do by
    the same code. A copy of the clock stamps what it writes, so the clock keeps no stamp the
    preview issued. It takes about as long as the import, so ``meter`` hears Cancel after
    every batch: the rollback then leaves nothing behind."""
    after = not ctx.is_hub  # group_merge and proposal_parts write nothing at the hub
    dry = replace(ctx, clock=replace(ctx.clock))
    groups = group_merge.start(dry, GROUPS)
    outranked: set[tuple[str, str]] = set()
    found, areas = result.problems, result.areas
    with ctx.read() as session:
        try:
            newest, result.unlisted = passes.check(
                session,
                dry,
                verified,
                found,
                areas,
                preview=True,
                write=after,
                groups=groups,
                outranked=outranked,
                tick=meter.advance,
            )
            _check_clock(dry, newest, dry_run=False)  # the copy sees the bundle's stamps
            if after and not found:
                _after_merge(session, dry, groups, outranked, result)
        finally:
            session.rollback()


def _after_merge(
    session: Session,
    ctx: ServiceContext,
    groups: group_merge.Changes | None,
    outranked: set[tuple[str, str]],
    result: ImportResult,
) -> None:
    """What the import does once every row is written, and its preview by the same code: a
    meeting or a proposal deleted on one PC while the other worked inside it is put in one
    state, then the proposal parts left under an outranked number are deleted (each a
    conflict; a proposal brought back leaves them to this)."""
    result.came_back = group_merge.settle(session, ctx, groups, result.areas)
    result.removed_parts = proposal_parts.outranked(session, ctx, outranked)
    for part in result.removed_parts:
        result.areas.setdefault(part.table, merge.AreaCounts()).conflicts += 1
    result.names = import_notes.names(session, result.came_back, result.removed_parts)


def _apply(prepared: PreparedImport, progress: Progress | None) -> ImportResult:
    ctx, verified = prepared.ctx, prepared.verified
    assert ctx.data_dir is not None
    # Counted in records, as the preview: the start, each batch, the files and the log.
    meter = Meter(progress, 2 + sum(verified.manifest.counts.values()))
    result = _result(verified, IMPORTED)
    # Imported meanwhile (an earlier apply, another window): the answer for the same file twice.
    if prepared.status == ALREADY or previous_import(ctx, verified) is not None:
        result.status = ALREADY
        return result
    meter.advance()
    pressed: list[bool] = []
    with ExitStack() as held:  # Ctrl+C, from the last moment Cancel is heard to the end
        try:
            pressed = _apply_in_one_pass(ctx, verified, result, meter, held)
        except _ImportedMeanwhile:
            result = _result(verified, ALREADY)
        prepared.close()
        result.late_ctrl_c = bool(pressed)
        _tidy_after(ctx, result)
    return result


def _tidy_after(ctx: ServiceContext, result: ImportResult) -> None:
    """After the commit: files no record needs any more go, and the server's statistics are
    brought up to date. The import stands whatever happens here: a server gone away during
    the ANALYZE was reported as the import 'not saved', which it was. Each is done again by
    the next import, so a failure here is left for it (the next command meets a server that
    is gone with its own message)."""
    from sqlalchemy.exc import DBAPIError

    with contextlib.suppress(DBAPIError, OSError):
        attachment_files.after_import(ctx)
        totals = result.totals()
        written = {name: c.created + c.updated for name, c in result.areas.items()}
        planner_stats.refresh_after_import(ctx.db, totals.created + totals.updated, written)


class _ImportedMeanwhile(Exception):
    """Another staff PC imported this very bundle while this one was getting ready."""


def _first_in_turn(session: Session, verified: Verified) -> None:
    """Asked inside the import's transaction, after ``ctx.transaction`` took the writer's turn
    (on a server, the installation row; see ``storage/server_clock.py``): the check before it
    (``previous_import``) ran outside any transaction, and another PC may have imported the
    same bundle since. Whoever gets the turn second sees the first one's log entry and stops."""
    _still_trusted(session, verified)
    if previous_in(session, verified) is not None:
        raise _ImportedMeanwhile()


def _apply_in_one_pass(
    ctx: ServiceContext, verified: Verified, result: ImportResult, meter: Meter, held: ExitStack
) -> list[bool]:
    """Check each batch, then write it; after the first problem only check (so the refusal,
    and the problem it names first, are those of a check of the whole bundle). Cancel is
    heard while the backup before it copies, after every batch and every attached file, until
    the commit: the transaction is rolled back, the backup and the files stored so far
    removed. From then on ``held`` holds Ctrl+C; the list returned says whether it came."""
    assert ctx.data_dir is not None
    added: list[str] = []  # attached files this import stored: removed again on a failure
    with attachment_files_undone(ctx, added), ctx.transaction() as session:
        _first_in_turn(session, verified)
        # Nothing is written yet, so the backup (made through its own connection) holds the
        # database exactly as it was before this import; a refusal removes it again, and older
        # backups are only rotated out once the import is done.
        # A server database has no file to copy: the import's one transaction is its safety.
        # Cancel is heard while the backup copies, a few megabytes at a time.
        try:
            backup = (
                automatic_backup(
                    ctx.db,
                    ctx.data_dir,
                    "before-import",
                    keep=1 << 30,
                    step=lambda _done, _total: meter.wanted(),
                )
                if ctx.db.is_sqlite
                else None
            )
        except BackupCancelled as stopped:
            raise Cancelled() from stopped
        try:
            meter.advance(0)  # Cancel pressed while the backup was made: heard now
            groups = group_merge.start(ctx, GROUPS)
            outranked: set[tuple[str, str]] = set()
            newest, result.unlisted = passes.check(
                session,
                ctx,
                verified,
                result.problems,
                result.areas,
                write=True,
                groups=groups,
                outranked=outranked,
                tick=meter.advance,
            )
            _check_clock(ctx, newest, dry_run=True)
            _refuse_if_problems(result)
            _check_clock(ctx, newest, dry_run=False)
            _after_merge(session, ctx, groups, outranked, result)
            attachment_files.store_files(session, ctx, verified, added, tick=meter.advance)
            meter.advance()  # the last moment Cancel is heard: the commit follows
            # A KeyboardInterrupt raised once the commit is done (SQLite commits in one call,
            # and Python raises it after) would take the attached files out of the store
            # under records that name them: Ctrl+C is held from here (``stopping``).
            pressed = held.enter_context(stopping.ctrl_c_held())
            _log(session, verified, result)
            session.flush()
        except BaseException:
            if backup is not None:
                discard_backup(backup)
            raise
    result.backup = backup
    if backup is not None:
        rotate_backups(ctx.data_dir, DEFAULT_KEEP, protect=backup)
    meter.finish()
    return pressed


@contextmanager
def attachment_files_undone(ctx: ServiceContext, added: list[str]) -> Iterator[None]:
    """Around the import's transaction: if it fails (a refusal, or the commit itself), the
    attached files it stored are removed again, so the store is as it was."""
    try:
        yield
    except BaseException:
        attachment_files.unstore(ctx, added)
        raise


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
            hours=format_number(round(exc.ahead_ms / 3_600_000, 1)),
        ) from None


def _refuse_if_problems(result: ImportResult) -> None:
    passes.refuse_if_any(result.problems)


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
            file_name=storable(verified.path.name),
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
