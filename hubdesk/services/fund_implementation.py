"""What an implementation's tabs hold, saved together: spending, indicator results, the report.

The proposal's form shows the spending per budget line, the indicators' results and the report's
words on their tabs. Whatever of them a person typed and has not saved yet is saved as one unit
of work when the form is left with Save (or before the implementation report is printed): all
of it, or, when any of it is refused, none of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from hubdesk.domain import BudgetLine, ProposalIndicator
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, NotFoundError, ValidationError
from hubdesk.services.fund_workflow import (
    BUDGET_LINE,
    check_report,
    check_spending,
    own_proposal,
    require_report_writer,
    write_report,
    write_spending,
    writer,
)
from hubdesk.services.proposal_sections import INDICATOR, check_indicator, write_result
from hubdesk.services.validation import gathered


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
