"""The money flow of an approved proposal: the decision in euros, tranches, reports due.

The hub enters a rate with its decision (HubDesk never fetches one); every euro amount of that
proposal is computed from it, once, when the row is written, so the totals of the fund
overview are plain sums. The hub plans tranches within the approved amount and records their
payment; a decision's reporting schedule becomes the reports the municipality owes, which it
answers with implementation reports. Which of those reports are overdue is worked out on the
day, never stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import FundDecision, FundProposal, Municipality
from hubdesk.domain.enums import ProposalStatus
from hubdesk.domain.fund_money import (
    FundReport,
    FundReportDue,
    FundTranche,
    ReportKind,
    ReportState,
    TrancheState,
)
from hubdesk.domain.money import eur_minor, parse_rate
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.services import calls_fund, records
from hubdesk.services.area import not_in_future, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.fund_euros import decision_money
from hubdesk.services.fund_implementation import require_report_writer
from hubdesk.services.fund_workflow import (
    WRITTEN_WHILE,
    newest_decision,
    proposal_in_scope,
    refresh_status,
    status_label,
    writer,
)
from hubdesk.services.rules import fund_money as rules
from hubdesk.services.validation import Checker, unknown_fields

S = ProposalStatus
TRANCHE = N_("tranche")
REPORT_DUE = N_("report due")
TRANCHE_FIELDS = ("planned_on", "amount_minor", "note")
PAYMENT_FIELDS = ("paid_on", "paid_minor")
# A proposal the hub has approved, in any later stage: tranches and reports belong to these.
FUNDED_STATUSES: tuple[str, ...] = (S.APPROVED, S.IN_IMPLEMENTATION, S.COMPLETED)


def _only_hub(ctx: ServiceContext) -> None:
    if not ctx.is_hub:
        raise PermissionDenied(N_("Only the regional hub plans and pays tranches."))


# --- the approval tranches and reports belong to ----------------------------------------------


def approved_decision(session: Session, proposal: FundProposal) -> FundDecision:
    """The approval tranches are planned under; refuses a proposal the hub has not funded."""
    decision = newest_decision(session, proposal.id)
    status = refresh_status(session, proposal)
    if decision is None or decision.outcome != S.APPROVED or status not in FUNDED_STATUSES:
        raise ValidationError.single(
            "proposal_id",
            N_("Tranches are planned for an approved proposal; this one is '{status}'."),
            status=status_label(status),
        )
    return decision


def decision_rate(proposal: FundProposal, decision: FundDecision) -> Decimal:
    if proposal.currency == "EUR":
        return Decimal(1)
    if decision.eur_rate is None:
        raise ValidationError.single(
            "eur_rate",
            N_(
                "The decision on {reference} has no euro rate yet; enter the rate it was "
                "approved at first."
            ),
            reference=proposal.reference,
        )
    return parse_rate(decision.eur_rate)


def set_decision_rate(ctx: ServiceContext, proposal_id: str, rate: str) -> FundDecision:
    """Give an approval recorded without a rate (before issue 13) its euro rate and amount.

    A rate already given stays: the tranches planned under it were computed at that rate. The
    euros it gives keep to the call's ceiling and envelope, as a decision made with its rate
    does (an approval without one could not be judged)."""
    _only_hub(ctx)
    with ctx.transaction() as session:
        proposal = proposal_in_scope(session, ctx, proposal_id)
        decision = approved_decision(session, proposal)
        if decision.eur_rate is not None:
            raise ValidationError.single(
                "eur_rate",
                N_("This decision already has its rate ({rate}); it is not changed."),
                rate=decision.eur_rate,
            )
        check = Checker()
        values = decision_money(
            check,
            proposal,
            {"eur_rate": rate, "decided_on": decision.decided_on},
            decision.amount_approved_minor,
            S.APPROVED,
        )
        if values["eur_rate"] is None:
            check.add("eur_rate", N_("This field is required."))
        else:  # the ceiling and envelope a decision with its rate keeps to, now it has one
            calls_fund.check_approval(session, check, proposal, values["amount_approved_eur_minor"])
        check.done()
        changes = {k: values[k] for k in ("eur_rate", "amount_approved_eur_minor")}
        records.change(session, ctx, decision, changes)
        return decision


# --- tranches ----------------------------------------------------------------------------------


def _planned_total(session: Session, proposal_id: str, leaving_out: str | None = None) -> int:
    """What the tranches hold of the approved amount: a paid one what was paid (a tranche
    paid short leaves the rest to plan again), one still planned its amount."""
    held = case(
        (FundTranche.paid_on.is_not(None), FundTranche.paid_minor),
        else_=FundTranche.amount_minor,
    )
    query = select(func.coalesce(func.sum(held), 0)).where(
        FundTranche.proposal_id == proposal_id, ~FundTranche.deleted
    )
    if leaving_out is not None:
        query = query.where(FundTranche.id != leaving_out)
    return int(session.scalar(query) or 0)


def _paid_total(session: Session, proposal_id: str) -> int:
    query = select(func.coalesce(func.sum(FundTranche.paid_minor), 0)).where(
        FundTranche.proposal_id == proposal_id,
        ~FundTranche.deleted,
        FundTranche.paid_on.is_not(None),
    )
    return int(session.scalar(query) or 0)


def _share(before: int, amount: int, currency: str, rate: Decimal) -> int:
    """The euros of ``amount`` coming after ``before`` of the same proposal's money: the
    rounding of the running total, so the tranches' euros add up to the approval's (three
    tranches of 1,000 denars of an approved 3,000 were 16.21 euros each, 48.63 disbursed
    of 48.62 committed)."""
    return eur_minor(before + amount, currency, rate) - eur_minor(before, currency, rate)


def add_tranche(ctx: ServiceContext, proposal_id: str, data: Mapping[str, Any]) -> FundTranche:
    """Plan one more disbursement; all tranches together stay within the approved amount."""
    _only_hub(ctx)
    unknown_fields(data, TRANCHE_FIELDS)
    check = Checker()
    check.required(data, "planned_on", "amount_minor")
    check.date(data, "planned_on")
    check.count(data, "amount_minor")
    plain_text(check, data, "note")
    check.done()
    with ctx.transaction() as session:
        proposal = proposal_in_scope(session, ctx, proposal_id)
        decision = approved_decision(session, proposal)
        rate = decision_rate(proposal, decision)
        number = 1 + int(
            session.scalar(
                select(func.coalesce(func.max(FundTranche.number), 0)).where(
                    FundTranche.proposal_id == proposal.id, ~FundTranche.deleted
                )
            )
            or 0
        )
        amount = int(data["amount_minor"])
        values = {
            "proposal_id": proposal.id,
            "number": number,
            "planned_on": data["planned_on"],
            "amount_minor": amount,
            "amount_eur_minor": _share(
                _planned_total(session, proposal.id), amount, proposal.currency, rate
            ),
            "note": data.get("note") or "",
            "paid_on": None,
            "paid_minor": None,
            "paid_eur_minor": None,
        }
        check.rules(rules.check_tranche(values))
        if data["planned_on"] < decision.decided_on:
            check.add("planned_on", N_("A tranche is planned on or after the decision."))
        planned = _planned_total(session, proposal.id)
        if check.ok("amount_minor") and planned + amount > decision.amount_approved_minor:
            check.add(
                "amount_minor",
                N_(
                    "All tranches together cannot exceed the amount approved ({approved}); "
                    "{planned} is already planned or paid."
                ),
                approved=format_money(decision.amount_approved_minor, proposal.currency),
                planned=format_money(planned, proposal.currency),
            )
        check.done()
        return records.create(session, ctx, FundTranche, values)


def _own_tranche(session: Session, ctx: ServiceContext, tranche_id: str) -> FundTranche:
    tranche = records.live(session, FundTranche, tranche_id, TRANCHE)
    proposal_in_scope(session, ctx, tranche.proposal_id)
    return tranche


def pay_tranche(ctx: ServiceContext, tranche_id: str, data: Mapping[str, Any]) -> FundTranche:
    """Record that a planned tranche was paid: on a day not in the future and not before the
    decision, at most its planned amount (the planned amount when none is given)."""
    _only_hub(ctx)
    unknown_fields(data, PAYMENT_FIELDS)
    check = Checker()
    check.required(data, "paid_on")
    check.date(data, "paid_on")
    not_in_future(check, data, "paid_on")
    check.count(data, "paid_minor")
    check.done()
    with ctx.transaction() as session:
        tranche = _own_tranche(session, ctx, tranche_id)
        proposal = proposal_in_scope(session, ctx, tranche.proposal_id)
        if tranche.paid_on is not None:
            raise ValidationError.single(
                "paid_on",
                N_("Tranche {number} was already paid on {date}."),
                number=tranche.number,
                date=format_date(tranche.paid_on),
            )
        decision = approved_decision(session, proposal)
        rate = decision_rate(proposal, decision)
        paid = data.get("paid_minor")
        paid = tranche.amount_minor if paid is None else int(paid)
        values = {
            "paid_on": data["paid_on"],
            "paid_minor": paid,
            "paid_eur_minor": _share(
                _paid_total(session, proposal.id), paid, proposal.currency, rate
            ),
        }
        check.rules(rules.check_tranche({**_values(tranche), **values}))
        if data["paid_on"] < decision.decided_on:
            check.add("paid_on", N_("A tranche is paid on or after the decision."))
        check.done()
        records.change(session, ctx, tranche, values)
        return tranche


def remove_tranche(ctx: ServiceContext, tranche_id: str) -> None:
    """Drop a tranche that is still only planned; a paid one is a fact and stays."""
    _only_hub(ctx)
    with ctx.transaction() as session:
        tranche = _own_tranche(session, ctx, tranche_id)
        if tranche.paid_on is not None:
            raise ValidationError.single(
                "paid_on",
                N_("Tranche {number} is paid and stays on record."),
                number=tranche.number,
            )
        records.tombstone(session, ctx, tranche)


def _values(row: Any) -> dict[str, Any]:
    return {c.name: getattr(row, c.name) for c in row.__table__.columns}


@dataclass(frozen=True)
class TrancheLine:
    """One tranche as lists, the CLI and the reports show it."""

    id: str
    proposal_id: str
    reference: str
    municipality: str
    currency: str
    number: int
    planned_on: dt.date
    amount_minor: int
    amount_eur_minor: int
    paid_on: dt.date | None
    paid_minor: int | None
    paid_eur_minor: int | None
    note: str

    @property
    def state(self) -> TrancheState:
        return TrancheState.PLANNED if self.paid_on is None else TrancheState.PAID

    @property
    def shown_minor(self) -> int:
        """What the tranche is worth as shown: what was paid (it may be short of the plan),
        else what is planned."""
        return self.paid_minor if self.paid_minor is not None else self.amount_minor

    @property
    def shown_eur_minor(self) -> int:
        return self.paid_eur_minor if self.paid_eur_minor is not None else self.amount_eur_minor


def list_tranches(ctx: ServiceContext, proposal_id: str | None = None) -> list[TrancheLine]:
    """Tranches of one proposal, or of every proposal in scope, by proposal then number."""
    query = (
        select(FundTranche, FundProposal.reference, FundProposal.currency, Municipality.name)
        .join(FundProposal, FundProposal.id == FundTranche.proposal_id)
        .join(Municipality, Municipality.id == FundProposal.municipality_id)
        .where(~FundTranche.deleted, ~FundProposal.deleted)
        .order_by(FundProposal.reference, FundTranche.number)
    )
    if proposal_id is not None:
        query = query.where(FundTranche.proposal_id == proposal_id)
    if not ctx.is_hub:
        query = query.where(FundProposal.municipality_id == ctx.municipality_id)
    with ctx.read() as session:
        if proposal_id is not None:
            proposal_in_scope(session, ctx, proposal_id)
        return [
            TrancheLine(
                t.id,
                t.proposal_id,
                reference,
                name,
                currency,
                t.number,
                t.planned_on,
                t.amount_minor,
                t.amount_eur_minor,
                t.paid_on,
                t.paid_minor,
                t.paid_eur_minor,
                t.note,
            )
            for t, reference, currency, name in session.execute(query)
        ]


# --- reports due and implementation reports ----------------------------------------------------


@dataclass(frozen=True)
class DueLine:
    """A report due and where it stands on ``today``."""

    id: str
    proposal_id: str
    reference: str
    title: str
    municipality: str
    kind: str
    due_on: dt.date
    submitted_on: dt.date | None
    today: dt.date

    @property
    def state(self) -> ReportState:
        if self.submitted_on is not None:
            return ReportState.SUBMITTED
        return ReportState.OVERDUE if self.due_on < self.today else ReportState.DUE

    @property
    def days_overdue(self) -> int:
        return (self.today - self.due_on).days if self.state is ReportState.OVERDUE else 0


def _submitted(session: Session, dues: Sequence[Any]) -> dict[str, dt.date]:
    """When each due report (an object or a row with id, proposal_id and kind) was
    answered: by a report naming it, or by a report of the same
    kind on the same proposal that names none (written before the schedule reached the
    municipality's PC). The single final report of older databases
    (``FundProposal.report_submitted_on``) answers a final report due too."""
    out: dict[str, dt.date] = {}
    if not dues:
        return out
    proposals = {d.proposal_id for d in dues}
    query = select(
        FundReport.due_id, FundReport.proposal_id, FundReport.kind, FundReport.submitted_on
    ).where(FundReport.proposal_id.in_(proposals), ~FundReport.deleted)
    by_due: dict[str, dt.date] = {}
    by_kind: dict[tuple[str, str], dt.date] = {}
    for due_id, proposal_id, kind, day in session.execute(query):
        key: Any = due_id if due_id is not None else (proposal_id, kind)
        found = by_due if due_id is not None else by_kind
        found[key] = min(day, found.get(key, day))
    legacy = select(FundProposal.id, FundProposal.report_submitted_on).where(
        FundProposal.id.in_(proposals), FundProposal.report_submitted_on.is_not(None)
    )
    finals = {row[0]: row[1] for row in session.execute(legacy)}
    for due in dues:
        answered = by_due.get(due.id) or by_kind.get((due.proposal_id, due.kind))
        if answered is None and due.kind == ReportKind.FINAL:
            answered = finals.get(due.proposal_id)
        if answered is not None:
            out[due.id] = answered
    return out


def owed_reports(session: Session, proposal_id: str) -> list[FundReportDue]:
    """The reports due of one proposal not yet answered, by due date."""
    query = (
        select(FundReportDue)
        .where(FundReportDue.proposal_id == proposal_id, ~FundReportDue.deleted)
        .order_by(FundReportDue.due_on, FundReportDue.kind.desc())
    )
    dues = list(session.scalars(query))
    answered = _submitted(session, dues)
    return [d for d in dues if d.id not in answered]


def list_reports_due(
    ctx: ServiceContext,
    proposal_id: str | None = None,
    *,
    today: dt.date | None = None,
    only_overdue: bool = False,
) -> list[DueLine]:
    """The reports due in scope (a municipality its own), by due date."""
    day = today or clock.today()
    query = (
        select(FundReportDue, FundProposal.reference, FundProposal.title, Municipality.name)
        .join(FundProposal, FundProposal.id == FundReportDue.proposal_id)
        .join(Municipality, Municipality.id == FundProposal.municipality_id)
        .where(~FundReportDue.deleted, ~FundProposal.deleted)
        .order_by(FundReportDue.due_on, FundProposal.reference, FundReportDue.kind.desc())
    )
    if proposal_id is not None:
        query = query.where(FundReportDue.proposal_id == proposal_id)
    if only_overdue:
        query = query.where(FundReportDue.due_on < day)
    if not ctx.is_hub:
        query = query.where(FundProposal.municipality_id == ctx.municipality_id)
    with ctx.read() as session:
        if proposal_id is not None:
            proposal_in_scope(session, ctx, proposal_id)
        rows = list(session.execute(query))
        submitted = _submitted(session, [r[0] for r in rows])
    lines = [
        DueLine(d.id, d.proposal_id, ref, title, name, d.kind, d.due_on, submitted.get(d.id), day)
        for d, ref, title, name in rows
    ]
    if only_overdue:
        lines = [line for line in lines if line.state is ReportState.OVERDUE]
    return lines


def overdue_reports(ctx: ServiceContext, today: dt.date | None = None) -> list[DueLine]:
    """For the dashboards (municipality and hub): reports past their due date, not yet in."""
    return list_reports_due(ctx, today=today, only_overdue=True)


def submit_due_report(ctx: ServiceContext, due_id: str, results: str) -> FundReport:
    """The municipality's implementation report against one report due. A final report also
    fills the proposal's own report fields, where HubDesk kept the one final report so far."""
    writer(ctx)
    require_report_writer(ctx)
    data = {"results": results}
    check = Checker()
    check.required(data, "results")
    plain_text(check, data, "results")
    check.done()
    with ctx.transaction() as session:
        due = records.live(session, FundReportDue, due_id, REPORT_DUE)
        proposal = proposal_in_scope(session, ctx, due.proposal_id)
        status = refresh_status(session, proposal)
        if status not in WRITTEN_WHILE["fund_reports"]:
            raise ValidationError.single(
                "status",
                N_(
                    "The report is submitted while the proposal is in implementation; "
                    "it is '{status}'."
                ),
                status=status_label(status),
            )
        if _submitted(session, [due]):
            raise ValidationError.single(
                "due_id", N_("This report was already submitted; the hub has it.")
            )
        today = clock.today()
        values = {
            "proposal_id": proposal.id,
            "due_id": due.id,
            "kind": due.kind,
            "submitted_on": today,
            "results": results,
        }
        check.rules(rules.check_report(values))
        check.done()
        report = records.create(session, ctx, FundReport, values)
        if due.kind == ReportKind.FINAL:
            records.change(
                session, ctx, proposal, {"results": results, "report_submitted_on": today}
            )
        return report


def list_reports(ctx: ServiceContext, proposal_id: str) -> list[FundReport]:
    """The implementation reports of one proposal, oldest first."""
    query = (
        select(FundReport)
        .where(FundReport.proposal_id == proposal_id, ~FundReport.deleted)
        .order_by(FundReport.submitted_on, FundReport.kind.desc())
    )
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return list(session.scalars(query))


@dataclass(frozen=True)
class ReportsDueSummary:
    """The dashboards' tile: reports still owed, and how many of them are overdue."""

    open: int
    overdue: int


def reports_due_summary(ctx: ServiceContext, today: dt.date | None = None) -> ReportsDueSummary:
    """A plain function the dashboard (municipality and hub) calls, in a worker or not.

    The same reports as ``list_reports_due``, read as plain rows of the four columns the
    counts need (a hub has thousands: building the full lines took a third of its dashboard).
    """
    day = today or clock.today()
    query = (
        select(
            FundReportDue.id, FundReportDue.proposal_id, FundReportDue.kind, FundReportDue.due_on
        )
        .join(FundProposal, FundProposal.id == FundReportDue.proposal_id)
        .join(Municipality, Municipality.id == FundProposal.municipality_id)
        .where(~FundReportDue.deleted, ~FundProposal.deleted)
    )
    if not ctx.is_hub:
        query = query.where(FundProposal.municipality_id == ctx.municipality_id)
    with ctx.read() as session:
        dues = list(session.execute(query))
        submitted = _submitted(session, dues)
    open_dues = [d for d in dues if d.id not in submitted]
    overdue = sum(d.due_on < day for d in open_dues)
    return ReportsDueSummary(len(open_dues), overdue)
