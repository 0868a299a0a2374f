"""The rule book of a proposal review (the hub's scores of a proposal).

A review's ``scores`` column is a JSON list; each item names a criterion (``code``), the label
and weight it had when scored, and the score on the scale ``SCORE_MIN``..``SCORE_MAX``. The rules
here judge the list alone: well formed, every code once, labels present, weights and scores in
range. Whether the codes are the criteria of the proposal's call needs the database, so the
review service checks that (``services.reviews``) before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from hubdesk.domain.review import ProposalReview
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    CONTROL,
    CONTROL_CHARACTER,
    Problem,
    Rule,
    from_schema,
    required,
)

SCORE_MIN, SCORE_MAX = 0, 5  # the scale every criterion is scored on
WEIGHT_MIN, WEIGHT_MAX = 1, 100  # a criterion's weight (the weights of a call sum to 100)
CRITERIA_MAX = 30  # criteria in one review
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}\Z")
LABEL_MAX = 200
KEYS = frozenset({"code", "label", "weight", "score"})


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_scores(text: str) -> list[dict[str, Any]] | None:
    """The scores list of a review, or None when the text is not a list of score objects."""
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None
    return items


def score_problem(items: list[dict[str, Any]]) -> Problem | None:
    """What is wrong with a parsed scores list, if anything (the first problem found)."""
    if not items:
        return Problem("scores", N_("Score at least one criterion."))
    if len(items) > CRITERIA_MAX:
        return Problem("scores", N_("At most {limit} criteria."), {"limit": CRITERIA_MAX})
    seen: set[str] = set()
    for item in items:
        code = item.get("code")
        if set(item) != KEYS or not isinstance(code, str) or not CODE.match(code):
            return Problem("scores", N_("A score must name its criterion, label and weight."))
        if code in seen:
            return Problem("scores", N_("The criterion '{code}' is scored twice."), {"code": code})
        seen.add(code)
        label = item["label"]
        if not isinstance(label, str) or not label.strip() or len(label) > LABEL_MAX:
            return Problem("scores", N_("The criterion '{code}' has no label."), {"code": code})
        if CONTROL.search(label):  # escaped in the JSON, so the column's own rule cannot see it
            return Problem("scores", CONTROL_CHARACTER)
        weight = item["weight"]
        if not _whole(weight) or not WEIGHT_MIN <= weight <= WEIGHT_MAX:
            return Problem(
                "scores",
                N_("The weight of '{code}' must be a whole number from {low} to {high}."),
                {"code": code, "low": WEIGHT_MIN, "high": WEIGHT_MAX},
            )
        score = item["score"]
        if not _whole(score) or not SCORE_MIN <= score <= SCORE_MAX:
            return Problem(
                "scores",
                N_("The score of '{label}' must be a whole number from {low} to {high}."),
                {"label": label, "low": SCORE_MIN, "high": SCORE_MAX},
            )
    return None


def _scores(values: Mapping[str, Any]) -> Problem | None:
    text = values["scores"]
    if not isinstance(text, str):
        return None
    items = parse_scores(text)
    if items is None:
        return Problem("scores", N_("The scores are not readable."))
    return score_problem(items)


REVIEW: tuple[Rule, ...] = (
    *from_schema(ProposalReview),
    required("reviewer"),
    Rule(("scores",), _scores),
)
