"""The services' rules, applied to records arriving in a bundle.

Types, nulls and lengths are already checked by :mod:`hubdesk.sync.codec`; here come the rules a
form would apply to one record: choices, required text, counts and their limits, the youth grid
that must add up, dates in order, derived ids. Rules that compare a record with others (a team of
this municipality, a unique reference) are the importer's: it checks links and ownership across
the whole bundle. Messages are the services' own msgids, so a person reads the same sentence.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain
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

RowCheck = Callable[[Mapping[str, Any]], None]
ColumnCheck = Callable[[Mapping[str, Sequence[Any]]], bool]
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class Rule:
    """One rule: ``row`` raises FieldProblem for a record that breaks it (the rule itself);
    ``columns``, where present, is True only when every row of a table surely keeps it, checked
    a column at a time for speed (False or an error: ask ``row`` about each record)."""

    row: RowCheck
    columns: ColumnCheck | None = None


def _present(column: Sequence[Any]) -> list[Any]:
    return [v for v in column if v is not None]


def _choice(name: str, enum: type[StrEnum] | tuple[str, ...]) -> Rule:
    allowed = frozenset(m.value if isinstance(m, StrEnum) else m for m in enum)

    def row(values: Mapping[str, Any]) -> None:
        value = values[name]
        if value is not None and value not in allowed:
            raise FieldProblem(
                name, N_("'{value}' is not one of the allowed choices."), value=value
            )

    return Rule(row, lambda columns: set(columns[name]) - {None} <= allowed)


PILLARS = frozenset(p.value for p in Pillar)


def _pillars_row(values: Mapping[str, Any]) -> None:
    for value in values["pillars"]:
        if value not in PILLARS:
            raise FieldProblem(
                "pillars", N_("'{value}' is not one of the allowed choices."), value=value
            )


_pillars = Rule(
    _pillars_row, lambda columns: set(chain.from_iterable(columns["pillars"])) <= PILLARS
)


def _required(*names: str) -> Rule:
    def row(values: Mapping[str, Any]) -> None:
        for name in names:
            value = values[name]
            if value is None or (isinstance(value, str) and not value.strip()):
                raise FieldProblem(name, N_("This field is required."))

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        # Only all-text columns are judged here; anything else goes row by row.
        return all(
            set(map(type, cols[name])) == {str} and all(map(str.strip, cols[name]))
            for name in names
        )

    return Rule(row, columns)


def _at_most(limit: int, *names: str) -> Rule:
    def row(values: Mapping[str, Any]) -> None:
        for name in names:
            value = values[name]
            if value is not None and value > limit:
                raise FieldProblem(name, N_("At most {limit}."), limit=limit)

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        return all(max(_present(cols[name]), default=0) <= limit for name in names)

    return Rule(row, columns)


def _order(start: str, end: str) -> Rule:
    def row(values: Mapping[str, Any]) -> None:
        if values[start] is not None and values[end] is not None and values[end] < values[start]:
            raise FieldProblem(end, N_("The end cannot be before the start."))

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        pairs = [(s, e) for s, e in zip(cols[start], cols[end], strict=True) if e is not None]
        return not any(e < s for s, e in pairs if s is not None)

    return Rule(row, columns)


def _email_row(values: Mapping[str, Any]) -> None:
    if values["email"] and not EMAIL.match(values["email"]):
        raise FieldProblem("email", N_("This is not an e-mail address."))


_email = Rule(_email_row, lambda columns: all(map(EMAIL.match, filter(None, columns["email"]))))


def _attendance_id_row(values: Mapping[str, Any]) -> None:
    if values["id"] != attendance_id(values["meeting_id"], values["member_id"]):
        raise FieldProblem("id", N_("The id does not match the meeting and the member."))


_attendance_id = Rule(_attendance_id_row)


def _grid_row(values: Mapping[str, Any]) -> None:
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


def _grid_columns(cols: Mapping[str, Sequence[Any]]) -> bool:
    totals = list(cols["participants_total"])
    grids = list(map(sum, zip(*(cols[name] for name in COUNT_COLUMNS), strict=True)))
    return grids == totals and all(map(operator.le, cols["marginalised"], totals))


_grid = Rule(_grid_row, _grid_columns)


def _quantity_row(values: Mapping[str, Any]) -> None:
    if values["quantity"] == 0:
        raise FieldProblem("quantity", N_("The quantity must be at least 1."))


_quantity = Rule(_quantity_row)


def _decision_amount_row(values: Mapping[str, Any]) -> None:
    amount, outcome = values["amount_approved_minor"], values["outcome"]
    if outcome != ProposalStatus.APPROVED and amount != 0:
        raise FieldProblem("amount_approved_minor", N_("Only an approval grants an amount."))
    if outcome == ProposalStatus.APPROVED and amount <= 0:
        raise FieldProblem("amount_approved_minor", N_("An approval needs an amount above zero."))


_decision_amount = Rule(_decision_amount_row)


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
        rule.row(values)


def check_columns(
    table: str, columns: Mapping[str, Sequence[Any]], rows: Sequence[Mapping[str, Any]]
) -> bool:
    """True when every one of ``rows`` (also given as ``columns``) keeps every rule; False
    when any might not, and ``check`` must then judge each record to say which and why."""
    for rule in RULES[table]:
        try:
            if rule.columns is not None:
                if not rule.columns(columns):
                    return False
            else:
                for values in rows:
                    rule.row(values)
        except (FieldProblem, TypeError):
            return False
    return True
