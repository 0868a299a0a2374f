"""The rules a record arriving in a bundle must keep on its own.

Types, nulls and column lengths are already checked by :mod:`hubdesk.sync.codec`. The value
rules are the rule book's (:mod:`hubdesk.services.rules`), the very ones a form and a
spreadsheet row keep, so a person reads the same sentence. Added here are the rules of the sync
metadata only a bundle carries: a version above zero, an edit not based on a version newer than
itself, and only private fields withheld. Rules that compare a record with others (a team of
this municipality, a unique reference) are the importer's.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from itertools import chain
from typing import Any

from hubdesk.i18n import N_
from hubdesk.services import rules
from hubdesk.sync import scope
from hubdesk.sync.codec import MODELS, WITHHELD, FieldProblem

# ``b or 0`` of a base version (an int, or None: none), as a C call to map.
_OR_ZERO: Callable[[Any, Any], Any] = {None: 0}.get


def _meta(table: str, values: Mapping[str, Any], withheld: Sequence[str]) -> None:
    if values["version"] < 1:
        raise FieldProblem("version", N_("The version must be above zero."))
    base = values["base_version"]
    if base is not None and base > values["version"]:
        raise FieldProblem(
            "base_version", N_("This change claims to follow a version newer than itself.")
        )
    if withheld:
        private = set(scope.private_fields_of(table, values))
        for name in withheld:
            if name not in private:
                raise FieldProblem(
                    WITHHELD,
                    N_("'{name}' is not a private field and cannot be withheld."),
                    name=name,
                )


def check(table: str, values: Mapping[str, Any], withheld: Sequence[str] = ()) -> None:
    """Raise FieldProblem for the first rule ``values`` break."""
    _meta(table, values, withheld)
    problems = rules.check(table, values)
    if problems:
        first = problems[0]
        raise FieldProblem(first.field, first.message, **first.params)


def _meta_columns(
    table: str,
    columns: Mapping[str, Sequence[Any]],
    rows: Sequence[Mapping[str, Any]],
    withheld: Sequence[Sequence[str]],
) -> bool:
    versions = columns["version"]
    if min(versions) < 1:
        return False
    bases = columns["base_version"]
    if any(map(operator.gt, map(_OR_ZERO, bases, bases), versions)):
        return False
    names = set(chain.from_iterable(withheld))
    if not names:
        return True
    if not scope.judged_per_row(table):
        return names <= set(MODELS[table].PRIVATE_FIELDS)
    # Meeting minutes marked internal: judged for each row that withholds a field, as ``_meta``.
    return all(
        set(held) <= set(scope.private_fields_of(table, values))
        for values, held in zip(rows, withheld, strict=True)
        if held
    )


def check_columns(
    table: str,
    columns: Mapping[str, Sequence[Any]],
    rows: Sequence[Mapping[str, Any]],
    withheld: Sequence[Sequence[str]] = (),
) -> bool:
    """True when every one of ``rows`` (also given as ``columns``) keeps every rule; False
    when any might not, and ``check`` must then judge each record to say which and why."""
    try:
        if not _meta_columns(table, columns, rows, withheld):
            return False
    except (TypeError, ValueError):
        return False
    return rules.check_columns(table, columns, rows)
