"""The rule books of a fund proposal, its budget lines, its status changes and the hub's
decisions. Rules that need other records (a unique reference, co-funding within the budget
total, an amount within what was requested) stay with the fund services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain import (
    BudgetLine,
    FundDecision,
    FundProposal,
    ProposalActivity,
    ProposalIndicator,
    ProposalStatusChange,
)
from hubdesk.domain.enums import (
    CURRENCIES,
    DECISION_OUTCOMES,
    AgeBand,
    BudgetCategory,
    Gender,
    Pillar,
    ProposalStatus,
    Role,
    Theme,
)
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    COUNT_MAX,
    MONEY_MAX,
    Problem,
    Rule,
    apply,
    at_most,
    choice,
    codes,
    from_schema,
    money_at_most,
    order,
    required,
)
from hubdesk.services.rules.fund_money import DECISION_MONEY

S = ProposalStatus
# A line's amount stays within the one money limit, so the sums the fund pages, dashboards and
# reports make of a proposal's (or a region's) lines stay far inside what a database adds up.
LINE_TOO_LARGE = N_("Quantity × unit cost is too large for one budget line.")


def _quantity(values: Mapping[str, Any]) -> Problem | None:
    if values["quantity"] == 0:
        return Problem("quantity", N_("The quantity must be at least 1."))
    return None


def _line_amount(values: Mapping[str, Any]) -> Problem | None:
    quantity, cost = values["quantity"], values["unit_cost_minor"]
    if isinstance(quantity, int) and isinstance(cost, int) and quantity * cost > MONEY_MAX:
        return Problem("unit_cost_minor", LINE_TOO_LARGE)
    return None


def _line_amounts(cols: Mapping[str, Any]) -> bool:
    pairs = zip(cols["quantity"], cols["unit_cost_minor"], strict=True)
    return all(q * c <= MONEY_MAX for q, c in pairs if q is not None and c is not None)


def _decision_amount(values: Mapping[str, Any]) -> Problem | None:
    amount, outcome = values["amount_approved_minor"], values["outcome"]
    if outcome not in DECISION_OUTCOMES or not isinstance(amount, int):
        return None
    if outcome != S.APPROVED and amount != 0:
        return Problem("amount_approved_minor", N_("Only an approval grants an amount."))
    if outcome == S.APPROVED and amount <= 0:
        return Problem("amount_approved_minor", N_("An approval needs an amount above zero."))
    return None


PROPOSAL: tuple[Rule, ...] = (
    *from_schema(FundProposal),
    required("title"),
    required("reference"),
    codes("pillars", Pillar),
    codes("themes", Theme),
    choice("currency", CURRENCIES),
    choice("status", ProposalStatus),
    *money_at_most("cofunding_minor"),
    *at_most(COUNT_MAX, "submission"),
    order("period_start", "period_end"),
)
BUDGET_LINE: tuple[Rule, ...] = (
    *from_schema(BudgetLine),
    required("description"),
    choice("category", BudgetCategory),
    *at_most(COUNT_MAX, "quantity", "position", "submission"),
    Rule(("quantity",), _quantity),
    *money_at_most("unit_cost_minor", "spent_minor"),
    Rule(("quantity", "unit_cost_minor"), _line_amount, _line_amounts),
)
ACTIVITY: tuple[Rule, ...] = (
    *from_schema(ProposalActivity),
    required("title"),
    *at_most(COUNT_MAX, "position", "submission"),
    order("starts_on", "ends_on"),
)


def _not_negative(name: str) -> Rule:
    """A count below zero (a form's spin box cannot give one; a bundle or a sheet could)."""

    def row(values: Mapping[str, Any]) -> Problem | None:
        value = values[name]
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            return Problem(name, N_("Cannot be negative."))
        return None

    return Rule(
        (name,), row, lambda cols: min((v for v in cols[name] if v is not None), default=0) >= 0
    )


INDICATOR_COUNTS = ("baseline", "target", "result")
INDICATOR: tuple[Rule, ...] = (
    *from_schema(ProposalIndicator),
    required("name"),
    choice("gender", Gender),
    choice("age_band", AgeBand),
    *at_most(COUNT_MAX, "position", "submission", *INDICATOR_COUNTS),
    *(_not_negative(name) for name in INDICATOR_COUNTS),
)
STATUS_CHANGE: tuple[Rule, ...] = (
    *from_schema(ProposalStatusChange),
    choice("from_status", ProposalStatus),
    choice("to_status", ProposalStatus),
    choice("by_role", Role),
)
DECISION: tuple[Rule, ...] = (
    *from_schema(FundDecision),
    choice("outcome", DECISION_OUTCOMES),
    *money_at_most("amount_approved_minor"),
    Rule(("outcome", "amount_approved_minor"), _decision_amount),
    *DECISION_MONEY,
)


def check_proposal(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(PROPOSAL, values, changed)


def check_budget_line(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(BUDGET_LINE, values, changed)


def check_activity(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(ACTIVITY, values, changed)


def check_indicator(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(INDICATOR, values, changed)


def check_status_change(values: Mapping[str, Any]) -> list[Problem]:
    return apply(STATUS_CHANGE, values)


def check_decision(values: Mapping[str, Any]) -> list[Problem]:
    return apply(DECISION, values)
