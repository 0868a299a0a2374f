"""The rule book of a youth activity, with the grid rule: every participant is counted once by
gender and age band, so the grid adds up to the head count."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hubdesk.domain import YouthActivity
from hubdesk.domain.enums import COUNT_COLUMNS, ActivityType, Pillar, Theme
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    COUNT_MAX,
    Problem,
    Rule,
    apply,
    at_most,
    choice,
    codes,
    from_schema,
    order,
    required,
)
from hubdesk.services.rules.inclusion import inclusion_rules

COUNTS = (*COUNT_COLUMNS, "participants_total", "marginalised")
GRID_MISMATCH = N_(
    "The counts by gender and age band add up to {grid} but the total says {total}. "
    "Every participant is counted once in the grid, so the age bands of all genders together "
    "must add up to the number of participants."
)


def grid_total(values: Mapping[str, Any]) -> int:
    """The head count the grid gives (an empty cell counts nobody)."""
    return sum(values.get(name) or 0 for name in COUNT_COLUMNS)


def grid_problem(values: Mapping[str, Any]) -> Problem | None:
    """The grid rule. Counts that are not whole numbers within the limit are left to the
    rules that judge each count, so a person reads one message, not two."""
    if any(type(values[n]) is not int or not 0 <= values[n] <= COUNT_MAX for n in COUNTS):
        return None
    grid, total = grid_total(values), values["participants_total"]
    if grid != total:
        return Problem("participants_total", GRID_MISMATCH, {"grid": grid, "total": total})
    if values["marginalised"] > total:
        return Problem(
            "marginalised",
            N_("{marginalised} from marginalised groups, but only {total} participants."),
            {"marginalised": values["marginalised"], "total": total},
        )
    return None


def _grid_columns(cols: Mapping[str, Sequence[Any]]) -> bool:
    totals = list(cols["participants_total"])
    grids = list(map(sum, zip(*(cols[name] for name in COUNT_COLUMNS), strict=True)))
    return grids == totals and all(map(operator.le, cols["marginalised"], totals))


ACTIVITY: tuple[Rule, ...] = (
    *from_schema(YouthActivity),
    required("title"),
    choice("activity_type", ActivityType),
    codes("pillars", Pillar),
    *at_most(COUNT_MAX, *COUNTS),
    order("starts_on", "ends_on"),
    Rule(COUNTS, grid_problem, _grid_columns),
    codes("themes", Theme),
    *inclusion_rules(),
)


def check_activity(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(ACTIVITY, values, changed)
