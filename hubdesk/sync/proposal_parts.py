"""A part of a fund proposal written without knowing its proposal's latest submission.

Each budget line, workplan activity and indicator carries the submission number its proposal
had when the part was written (``records`` numbers every write), and the number outranks the
clock (``merge.SUBMISSION_NUMBER``). So a field laptop's late edit of a part of a draft its
office has since submitted loses to the part as submitted. A part the laptop *added* (or
brought back, over a deletion the office made before submitting) has no submitted version to
lose to: once an import leaves it live under a lower number than its proposal's (brought by
the import, or written after the latest submission held), the PC that holds it deletes it, and
logs the lost version as a conflict. The office's laptop bundle is
then not refused for it (``proposal_import`` leaves such a version to this), and both PCs end
with the proposal as submitted: the office's deletion outranks the laptop's version (it
deleted that version), and a laptop that learns of the submission first deletes its own part
and sends the deletion. The hub deletes nothing of a municipality's: it refuses such a part
(``proposal_import``). A proposal brought back in one state after a deletion
(``proposal_merge``) never brings back a part under an earlier number, so that rule, which runs
first, and this one never undo each other.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from hubdesk.domain import Conflict, FundProposal, ProposalStatusChange
from hubdesk.domain.enums import ProposalStatus
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.sync import merge
from hubdesk.sync.codec import MODELS, table_of

TABLES = ("budget_lines", "proposal_activities", "proposal_indicators")
SUBMITTED = ProposalStatus.SUBMITTED.value


@dataclass(frozen=True)
class Removed:
    """A part deleted as outranked: what the import's preview tells a person before anything
    is written (``sync/import_notes.py``)."""

    table: str
    part_id: str
    proposal_id: str
    added_here: bool  # the version deleted was written on this PC (else on another one)


def outranked(
    session: Session, ctx: ServiceContext, unjudged: set[tuple[str, str]]
) -> list[Removed]:
    """Delete every live part under an earlier number than its proposal's, each logged as a
    conflict; the parts deleted (none at the hub). ``unjudged``: (table, id) of the parts
    this import brought that ``proposal_import`` left to this.

    Only a part written after its proposal's latest submission (by the clock) or brought by
    the import is deleted: a PC that had not yet received a submission made before numbers
    were kept (migration 0028) holds the parts it knew under the earlier number, though the
    office submitted them."""
    if ctx.is_hub:
        return []
    proposals = table_of(FundProposal)
    now = dt.datetime.now(dt.UTC)
    deleted: list[Removed] = []
    for table in TABLES:
        t = table_of(MODELS[table])
        query = (
            select(t)
            .join(proposals, proposals.c.id == t.c.proposal_id)
            .where(~t.c.deleted, t.c.submission < proposals.c.submission)
        )
        found = [dict(row._mapping) for row in session.execute(query)]
        submitted = _submitted_at(session, {values["proposal_id"] for values in found})
        lost = [
            values
            for values in found
            if (table, values["id"]) in unjudged
            or values["version"] > submitted.get(values["proposal_id"], 0)
        ]
        for loser in lost:
            record = session.get(MODELS[table], loser["id"])
            assert record is not None  # just read
            records.tombstone(session, ctx, record)
            session.flush()
            winner = merge.load_current(session, table, [loser["id"]])[loser["id"]]
            _deletion_kept(session, table, loser, now)
            session.execute(insert(Conflict), [merge.conflict_row(table, winner, loser, now)])
            deleted.append(_removed(ctx, table, loser))
    return deleted


def _removed(ctx: ServiceContext, table: str, loser: dict[str, Any]) -> Removed:
    added_here = loser["updated_by"] == ctx.installation_id
    return Removed(table, loser["id"], loser["proposal_id"], added_here)


def _submitted_at(session: Session, proposals: set[str]) -> dict[str, int]:
    """The version of each proposal's latest submission held here."""
    if not proposals:
        return {}
    t = ProposalStatusChange
    query = (
        select(t.proposal_id, func.max(t.version))
        .where(t.proposal_id.in_(sorted(proposals)), t.to_status == SUBMITTED, ~t.deleted)
        .group_by(t.proposal_id)
    )
    return {pid: int(version) for pid, version in session.execute(query)}


def _deletion_kept(session: Session, table: str, loser: dict[str, Any], now: dt.datetime) -> None:
    """A deletion that lost to the version now deleted (the office's deletion of a part before
    it submitted, and the laptop's later edit of it) is in effect again: nothing to decide."""
    query = select(Conflict).where(
        Conflict.table_name == table,
        Conflict.record_id == loser["id"],
        Conflict.resolution == "",
        Conflict.winner_version == loser["version"],
        Conflict.winner_installation == loser["updated_by"],
    )
    for row in session.scalars(query):
        if json.loads(row.loser_data).get("deleted"):
            row.resolution, row.resolved_at = merge.SAME, now
