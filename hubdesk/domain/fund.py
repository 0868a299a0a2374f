"""Technical Support Fund: proposals, budget lines, status history and the hub's decision.

Ownership decides the shape: the municipality writes the proposal and its budget lines, the hub
writes ``FundDecision`` rows, and both write ``ProposalStatusChange`` rows for the transitions
their role allows. ``FundProposal.status`` is the ``to_status`` of the newest status change (by
version); it is kept on the proposal so lists can filter on it, and set in one place only
(``services.fund.refresh_status``), by the service and by sync alike.
"""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced
from hubdesk.domain.pillars import Themed
from hubdesk.domain.search import search_column


class FundProposal(Themed, Synced, Base):
    __tablename__ = "fund_proposals"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    reference: Mapped[str] = mapped_column(String(40), index=True)
    # The hub's call this proposal answers (none for proposals from before calls existed).
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(default="")
    problem: Mapped[str] = mapped_column(default="")
    objectives: Mapped[str] = mapped_column(default="")
    target_groups: Mapped[str] = mapped_column(default="")
    pillars: Mapped[list[str]] = mapped_column(CodeList, default=list)
    partners: Mapped[str] = mapped_column(default="")
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    currency: Mapped[str] = mapped_column(String(3))
    cofunding_minor: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    # How many times the municipality submitted it (migration 0026): it only grows, with each
    # submission and resubmission, and outranks the clock in the merge
    # (``merge.SUBMISSION_NUMBER``).
    submission: Mapped[int] = mapped_column(default=0)
    results: Mapped[str] = mapped_column(default="")  # implementation report
    report_submitted_on: Mapped[dt.date | None]
    search_text: Mapped[str] = search_column()  # derived, never synced
    # The sections a reviewer reads (migration 0009); the workplan and the indicators are
    # child tables below. All default to "" so proposals written before them stay valid data.
    need: Mapped[str] = mapped_column(default="")
    beneficiaries: Mapped[str] = mapped_column(default="")
    sustainability: Mapped[str] = mapped_column(default="")
    partner_roles: Mapped[str] = mapped_column(default="")
    # The Do No Harm screening, one answer per question the hub asks.
    dnh_risks: Mapped[str] = mapped_column(default="")
    dnh_sensitive_groups: Mapped[str] = mapped_column(default="")
    dnh_stigma: Mapped[str] = mapped_column(default="")
    dnh_data_protection: Mapped[str] = mapped_column(default="")
    dnh_mitigation: Mapped[str] = mapped_column(default="")
    # An English version of the summary, for the English lines of a bilingual print.
    summary_en: Mapped[str] = mapped_column(default="")
    # The need this proposal answers: one pillar of one of the municipality's submitted needs
    # assessments (migration 0019); none when it names no need.
    need_assessment_id: Mapped[str | None] = mapped_column(
        ForeignKey("needs_assessments.id"), index=True
    )
    need_pillar: Mapped[str] = mapped_column(String(40), default="")


class BudgetLine(Synced, Base):
    __tablename__ = "budget_lines"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    category: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(default=1)
    unit_cost_minor: Mapped[int] = mapped_column(default=0)
    spent_minor: Mapped[int | None]  # filled in by the implementation report
    # The number of its proposal's submission it was written under (migration 0028): set from
    # the proposal on every write (``records``), and outranks the clock in the merge
    # (``merge.SUBMISSION_NUMBER``).
    submission: Mapped[int] = mapped_column(default=0)

    @property
    def total_minor(self) -> int:
        return self.quantity * self.unit_cost_minor


class ProposalActivity(Synced, Base):
    """One activity of a proposal's workplan: what, when and which partner answers for it."""

    __tablename__ = "proposal_activities"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(default="")
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date | None]
    responsible: Mapped[str] = mapped_column(String(200), default="")
    # The number of its proposal's submission it was written under (migration 0028): set from
    # the proposal on every write (``records``), and outranks the clock in the merge
    # (``merge.SUBMISSION_NUMBER``).
    submission: Mapped[int] = mapped_column(default=0)


class ProposalIndicator(Synced, Base):
    """One indicator with its baseline, target and (from the implementation report) result.

    People reached are disaggregated by one row per gender and age band rather than a grid of
    columns: each row then holds its own target and result side by side, so a report compares
    them row by row, and an indicator that is not about people leaves both empty ("all").
    """

    __tablename__ = "proposal_indicators"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(60), default="")
    gender: Mapped[str | None] = mapped_column(String(20))  # None: every gender
    age_band: Mapped[str | None] = mapped_column(String(20))  # None: every age
    baseline: Mapped[int] = mapped_column(default=0)
    target: Mapped[int] = mapped_column(default=0)
    result: Mapped[int | None]  # filled in by the implementation report
    verification: Mapped[str] = mapped_column(String(300), default="")  # means of verification
    # The number of its proposal's submission it was written under (migration 0028): set from
    # the proposal on every write (``records``), and outranks the clock in the merge
    # (``merge.SUBMISSION_NUMBER``).
    submission: Mapped[int] = mapped_column(default=0)


class ProposalStatusChange(Synced, Base):
    __tablename__ = "proposal_status_changes"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[dt.datetime]
    by_role: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(default="")
    # The hub's Ed25519 signature over the whole row (``by_role = "hub"`` only): it travels
    # with the record through any relay so every receiver can check the hub wrote it.
    hub_signature: Mapped[str | None] = mapped_column(String(100))


class FundDecision(Synced, Base):
    """The hub's review and decision on a proposal. Only a hub installation writes these."""

    __tablename__ = "fund_decisions"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # approved / rejected / changes_requested
    amount_approved_minor: Mapped[int] = mapped_column(default=0)
    conditions: Mapped[str] = mapped_column(default="")
    comments: Mapped[str] = mapped_column(default="")
    decided_on: Mapped[dt.date]
    # The approved amount in euros, at the rate the hub entered with the decision (HubDesk
    # never fetches rates). ``eur_rate`` is the decimal text "units of the proposal's currency
    # for one euro" exactly as entered (61.5 for denars, 1 for euros), so every PC reads the
    # same number; ``amount_approved_eur_minor`` is computed from it by
    # ``hubdesk.domain.money.eur_minor``. Both are empty on decisions from before issue 13.
    eur_rate: Mapped[str | None] = mapped_column(String(24))
    amount_approved_eur_minor: Mapped[int | None]
    # The reporting schedule; the hub's ``FundReportDue`` rows are made from it.
    interim_report_due: Mapped[dt.date | None]
    final_report_due: Mapped[dt.date | None]
    hub_signature: Mapped[str | None] = mapped_column(String(100))  # see ProposalStatusChange
