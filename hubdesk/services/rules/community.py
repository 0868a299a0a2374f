"""The rule book of a community engagement activity: the gender counts add up to the head
count, and no inclusion group is larger than it."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hubdesk.domain.community import Audience, CommunityActivity, CommunityActivityType
from hubdesk.domain.enums import Pillar, Theme
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

GENDERS = ("n_female", "n_male", "n_other")
COUNTS = ("participants_total", *GENDERS)
GENDER_MISMATCH = N_(
    "Women, men and others add up to {counted} but the total says {total}: count every "
    "participant once by gender."
)


def _gender_row(values: Mapping[str, Any]) -> Problem | None:
    """Counts that are not whole numbers within the limit are left to the rules that judge
    each count, so a person reads one message, not two."""
    if any(type(values[n]) is not int or not 0 <= values[n] <= COUNT_MAX for n in COUNTS):
        return None
    counted = sum(values[n] for n in GENDERS)
    if counted != values["participants_total"]:
        return Problem(
            "participants_total",
            GENDER_MISMATCH,
            {"counted": counted, "total": values["participants_total"]},
        )
    return None


def _gender_columns(cols: Mapping[str, Sequence[Any]]) -> bool:
    sums = list(map(sum, zip(*(cols[n] for n in GENDERS), strict=True)))
    return all(map(operator.eq, sums, cols["participants_total"]))


ACTIVITY: tuple[Rule, ...] = (
    *from_schema(CommunityActivity),
    required("title"),
    choice("activity_type", CommunityActivityType),
    codes("audiences", Audience),
    codes("pillars", Pillar),
    codes("themes", Theme),
    *at_most(COUNT_MAX, *COUNTS),
    order("starts_on", "ends_on"),
    Rule(COUNTS, _gender_row, _gender_columns),
    *inclusion_rules(),
)


def check_activity(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(ACTIVITY, values, changed)
