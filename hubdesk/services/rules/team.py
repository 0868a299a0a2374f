"""The rule books of a team and of its members."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain import Member, Team
from hubdesk.domain.enums import Gender, Sector, TeamKind, TeamRole
from hubdesk.services.rules.base import (
    Problem,
    Rule,
    apply,
    choice,
    email,
    from_schema,
    order,
    other_script,
    required,
)

TEAM: tuple[Rule, ...] = (
    *from_schema(Team),  # the name's and its other-script form's lengths among them
    required("name"),
    other_script("name", "name_other_script"),
    choice("kind", TeamKind),
)
MEMBER: tuple[Rule, ...] = (
    *from_schema(Member),
    required("name"),
    choice("sector", Sector),
    choice("role", TeamRole),
    choice("gender", Gender),
    email("email"),
    order("joined_on", "left_on"),
)


def check_team(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(TEAM, values, changed)


def check_member(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(MEMBER, values, changed)
