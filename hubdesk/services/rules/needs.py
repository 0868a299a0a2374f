"""The rule books of the City Needs Assessment: the hub's questionnaire and a yearly answer.

A questionnaire's ``questions`` is one JSON text: for every pillar a question and exactly
``LEVELS`` level meanings (what a score of 1, 2, 3 and 4 says). An assessment scores each pillar
within those levels; a submitted one has every pillar scored and the day it was submitted. A
proposal or a training naming a need names both the assessment and the pillar, or neither.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain.enums import Pillar
from hubdesk.domain.needs import (
    LEVELS,
    SCORE_COLUMNS,
    AssessmentStatus,
    NeedsAssessment,
    NeedsQuestionnaire,
    Structure,
)
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    CONTROL,
    FIRST_YEAR,
    LAST_YEAR,
    Problem,
    Rule,
    apply,
    choice,
    codes,
    from_schema,
    required,
)

QUESTION_MAX = 1_000  # characters of one question
LEVEL_MAX = 500  # characters of one level's meaning
BAD_QUESTIONS = N_("The questions are not a valid questionnaire.")


def questions_problem(text: str) -> str | None:
    """Why a questionnaire's questions text is not valid (a msgid), or None when it is."""
    try:
        content = json.loads(text)
    except (ValueError, RecursionError):  # nested past what Python reads
        return BAD_QUESTIONS
    if not isinstance(content, dict) or set(content) != {p.value for p in Pillar}:
        return N_("The questionnaire needs one question for each of the five pillars.")
    for entry in content.values():
        if not isinstance(entry, dict) or set(entry) != {"question", "levels"}:
            return BAD_QUESTIONS
        question, levels = entry["question"], entry["levels"]
        if not _line(question, QUESTION_MAX):
            return N_("Each question is a text of at most 1000 characters.")
        if not isinstance(levels, list) or len(levels) != LEVELS:
            return N_("Each question says what each of its four score levels means.")
        if not all(_line(level, LEVEL_MAX) for level in levels):
            return N_("Each level's meaning is a text of at most 500 characters.")
    return None


def _line(value: Any, limit: int) -> bool:
    return (
        isinstance(value, str)
        and bool(value.strip())
        and len(value) <= limit
        and not CONTROL.search(value)
    )


def _questions(values: Mapping[str, Any]) -> Problem | None:
    text = values["questions"]
    if not isinstance(text, str):
        return None
    why = questions_problem(text)
    return None if why is None else Problem("questions", why)


def _year(values: Mapping[str, Any]) -> Problem | None:
    year = values["year"]
    if isinstance(year, int) and not isinstance(year, bool) and not FIRST_YEAR <= year <= LAST_YEAR:
        return Problem(
            "year",
            N_("Enter a year between {first} and {last}."),
            {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return None


def _score(name: str) -> Rule:
    def row(values: Mapping[str, Any]) -> Problem | None:
        score = values[name]
        if score is None or isinstance(score, bool) or not isinstance(score, int):
            return None
        if not 1 <= score <= LEVELS:
            return Problem(name, N_("A score is from 1 to {levels}."), {"levels": LEVELS})
        return None

    return Rule((name,), row)


def _submitted(values: Mapping[str, Any]) -> Problem | None:
    if values["status"] != AssessmentStatus.SUBMITTED:
        return None
    if values["submitted_on"] is None:
        return Problem("submitted_on", N_("A submitted assessment has its submission day."))
    for name in SCORE_COLUMNS:
        if values[name] is None:
            return Problem(name, N_("Score every pillar before submitting the assessment."))
    return None


def _need_pair(values: Mapping[str, Any]) -> Problem | None:
    linked, pillar = values["need_assessment_id"], values["need_pillar"]
    if (linked is None) != (not pillar):
        return Problem(
            "need_pillar", N_("A need is one pillar of one needs assessment: name both or none.")
        )
    return None


QUESTIONNAIRE: tuple[Rule, ...] = (
    *from_schema(NeedsQuestionnaire),
    required("title"),
    required("year"),
    Rule(("year",), _year),
    Rule(("questions",), _questions),
)
ASSESSMENT: tuple[Rule, ...] = (
    *from_schema(NeedsAssessment),
    required("year"),
    Rule(("year",), _year),
    choice("status", AssessmentStatus),
    codes("structures", Structure),
    *(_score(name) for name in SCORE_COLUMNS),
    Rule(("status", "submitted_on", *SCORE_COLUMNS), _submitted),
)
# Added to the rule books of proposals and trainings (rules/__init__.py): the need a record
# answers.
NEED_LINK: tuple[Rule, ...] = (
    choice("need_pillar", ["", *(p.value for p in Pillar)]),
    Rule(("need_assessment_id", "need_pillar"), _need_pair),
)


def check_questionnaire(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(QUESTIONNAIRE, values, changed)


def check_assessment(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(ASSESSMENT, values, changed)
