"""The rule books of a training and of a team member's part in it.

A training's head count is its profession × gender grid; a count by inclusion group may not
exceed it (a person may be in several groups, so those counts need not add up to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hubdesk.domain import Training, TrainingMember
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.meetings import attendance_ids_agree
from hubdesk.domain.pillars import INCLUSION_COLUMNS
from hubdesk.domain.trainings import (
    PROFESSION_COLUMNS,
    TrainingFormat,
    TrainingRole,
    training_member_id,
)
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

COUNTS = (*PROFESSION_COLUMNS, *INCLUSION_COLUMNS)
INCLUSION_OVER = N_(
    "{count} counted in this inclusion group, but only {total} participants in the grid by "
    "profession and gender."
)


def _whole(value: Any) -> bool:
    return type(value) is int and 0 <= value <= COUNT_MAX


def head_count(values: Mapping[str, Any]) -> int:
    """The number of participants the grid gives (an empty cell counts nobody)."""
    return sum(values.get(name) or 0 for name in PROFESSION_COLUMNS)


def inclusion_problem(values: Mapping[str, Any]) -> Problem | None:
    """No inclusion group counts more people than took part. Counts that are not whole numbers
    within the limit are left to the rules judging each count."""
    if not all(_whole(values[n]) for n in COUNTS):
        return None
    total = head_count(values)
    for name in INCLUSION_COLUMNS:
        if values[name] > total:
            return Problem(name, INCLUSION_OVER, {"count": values[name], "total": total})
    return None


def _inclusion_columns(cols: Mapping[str, Sequence[Any]]) -> bool:
    totals = list(map(sum, zip(*(cols[n] for n in PROFESSION_COLUMNS), strict=True)))
    return all(all(c <= t for c, t in zip(cols[n], totals, strict=True)) for n in INCLUSION_COLUMNS)


def _training_member_id(values: Mapping[str, Any]) -> Problem | None:
    """A link's id is derived from its training and member (``training_member_id``, as
    attendance), so one pair is one record everywhere: a second row for the same pair under
    another id would otherwise reach the table's unique constraint."""
    if values["id"] != training_member_id(values["training_id"], values["member_id"]):
        return Problem("id", N_("The id does not match the training and the member."))
    return None


def _training_member_ids(cols: Mapping[str, Any]) -> bool:
    """The same check over a whole table at once (``training_member_id`` is ``attendance_id``
    of the pair, and ``attendance_ids_agree`` is exact)."""
    return attendance_ids_agree(cols["id"], cols["training_id"], cols["member_id"])


TRAINING: tuple[Rule, ...] = (
    *from_schema(Training),
    required("title"),
    choice("format", TrainingFormat),
    codes("pillars", Pillar),
    codes("themes", Theme),
    *at_most(COUNT_MAX, *COUNTS),
    order("starts_on", "ends_on"),
    Rule(COUNTS, inclusion_problem, _inclusion_columns),
)
TRAINING_MEMBER: tuple[Rule, ...] = (
    *from_schema(TrainingMember),
    choice("role", TrainingRole),
    Rule(("id", "training_id", "member_id"), _training_member_id, _training_member_ids),
)


def check_training(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(TRAINING, values, changed)


def check_training_member(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(TRAINING_MEMBER, values, changed)
