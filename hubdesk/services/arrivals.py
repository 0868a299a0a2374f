"""When a municipality's record first reached the hub, by the hub's own clock.

A city types its dates (the day a help desk question was asked) and its PC stamps the moment it
submitted a proposal; a wrong clock or a dishonest hand can set either in the past. The one
moment the hub can trust is when the import that first brought a record in ran here, and the
hub already writes it down: every version an import writes is audited at the import's moment
(``audit_log``, action ``sync``, ``sync/merge.py``), inside the import's one transaction, so a
refused bundle leaves no entry. The audit log is this installation's own memory and never
travels in a bundle, so no sender can set it. Nothing new is stored: the first ``sync`` entry
of a record is when it reached this installation (on a hub that was never a municipality, the
one place where records of the cities are only ever received).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, ProposalStatusChange
from hubdesk.domain.enums import ProposalStatus

SYNC = "sync"  # the audit action of a version an import wrote (``merge._written``)
CHUNK = 500


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    listed = list(dict.fromkeys(ids))
    for start in range(0, len(listed), CHUNK):
        yield listed[start : start + CHUNK]


def first_reached(session: Session, table: str, ids: Iterable[str]) -> dict[str, dt.datetime]:
    """Per record of ``table`` held here: when an import first brought it (records made here,
    or never received, are left out)."""
    out: dict[str, dt.datetime] = {}
    for chunk in _chunks(ids):
        query = (
            select(AuditEntry.record_id, func.min(AuditEntry.at))
            .where(
                AuditEntry.table_name == table,
                AuditEntry.action == SYNC,
                AuditEntry.record_id.in_(chunk),
            )
            .group_by(AuditEntry.record_id)
        )
        out.update({record_id: at for record_id, at in session.execute(query)})
    return out


@dataclass(frozen=True)
class Submission:
    """One "submitted" status change of a proposal, and when it first reached here."""

    reached: dt.datetime
    version: int  # the stamp it was written with (``merge.written_at``): what it answered
    updated_by: str


def submissions_reached(
    session: Session, proposal_ids: Iterable[str]
) -> dict[str, list[Submission]]:
    """Per proposal: each of its "submitted" status changes that an import brought here (the
    first submission and every resubmission), in the order they reached it, whatever day each
    says it was made. Proposals never received submitted are left out."""
    change = ProposalStatusChange
    out: dict[str, list[Submission]] = {}
    for chunk in _chunks(proposal_ids):
        query = (
            select(change.proposal_id, change.version, change.updated_by, func.min(AuditEntry.at))
            .join(
                AuditEntry,
                (AuditEntry.record_id == change.id)
                & (AuditEntry.table_name == change.__tablename__)
                & (AuditEntry.action == SYNC),
            )
            .where(
                change.proposal_id.in_(chunk),
                change.to_status == ProposalStatus.SUBMITTED.value,
            )
            .group_by(change.id, change.proposal_id, change.version, change.updated_by)
        )
        for proposal_id, version, by, at in session.execute(query):
            out.setdefault(proposal_id, []).append(Submission(at, version, by))
    for found in out.values():
        found.sort(key=lambda s: (s.reached, s.version, s.updated_by))
    return out
