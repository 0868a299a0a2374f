"""The rule books of what the hub publishes: calls for proposals and guidance notes.

A call's review criteria are one text column holding a JSON list of ``{code, label, weight}``
rows: each code a short word, each label given, each weight a whole number from 1 to 100, no
code twice. Themes are free short codes (no commas: they are stored comma-joined).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain import Call, GuidanceNote
from hubdesk.domain.calls import CallStatus
from hubdesk.domain.enums import Pillar
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    CONTROL,
    CONTROL_CHARACTER,
    Problem,
    Rule,
    apply,
    choice,
    codes,
    from_schema,
    money_at_most,
    order,
    required,
)

CRITERIA_MAX = 20  # criteria on one call
WEIGHT_MAX = 100
CODE = re.compile(r"^[a-z0-9_]{1,40}\Z")
THEME = re.compile(r"^[^,\x00-\x1f\x7f-\x9f]{1,60}\Z")


def criteria_problem(text: str) -> str | None:
    """Why a criteria text is not a valid list (a msgid), or None when it is."""
    try:
        rows = json.loads(text)
    except (ValueError, RecursionError):  # nested past what Python reads: no list either
        return N_("The review criteria are not a valid list.")
    if not isinstance(rows, list) or len(rows) > CRITERIA_MAX:
        return N_("The review criteria are not a valid list.")
    seen: set[str] = set()
    for row in rows:
        if not isinstance(row, dict) or set(row) != {"code", "label", "weight"}:
            return N_("The review criteria are not a valid list.")
        code, label, weight = row["code"], row["label"], row["weight"]
        if not isinstance(code, str) or not CODE.match(code) or code in seen:
            return N_("Each criterion needs its own short code (small letters, digits, _).")
        if not isinstance(label, str) or not label.strip() or len(label) > 200:
            return N_("Each criterion needs a name of at most 200 characters.")
        if CONTROL.search(label):  # escaped in the JSON, so the column's own rule cannot see it
            return CONTROL_CHARACTER
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= WEIGHT_MAX:
            return N_("Each criterion's weight is a whole number from 1 to 100.")
        seen.add(code)
    return None


def _criteria(values: Mapping[str, Any]) -> Problem | None:
    text = values["criteria"]
    if not isinstance(text, str):
        return None
    why = criteria_problem(text)
    return None if why is None else Problem("criteria", why)


def _themes(values: Mapping[str, Any]) -> Problem | None:
    themes = values["themes"]
    if themes is None or isinstance(themes, str):
        return None
    if len(set(themes)) != len(themes):
        return Problem("themes", N_("A theme is listed twice."))
    for theme in themes:
        if not isinstance(theme, str) or not THEME.match(theme) or not theme.strip():
            return Problem(
                "themes", N_("A theme is at most 60 characters, without commas: '{value}'."),
                {"value": theme},
            )  # fmt: skip
    return None


def _ceiling(values: Mapping[str, Any]) -> Problem | None:
    ceiling, envelope = values["ceiling_minor"], values["envelope_minor"]
    if isinstance(ceiling, int) and isinstance(envelope, int) and envelope and ceiling > envelope:
        return Problem(
            "ceiling_minor", N_("The ceiling per proposal cannot be more than the whole envelope.")
        )
    return None


CALL: tuple[Rule, ...] = (
    *from_schema(Call),
    required("title"),
    codes("pillars", Pillar),
    Rule(("themes",), _themes),
    choice("status", CallStatus),
    *money_at_most("ceiling_minor", "envelope_minor"),
    Rule(("ceiling_minor", "envelope_minor"), _ceiling),
    order("opens_on", "closes_on"),
    Rule(("criteria",), _criteria),
)
NOTE: tuple[Rule, ...] = (*from_schema(GuidanceNote), required("title"))


def check_call(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(CALL, values, changed)


def check_note(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(NOTE, values, changed)
