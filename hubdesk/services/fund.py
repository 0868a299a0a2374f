"""Technical Support Fund use cases: proposals, their budget lines, lists and totals.

The status workflow (transitions, the hub's decision, spending and the implementation report)
lives in :mod:`hubdesk.services.fund_workflow`; its public names are re-exported here so that
callers find the whole fund API in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import (
    BudgetLine,
    FundProposal,
    Municipality,
    ProposalActivity,
    ProposalIndicator,
    ProposalStatusChange,
)
from hubdesk.domain.base import Synced
from hubdesk.domain.enums import APPROVED_ANY, REPORT_OVERDUE, ProposalStatus
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_money
from hubdesk.services import calls_fund, needs_link, records
from hubdesk.services.area import normalised, pillar_match, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.fund_decided import newest_approved
from hubdesk.services.fund_implementation import record_spending, submit_report
from hubdesk.services.fund_workflow import (
    BUDGET_LINE,
    DECISION_FIELDS,
    TRANSITIONS,
    allowed_transitions,
    budget_total,
    budget_totals,
    get_decision,
    is_editable,
    last_submitted_day,
    newest_decision,
    own_proposal,
    proposal_in_scope,
    record_decision,
    refresh_status,
    require_editable,
    status_history,
    status_label,
    transition,
    writer,
)
from hubdesk.services.listing import Page, count, fetch, stream, text_match
from hubdesk.services.proposal_required import SECTION_TEXTS
from hubdesk.services.rules import fund as rules
from hubdesk.services.validation import Checker, unknown_fields

__all__ = [
    "BUDGET_LINE_FIELDS",
    "DECISION_FIELDS",
    "PROPOSAL_FIELDS",
    "TRANSITIONS",
    "ProposalFilter",
    "ProposalTotals",
    "add_budget_line",
    "allowed_transitions",
    "count_proposals",
    "create_proposal",
    "delete_budget_line",
    "delete_proposal",
    "get_decision",
    "get_proposal",
    "is_editable",
    "last_submitted_day",
    "list_budget_lines",
    "list_proposals",
    "proposal_totals",
    "record_decision",
    "record_spending",
    "refresh_status",
    "status_history",
    "submit_report",
    "transition",
    "update_budget_line",
    "update_proposal",
]

PROPOSAL_FIELDS = (
    "call_id",
    "reference",
    "title",
    "summary",
    "problem",
    "objectives",
    "target_groups",
    "pillars",
    "themes",
    "partners",
    "period_start",
    "period_end",
    "cofunding_minor",
    *SECTION_TEXTS,
    *needs_link.LINK_FIELDS,
)
BUDGET_LINE_FIELDS = ("category", "description", "quantity", "unit_cost_minor", "position")
LONG_TEXTS = ("summary", "problem", "objectives", "target_groups", "partners", *SECTION_TEXTS)


# --- proposals ---------------------------------------------------------------------------------


def check_proposal(
    session: Session, ctx: ServiceContext, data: Mapping[str, Any], current: FundProposal | None
) -> dict[str, Any]:
    unknown_fields(data, PROPOSAL_FIELDS)
    if isinstance(data.get("reference"), str):  # " MK-2026-007 " is the reference MK-2026-007
        data = {**data, "reference": data["reference"].strip()}  # (the form strips it too)
    check = Checker()
    check.required(data, *(["title"] if current is None else [k for k in ("title",) if k in data]))
    if current is not None:
        check.required(data, *[k for k in ("reference", "cofunding_minor") if k in data])
    check.text(data, FundProposal)
    plain_text(check, data, *LONG_TEXTS)
    check.choices(data, "pillars")
    check.choices(data, "themes")
    check.date(data, "period_start")
    check.date(data, "period_end")
    check.count(data, "cofunding_minor")
    merged: dict[str, Any] = {"period_start": None, "period_end": None}
    if current is not None:
        merged = {"period_start": current.period_start, "period_end": current.period_end}
    values = {**merged, **data}
    if current is None and not values.get("reference"):
        values.pop("reference", None)  # a new proposal without one is given a reference
    check.rules(rules.check_proposal(values, changed=data))
    calls_fund.check_call_link(session, check, data, current)
    needs_link.check_need_link(session, check, ctx.municipality_id, data, current)
    cofunding = data.get("cofunding_minor")
    if cofunding is not None and check.ok("cofunding_minor"):
        total = budget_total(session, current.id) if current is not None else 0
        if cofunding > total:
            currency = _currency(session, ctx) if current is None else current.currency
            check.add(
                "cofunding_minor",
                N_("The co-funding cannot be more than the budget total ({total})."),
                total=format_money(total, currency),
            )
    reference = data.get("reference")
    if reference and check.ok("reference"):
        clash = select(FundProposal.id).where(
            FundProposal.municipality_id == ctx.municipality_id,
            FundProposal.reference == reference,
            ~FundProposal.deleted,
        )
        if current is not None:
            clash = clash.where(FundProposal.id != current.id)
        if session.scalar(clash.limit(1)) is not None:
            check.add("reference", N_("Another proposal already has this reference."))
    check.done()
    return normalised(data, LONG_TEXTS)


def _currency(session: Session, ctx: ServiceContext) -> str:
    municipality = session.get(Municipality, ctx.municipality_id)
    assert municipality is not None, "a municipality installation has its municipality record"
    return municipality.currency


def _next_reference(session: Session, municipality: Municipality) -> str:
    """``MK-2026-003``: country, year, then one more than the highest number used this year
    (deleted proposals included, so a reference is never given out twice)."""
    prefix = f"{municipality.country}-{clock.today().year}-"
    used = session.scalars(
        select(FundProposal.reference).where(
            FundProposal.municipality_id == municipality.id,
            FundProposal.reference.startswith(prefix, autoescape=True),
        )
    )
    numbers = [int(m.group(1)) for r in used if (m := re.fullmatch(r"([0-9]+)", r[len(prefix) :]))]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def create_proposal(ctx: ServiceContext, data: Mapping[str, Any]) -> FundProposal:
    """A new draft in the municipality's currency; a reference is made up when none is given."""
    municipality_id = writer(ctx)
    with ctx.transaction() as session:
        values = check_proposal(session, ctx, data, None)
        municipality = session.get(Municipality, municipality_id)
        assert municipality is not None
        if not values.get("reference"):
            values["reference"] = _next_reference(session, municipality)
        values.update(municipality_id=municipality_id, currency=municipality.currency)
        proposal = records.create(session, ctx, FundProposal, values)
        refresh_status(session, proposal)
        return proposal


def update_proposal(ctx: ServiceContext, proposal_id: str, data: Mapping[str, Any]) -> FundProposal:
    with ctx.transaction() as session:
        proposal = own_proposal(session, ctx, proposal_id)
        require_editable(ctx, proposal)
        records.change(session, ctx, proposal, check_proposal(session, ctx, data, proposal))
        return proposal


def delete_proposal(ctx: ServiceContext, proposal_id: str) -> None:
    """Only a draft can be deleted: once submitted, the hub has a copy and a history."""
    with ctx.transaction() as session:
        proposal = own_proposal(session, ctx, proposal_id)
        if refresh_status(session, proposal) != ProposalStatus.DRAFT:
            raise ValidationError.single(
                "status",
                N_("Only a draft can be deleted; this proposal is '{status}'."),
                status=status_label(proposal.status),
            )
        tombstone_proposal(session, ctx, proposal)


def as_correction(ctx: ServiceContext, data: Mapping[str, Any]) -> dict[str, Any]:
    """A version that lost to a later submission of the proposal (a field laptop's late edit of
    the draft its office submitted) comes back as an edit of the proposal as it stands: under
    the submission's number, and only where the form would take it (after the hub asks for
    changes; ``history.check_as_edit`` refuses it while the proposal is submitted)."""
    del ctx
    return {k: v for k, v in data.items() if k not in ("status", "submission")}


def tombstone_proposal(session: Session, ctx: ServiceContext, proposal: FundProposal) -> None:
    """The deletion itself, with everything written under the proposal (also for a deletion a
    person keeps from the conflict log).

    The proposal's tombstone and those of the records it takes along carry one and the same
    stamp, which no other change ever shares: that is how every PC, and the merge in
    particular (``sync/proposal_merge.py``), tells what this deletion took along from what
    someone deleted before."""
    with records.one_stamp(ctx):
        for model in (BudgetLine, ProposalActivity, ProposalIndicator, ProposalStatusChange):
            children = select(model).where(model.proposal_id == proposal.id, ~model.deleted)
            for child in session.scalars(children).all():
                # select() over a tuple of models infers their common base, not the mixin.
                records.tombstone(session, ctx, cast(Synced, child))
        records.tombstone(session, ctx, proposal)


# What comes back with a proposal a person keeps over its deletion: its parts, never its
# status changes (only a draft, which has none, is deleted; one is never rewritten).
RESTORED_PARTS = (BudgetLine, ProposalActivity, ProposalIndicator)


def restore_proposal(session: Session, ctx: ServiceContext, proposal: FundProposal) -> None:
    """Bring a deleted proposal back with the budget lines, activities and indicators its
    deletion took along (the records carrying its tombstone's stamp, ``tombstone_proposal``),
    for a version a person keeps from the conflict log over that deletion."""
    records.restore_taken(session, ctx, proposal, RESTORED_PARTS, "proposal_id")


def restore_part(session: Session, ctx: ServiceContext, part: Any) -> None:
    """Bring back a budget line, activity or indicator, and its proposal with it if that was
    deleted: none lives under a deleted proposal."""
    proposal = session.get(FundProposal, part.proposal_id)
    records.restore_under(session, ctx, part, proposal, RESTORED_PARTS, "proposal_id")


def get_proposal(ctx: ServiceContext, proposal_id: str) -> FundProposal:
    with ctx.read() as session:
        return proposal_in_scope(session, ctx, proposal_id)


@dataclass(frozen=True)
class ProposalFilter:
    search: str | None = None
    status: str | None = None  # a ProposalStatus, APPROVED_ANY or REPORT_OVERDUE
    pillar: str | None = None
    theme: str | None = None
    date_from: dt.date | None = None  # proposals whose period overlaps [date_from, date_to]
    date_to: dt.date | None = None
    municipality_id: str | None = None  # for the hub, which sees every municipality


PROPOSAL_SORT = {
    "reference": FundProposal.reference,
    "title": FundProposal.title,
    "status": FundProposal.status,
    "period_start": FundProposal.period_start,
}
PROPOSAL_ORDER = (FundProposal.reference.desc(), FundProposal.id)


def proposal_query(ctx: ServiceContext, f: ProposalFilter) -> Select[FundProposal]:
    query = select(FundProposal).where(~FundProposal.deleted)
    municipality_id = ctx.municipality_id if not ctx.is_hub else f.municipality_id
    if municipality_id is not None:
        query = query.where(FundProposal.municipality_id == municipality_id)
    query = query.where(text_match(f.search, FundProposal.search_text))
    if f.status == APPROVED_ANY:
        query = query.where(FundProposal.id.in_(newest_approved()))
    elif f.status == REPORT_OVERDUE:
        from hubdesk.services.fund_money import overdue_reports  # (it imports this module)

        late = {line.proposal_id for line in overdue_reports(ctx)}
        query = query.where(FundProposal.id.in_(sorted(late)))
    elif f.status is not None:
        query = query.where(FundProposal.status == f.status)
    query = query.where(pillar_match(FundProposal.pillars, f.pillar))
    query = query.where(pillar_match(FundProposal.themes, f.theme))
    if f.date_from is not None or f.date_to is not None:
        query = query.where(FundProposal.period_start.is_not(None))
    if f.date_from is not None:
        ends = func.coalesce(FundProposal.period_end, FundProposal.period_start)
        query = query.where(ends >= f.date_from)
    if f.date_to is not None:
        query = query.where(FundProposal.period_start <= f.date_to)
    return query


def count_proposals(ctx: ServiceContext, f: ProposalFilter = ProposalFilter()) -> int:
    with ctx.read() as session:
        return count(session, proposal_query(ctx, f))


def list_proposals(
    ctx: ServiceContext,
    f: ProposalFilter = ProposalFilter(),
    page: Page = Page(order_by="reference", descending=True),
) -> list[FundProposal]:
    with ctx.read() as session:
        return fetch(session, proposal_query(ctx, f), page, PROPOSAL_SORT, PROPOSAL_ORDER)


def iter_proposals(
    ctx: ServiceContext,
    f: ProposalFilter = ProposalFilter(),
    page: Page = Page(order_by="reference", descending=True),
) -> Iterator[FundProposal]:
    """``list_proposals`` a batch at a time (``listing.stream``), for an export."""
    with ctx.read() as session:
        yield from stream(session, proposal_query(ctx, f), page, PROPOSAL_SORT, PROPOSAL_ORDER)


# --- budget lines ------------------------------------------------------------------------------


def check_line(data: Mapping[str, Any], creating: bool) -> None:
    unknown_fields(data, BUDGET_LINE_FIELDS)
    check = Checker()
    required = ("category", "description", "quantity", "unit_cost_minor")
    check.required(data, *(required if creating else [k for k in required if k in data]))
    check.text(data, BudgetLine)
    for name in ("quantity", "unit_cost_minor", "position"):
        check.count(data, name)
    check.rules(rules.check_budget_line(data))
    check.done()


def keep_cofunding_covered(session: Session, proposal: FundProposal, field: str) -> None:
    """A budget change may not leave the co-funding above the budget total."""
    session.flush()
    total = budget_total(session, proposal.id)
    if proposal.cofunding_minor > total:
        raise ValidationError.single(
            field,
            N_(
                "The budget total would be {total}, less than the co-funding of {cofunding}; "
                "lower the co-funding first."
            ),
            total=format_money(total, proposal.currency),
            cofunding=format_money(proposal.cofunding_minor, proposal.currency),
        )


def add_budget_line(ctx: ServiceContext, proposal_id: str, data: Mapping[str, Any]) -> BudgetLine:
    check_line(data, creating=True)
    with ctx.transaction() as session:
        proposal = own_proposal(session, ctx, proposal_id)
        require_editable(ctx, proposal)
        values = {"proposal_id": proposal.id, **data}
        if values.get("position") is None:
            last = session.scalar(
                select(func.max(BudgetLine.position)).where(
                    BudgetLine.proposal_id == proposal.id, ~BudgetLine.deleted
                )
            )
            values["position"] = (last or 0) + 1
        return records.create(session, ctx, BudgetLine, values)


def own_line(
    session: Session, ctx: ServiceContext, line_id: str
) -> tuple[BudgetLine, FundProposal]:
    writer(ctx)
    line = records.live(session, BudgetLine, line_id, BUDGET_LINE)
    proposal = own_proposal(session, ctx, line.proposal_id)
    require_editable(ctx, proposal)
    return line, proposal


def update_budget_line(ctx: ServiceContext, line_id: str, data: Mapping[str, Any]) -> BudgetLine:
    check_line(data, creating=False)
    with ctx.transaction() as session:
        line, proposal = own_line(session, ctx, line_id)
        stored = {"quantity": line.quantity, "unit_cost_minor": line.unit_cost_minor}
        check = Checker()  # the amount rule joins a changed field with the stored one
        check.rules(rules.check_budget_line({**stored, **data}, changed=data))
        check.done()
        records.change(session, ctx, line, data)
        field = "unit_cost_minor" if "unit_cost_minor" in data else "quantity"
        keep_cofunding_covered(session, proposal, field)
        return line


def delete_budget_line(ctx: ServiceContext, line_id: str) -> None:
    with ctx.transaction() as session:
        line, proposal = own_line(session, ctx, line_id)
        records.tombstone(session, ctx, line)
        keep_cofunding_covered(session, proposal, "cofunding_minor")


def list_budget_lines(ctx: ServiceContext, proposal_id: str) -> list[BudgetLine]:
    query = (
        select(BudgetLine)
        .where(BudgetLine.proposal_id == proposal_id, ~BudgetLine.deleted)
        .order_by(BudgetLine.position, BudgetLine.id)
    )
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return list(session.scalars(query))


# --- totals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalTotals:
    requested_minor: int  # budget total less co-funding: what the fund is asked for
    cofunding_minor: int
    total_minor: int
    approved_minor: int  # 0 until the hub approves
    spent_minor: int
    currency: str


def requested_amounts(ctx: ServiceContext, proposals: Sequence[FundProposal]) -> dict[str, int]:
    """What each of ``proposals`` (as a list read them) asks of the fund, as
    ``proposal_totals`` says it, in one query for a page of a list rather than four a row:
    the Fund list of a hub's thousands of proposals drew its first screen a row at a time."""
    if not proposals:
        return {}
    with ctx.read() as session:
        totals = budget_totals(session, [p.id for p in proposals])
    return {p.id: totals.get(p.id, 0) - p.cofunding_minor for p in proposals}


def proposal_totals(ctx: ServiceContext, proposal_id: str) -> ProposalTotals:
    with ctx.read() as session:
        proposal = proposal_in_scope(session, ctx, proposal_id)
        total = budget_total(session, proposal.id)
        spent = session.scalar(
            select(func.coalesce(func.sum(BudgetLine.spent_minor), 0)).where(
                BudgetLine.proposal_id == proposal.id, ~BudgetLine.deleted
            )
        )
        decision = newest_decision(session, proposal.id)
        approved = (
            decision.amount_approved_minor
            if decision and decision.outcome == ProposalStatus.APPROVED
            else 0
        )
        return ProposalTotals(
            requested_minor=total - proposal.cofunding_minor,
            cofunding_minor=proposal.cofunding_minor,
            total_minor=total,
            approved_minor=approved,
            spent_minor=int(spent or 0),
            currency=proposal.currency,
        )
