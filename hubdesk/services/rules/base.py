"""What every rule book is made of: a Problem, a Rule, the limits, and the common rule makers.

A rule judges one record on its own (nothing from the database), the same way for a form, a
spreadsheet row and a bundle record. ``Rule.row`` is the rule itself; ``Rule.columns``, where a
rule has one, is a faster way to see that every row of a whole table keeps it (used by the bundle
import) and must never accept what ``row`` refuses (the tests hold the two forms equal).
Types are not judged here: the bundle codec and the services' ``Checker`` do that first, and a
rule leaves a value of the wrong type alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain
from typing import Any

from sqlalchemy import Date, String, Text

from hubdesk.domain.base import CodeList, UTCDateTime
from hubdesk.domain.search import record_columns
from hubdesk.i18n import N_
from hubdesk.i18n.scripts import script_of
from hubdesk.services.errors import FieldError

# A Problem names the field and carries an untranslated message with its parameters.
Problem = FieldError

# --- the limits: one name and one place each ---------------------------------------------------
COUNT_MAX = 1_000_000  # any head count, grid cell or quantity
MONEY_MAX = 10**12  # amounts in minor units; keeps quantity × unit cost far inside 64 bits
GUESTS_MAX = 10_000  # guests from one organisation at one meeting
LONG_TEXT_MAX = 50_000  # characters in a long text (minutes, notes, trainings ...)
COMMENT_MAX = 5_000  # characters in one comment of a proposal's thread (a letter, not a report)
# Attached files: one file, and the files one bundle carries (the rest wait for the next).
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
BUNDLE_FILES_MAX_BYTES = 50 * 1024 * 1024
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the plausible range of every date and moment
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
FIRST_MOMENT = dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.UTC)
LAST_MOMENT = dt.datetime(LAST_YEAR + 1, 1, 1, tzinfo=dt.UTC) - dt.timedelta(microseconds=1)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Control characters (C0, DEL, C1) and lone surrogates (no Unicode text: a file name passed on a
# command line in another encoding, a forged bundle; no database can store them); a multi-line
# text may hold line breaks and tabs. With them the invisible characters no language of the
# region writes: the zero-width space, word joiner and byte-order mark (a name of nothing but
# one looked filled in, and showed empty at the hub) and the marks that turn the direction text
# is drawn in (a name could read differently from what it holds).
INVISIBLE = "\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f\ud800-\udfff{INVISIBLE}]")
CONTROL_MULTILINE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{INVISIBLE}]")
CONTROL_CHARACTER = N_("This text holds an invisible control character; remove it.")
NOT_A_RECORD_FIELD = frozenset({"id", "origin", "updated_by"})

RowCheck = Callable[[Mapping[str, Any]], Problem | None]
ColumnCheck = Callable[[Mapping[str, Sequence[Any]]], bool]


@dataclass(frozen=True)
class Rule:
    """One rule over ``fields``; it judges a record only when all of them are given."""

    fields: tuple[str, ...]
    row: RowCheck
    columns: ColumnCheck | None = None


def apply(
    rules: Iterable[Rule], values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    """Every problem of ``values``; with ``changed``, only rules that touch a changed field
    (an edit is not refused for a stored value it did not touch)."""
    touched = None if changed is None else set(changed)
    problems: list[Problem] = []
    for rule in rules:
        if not all(name in values for name in rule.fields):
            continue
        if touched is not None and touched.isdisjoint(rule.fields):
            continue
        try:
            problem = rule.row(values)
        except (TypeError, AttributeError):
            continue  # a value of the wrong type: its type check says so
        if problem is not None:
            problems.append(problem)
    return problems


def keeps_all(
    rules: Iterable[Rule], columns: Mapping[str, Sequence[Any]], rows: Sequence[Mapping[str, Any]]
) -> bool:
    """True when every one of ``rows`` (also given as ``columns``) keeps every rule; False when
    any might not, and ``apply`` must then judge each record to say which and why."""
    for rule in rules:
        try:
            if rule.columns is not None:
                if not rule.columns(columns):
                    return False
            elif any(rule.row(values) is not None for values in rows):
                return False
        except (TypeError, AttributeError, ValueError):
            return False
    return True


def present(column: Sequence[Any]) -> list[Any]:
    return [v for v in column if v is not None]


# --- rule makers -------------------------------------------------------------------------------


def required(name: str) -> Rule:
    def row(values: Mapping[str, Any]) -> Problem | None:
        value = values[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            return Problem(name, N_("This field is required."))
        return None

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        # Only all-text columns are judged here; anything else goes row by row.
        return set(map(type, cols[name])) == {str} and all(map(str.strip, cols[name]))

    return Rule((name,), row, columns)


def choice(name: str, allowed: type[StrEnum] | Iterable[str]) -> Rule:
    options = frozenset(str(m) for m in allowed)

    def row(values: Mapping[str, Any]) -> Problem | None:
        value = values[name]
        if value is not None and value not in options:
            return Problem(
                name, N_("'{value}' is not one of the allowed choices."), {"value": value}
            )
        return None

    return Rule((name,), row, lambda cols: set(cols[name]) - {None} <= options)


def codes(name: str, allowed: type[StrEnum]) -> Rule:
    """A code list (pillars ...): every code known, none twice."""
    options = frozenset(m.value for m in allowed)

    def row(values: Mapping[str, Any]) -> Problem | None:
        chosen = values[name]
        if chosen is None or isinstance(chosen, str):
            return None
        seen: set[str] = set()
        for value in chosen:
            if value not in options:
                return Problem(
                    name, N_("'{value}' is not one of the allowed choices."), {"value": value}
                )
            if value in seen:
                return Problem(name, N_("'{value}' is chosen twice."), {"value": value})
            seen.add(value)
        return None

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        lists = present(cols[name])
        return set(chain.from_iterable(lists)) <= options and all(
            len(set(v)) == len(v) for v in lists
        )

    return Rule((name,), row, columns)


def at_most(limit: int, *names: str, message: str = N_("At most {limit}.")) -> list[Rule]:
    def make(name: str) -> Rule:
        def row(values: Mapping[str, Any]) -> Problem | None:
            value = values[name]
            if isinstance(value, int) and not isinstance(value, bool) and value > limit:
                return Problem(name, message, {"limit": limit})
            return None

        return Rule((name,), row, lambda cols: max(present(cols[name]), default=0) <= limit)

    return [make(name) for name in names]


def money_at_most(*names: str) -> list[Rule]:
    """``at_most(MONEY_MAX)`` for amounts: the limit is in minor units, which nobody types (and
    whose major units depend on the currency), so the message names no number."""
    return at_most(MONEY_MAX, *names, message=N_("Too large an amount; check the number."))


def order(start: str, end: str, message: str = N_("The end cannot be before the start.")) -> Rule:
    """``end`` not before ``start``. A value of another type, or an implausible date, is left
    to its own rule to name."""

    def row(values: Mapping[str, Any]) -> Problem | None:
        first, last = values[start], values[end]
        if first is None or last is None or type(first) is not type(last):
            return None
        if not (in_range(first) and in_range(last)):
            return None
        if last < first:
            return Problem(end, message)
        return None

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        pairs = zip(cols[start], cols[end], strict=True)
        return not any(e < s for s, e in pairs if s is not None and type(s) is type(e))

    return Rule((start, end), row, columns)


def other_script(name: str, other: str) -> Rule:
    """``other`` holds ``name`` in the other script (Latin beside Cyrillic, or the reverse)."""

    def row(values: Mapping[str, Any]) -> Problem | None:
        first, second = values[name], values[other]
        if not isinstance(first, str) or not isinstance(second, str) or not second.strip():
            return None
        mine, theirs = script_of(first), script_of(second)
        if mine is not None and mine == theirs:
            return Problem(
                other,
                N_(
                    "Write the name here in the other script: in Latin letters if it is "
                    "written in Cyrillic above, in Cyrillic if it is written in Latin letters."
                ),
            )
        return None

    return Rule((name, other), row)


def email(name: str) -> Rule:
    def row(values: Mapping[str, Any]) -> Problem | None:
        value = values[name]
        if isinstance(value, str) and value and not EMAIL.match(value):
            return Problem(name, N_("This is not an e-mail address."))
        return None

    return Rule((name,), row, lambda cols: all(map(EMAIL.match, filter(None, cols[name]))))


def in_range(value: Any) -> bool:
    """A date or moment inside the plausible years."""
    if isinstance(value, dt.datetime):
        return value.tzinfo is None or FIRST_MOMENT <= value <= LAST_MOMENT
    if isinstance(value, dt.date):
        return FIRST_DAY <= value <= LAST_DAY
    return True


def plausible_date(name: str) -> Rule:
    def row(values: Mapping[str, Any]) -> Problem | None:
        if in_range(values[name]):
            return None
        return Problem(
            name,
            N_("Enter a date between the years {first} and {last}."),
            {"first": FIRST_YEAR, "last": LAST_YEAR},
        )

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        values = present(cols[name])
        return not values or (in_range(min(values)) and in_range(max(values)))

    return Rule((name,), row, columns)


def text(name: str, limit: int, multiline: bool) -> Rule:
    """A text within its length, free of control characters (line breaks and tabs are fine
    in a multi-line text)."""
    control = CONTROL_MULTILINE if multiline else CONTROL

    def row(values: Mapping[str, Any]) -> Problem | None:
        value = values[name]
        if not isinstance(value, str):
            return None
        if len(value) > limit:
            return Problem(
                name,
                N_("At most {limit} characters (now {count})."),
                {"limit": limit, "count": len(value)},
            )
        if control.search(value):
            return Problem(name, CONTROL_CHARACTER)
        return None

    def columns(cols: Mapping[str, Sequence[Any]]) -> bool:
        values = present(cols[name])
        if not values:
            return True
        return max(map(len, values)) <= limit and control.search("".join(values)) is None

    return Rule((name,), row, columns)


LINE_BREAKS = re.compile(r"\s*[\r\n\t]+\s*")


def joined_lines(text: str) -> str:
    """Line breaks and tabs read as one space, for a field of one line: a spreadsheet cell's
    Alt+Enter (to wrap a long organisation's name), or the line break and tab a cell copied
    from a spreadsheet brings when pasted into a form. Left in, they would be refused as
    invisible control characters the person cannot find."""
    return LINE_BREAKS.sub(" ", text)


def one_line(model: type[Any], name: str) -> bool:
    """A sized text column holds one line (a name, an organisation), as ``from_schema`` reads
    it; an unsized one a long text, line breaks and all."""
    column = model.__table__.columns.get(name)
    kind = column.type if column is not None else None
    return isinstance(kind, String) and bool(kind.length)


def from_schema(model: type[Any]) -> list[Rule]:
    """The rules every text and date column of a record kind keeps, read from its columns:
    a sized text is one line of at most its size, an unsized one a long text; dates and
    moments lie in the plausible years."""
    out: list[Rule] = []
    for column in record_columns(model.__table__):
        kind, name = column.type, column.name
        if name in NOT_A_RECORD_FIELD or column.foreign_keys:
            continue
        if isinstance(kind, (UTCDateTime, Date)):
            out.append(plausible_date(name))
        elif isinstance(kind, CodeList):
            continue
        elif isinstance(kind, String) and kind.length:
            out.append(text(name, kind.length, multiline=False))
        elif isinstance(kind, (String, Text)):
            out.append(text(name, LONG_TEXT_MAX, multiline=True))
    return out
