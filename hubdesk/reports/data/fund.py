"""Fund proposals: one proposal with its budget and decision, and fund figures for a period."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from hubdesk.domain import (
    BudgetLine,
    FundDecision,
    FundProposal,
    Municipality,
    ProposalStatusChange,
)
from hubdesk.domain.enums import ProposalStatus
from hubdesk.reports.data.scope import Period
from hubdesk.services.fund_workflow import newest_decision

CHUNK = 500  # ids per IN (...) query, well inside SQLite's limit on parameters
FUNDED = (
    ProposalStatus.APPROVED.value,
    ProposalStatus.IN_IMPLEMENTATION.value,
    ProposalStatus.COMPLETED.value,
)


@dataclass
class ProposalData:
    proposal: FundProposal
    municipality: Municipality
    lines: list[BudgetLine]
    decision: FundDecision | None  # the newest one
    history: list[ProposalStatusChange]
    # The lines' sums read in SQL (cost, spent), when ``lines`` was not loaded (fund_summary).
    sums: tuple[int, int] | None = None
    # The status on the last day of the period reported (fund_summary); None: the status now.
    status_then: str | None = None

    @property
    def status(self) -> str:
        return self.status_then or self.proposal.status

    @property
    def total_minor(self) -> int:
        """Cost of the whole initiative: the budget lines cover all of it."""
        if self.sums is not None:
            return self.sums[0]
        return sum(line.total_minor for line in self.lines)

    @property
    def requested_minor(self) -> int:
        """What the fund is asked for: the budget less co-funding (as ``services.fund``)."""
        return self.total_minor - self.proposal.cofunding_minor

    @property
    def approved_minor(self) -> int | None:
        if self.decision is None or self.decision.outcome != ProposalStatus.APPROVED.value:
            return None
        return self.decision.amount_approved_minor

    @property
    def spent_minor(self) -> int:
        if self.sums is not None:
            return self.sums[1]
        return sum(line.spent_minor or 0 for line in self.lines)


def proposal_data(session: Session, proposal: FundProposal) -> ProposalData:
    municipality = session.get(Municipality, proposal.municipality_id)
    assert municipality is not None
    lines = list(
        session.scalars(
            select(BudgetLine)
            .where(BudgetLine.proposal_id == proposal.id, ~BudgetLine.deleted)
            .order_by(BudgetLine.position, BudgetLine.id)
        )
    )
    decision = newest_decision(session, proposal.id)
    history = list(
        session.scalars(
            select(ProposalStatusChange)
            .where(ProposalStatusChange.proposal_id == proposal.id, ~ProposalStatusChange.deleted)
            .order_by(ProposalStatusChange.changed_at, ProposalStatusChange.version)
        )
    )
    return ProposalData(proposal, municipality, lines, decision, history)


def _sums_and_decisions(
    session: Session, ids: list[str], until: dt.date
) -> tuple[dict[str, tuple[int, int]], dict[str, FundDecision]]:
    """The budget lines' cost and spending, summed per proposal in SQL, and the newest
    decisions of many proposals made by ``until``, in a few queries (a region has thousands of
    proposals and several lines each: loading every line as an object took most of the
    regional report's time on a hub of a million records)."""
    sums: dict[str, tuple[int, int]] = {}
    decisions: dict[str, FundDecision] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for pid, cost, spent in session.execute(
            select(
                BudgetLine.proposal_id,
                func.sum(BudgetLine.quantity * BudgetLine.unit_cost_minor),
                func.sum(func.coalesce(BudgetLine.spent_minor, 0)),
            )
            .where(BudgetLine.proposal_id.in_(chunk), ~BudgetLine.deleted)
            .group_by(BudgetLine.proposal_id)
        ):
            sums[pid] = (int(cost or 0), int(spent or 0))
        # Newest first, as services.fund_workflow.newest_decision orders them.
        for decision in session.scalars(
            select(FundDecision)
            .where(FundDecision.proposal_id.in_(chunk), ~FundDecision.deleted)
            .where(FundDecision.decided_on <= until)
            .order_by(FundDecision.version.desc(), FundDecision.updated_by.desc())
        ):
            decisions.setdefault(decision.proposal_id, decision)
    return sums, decisions


@dataclass
class FundSummary:
    proposals: list[ProposalData] = field(default_factory=list)
    by_status: Counter[str] = field(default_factory=Counter)
    requested: Counter[str] = field(default_factory=Counter)  # per currency, minor units
    approved: Counter[str] = field(default_factory=Counter)
    spent: Counter[str] = field(default_factory=Counter)

    @property
    def funded(self) -> int:
        return sum(self.by_status[s] for s in FUNDED)


def fund_summary(
    session: Session, period: Period, municipality_id: str | None = None
) -> dict[str, FundSummary]:
    """Per municipality, proposals past the draft stage that ran during ``period`` (their
    implementation period overlaps it) or moved through the process in it, each with its
    status and decision as they stood on the period's last day: a quarter's report printed
    after the quarter tells that quarter, not the approvals of the weeks since."""
    start, end = period.utc_bounds()
    moved = exists().where(
        ProposalStatusChange.proposal_id == FundProposal.id,
        ~ProposalStatusChange.deleted,
        ProposalStatusChange.changed_at >= start,
        ProposalStatusChange.changed_at < end,
    )
    dated = FundProposal.period_start.is_not(None) | FundProposal.period_end.is_not(None)
    query = (
        select(FundProposal)
        .where(~FundProposal.deleted)
        .where(
            moved | (dated & period.overlaps(FundProposal.period_start, FundProposal.period_end))
        )
        .order_by(FundProposal.reference, FundProposal.id)
    )
    if municipality_id is not None:
        query = query.where(FundProposal.municipality_id == municipality_id)
    out: dict[str, FundSummary] = defaultdict(FundSummary)
    found = list(session.scalars(query))
    then = _statuses_before(session, [p.id for p in found], end)
    # A proposal with no history at all (recorded before statuses were) has only its own.
    status = {p.id: then.get(p.id, p.status) for p in found}
    proposals = [p for p in found if status[p.id] not in ("", ProposalStatus.DRAFT.value)]
    sums, decisions = _sums_and_decisions(session, [p.id for p in proposals], period.end)
    for proposal in proposals:
        municipality = session.get(Municipality, proposal.municipality_id)
        assert municipality is not None
        data = ProposalData(
            proposal,
            municipality,
            [],
            decisions.get(proposal.id),
            [],
            sums.get(proposal.id, (0, 0)),
            status[proposal.id],
        )
        entry = out[proposal.municipality_id]
        entry.proposals.append(data)
        entry.by_status[data.status] += 1
        entry.requested[proposal.currency] += data.requested_minor
        if data.approved_minor is not None:
            entry.approved[proposal.currency] += data.approved_minor
        entry.spent[proposal.currency] += data.spent_minor
    return dict(out)


def _statuses_before(session: Session, ids: list[str], end: dt.datetime) -> dict[str, str]:
    """Each proposal's status at the instant ``end``: that of its newest status change before
    it (the status a proposal has is its newest change's), "" when it had none yet. Proposals
    with no status change at all are left out."""
    out: dict[str, str] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        changes = session.execute(
            select(
                ProposalStatusChange.proposal_id,
                ProposalStatusChange.to_status,
                ProposalStatusChange.changed_at < end,
            )
            .where(ProposalStatusChange.proposal_id.in_(chunk), ~ProposalStatusChange.deleted)
            .order_by(ProposalStatusChange.changed_at, ProposalStatusChange.version)
        )
        for pid, to_status, before in changes:
            if before:
                out[pid] = to_status
            else:
                out.setdefault(pid, "")
    return out
