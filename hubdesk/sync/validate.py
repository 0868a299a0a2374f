"""The services' rules, applied to records arriving in a bundle.

Types, nulls and lengths are already checked by :mod:`hubdesk.sync.codec`; here come the rules a
form would apply to one record: choices, required text, counts and their limits, the youth grid
that must add up, dates in order, derived ids. Rules that compare a record with others (a team of
this municipality, a unique reference) are the importer's: it checks links and ownership across
the whole bundle. Messages are the services' own msgids, so a person reads the same sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from hubdesk.domain.enums import (
    COUNT_COLUMNS,
    CURRENCIES,
    ActionStatus,
    ActivityType,
    AttendanceStatus,
    BudgetCategory,
    Country,
    Gender,
    MeetingKind,
    Pillar,
    ProposalStatus,
    Role,
    Sector,
    TeamKind,
    TeamRole,
)
from hubdesk.domain.meetings import attendance_id
from hubdesk.i18n import N_
from hubdesk.services.area import MONEY_MAX
from hubdesk.services.fund_workflow import DECISION_OUTCOMES
from hubdesk.services.validation import EMAIL
from hubdesk.services.youth import GRID_MISMATCH, MAX_PARTICIPANTS
from hubdesk.sync.codec import FieldProblem

Rule = Callable[[Mapping[str, Any]], None]
MAX_COUNT = 1_000_000


def _choice(name: str, enum: type[StrEnum] | tuple[str, ...]) -> Rule:
    allowed = frozenset(m.value if isinstance(m, StrEnum) else m for m in enum)

    def rule(values: Mapping[str, Any]) -> None:
        value = values[name]
        if value is not None and value not in allowed:
            raise FieldProblem(
                name, N_("'{value}' is not one of the allowed choices."), value=value
            )

    return rule


PILLARS = frozenset(p.value for p in Pillar)


def _pillars(values: Mapping[str, Any]) -> None:
    for value in values["pillars"]:
        if value not in PILLARS:
            raise FieldProblem(
                "pillars", N_("'{value}' is not one of the allowed choices."), value=value
            )


def _required(*names: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> None:
        for name in names:
            value = values[name]
            if value is None or (isinstance(value, str) and not value.strip()):
                raise FieldProblem(name, N_("This field is required."))

    return rule


def _at_most(limit: int, *names: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> None:
        for name in names:
            value = values[name]
            if value is not None and value > limit:
                raise FieldProblem(name, N_("At most {limit}."), limit=limit)

    return rule


def _order(start: str, end: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> None:
        if values[start] is not None and values[end] is not None and values[end] < values[start]:
            raise FieldProblem(end, N_("The end cannot be before the start."))

    return rule


def _email(values: Mapping[str, Any]) -> None:
    if values["email"] and not EMAIL.match(values["email"]):
        raise FieldProblem("email", N_("This is not an e-mail address."))


def _attendance_id(values: Mapping[str, Any]) -> None:
    if values["id"] != attendance_id(values["meeting_id"], values["member_id"]):
        raise FieldProblem("id", N_("The id does not match the meeting and the member."))


def _grid(values: Mapping[str, Any]) -> None:
    grid = sum(values[name] for name in COUNT_COLUMNS)
    total = values["participants_total"]
    if grid != total:
        raise FieldProblem("participants_total", GRID_MISMATCH, grid=grid, total=total)
    if values["marginalised"] > total:
        raise FieldProblem(
            "marginalised",
            N_("{marginalised} from marginalised groups, but only {total} participants."),
            marginalised=values["marginalised"],
            total=total,
        )


def _quantity(values: Mapping[str, Any]) -> None:
    if values["quantity"] == 0:
        raise FieldProblem("quantity", N_("The quantity must be at least 1."))


def _decision_amount(values: Mapping[str, Any]) -> None:
    amount, outcome = values["amount_approved_minor"], values["outcome"]
    if outcome != ProposalStatus.APPROVED and amount != 0:
        raise FieldProblem("amount_approved_minor", N_("Only an approval grants an amount."))
    if outcome == ProposalStatus.APPROVED and amount <= 0:
        raise FieldProblem("amount_approved_minor", N_("An approval needs an amount above zero."))


RULES: dict[str, tuple[Rule, ...]] = {
    "municipalities": (
        _required("name"),
        _choice("country", Country),
        _choice("currency", CURRENCIES),
    ),
    "teams": (_required("name"), _choice("kind", TeamKind)),
    "members": (
        _required("name"),
        _choice("sector", Sector),
        _choice("role", TeamRole),
        _choice("gender", Gender),
        _email,
        _order("joined_on", "left_on"),
    ),
    "meetings": (_choice("kind", MeetingKind), _pillars, _order("starts_at", "ends_at")),
    "attendance": (_choice("status", AttendanceStatus), _attendance_id),
    "meeting_guests": (_required("organisation"), _at_most(MAX_COUNT, "count")),
    "decisions": (_required("text"),),
    "action_items": (_required("title"), _choice("status", ActionStatus)),
    "youth_activities": (
        _required("title"),
        _choice("activity_type", ActivityType),
        _pillars,
        _at_most(MAX_PARTICIPANTS, *COUNT_COLUMNS, "participants_total", "marginalised"),
        _order("starts_on", "ends_on"),
        _grid,
    ),
    "fund_proposals": (
        _required("title", "reference"),
        _pillars,
        _choice("currency", CURRENCIES),
        _choice("status", ProposalStatus),
        _at_most(MONEY_MAX, "cofunding_minor"),
        _order("period_start", "period_end"),
    ),
    "budget_lines": (
        _required("description"),
        _choice("category", BudgetCategory),
        _at_most(MAX_COUNT, "quantity"),
        _quantity,
        _at_most(MONEY_MAX, "unit_cost_minor", "spent_minor"),
    ),
    "proposal_status_changes": (
        _choice("from_status", ProposalStatus),
        _choice("to_status", ProposalStatus),
        _choice("by_role", Role),
    ),
    "fund_decisions": (
        _choice("outcome", DECISION_OUTCOMES),
        _at_most(MONEY_MAX, "amount_approved_minor"),
        _decision_amount,
    ),
}


def check(table: str, values: Mapping[str, Any]) -> None:
    """Raise FieldProblem for the first rule ``values`` break."""
    for rule in RULES[table]:
        rule(values)
