"""Creating, changing and deleting synced records: stamps, tombstones and the audit trail.

Every change in HubDesk goes through here, so every change bumps the clock and is audited the
same way, whether it came from a form, the command line or a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, BudgetLine, FundProposal, ProposalActivity, ProposalIndicator
from hubdesk.domain.base import Synced, new_id, utcnow
from hubdesk.i18n import N_
from hubdesk.services import period_lock
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError

S = TypeVar("S", bound=Synced)
# The stamp every record written inside ``one_stamp`` carries (None: a new stamp per record).
_ONE_STAMP: ContextVar[int | None] = ContextVar("one_stamp", default=None)
ONLY_A_MUNICIPALITY = N_("Only a municipality or its field laptops record this.")
OTHER_MUNICIPALITY = N_("This record belongs to another municipality.")


def jsonable(value: Any) -> Any:
    """A value as it is written to the audit trail and to bundles."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return list(value)
    return value


def audit(
    session: Session,
    ctx: ServiceContext,
    record: Synced,
    action: str,
    changes: Mapping[str, tuple[Any, Any]],
) -> None:
    session.add(
        AuditEntry(
            installation_id=ctx.installation_id,
            table_name=type(record).__tablename__,  # type: ignore[attr-defined]
            record_id=record.id,
            version=record.version,
            action=action,
            changes=json.dumps(
                {k: [jsonable(old), jsonable(new)] for k, (old, new) in changes.items()},
                ensure_ascii=False,
            ),
        )
    )


@contextmanager
def one_stamp(ctx: ServiceContext) -> Iterator[int]:
    """Stamp every record written inside with one and the same new clock stamp: one change
    that takes several records along (a meeting deleted with what is recorded at it), which
    every PC can tell by that stamp, since the clock never gives it to any other change."""
    token = _ONE_STAMP.set(ctx.clock.now())
    try:
        yield _ONE_STAMP.get() or 0
    finally:
        _ONE_STAMP.reset(token)


def _stamp(ctx: ServiceContext, record: Synced) -> None:
    record.base_version = record.version
    record.version = _ONE_STAMP.get() or ctx.clock.now()
    record.updated_by = ctx.installation_id
    record.updated_at = utcnow()


# A fund proposal's parts: each version carries the submission number its proposal had when it
# was written (``merge.SUBMISSION_NUMBER``), whoever writes it (a form, the conflict log, an import
# of a spreadsheet), so a version written without knowing a submission loses to it.
PROPOSAL_PARTS = (BudgetLine, ProposalActivity, ProposalIndicator)


def _numbered(
    session: Session, model: type[Synced], proposal_id: str | None, data: Mapping[str, Any]
) -> Mapping[str, Any]:
    if not issubclass(model, PROPOSAL_PARTS) or proposal_id is None:
        return data
    proposal = session.get(FundProposal, proposal_id)
    return {**data, "submission": proposal.submission if proposal is not None else 0}


def create(session: Session, ctx: ServiceContext, model: type[S], data: Mapping[str, Any]) -> S:
    data = _numbered(session, model, data.get("proposal_id"), data)
    record = model(**data)
    if not record.id:
        record.id = new_id()
    record.origin = ctx.installation_id
    record.deleted = False
    record.version = None  # type: ignore[assignment]
    period_lock.guard(session, record, reader=ctx.role)
    _stamp(ctx, record)
    session.add(record)
    audit(session, ctx, record, "create", {k: (None, v) for k, v in data.items() if v is not None})
    return record


def change(
    session: Session,
    ctx: ServiceContext,
    record: Synced,
    data: Mapping[str, Any],
    action: str = "update",
) -> dict[str, tuple[Any, Any]]:
    """Apply ``data``; only fields whose value really changes are stamped and audited."""
    proposal_id = data.get("proposal_id", getattr(record, "proposal_id", None))
    data = _numbered(session, type(record), proposal_id, data)
    changes = {
        name: (getattr(record, name), value)
        for name, value in data.items()
        if getattr(record, name) != value
    }
    if not changes:
        return changes
    day_before = period_lock.record_day(session, record)
    for name, (_old, new) in changes.items():
        setattr(record, name, new)
    try:
        period_lock.guard(session, record, day_before, reader=ctx.role)
    except ValidationError:
        for name, (old, _new) in changes.items():
            setattr(record, name, old)
        raise
    _stamp(ctx, record)
    audit(session, ctx, record, action, changes)
    return changes


def tombstone(session: Session, ctx: ServiceContext, record: Synced) -> None:
    """Delete as synced data is deleted: a tombstone that travels, never a hard delete."""
    if record.deleted:
        return
    period_lock.guard(session, record, reader=ctx.role)
    record.deleted = True
    _stamp(ctx, record)
    audit(session, ctx, record, "delete", {"deleted": (False, True)})


def restore_taken(
    session: Session, ctx: ServiceContext, head: Synced, parts: tuple[type[Any], ...], column: str
) -> None:
    """Bring a deleted record back with what its deletion took along: the records under it
    (``column`` names it) carrying its tombstone's stamp (``one_stamp``), for a version a
    person keeps from the conflict log over that deletion; what was deleted before it stays
    deleted."""
    if not head.deleted:
        return
    version, author = head.version, head.updated_by
    change(session, ctx, head, {"deleted": False}, action="restore")
    for model in parts:
        taken = select(model).where(
            getattr(model, column) == head.id,
            model.deleted,
            model.version == version,
            model.updated_by == author,
        )
        for part in session.scalars(taken).all():
            change(session, ctx, part, {"deleted": False}, action="restore")


def restore_under(
    session: Session,
    ctx: ServiceContext,
    part: Any,
    head: Synced | None,
    parts: tuple[type[Any], ...],
    column: str,
) -> None:
    """Bring back a record under another (``head``), and that one with it, with what its
    deletion took along, if it was deleted: none lives under a deleted head."""
    if head is not None and head.deleted:
        restore_taken(session, ctx, head, parts, column)
    if part.deleted:
        change(session, ctx, part, {"deleted": False}, action="restore")


def live(session: Session, model: type[S], record_id: str, kind: str = N_("record")) -> S:
    """The record with ``record_id`` unless it is missing or deleted."""
    record = session.get(model, record_id)
    if record is None or record.deleted:
        raise NotFoundError(kind, record_id)
    return record


def owned(session: Session, ctx: ServiceContext, model: type[S], record_id: str, kind: str) -> S:
    """A live record of a municipality's that this installation may change: only its own. The
    hub reads every municipality's records and changes none: a change there would be shown as
    the municipality's own and be refused by it, so it would never travel."""
    if ctx.municipality_id is None:
        raise PermissionDenied(ONLY_A_MUNICIPALITY)
    record = live(session, model, record_id, kind)
    if getattr(record, "municipality_id", None) != ctx.municipality_id:
        raise PermissionDenied(OTHER_MUNICIPALITY)
    return record
