"""The conflict log a person reviews: see both versions, keep the current one or the other.

Keeping the other version writes it again as a new local edit on top of the current one, so it
travels like any edit and wins everywhere; nothing is rewritten in place. A conflict is
decided once, and a record deleted after the conflict is not brought back by it. Bringing the
whole losing version back from a record's History is the same decision (``bring_back``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import Conflict
from hubdesk.domain.base import Synced
from hubdesk.domain.enums import Role
from hubdesk.i18n import N_, _
from hubdesk.services import fund, history, meetings, needs, practices, records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.sync import helpdesk_import, meeting_merge, municipality_import, proposal_merge, scope
from hubdesk.sync.codec import CODECS, MODELS, decode_record, encode_record
from hubdesk.sync.errors import SyncError
from hubdesk.sync.group_conflicts import told_with
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import rank

KEPT, REVERTED = "kept", "reverted"
CONFLICT = N_("conflict")
# A version that lost to a final status (``merge.FINAL_STATUS``) or to a later submission
# (``merge.SUBMISSION_NUMBER``) comes back as a correction of the winner, never as the earlier
# stage again: one rule per such table.
CORRECTIONS: dict[str, Callable[[ServiceContext, dict[str, Any]], dict[str, Any]]] = {
    "needs_assessments": needs.as_correction,
    "good_practices": practices.as_correction,
    "fund_proposals": fund.as_correction,
    # A part of a proposal (a budget line, activity, indicator) under its proposal's number
    # (``records`` numbers every write of a part).
    "budget_lines": fund.as_correction,
    "proposal_activities": fund.as_correction,
    "proposal_indicators": fund.as_correction,
}
# A version under the record's own submission number comes back as the form would write it,
# once the form may (``practice_import.office_version``: the office's submission stands).
SAME_NUMBER: dict[str, Callable[[Session, ServiceContext, Any, dict[str, Any]], dict[str, Any]]] = {
    "good_practices": practices.as_kept_version,
}
DELETED_DRAFT = N_(
    "This deletion was made before the record was submitted; a submitted record is not "
    "deleted, and nothing was changed."
)
# A deletion kept from the conflict log deletes as the services delete: with the records that
# live under it, so none stays alive (and overdue, out of reach) under a deleted parent.
DELETIONS: dict[str, Callable[[Any, ServiceContext, Any], None]] = {
    "meetings": meetings.tombstone_meeting,
    "fund_proposals": fund.tombstone_proposal,
}
# A version kept over a deletion brings back what that deletion took along, and the meeting
# or proposal a record lives under: a meeting and what is recorded at it, a proposal and its
# budget, workplan and indicators, stay in one state.
RESTORATIONS: dict[str, Callable[[Any, ServiceContext, Any], None]] = {
    "meetings": meetings.restore_meeting,
    **dict.fromkeys(meeting_merge.PARTS, meetings.restore_part),
    "fund_proposals": fund.restore_proposal,
    **dict.fromkeys(proposal_merge.GROUP.parts, fund.restore_part),
}


# The records whose deletion takes others along, and what it takes (``group_merge``).
GROUPS = {group.table: group for group in (meeting_merge.GROUP, proposal_merge.GROUP)}


def _restore(session: Any, ctx: ServiceContext, record: Any) -> None:
    records.change(session, ctx, record, {"deleted": False}, action="restore")


@dataclass(frozen=True)
class ConflictView:
    """One conflict with both versions as JSON-like dicts, for a side-by-side view."""

    id: int
    table: str
    record_id: str
    detected_at: dt.datetime
    current: dict[str, Any] | None
    other: dict[str, Any]
    other_installation: str
    resolution: str
    # A meeting's or proposal's deletion that lost: the parts whose own deletion lost with it,
    # told in this one entry (``group_conflicts``), each as it is now beside the version deleted.
    parts: tuple[ConflictView, ...] = ()
    # The meeting an attendance, guest or decision is of (as it is now), which names it: two
    # PCs taking the same roll wrote "Attendance: Ana Petrovska", of which of her meetings?
    meeting: dict[str, Any] | None = None

    def differing_fields(self) -> list[str]:
        current = self.current or {}
        skip = {"version", "base_version", "updated_by", "updated_at", "origin"}
        if self.table in history.HIDDEN_IN:  # a proposal part's number: bookkeeping
            skip.add("submission")
        return [
            k
            for k in CODECS[self.table].columns
            if k not in skip and current.get(k) != self.other.get(k)
        ]


def list_conflicts(ctx: ServiceContext, unresolved_only: bool = True) -> list[ConflictView]:
    query = select(Conflict).order_by(Conflict.detected_at.desc(), Conflict.id.desc())
    if unresolved_only:
        query = query.where(Conflict.resolution == "")
    with ctx.read() as session:
        rows = list(session.scalars(query))
        return [_view(session, row) for row in rows]


def get_conflict(ctx: ServiceContext, conflict_id: int) -> ConflictView:
    with ctx.read() as session:
        row = session.get(Conflict, conflict_id)
        if row is None:
            raise NotFoundError(CONFLICT, str(conflict_id))
        return _view(session, row)


def _view(session: Any, row: Conflict, in_group: bool = False) -> ConflictView:
    """``in_group``: a part told in its meeting's entry, which names the meeting already."""
    record = session.get(MODELS[row.table_name], row.record_id)
    other = json.loads(row.loser_data)
    parts: tuple[ConflictView, ...] = ()
    group = GROUPS.get(row.table_name)
    if group is not None and other.get("deleted"):
        told = told_with(session, group.parts, row.loser_version, row.loser_installation)
        parts = tuple(_view(session, part, in_group=True) for part in told)
    meeting = None
    if row.table_name in meeting_merge.PARTS and not in_group:
        held = session.get(MODELS[meeting_merge.MEETINGS], other.get("meeting_id") or "")
        meeting = None if held is None else encode_record(held)
    return ConflictView(
        id=row.id,
        table=row.table_name,
        record_id=row.record_id,
        detected_at=row.detected_at,
        current=None if record is None else encode_record(record),
        other=other,
        other_installation=row.loser_installation,
        resolution=row.resolution,
        parts=parts,
        meeting=meeting,
    )


def keep_current(ctx: ServiceContext, conflict_id: int) -> None:
    """The person agrees with the merge: mark the conflict reviewed."""
    _resolve(ctx, conflict_id, KEPT)


def keep_other(ctx: ServiceContext, conflict_id: int) -> Synced:
    """Bring the losing version back as a new edit (which then travels to every peer)."""
    return _keep_other(ctx, conflict_id)[0]


def bring_back(
    ctx: ServiceContext, table: str, record_id: str, conflict_id: int
) -> dict[str, tuple[Any, Any]]:
    """The History's "Bring back the version that lost" for a conflict nobody decided yet:
    the very decision of "Keep the other version" (audited as a restore), so the conflict is
    reviewed and nobody is asked about it again. Returns what changed."""
    return _keep_other(ctx, conflict_id, (table, record_id), "restore")[1]


def _keep_other(
    ctx: ServiceContext,
    conflict_id: int,
    of: tuple[str, str] | None = None,
    action: str = "update",
) -> tuple[Synced, dict[str, tuple[Any, Any]]]:
    with ctx.transaction() as session:
        row = _unreviewed(session, conflict_id)
        if of is not None and of != (row.table_name, row.record_id):
            raise NotFoundError(CONFLICT, str(conflict_id))
        model = MODELS[row.table_name]
        record = session.get(model, row.record_id)
        if record is None:
            raise NotFoundError(CONFLICT, str(conflict_id))
        _may_write(ctx, row.table_name, encode_record(record))
        if record.deleted and (record.version, record.updated_by) != (
            row.winner_version,
            row.winner_installation,
        ):
            # Deleted on purpose after the merge (a meeting with its attendance and action
            # items): bringing one row back would undo that deletion behind the person's back.
            raise SyncError(
                N_(
                    "The record was deleted after this conflict was found; it stays deleted "
                    "and nothing was changed."
                ),
                "deleted_since",
            )
        other = decode_record(row.table_name, json.loads(row.loser_data))
        data = {k: v for k, v in other.items() if k not in Synced.SYNC_FIELDS}
        earlier = rank(other, row.table_name)[0] < rank(encode_record(record), row.table_name)[0]
        if earlier:
            data = CORRECTIONS[row.table_name](ctx, data)
        elif row.table_name in SAME_NUMBER and not other["deleted"]:
            data = SAME_NUMBER[row.table_name](session, ctx, record, data)
        changes: dict[str, tuple[Any, Any]] = {}
        if other["deleted"]:
            if not record.deleted:
                history.check_as_edit(session, ctx, row.table_name, record, {})
                changes["deleted"] = (False, True)
            if earlier:
                # A deletion of the draft: the record was submitted since, and a submitted
                # one is never deleted (nor would the deletion outrank it on any other PC).
                raise ValidationError.single("deleted", DELETED_DRAFT)
            DELETIONS.get(row.table_name, records.tombstone)(session, ctx, record)
        else:
            if record.deleted:
                RESTORATIONS.get(row.table_name, _restore)(session, ctx, record)
                changes["deleted"] = (True, False)
            after = history.check_as_edit(session, ctx, row.table_name, record, data)
            _judge_kept(session, ctx, row.table_name, record, data)
            changes |= records.change(session, ctx, record, data, action)
            if after is not None:
                after()
        row.resolution, row.resolved_at = REVERTED, dt.datetime.now(dt.UTC)
        return record, changes


def _judge_kept(
    session: Session, ctx: ServiceContext, table: str, record: Synced, data: dict[str, Any]
) -> None:
    """Hold the version kept to what an import judges of a version that wins (a losing one
    is logged unjudged): kept, it is this PC's own edit, and its hub would refuse every later
    bundle for it (a help desk question rewritten or opened again, a municipality's country
    changed under its records), with no form to write the words back."""
    judge = JUDGES.get(table)
    if judge is None:
        return
    held = {name: getattr(record, name) for name in CODECS[table].columns}
    kept = {**held, **data, "version": held["version"] + 1, "updated_by": ctx.installation_id}
    problems = judge(session, ctx, table, [Incoming(kept, frozenset(), ())], {record.id: held})
    if problems:
        first = problems[0]
        raise SyncError(
            N_("The other version cannot be kept: {why}. Nothing was changed."),
            "not_kept",
            why=_(first.msgid).format(**first.params),
        )


def _helpdesk(
    session: Session, ctx: ServiceContext, table: str, rows: list[Incoming], held: Held
) -> list[Problem]:
    return helpdesk_import.check_rows(table, rows, held)


def _municipality(
    session: Session, ctx: ServiceContext, table: str, rows: list[Incoming], held: Held
) -> list[Problem]:
    laptops = {ctx.installation_id} if ctx.role is Role.FIELD else set()
    return municipality_import.check_rows(session, rows, held, laptops)


Held = dict[str, dict[str, Any]]
Judge = Callable[[Session, ServiceContext, str, list[Incoming], Held], list[Problem]]
# The import's judges of a winning version whose rule no form-level check (``history``) holds.
JUDGES: dict[str, Judge] = {
    **dict.fromkeys(helpdesk_import.TABLES, _helpdesk),
    municipality_import.TABLE: _municipality,
}


def _may_write(ctx: ServiceContext, table: str, values: dict[str, Any]) -> None:
    if ctx.is_hub:
        if not scope.hub_written(table, values):
            raise PermissionDenied(N_("The hub cannot change a municipality's records."))
        return
    if scope.hub_written(table, values):
        raise PermissionDenied(N_("Only the regional hub decides on fund proposals."))


def _resolve(ctx: ServiceContext, conflict_id: int, resolution: str) -> None:
    with ctx.transaction() as session:
        row = _unreviewed(session, conflict_id)
        row.resolution, row.resolved_at = resolution, dt.datetime.now(dt.UTC)


def _unreviewed(session: Any, conflict_id: int) -> Conflict:
    """The conflict, if nobody decided it yet: deciding twice would bring an old version
    back over whatever was written since (or relabel a reversal as "kept")."""
    row: Conflict | None = session.get(Conflict, conflict_id)
    if row is None:
        raise NotFoundError(CONFLICT, str(conflict_id))
    if row.resolution:
        raise SyncError(
            N_("Conflict {id} was already reviewed; nothing was changed."),
            "reviewed",
            id=conflict_id,
        )
    return row
