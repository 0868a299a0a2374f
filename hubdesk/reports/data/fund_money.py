"""The fund's money in euros: committed (approved), disbursed (paid tranches) and spent (the
budget lines' spent amounts) of every funded proposal, grouped as the hub asks.

Every euro figure comes from the rate the hub entered with its decision: the committed amount
and each tranche were converted when they were written; what was spent is converted here at
the same rate. An approval recorded without a rate (before issue 13) has no euro figures: it
is counted in its own currency and in ``without_rate``, never guessed.

Grouping is a key function of a :class:`Funded` proposal that returns the groups it counts in
(a proposal serving two pillars counts under both). Grouping by call is one more key once
proposals carry a ``call_id``: read it into ``Funded`` and add ``by_call``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import BudgetLine, FundDecision, FundProposal
from hubdesk.domain.calls import Call
from hubdesk.domain.enums import ProposalStatus
from hubdesk.domain.fund_money import FundTranche
from hubdesk.domain.money import eur_minor, parse_rate

S = ProposalStatus
FUNDED = (S.APPROVED.value, S.IN_IMPLEMENTATION.value, S.COMPLETED.value)


@dataclass
class Amount:
    """One figure in euros and in the currencies it was approved, paid or spent in."""

    eur: int = 0
    own: Counter[str] = field(default_factory=Counter)

    def add(self, eur: int | None, minor: int, currency: str) -> None:
        self.eur += eur or 0
        if minor:
            self.own[currency] += minor


@dataclass
class Flow:
    """Committed, disbursed and spent over a group of funded proposals."""

    proposals: int = 0
    committed: Amount = field(default_factory=Amount)
    disbursed: Amount = field(default_factory=Amount)
    spent: Amount = field(default_factory=Amount)
    without_rate: int = 0

    def add(self, p: Funded) -> None:
        self.proposals += 1
        self.without_rate += p.rate is None
        self.committed.add(p.committed_eur, p.committed, p.currency)
        self.disbursed.add(p.paid_eur, p.paid, p.currency)
        self.spent.add(p.spent_eur, p.spent, p.currency)


@dataclass(frozen=True)
class Funded:
    """A proposal the hub approved, with its money."""

    id: str
    municipality_id: str
    call_id: str | None  # the call it answers (None: an older proposal, answering none)
    pillars: tuple[str, ...]
    currency: str
    rate: str | None
    committed: int
    committed_eur: int | None
    paid: int
    paid_eur: int
    spent: int

    @property
    def spent_eur(self) -> int | None:
        if self.rate is None:
            return None
        return eur_minor(self.spent, self.currency, parse_rate(self.rate))


def funded_proposals(session: Session, municipality_id: str | None = None) -> list[Funded]:
    """Every live proposal whose newest decision approved it (one municipality's, or all)."""
    query = (
        select(FundDecision, FundProposal)
        .join(FundProposal, FundProposal.id == FundDecision.proposal_id)
        .where(~FundDecision.deleted, ~FundProposal.deleted, FundProposal.status.in_(FUNDED))
        .order_by(FundDecision.version.desc(), FundDecision.updated_by.desc())
    )
    if municipality_id is not None:
        query = query.where(FundProposal.municipality_id == municipality_id)
    newest: dict[str, tuple[FundDecision, FundProposal]] = {}
    for decision, proposal in session.execute(query):
        newest.setdefault(proposal.id, (decision, proposal))
    ids = [pid for pid, (d, _p) in newest.items() if d.outcome == S.APPROVED]
    paid: dict[str, tuple[int, int]] = {}
    spent: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        tranches = (
            select(
                FundTranche.proposal_id,
                func.sum(FundTranche.paid_minor),
                func.sum(FundTranche.paid_eur_minor),
            )
            .where(FundTranche.proposal_id.in_(chunk), ~FundTranche.deleted)
            .where(FundTranche.paid_on.is_not(None))
            .group_by(FundTranche.proposal_id)
        )
        for pid, minor, eur in session.execute(tranches):
            paid[pid] = (int(minor or 0), int(eur or 0))
        lines = (
            select(BudgetLine.proposal_id, func.sum(BudgetLine.spent_minor))
            .where(BudgetLine.proposal_id.in_(chunk), ~BudgetLine.deleted)
            .group_by(BudgetLine.proposal_id)
        )
        for pid, minor in session.execute(lines):
            spent[pid] = int(minor or 0)
    out = []
    for pid in ids:
        decision, proposal = newest[pid]
        rate = "1" if proposal.currency == "EUR" else decision.eur_rate
        committed_eur = decision.amount_approved_eur_minor
        if committed_eur is None and rate is not None:
            committed_eur = eur_minor(decision.amount_approved_minor, proposal.currency, rate)
        out.append(
            Funded(
                pid,
                proposal.municipality_id,
                proposal.call_id,
                tuple(proposal.pillars),
                proposal.currency,
                rate,
                decision.amount_approved_minor,
                committed_eur,
                *paid.get(pid, (0, 0)),
                spent.get(pid, 0),
            )
        )
    return out


Key = Callable[[Funded], Iterable[str]]


def by_municipality(p: Funded) -> Iterable[str]:
    return (p.municipality_id,)


def by_pillar(p: Funded) -> Iterable[str]:
    return p.pillars


def by_call(p: Funded) -> Iterable[str]:
    """The call a proposal answers ("" for one that answers none)."""
    return (p.call_id or "",)


def call_titles(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """The title of each call among ``ids`` held here."""
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    # Pairs, not dict(result): a result has keys() (its columns), so dict() read it as a
    # mapping and failed as soon as one funded proposal answered a call.
    rows = session.execute(select(Call.id, Call.title).where(Call.id.in_(wanted)))
    return {call_id: title for call_id, title in rows}


def grouped(proposals: Iterable[Funded], key: Key) -> dict[str, Flow]:
    """The flow of each group ``key`` puts proposals in."""
    out: dict[str, Flow] = {}
    for p in proposals:
        for group in key(p):
            out.setdefault(group, Flow()).add(p)
    return out


def total(proposals: Iterable[Funded]) -> Flow:
    flow = Flow()
    for p in proposals:
        flow.add(p)
    return flow
