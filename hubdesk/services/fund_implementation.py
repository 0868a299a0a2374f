"""A proposal in implementation: what was spent per budget line, and the report, each on its
own or as the form's implementation tabs hold them, saved together.

The proposal's form shows the spending per budget line, the indicators' results and the report's
words on their tabs. Whatever of them a person typed and has not saved yet is saved as one unit
of work when the form is left with Save (or before the implementation report is printed): all
of it, or, when any of it is refused, none of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import BudgetLine, FundProposal, ProposalIndicator
from hubdesk.domain.enums import Role
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.fund_workflow import (
    BUDGET_LINE,
    OPEN_LATER,
    own_proposal,
    status_label,
    writer,
)
from hubdesk.services.proposal_sections import INDICATOR, check_indicator, write_result
from hubdesk.services.rules import fund as rules
from hubdesk.services.validation import Checker, gathered


@dataclass(frozen=True)
class Implementation:
    """What changed on the implementation's tabs (empty: nothing)."""

    spending: Mapping[str, int] = field(default_factory=dict)  # budget line id: spent, minor
    results: Mapping[str, int | None] = field(default_factory=dict)  # indicator id: result
    report: str | None = None  # the report's words, submitted with the rest (None: unchanged)

    def __bool__(self) -> bool:
        return bool(self.spending or self.results or self.report is not None)


def save_implementation(ctx: ServiceContext, proposal_id: str, given: Implementation) -> None:
    """Save ``given`` for the proposal in one unit of work; ValidationError names every problem
    of the values (a spending on its line's field ``spent:<id>``, a result ``result:<id>``)."""
    writer(ctx)
    if given.report is not None:
        require_report_writer(ctx)
    problems: list[FieldError] = []
    results: dict[str, int | None] = {}
    for line_id, amount in given.spending.items():
        gathered(problems, partial(check_spending, amount), f"spent:{line_id}")
    for indicator_id, result in given.results.items():
        checked = gathered(
            problems,
            partial(check_indicator, {"result": result}, creating=False),
            f"result:{indicator_id}",
        )
        if checked is not None:
            results[indicator_id] = checked["result"]
    if given.report is not None:
        gathered(problems, partial(check_report, given.report))
    if problems:
        raise ValidationError(problems)
    with ctx.transaction() as session:
        proposal = own_proposal(session, ctx, proposal_id)
        for line_id, amount in given.spending.items():
            line = records.live(session, BudgetLine, line_id, BUDGET_LINE)
            if line.proposal_id != proposal.id:
                raise NotFoundError(BUDGET_LINE, line_id)
            write_spending(session, ctx, proposal, line, {"spent_minor": amount})
        for indicator_id, result in results.items():
            indicator = records.live(session, ProposalIndicator, indicator_id, INDICATOR)
            if indicator.proposal_id != proposal.id:
                raise NotFoundError(INDICATOR, indicator_id)
            write_result(session, ctx, proposal, indicator, result)
        if given.report is not None:
            write_report(session, ctx, proposal, given.report)


def record_spending(ctx: ServiceContext, line_id: str, spent_minor: int) -> BudgetLine:
    """What was actually spent on one budget line, once the proposal is being implemented."""
    writer(ctx)
    data = check_spending(spent_minor)
    with ctx.transaction() as session:
        line = records.live(session, BudgetLine, line_id, BUDGET_LINE)
        write_spending(session, ctx, own_proposal(session, ctx, line.proposal_id), line, data)
        return line


def check_spending(spent_minor: Any) -> dict[str, Any]:
    data = {"spent_minor": spent_minor}
    check = Checker()
    check.required(data, "spent_minor")
    check.count(data, "spent_minor")
    check.rules(rules.check_budget_line(data))
    check.done()
    return data


def write_spending(
    session: Session,
    ctx: ServiceContext,
    proposal: FundProposal,
    line: BudgetLine,
    data: Mapping[str, Any],
) -> None:
    """Checked spending (``check_spending``) on a line of ``proposal``, in the caller's unit."""
    if proposal.status not in OPEN_LATER["budget_lines"]["spent_minor"]:
        raise ValidationError.single(
            "status",
            N_("Spending is recorded once the proposal is in implementation; it is '{status}'."),
            status=status_label(proposal.status),
        )
    records.change(session, ctx, line, dict(data))


# Submitting a report is the office's word to the hub, as for a quarter or a needs assessment:
# the office and its laptop, each apart, would otherwise both answer one due, and both reports
# would reach the hub. The import at the office refuses a laptop's report (sync/scope.py), and
# its change of a proposal's own report fields (sync/proposal_import.py).
OFFICE_REPORTS = N_(
    "Only the municipality's own PC submits an implementation report to the hub; this field "
    "laptop shows the reports due."
)
# The same on a proposal's Report tab, which shows the report itself, not the reports due.
OFFICE_REPORT_READ = N_(
    "Only the municipality's own PC submits the implementation report to the hub; this field "
    "laptop shows it read-only."
)


def may_submit_reports(ctx: ServiceContext) -> bool:
    """Whether this installation submits implementation reports: the municipality's own PC,
    not its field laptops and not the hub."""
    return ctx.role is Role.MUNICIPALITY and ctx.municipality_id is not None


def require_report_writer(ctx: ServiceContext) -> None:
    """Refused, in the office's words, to a PC that does not submit reports (a field laptop):
    asked first, so a laptop hears that before anything about the words it typed."""
    if not may_submit_reports(ctx):
        raise PermissionDenied(OFFICE_REPORTS)


def submit_report(ctx: ServiceContext, proposal_id: str, results: str) -> FundProposal:
    """The implementation report: what the initiative achieved (spending goes per line)."""
    writer(ctx)
    require_report_writer(ctx)
    check_report(results)
    with ctx.transaction() as session:
        proposal = own_proposal(session, ctx, proposal_id)
        write_report(session, ctx, proposal, results)
        return proposal


def check_report(results: Any) -> None:
    data = {"results": results}
    check = Checker()
    check.required(data, "results")
    plain_text(check, data, "results")
    check.rules(rules.check_proposal(data))
    check.done()


def write_report(
    session: Session, ctx: ServiceContext, proposal: FundProposal, results: str
) -> None:
    """A checked report (``check_report``) submitted, in the caller's unit: every way of
    writing it (the Report tab's button, the form's Save, the command) comes here."""
    require_report_writer(ctx)
    if proposal.status not in OPEN_LATER["fund_proposals"]["results"]:
        raise ValidationError.single(
            "status",
            N_(
                "The report is submitted while the proposal is in implementation; it is '{status}'."
            ),
            status=status_label(proposal.status),
        )
    records.change(
        session, ctx, proposal, {"results": results, "report_submitted_on": clock.today()}
    )
