"""Small pieces the area services (meetings, action items, youth, fund) share.

Checks here complement :class:`~hubdesk.services.validation.Checker` for field kinds it does not
cover (unbounded text, yes/no flags); filters complement :mod:`hubdesk.services.listing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, String, literal, true, type_coerce
from sqlalchemy.orm import InstrumentedAttribute

from hubdesk import clock
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.i18n import N_
from hubdesk.services.validation import Checker

THEME_ORDER = {t.value: n for n, t in enumerate(Theme)}


def pillar_match(column: InstrumentedAttribute[Any], pillar: str | None) -> ColumnElement[bool]:
    """Rows whose pillar list (stored ``a,b,c``) contains ``pillar``."""
    if pillar is None:
        return true()
    wrapped = literal(",") + type_coerce(column, String) + literal(",")
    return wrapped.contains(f",{pillar},", autoescape=True)


def plain_text(check: Checker, data: Mapping[str, Any], *names: str) -> None:
    """Long text fields are not sized columns, so ``Checker.text`` does not look at them."""
    for name in names:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            check.add(name, N_("Enter text here."))


def flags(check: Checker, data: Mapping[str, Any], *names: str) -> None:
    for name in names:
        value = data.get(name)
        if value is not None and not isinstance(value, bool):
            check.add(name, N_("Choose yes or no."))


def not_in_future(check: Checker, data: Mapping[str, Any], name: str) -> None:
    value = data.get(name)
    if isinstance(value, dt.date) and check.ok(name) and value > clock.today():
        check.add(name, N_("This date is in the future."))


def normalised(
    data: Mapping[str, Any], empty_texts: Iterable[str] = (), flag_names: Iterable[str] = ()
) -> dict[str, Any]:
    """``data`` as stored: an emptied optional text is "", an unset flag is False, pillars in
    their canonical order (so that choosing the same pillars again is no change)."""
    values = dict(data)
    for names, empty in ((empty_texts, ""), (flag_names, False)):
        for name in names:
            if name in values and values[name] is None:
                values[name] = empty
    if "pillars" in values:
        chosen = set(values["pillars"] or ())
        values["pillars"] = [p.value for p in Pillar if p.value in chosen]
    if "themes" in values:  # themes likewise (an unknown code is the rule book's to refuse)
        themes = list(values["themes"] or ())
        values["themes"] = sorted(themes, key=lambda c: (THEME_ORDER.get(c, len(THEME_ORDER)), c))
    return values
