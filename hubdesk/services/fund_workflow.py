"""The life of a fund proposal: status transitions per role, the hub's decision (what was spent
and the report, once in implementation: ``fund_implementation``).

The status is never written directly. Each step is a ``ProposalStatusChange`` row written by
the installation that took it (the municipality submits, the hub reviews and decides), and the
proposal's ``status`` is recomputed from those rows by :func:`refresh_status`, here and after
every sync import. That way the hub never has to touch the municipality's proposal record,
and both sides agree on the status once they have each other's rows.

Public names are re-exported by :mod:`hubdesk.services.fund`; callers import them from there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import (
    BudgetLine,
    FundDecision,
    FundProposal,
    ProposalActivity,
    ProposalIndicator,
    ProposalStatusChange,
)
from hubdesk.domain.base import Synced, utcnow
from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.services import calls_fund, records
from hubdesk.services.area import not_in_future, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.fund_euros import DECISION_MONEY_FIELDS, decision_money, schedule_reports
from hubdesk.services.proposal_required import MISSING, SectionNames, missing_sections
from hubdesk.services.rules import fund as rules
from hubdesk.services.rules.fund import DECISION_OUTCOMES
from hubdesk.services.validation import Checker, unknown_fields

PROPOSAL = N_("fund proposal")
BUDGET_LINE = N_("budget line")
S = ProposalStatus
EDITABLE_STATUSES: tuple[str, ...] = (S.DRAFT, S.CHANGES_REQUESTED)
SPENDING_STATUSES: tuple[str, ...] = (S.IN_IMPLEMENTATION, S.COMPLETED)
REPORTING_STATUSES: tuple[str, ...] = (S.IN_IMPLEMENTATION,)  # the implementation report
DECISION_FIELDS = (
    "outcome",
    "amount_approved_minor",
    "conditions",
    "comments",
    "decided_on",
    *DECISION_MONEY_FIELDS,
)

# Who may move a proposal from which status to which. A field laptop drafts and edits; the
# municipality's focal point submits; the hub reviews and decides (decisions through
# ``record_decision``, which writes the decision and its transition together).
TRANSITIONS: dict[Role, dict[str, tuple[str, ...]]] = {
    Role.MUNICIPALITY: {
        S.DRAFT: (S.SUBMITTED,),
        S.CHANGES_REQUESTED: (S.SUBMITTED,),
        S.APPROVED: (S.IN_IMPLEMENTATION,),
        S.IN_IMPLEMENTATION: (S.COMPLETED,),
    },
    Role.FIELD: {},
    Role.HUB: {
        S.SUBMITTED: (S.UNDER_REVIEW,),
        S.UNDER_REVIEW: (S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED),
    },
}
# The statuses only the hub moves a proposal to: a status change to one of them is the hub's,
# whatever side it names, and must carry the hub's signature (``sync/scope.hub_written``).
HUB_MOVES: frozenset[str] = frozenset(
    str(to) for moves in TRANSITIONS[Role.HUB].values() for to in moves
)


def may_move(role: Role, from_status: str, to_status: str) -> bool:
    """Whether an installation of ``role`` may move a proposal from one status to another (the
    services' rule, and the import's for a status change a bundle brings)."""
    return to_status in TRANSITIONS[role].get(from_status, ())


# What the municipality may still change of a proposal once it is no longer editable: what its
# implementation fills in, each in the statuses its service takes it (``record_spending``,
# ``record_result``, ``submit_report``, ``fund_money.submit_due_report``). Implementation
# reports (``fund_reports``) are written only then, never while the proposal is edited.
OPEN_LATER: dict[str, dict[str, tuple[str, ...]]] = {
    "fund_proposals": {"results": REPORTING_STATUSES, "report_submitted_on": REPORTING_STATUSES},
    "budget_lines": {"spent_minor": SPENDING_STATUSES},
    "proposal_indicators": {"result": SPENDING_STATUSES},
}
WRITTEN_WHILE: dict[str, tuple[str, ...]] = {"fund_reports": REPORTING_STATUSES}
PROPOSAL_PARTS = ("fund_proposals", "budget_lines", "proposal_activities", "proposal_indicators")


def status_editable(status: str) -> bool:
    """Whether a proposal in this status is open to changes of its text and budget."""
    return status in EDITABLE_STATUSES


def may_change(table: str, status: str, fields: Iterable[str]) -> bool:
    """Whether the municipality may change these fields of a proposal (``fund_proposals``) or
    of one of its records in ``table`` while the proposal is in ``status``: everything while it
    is editable, then only what its implementation fills in. The import judges a bundle's
    changes by it (``sync/proposal_import.py``), so a bundle can do what the services let a
    person do, and no more."""
    if table in WRITTEN_WHILE:
        return status in WRITTEN_WHILE[table]
    if status_editable(status):
        return True
    later = OPEN_LATER.get(table, {})
    return all(status in later.get(name, ()) for name in fields)


def status_label(code: str) -> str:
    return ProposalStatus(code).label if code in ProposalStatus._value2member_map_ else str(code)


# --- who may touch which proposal --------------------------------------------------------------


def writer(ctx: ServiceContext) -> str:
    """The municipality writing proposals here; the hub reviews and decides, never writes them."""
    if ctx.municipality_id is None or ctx.is_hub:
        raise PermissionDenied(
            N_("Proposals are written by the municipality; the hub reviews them.")
        )
    return ctx.municipality_id


def proposal_in_scope(session: Session, ctx: ServiceContext, proposal_id: str) -> FundProposal:
    """A live proposal this installation works on: the hub any, a municipality its own."""
    proposal = records.live(session, FundProposal, proposal_id, PROPOSAL)
    if not ctx.is_hub and proposal.municipality_id != ctx.municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return proposal


def own_proposal(session: Session, ctx: ServiceContext, proposal_id: str) -> FundProposal:
    writer(ctx)
    return proposal_in_scope(session, ctx, proposal_id)


def is_editable(ctx: ServiceContext, proposal: FundProposal) -> bool:
    """Whether this installation may change the proposal's text and budget now: its own
    municipality's, while a draft or sent back for changes. Once submitted it is read-only."""
    return (
        not ctx.is_hub
        and not proposal.deleted
        and proposal.municipality_id == ctx.municipality_id
        and status_editable(proposal.status)
    )


def require_editable(ctx: ServiceContext, proposal: FundProposal) -> None:
    writer(ctx)
    if not is_editable(ctx, proposal):
        raise ValidationError.single(
            "status",
            N_(
                "This proposal is '{status}' and cannot be changed now; it can be changed "
                "while it is a draft or after the hub asks for changes."
            ),
            status=status_label(proposal.status),
        )


# --- derived values ----------------------------------------------------------------------------


def budget_total(session: Session, proposal_id: str) -> int:
    return budget_totals(session, [proposal_id]).get(proposal_id, 0)


def budget_totals(session: Session, proposal_ids: Sequence[str]) -> dict[str, int]:
    """Each proposal's budget (its live lines' quantity times unit cost), in one query for a
    list's page of proposals as for one proposal's form; a proposal with no line is absent."""
    query = (
        select(BudgetLine.proposal_id, func.sum(BudgetLine.quantity * BudgetLine.unit_cost_minor))
        .where(BudgetLine.proposal_id.in_(list(proposal_ids)), ~BudgetLine.deleted)
        .group_by(BudgetLine.proposal_id)
    )
    return {proposal_id: int(total or 0) for proposal_id, total in session.execute(query)}


def newest_decision(session: Session, proposal_id: str) -> FundDecision | None:
    query = (
        select(FundDecision)
        .where(FundDecision.proposal_id == proposal_id, ~FundDecision.deleted)
        .order_by(FundDecision.version.desc(), FundDecision.updated_by.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def refresh_status(session: Session, proposal: FundProposal) -> str:
    """Set ``proposal.status`` from its newest live status change (draft when there is none).

    The only place the status is written. It is a cache, so it is not stamped or audited: the
    status changes themselves are.
    """
    query = (
        select(ProposalStatusChange.to_status)
        .where(ProposalStatusChange.proposal_id == proposal.id, ~ProposalStatusChange.deleted)
        .order_by(ProposalStatusChange.version.desc(), ProposalStatusChange.updated_by.desc())
        .limit(1)
    )
    proposal.status = session.scalars(query).first() or S.DRAFT.value
    return proposal.status


def refresh_statuses(session: Session, proposal_ids: Iterable[str]) -> None:
    """``refresh_status`` for many proposals at once (an import touches hundreds): the same
    rule as one UPDATE per 500 proposals. Run it where no proposal is loaded in ``session``."""
    newest = (
        select(ProposalStatusChange.to_status)
        .where(ProposalStatusChange.proposal_id == FundProposal.id, ~ProposalStatusChange.deleted)
        .order_by(ProposalStatusChange.version.desc(), ProposalStatusChange.updated_by.desc())
        .limit(1)
        .scalar_subquery()
    )
    ids = sorted(set(proposal_ids))
    for start in range(0, len(ids), 500):
        session.execute(
            update(FundProposal)
            .where(FundProposal.id.in_(ids[start : start + 500]))
            .values(status=func.coalesce(newest, S.DRAFT.value))
            .execution_options(synchronize_session=False)
        )


# --- transitions -------------------------------------------------------------------------------


def allowed_transitions(ctx: ServiceContext, proposal: FundProposal) -> list[str]:
    """Statuses this installation may move the proposal to now (decisions included for the hub)."""
    if not ctx.is_hub and proposal.municipality_id != ctx.municipality_id:
        return []
    return [str(s) for s in TRANSITIONS[ctx.role].get(proposal.status, ())]


def _preconditions(session: Session, proposal: FundProposal, to_status: str) -> None:
    check = Checker()
    if to_status == S.SUBMITTED:
        if not proposal.title.strip():
            check.add("title", N_("This field is required."))
        if not proposal.summary.strip():
            check.add("summary", N_("Write a summary before submitting."))
        lines = (
            select(func.count())
            .select_from(BudgetLine)
            .where(BudgetLine.proposal_id == proposal.id, ~BudgetLine.deleted)
        )
        if not session.scalar(lines):
            check.add("budget_lines", N_("Add at least one budget line before submitting."))
        missing = missing_sections(session, proposal)
        if missing:
            check.add("sections", MISSING, sections=SectionNames(tuple(missing)))
        total = budget_total(session, proposal.id)
        calls_fund.check_submission(session, check, proposal, total - proposal.cofunding_minor)
        if proposal.cofunding_minor > total:
            check.add(
                "cofunding_minor",
                N_("The co-funding cannot be more than the budget total ({total})."),
                total=format_money(total, proposal.currency),
            )
    elif to_status == S.COMPLETED and not proposal.results.strip():
        check.add("results", N_("Submit the implementation report before completing."))
    elif to_status == S.COMPLETED:
        _reports_due_answered(session, check, proposal)
    check.done()


def _reports_due_answered(session: Session, check: Checker, proposal: FundProposal) -> None:
    """A report the hub asked for and still owed blocks the completion: once completed, the
    proposal takes no report, so an interim report skipped stayed overdue on every list and
    dashboard for good, with no way to answer it."""
    from hubdesk.domain.fund_money import ReportKind
    from hubdesk.services.fund_money import owed_reports

    owed = owed_reports(session, proposal.id)
    if owed:
        check.add(
            "status",
            N_("Submit the reports due before completing: {reports}."),
            reports="; ".join(
                _("{kind}, due on {day}").format(
                    kind=ReportKind(d.kind).label, day=format_date(d.due_on)
                )
                for d in owed
            ),
        )


def _number_submission(session: Session, ctx: ServiceContext, proposal: FundProposal) -> None:
    """Count the submission on the proposal, and write its parts anew under the new number,
    before the move is written: both are the municipality's own changes while the proposal is
    still editable (``sync/proposal_import.py`` judges each at its version). The number
    outranks the clock in the merge (``merge.SUBMISSION_NUMBER``), for the proposal and for
    each part: a field laptop's late edit, addition or deletion of a part of the draft loses to
    the submission on every PC instead of being refused, bundle after bundle, by its office."""
    records.change(session, ctx, proposal, {"submission": proposal.submission + 1})
    for model in (BudgetLine, ProposalActivity, ProposalIndicator):
        parts = select(model).where(model.proposal_id == proposal.id, ~model.deleted)
        for part in session.scalars(parts).all():
            records.change(session, ctx, cast(Synced, part), {})  # numbered by ``records``


def change_status(
    session: Session,
    ctx: ServiceContext,
    proposal: FundProposal,
    to_status: str,
    comment: str = "",
    *,
    decision: bool = False,
) -> ProposalStatusChange:
    """Write one allowed transition for this installation's role and refresh the status."""
    current = refresh_status(session, proposal)
    if ctx.role is Role.FIELD and may_move(Role.MUNICIPALITY, current, to_status):
        # the move exists, only not on a laptop: "not allowed from Draft" sent people looking
        # for what was missing in the proposal
        raise ValidationError.single(
            "status",
            N_(
                "Only the municipality's own PC submits a proposal or moves it on; this "
                "laptop's edits reach the office with its next bundle."
            ),
        )
    if not may_move(ctx.role, current, to_status):
        raise ValidationError.single(
            "status",
            N_("This transition is not allowed: from '{from_status}' to '{to_status}'."),
            from_status=status_label(current),
            to_status=status_label(to_status),
        )
    if ctx.is_hub and to_status in DECISION_OUTCOMES and not decision:
        raise ValidationError.single(
            "status", N_("Record the hub's decision to approve, reject or ask for changes.")
        )
    _preconditions(session, proposal, to_status)
    if to_status == S.SUBMITTED:
        _number_submission(session, ctx, proposal)
    change = records.create(
        session,
        ctx,
        ProposalStatusChange,
        {
            "proposal_id": proposal.id,
            "from_status": current,
            "to_status": str(to_status),
            "changed_at": utcnow(),
            "by_role": ctx.role.value,
            "comment": comment,
        },
    )
    refresh_status(session, proposal)
    return change


def transition(
    ctx: ServiceContext,
    proposal_id: str,
    to_status: str,
    comment: str = "",
    author_name: str | None = None,
) -> FundProposal:
    """Move the proposal on (submit, start review, start implementation, complete). A comment
    goes into the proposal's thread, linked to the change (``services.thread``)."""
    from hubdesk.services import thread  # it builds on this module

    if comment and comment.strip():
        body, name = thread.checked(comment, author_name or "")
        name = name or thread.default_author(ctx)
    else:
        body = ""
    with ctx.transaction() as session:
        proposal = proposal_in_scope(session, ctx, proposal_id)
        change = change_status(session, ctx, proposal, to_status)
        if body:
            session.flush()
            thread.write_comment(session, ctx, proposal, body, name, change)
        return proposal


def status_history(ctx: ServiceContext, proposal_id: str) -> list[ProposalStatusChange]:
    """Every step the proposal went through, oldest first."""
    query = (
        select(ProposalStatusChange)
        .where(ProposalStatusChange.proposal_id == proposal_id, ~ProposalStatusChange.deleted)
        .order_by(ProposalStatusChange.version, ProposalStatusChange.updated_by)
    )
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return list(session.scalars(query))


# --- the hub's decision ------------------------------------------------------------------------


def last_submitted_day(session: Session, proposal_id: str) -> dt.date | None:
    """The day (on this PC's calendar) the proposal was last submitted, if it was: a decision
    answers the submission under review, so it is not dated before it (as a review is not dated
    before the first submission, ``reviews.submitted_day``)."""
    query = select(func.max(ProposalStatusChange.changed_at)).where(
        ProposalStatusChange.proposal_id == proposal_id,
        ProposalStatusChange.to_status == S.SUBMITTED.value,
        ~ProposalStatusChange.deleted,
    )
    moment = session.scalar(query)
    return None if moment is None else clock.local_day(moment)


def earliest_answer(submitted: dt.date | None) -> dt.date | None:
    """The first day the hub may date its answer (a review, a decision) to a submission made
    on ``submitted``: that day, but today at the latest. A submission stamped ahead of this
    PC's today (the municipality's clock runs ahead) counts as today's, so the hub can always
    answer today, and never before the submission."""
    return None if submitted is None else min(submitted, clock.today())


def _not_before_submission(
    session: Session, check: Checker, proposal: FundProposal, day: Any
) -> None:
    """The decision answers the last submission (``earliest_answer``)."""
    last = earliest_answer(last_submitted_day(session, proposal.id))
    if check.ok("decided_on") and isinstance(day, dt.date) and last and day < last:
        check.add(
            "decided_on",
            N_("The proposal was submitted on {date}; the decision on it is not dated earlier."),
            date=format_date(last),
        )


def _check_decision(
    session: Session, proposal: FundProposal, data: Mapping[str, Any]
) -> dict[str, Any]:
    unknown_fields(data, DECISION_FIELDS)
    check = Checker()
    check.required(data, "outcome")
    outcome = data.get("outcome")
    check.count(data, "amount_approved_minor")
    check.date(data, "decided_on")
    not_in_future(check, data, "decided_on")
    _not_before_submission(session, check, proposal, data.get("decided_on") or clock.today())
    plain_text(check, data, "conditions", "comments")
    requested = budget_total(session, proposal.id) - proposal.cofunding_minor
    amount = data.get("amount_approved_minor")
    if amount is None:
        amount = requested if outcome == S.APPROVED else 0
    money = decision_money(check, proposal, data, amount, outcome)
    check.rules(rules.check_decision({**data, **money, "amount_approved_minor": amount}))
    if check.ok("outcome") and check.ok("amount_approved_minor") and amount > requested:
        check.add(
            "amount_approved_minor",
            N_("At most the amount requested ({requested})."),
            requested=format_money(max(requested, 0), proposal.currency),
        )
    if outcome == S.APPROVED and check.ok("amount_approved_minor"):
        calls_fund.check_approval(session, check, proposal, money["amount_approved_eur_minor"])
    check.done()
    return {
        "proposal_id": proposal.id,
        "outcome": outcome,
        "amount_approved_minor": amount,
        "conditions": data.get("conditions") or "",
        "comments": data.get("comments") or "",
        "decided_on": data.get("decided_on") or clock.today(),
        **money,
    }


def record_decision(ctx: ServiceContext, proposal_id: str, data: Mapping[str, Any]) -> FundDecision:
    """The hub's decision on a proposal under review, and the matching transition, together."""
    if not ctx.is_hub:
        raise PermissionDenied(N_("Only the regional hub decides on fund proposals."))
    with ctx.transaction() as session:
        proposal = proposal_in_scope(session, ctx, proposal_id)
        if refresh_status(session, proposal) != S.UNDER_REVIEW:
            raise ValidationError.single(
                "status",
                N_("A decision is recorded while the proposal is under review; it is '{status}'."),
                status=status_label(proposal.status),
            )
        values = _check_decision(session, proposal, data)
        decision = records.create(session, ctx, FundDecision, values)
        schedule_reports(session, ctx, decision)
        change_status(session, ctx, proposal, values["outcome"], values["comments"], decision=True)
        return decision


def get_decision(ctx: ServiceContext, proposal_id: str) -> FundDecision | None:
    """The hub's latest decision on the proposal, if it has decided."""
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return newest_decision(session, proposal_id)
