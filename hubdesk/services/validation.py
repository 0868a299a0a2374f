"""Checks shared by every area's use cases; each collects problems instead of stopping at one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import String

from hubdesk.domain.base import Base
from hubdesk.i18n import N_
from hubdesk.services.errors import FieldError, ValidationError


class Checker:
    """Accumulates field errors; ``done()`` raises them all together."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str, **params: Any) -> None:
        self.errors.append(FieldError(field, message, params))

    def ok(self, field: str) -> bool:
        return all(e.field != field for e in self.errors)

    def required(self, data: Mapping[str, Any], *fields: str) -> None:
        for name in fields:
            value = data.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.add(name, N_("This field is required."))

    def text(self, data: Mapping[str, Any], model: type[Base]) -> None:
        """Every text field given is text (its length and characters are the rule book's)."""
        columns = model.__table__.columns
        for name, value in data.items():
            if name not in columns or value is None or isinstance(value, str):
                continue
            if isinstance(columns[name].type, String):  # a Text column is a String too
                self.add(name, N_("Enter text here."))

    def choice(self, data: Mapping[str, Any], name: str, enum: type[StrEnum]) -> None:
        value = data.get(name)
        if value is not None and value not in {m.value for m in enum}:
            self.add(name, N_("'{value}' is not one of the allowed choices."), value=value)

    def choices(self, data: Mapping[str, Any], name: str) -> None:
        """A list of codes (which codes are allowed is the rule book's)."""
        values = data.get(name)
        if values is not None and (
            isinstance(values, str)
            or not isinstance(values, Iterable)
            or not all(isinstance(v, str) for v in values)
        ):
            self.add(name, N_("Choose from the list."))

    def count(self, data: Mapping[str, Any], name: str, maximum: int | None = None) -> None:
        """A whole, non-negative number. The limits of record fields are the rule book's;
        ``maximum`` is for the arguments of a command (a demo's scale), which no record keeps."""
        value = data.get(name)
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(name, N_("Enter a whole number."))
        elif value < 0:
            self.add(name, N_("Cannot be negative."))
        elif maximum is not None and value > maximum:
            self.add(name, N_("At most {limit}."), limit=maximum)

    def date(self, data: Mapping[str, Any], name: str) -> None:
        value = data.get(name)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            self.add(name, N_("Enter a date."))

    def moment(self, data: Mapping[str, Any], name: str) -> None:
        value = data.get(name)
        if value is not None and (not isinstance(value, dt.datetime) or value.tzinfo is None):
            self.add(name, N_("Enter a date and time."))

    def rules(self, problems: Iterable[FieldError]) -> None:
        """The rule book's problems, one message per field (a field whose type is already
        wrong gets no second message)."""
        for problem in problems:
            if self.ok(problem.field):
                self.errors.append(problem)

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def unknown_fields(data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse keys a form or a file should not set (sync metadata, misspellings)."""
    extra = sorted(set(data) - set(allowed))
    if extra:
        raise ValidationError(
            [FieldError(name, N_("'{name}' cannot be set here."), {"name": name}) for name in extra]
        )


def folded(value: object) -> str:
    """A text as the spreadsheet import matches it to a record: case and runs of spaces do not
    count. The services refuse a second record with the same key folded this way, so a sheet
    never meets two records it cannot tell apart."""
    return " ".join(str(value or "").split()).casefold()


T = TypeVar("T")


def gathered(
    problems: list[FieldError], check: Callable[[], T], field_name: str | None = None
) -> T | None:
    """``check()``'s result, or None with its problems added (under ``field_name`` if given):
    for a form saved in one unit of work, whose every part is checked before any is written and
    every problem told at once."""
    try:
        return check()
    except ValidationError as error:
        problems.extend(
            FieldError(field_name or e.field, e.message, e.params) for e in error.errors
        )
        return None
