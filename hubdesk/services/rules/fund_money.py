"""The rule books of the fund's money flow: the decision's euro amount and reporting schedule,
the hub's tranches and reports due, and the municipality's implementation reports.

Each rule judges one record alone. What needs other records (the tranches of a proposal within
its approved amount, a payment not before the decision, one report per due date) is checked by
:mod:`hubdesk.services.fund_money`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from hubdesk.domain.fund_money import FundReport, FundReportDue, FundTranche, ReportKind
from hubdesk.domain.money import MoneyError, parse_rate
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    COUNT_MAX,
    Problem,
    Rule,
    apply,
    at_most,
    choice,
    from_schema,
    in_range,
    money_at_most,
    order,
    required,
)

RATE_MESSAGE = N_(
    "Enter the rate as the number of units of the proposal's currency for one euro, above "
    "zero, with at most 6 decimals (for example 61.5)."
)


def _rate(values: Mapping[str, Any]) -> Problem | None:
    rate = values["eur_rate"]
    if rate is None:
        return None
    try:
        parse_rate(rate)
    except MoneyError:
        return Problem("eur_rate", RATE_MESSAGE)
    return None


def _rate_and_euros(values: Mapping[str, Any]) -> Problem | None:
    if (values["eur_rate"] is None) != (values["amount_approved_eur_minor"] is None):
        return Problem(
            "eur_rate", N_("The amount in euros and the rate it was computed at go together.")
        )
    return None


def _positive(name: str, message: str) -> Rule:
    def row(values: Mapping[str, Any]) -> Problem | None:
        value = values[name]
        if isinstance(value, int) and not isinstance(value, bool) and value <= 0:
            return Problem(name, message)
        return None

    return Rule((name,), row)


def _paid_together(values: Mapping[str, Any]) -> Problem | None:
    paid = (values["paid_on"], values["paid_minor"], values["paid_eur_minor"])
    if any(v is None for v in paid) and any(v is not None for v in paid):
        return Problem("paid_on", N_("A payment needs both its date and its amount."))
    return None


def _paid_within_planned(values: Mapping[str, Any]) -> Problem | None:
    paid, planned = values["paid_minor"], values["amount_minor"]
    if isinstance(paid, int) and isinstance(planned, int) and paid > planned:
        return Problem(
            "paid_minor",
            N_(
                "A tranche cannot be paid beyond its planned amount; if the hub agreed to "
                "pay more, remove the tranche and plan it again at that amount."
            ),
        )
    return None


REPORT_AFTER_DECISION = N_("A report falls due after the decision.")


def _due_after_decision(name: str) -> Rule:
    """A report due on or before the decision's day would be overdue as soon as it is decided
    (the service says so for a form; a bundle's decision is judged here, the same way)."""

    def row(values: Mapping[str, Any]) -> Problem | None:
        due, decided = values[name], values["decided_on"]
        if not isinstance(due, dt.date) or not isinstance(decided, dt.date):
            return None
        if in_range(due) and in_range(decided) and due <= decided:
            return Problem(name, REPORT_AFTER_DECISION)
        return None

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        pairs = zip(cols["decided_on"], cols[name], strict=True)
        return not any(d <= s for s, d in pairs if s is not None and d is not None)

    return Rule(("decided_on", name), row, columns)


# Added to the fund decision's rule book (``rules.fund.DECISION``).
DECISION_MONEY: tuple[Rule, ...] = (
    Rule(("eur_rate",), _rate),
    Rule(("eur_rate", "amount_approved_eur_minor"), _rate_and_euros),
    *money_at_most("amount_approved_eur_minor"),
    order("interim_report_due", "final_report_due"),
    _due_after_decision("interim_report_due"),
    _due_after_decision("final_report_due"),
)
TRANCHE: tuple[Rule, ...] = (
    *from_schema(FundTranche),
    *at_most(COUNT_MAX, "number"),
    _positive("number", N_("The number must be at least 1.")),
    *money_at_most("amount_minor", "amount_eur_minor", "paid_minor", "paid_eur_minor"),
    _positive("amount_minor", N_("A tranche needs an amount above zero.")),
    _positive("paid_minor", N_("A payment needs an amount above zero.")),
    Rule(("paid_on", "paid_minor", "paid_eur_minor"), _paid_together),
    Rule(("paid_minor", "amount_minor"), _paid_within_planned),
)
REPORT_DUE: tuple[Rule, ...] = (
    *from_schema(FundReportDue),
    choice("kind", ReportKind),
)
REPORT: tuple[Rule, ...] = (
    *from_schema(FundReport),
    choice("kind", ReportKind),
    required("results"),
)


def check_tranche(values: Mapping[str, Any]) -> list[Problem]:
    return apply(TRANCHE, values)


def check_report(values: Mapping[str, Any]) -> list[Problem]:
    return apply(REPORT, values)
