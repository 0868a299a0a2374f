"""Rules every record counting people by inclusion group shares: no group larger than the head
count (a person may be in several groups, so the groups need not add up to it)."""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import Any

from hubdesk.domain.pillars import INCLUSION_COLUMNS
from hubdesk.i18n import N_
from hubdesk.services.rules.base import COUNT_MAX, Problem, Rule, at_most

GROUP_TOO_LARGE = N_("{count} counted in this group, but only {total} participants.")


def _at_most_total(name: str, total: str) -> Rule:
    def row(values: Mapping[str, Any]) -> Problem | None:
        head, count = values[total], values[name]
        # A count that is not a whole number from 0 up is its own rule's to refuse: one message.
        if any(type(v) is not int or not 0 <= v <= COUNT_MAX for v in (head, count)):
            return None
        if count > head:
            return Problem(name, GROUP_TOO_LARGE, {"count": count, "total": head})
        return None

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        return all(map(operator.le, cols[name], cols[total]))

    return Rule((total, name), row, columns)


def not_negative(name: str) -> Rule:
    """A count below zero (a spin box cannot give one; a bundle or a sheet could)."""

    def row(values: Mapping[str, Any]) -> Problem | None:
        value = values[name]
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            return Problem(name, N_("Cannot be negative."))
        return None

    return Rule(
        (name,), row, lambda cols: min((v for v in cols[name] if v is not None), default=0) >= 0
    )


def inclusion_rules(total: str = "participants_total") -> list[Rule]:
    """The limits of the inclusion counts and the rule that none exceeds ``total``."""
    return [
        *(not_negative(name) for name in INCLUSION_COLUMNS),
        *at_most(COUNT_MAX, *INCLUSION_COLUMNS),
        *(_at_most_total(name, total) for name in INCLUSION_COLUMNS),
    ]
