"""The money flow of an approved proposal: the hub's tranches and report deadlines, and the
municipality's implementation reports against those deadlines.

``FundTranche`` and ``FundReportDue`` are the hub's alone (signed by the hub at export, like
``FundDecision``); ``FundReport`` is the municipality's. All three belong to a municipality
through their proposal.

The single final report of older databases (``FundProposal.results`` and
``report_submitted_on``) stays where it is and still counts as the final report: a final
``FundReport`` writes those two fields too, so every reader of the old fields keeps working.
"""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, Synced
from hubdesk.domain.enums import Labelled
from hubdesk.i18n import N_


class FundTranche(Synced, Base):
    """One disbursement the hub plans and, later, pays. Amounts are in the proposal's currency
    (minor units) and in euros at the rate of the decision it was planned under."""

    __tablename__ = "fund_tranches"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    number: Mapped[int] = mapped_column(default=1)
    planned_on: Mapped[dt.date]
    amount_minor: Mapped[int] = mapped_column(default=0)
    amount_eur_minor: Mapped[int] = mapped_column(default=0)
    paid_on: Mapped[dt.date | None]
    paid_minor: Mapped[int | None]
    paid_eur_minor: Mapped[int | None]
    note: Mapped[str] = mapped_column(default="")
    hub_signature: Mapped[str | None] = mapped_column(String(100))  # see ProposalStatusChange


class FundReportDue(Synced, Base):
    """A report the municipality owes the hub by a date (interim or final)."""

    __tablename__ = "fund_reports_due"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # interim / final
    due_on: Mapped[dt.date]
    hub_signature: Mapped[str | None] = mapped_column(String(100))


class FundReport(Synced, Base):
    """An implementation report the municipality submitted, against one report due (or none,
    when the hub set no schedule)."""

    __tablename__ = "fund_reports"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    due_id: Mapped[str | None] = mapped_column(ForeignKey("fund_reports_due.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # interim / final
    submitted_on: Mapped[dt.date]
    results: Mapped[str] = mapped_column(default="")


class ReportKind(Labelled):
    INTERIM = "interim"
    FINAL = "final"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"interim": N_("Interim report"), "final": N_("Final report")}


class ReportState(Labelled):
    """Where a report due stands today (derived, never stored)."""

    DUE = "due"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"due": N_("Due"), "overdue": N_("Overdue"), "submitted": N_("Submitted")}


class TrancheState(Labelled):
    """A tranche is planned until the hub records its payment (derived, never stored)."""

    PLANNED = "planned"
    PAID = "paid"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"planned": N_("Planned"), "paid": N_("Paid")}
