"""The rule book of a quarter's submission, reopening, acceptance or return. Whether the step
fits the quarter's state (submit only an open quarter ...) needs the database: the service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hubdesk.domain.periods import NEEDS_COMMENT, PeriodAction, PeriodSubmission, Quarter
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    FIRST_YEAR,
    LAST_YEAR,
    Problem,
    Rule,
    apply,
    choice,
    from_schema,
)


def within_years(quarter: Quarter) -> bool:
    """Whether ``quarter`` is of the years every date may be in: "0000-Q1" or "9999-Q4" has
    no first or last day to judge it by."""
    return FIRST_YEAR <= quarter.year <= LAST_YEAR


def _quarter(values: Mapping[str, Any]) -> Problem | None:
    text = values["quarter"]
    try:
        quarter = Quarter.parse(text)
    except ValueError:
        return Problem("quarter", N_("Write the quarter as year and quarter, e.g. 2026-Q3."))
    if str(quarter) != text or not within_years(quarter):
        return Problem("quarter", N_("Write the quarter as year and quarter, e.g. 2026-Q3."))
    return None


def _comment(values: Mapping[str, Any]) -> Problem | None:
    comment = values["comment"]
    if values["action"] in NEEDS_COMMENT and not (comment or "").strip():
        return Problem("comment", N_("Say why, in a comment."))
    return None


SUBMISSION: tuple[Rule, ...] = (
    *from_schema(PeriodSubmission),
    choice("action", PeriodAction),
    Rule(("quarter",), _quarter),
    Rule(("action", "comment"), _comment),
)


def check_submission(values: Mapping[str, Any]) -> list[Problem]:
    return apply(SUBMISSION, values)
