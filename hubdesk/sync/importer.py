"""Importing a bundle: verify, preview, then apply all of it in one transaction or none of it.

The dry run (and the GUI's preview) goes through exactly the same steps as the import and stops
before writing, so what it shows is what the import will do. The preview and the import that
follows are one job (:func:`prepare_import`, then ``apply``): the file is decrypted and decoded
once, and the import re-plans from the decoded tables inside its own transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, itemgetter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.enums import Role
from hubdesk.domain.hlc import ClockDriftError, HybridLogicalClock
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import N_, _
from hubdesk.services.context import ServiceContext
from hubdesk.storage.backup import automatic_backup
from hubdesk.sync import authority, bulk, links, merge, period_import, published, scope
from hubdesk.sync.bundle import DEFAULT_LIMITS, TABLE_OF_ENTRY, Limits
from hubdesk.sync.codec import MODELS, TABLE_ORDER
from hubdesk.sync.errors import Progress, SyncError, stepper
from hubdesk.sync.incoming import Incoming, Problem, decode_rows, parse_table
from hubdesk.sync.verify import Verified, open_bundle, previous_import

IMPORTED, ALREADY, PREVIEW = "imported", "already_imported", "preview"


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
        text = lead.format(number=self.sequence, name=self.sender_name) + " " + text
        return text + published.summary_tail(self.areas)

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "sender": {"installation_id": self.sender_id, "name": self.sender_name},
            "sequence": self.sequence,
            "status": self.status,
            "areas": {name: c.as_dict() for name, c in self.areas.items()},
            "new_from_hub": published.news_in(self.areas),
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
    return prepare_import(ctx, path, limits).result


def import_bundle(
    ctx: ServiceContext,
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``path`` whole, or refuse it with a SyncError and change nothing."""
    assert ctx.data_dir is not None, "sync needs the data folder (keys live there)"
    with bulk.collector_paused():
        # No preview is shown: the plan is made once, inside the import's transaction.
        return _prepare(ctx, path, limits, progress, plan=False).apply(progress)


@dataclass
class PreparedImport:
    """A bundle opened and decoded once, and the preview of what it would change.

    ``apply`` plans again inside its transaction from the decoded tables (no decrypting, no
    parsing), so a database changed since the preview is judged as it is then, by every
    check; it imports all of the bundle or refuses all of it.
    """

    ctx: ServiceContext
    verified: Verified
    result: ImportResult  # the preview: status PREVIEW, or ALREADY
    tables: dict[str, list[Incoming]] = field(default_factory=dict)
    decode_problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.result.status

    def apply(self, progress: Progress | None = None) -> ImportResult:
        """Import the bundle in one transaction, or refuse it with a SyncError."""
        with bulk.collector_paused():
            return _apply(self, progress)


def _prepare(
    ctx: ServiceContext, path: Path, limits: Limits, progress: Progress | None, plan: bool
) -> PreparedImport:
    step = stepper(progress, 3 if plan else 2)
    verified = open_bundle(ctx, path, limits)
    prepared = PreparedImport(ctx, verified, _result(verified, PREVIEW))
    if previous_import(ctx, verified) is not None:
        prepared.result.status = ALREADY
        return prepared
    step()
    prepared.tables = _decode(verified, prepared.decode_problems)
    prepared.result.problems.extend(prepared.decode_problems)
    step()
    _check_clock(ctx, prepared.tables, dry_run=True)
    if plan:
        with ctx.read() as session:
            _plan(session, ctx, verified, prepared.tables, prepared.result)
        step()
    return prepared


def _apply(prepared: PreparedImport, progress: Progress | None) -> ImportResult:
    ctx, verified, tables = prepared.ctx, prepared.verified, prepared.tables
    assert ctx.data_dir is not None
    step = stepper(progress, 4)
    result = _result(verified, IMPORTED)
    # Imported meanwhile (an earlier apply, another window): the answer for the same file twice.
    if prepared.status == ALREADY or previous_import(ctx, verified) is not None:
        result.status = ALREADY
        return result
    result.problems.extend(prepared.decode_problems)
    _refuse_if_problems(result)
    step()
    with ctx.transaction() as session:
        _still_trusted(session, verified)
        writes = _plan(session, ctx, verified, tables, result)
        _refuse_if_problems(result)
        step()
        # Nothing is written yet, so the backup (made through its own connection) holds the
        # database exactly as it was before this import.
        # A server database has no file to copy: the import's one transaction is its safety.
        if ctx.db.is_sqlite:
            result.backup = automatic_backup(ctx.db, ctx.data_dir, "before-import")
        step()
        _check_clock(ctx, tables, dry_run=False)
        merge.apply_writes(session, writes, TABLE_ORDER)
        _log(session, verified, result)
        step()
    return result


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


def _decode(verified: Verified, problems: list[Problem]) -> dict[str, list[Incoming]]:
    tables: dict[str, list[Incoming]] = {}
    for entry_name in sorted(verified.parts, key=lambda n: TABLE_ORDER.index(TABLE_OF_ENTRY[n])):
        table = TABLE_OF_ENTRY[entry_name]
        rows = parse_table(
            table, verified.parts[entry_name], verified.manifest.entries[entry_name].rows
        )
        tables[table] = decode_rows(table, rows, problems)
    return tables


def _check_clock(ctx: ServiceContext, tables: dict[str, list[Incoming]], dry_run: bool) -> None:
    versions = (map(itemgetter("version"), map(attrgetter("values"), r)) for r in tables.values())
    newest = max(chain.from_iterable(versions), default=0)
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


def _plan(
    session: Session,
    ctx: ServiceContext,
    verified: Verified,
    tables: dict[str, list[Incoming]],
    result: ImportResult,
) -> merge.Writes:
    m = verified.manifest
    parties = links.Parties(
        sender_id=m.sender_id,
        sender_role=Role(verified.peer.role),
        sender_municipality=verified.peer.municipality_id,
        own_role=ctx.role,
        own_municipality=ctx.municipality_id,
    )
    if ctx.is_hub:
        _blank_private(tables)
    current = {
        name: merge.load_current(session, name, [i.id for i in rows])
        for name, rows in tables.items()
    }
    problems: list[Problem] = []
    owners = links.parent_owners(session, tables, current)
    links.check_links(session, tables, owners, problems)
    links.check_scope(parties, tables, current, owners, problems)
    authors = authority.authors_for(
        session,
        own_id=ctx.installation_id,
        signer=m.sender_id,
        signer_role=Role(verified.peer.role),
        delegates=m.delegates,
    )
    authority.check_authority(authors, tables, current, problems)
    period_import.check_locked_quarters(
        session, ctx, Role(verified.peer.role), tables, current, problems
    )
    result.problems.extend(problems)
    refused: dict[str, set[str]] = defaultdict(set)
    for problem in result.problems:
        refused[problem.table].add(problem.record_id)
    now = dt.datetime.now(dt.UTC)
    writes = merge.Writes()
    for name in TABLE_ORDER:
        rows = tables.get(name)
        if rows is None and not refused.get(name):
            continue
        counts = result.areas.setdefault(name, merge.AreaCounts())
        counts.refused = len(refused.get(name, ()))
        accepted = [inc for inc in rows or [] if inc.id not in refused[name]]
        merge.merge_table(session, name, accepted, current.get(name, {}), counts, writes, now)
    return writes


def _blank_private(tables: dict[str, list[Incoming]]) -> None:
    """The hub keeps no private field, even if a sender's HubDesk let one through."""
    for name, rows in tables.items():
        if not scope.has_private(name):
            continue
        if scope.judged_per_row(name):
            for inc in rows:
                for fname in scope.private_fields_of(name, inc.values):
                    inc.values[fname] = scope.blank_value(name, fname)
            continue
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
