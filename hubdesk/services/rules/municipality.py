"""The rule book of a municipality record (made at setup, carried by every bundle)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain import Municipality
from hubdesk.domain.enums import CURRENCIES, Country
from hubdesk.services.rules.base import (
    Problem,
    Rule,
    apply,
    choice,
    from_schema,
    other_script,
    required,
)

MUNICIPALITY: tuple[Rule, ...] = (
    *from_schema(Municipality),
    required("name"),
    other_script("name", "name_other_script"),  # its length: from_schema
    choice("country", Country),
    choice("currency", CURRENCIES),
)


def check(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(MUNICIPALITY, values, changed)
