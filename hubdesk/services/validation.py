"""Checks shared by every area's use cases; each collects problems instead of stopping at one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from sqlalchemy import String

from hubdesk.domain.base import Base
from hubdesk.i18n import N_
from hubdesk.services.errors import FieldError, ValidationError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
        """Type and length of every text field given, from the column definitions."""
        columns = model.__table__.columns
        for name, value in data.items():
            if name not in columns or value is None:
                continue
            column_type = columns[name].type
            if isinstance(column_type, String) and column_type.length:
                if not isinstance(value, str):
                    if column_type.__class__ is String or isinstance(value, (int, float)):
                        self.add(name, N_("Enter text here."))
                    continue
                if len(value) > column_type.length:
                    self.add(
                        name,
                        N_("At most {limit} characters (now {count})."),
                        limit=column_type.length,
                        count=len(value),
                    )

    def choice(self, data: Mapping[str, Any], name: str, enum: type[StrEnum]) -> None:
        value = data.get(name)
        if value is not None and value not in {m.value for m in enum}:
            self.add(name, N_("'{value}' is not one of the allowed choices."), value=value)

    def choices(self, data: Mapping[str, Any], name: str, enum: type[StrEnum]) -> None:
        values = data.get(name)
        if values is None:
            return
        allowed = {m.value for m in enum}
        if isinstance(values, str) or not isinstance(values, Iterable):
            self.add(name, N_("Choose from the list."))
            return
        for value in values:
            if value not in allowed:
                self.add(name, N_("'{value}' is not one of the allowed choices."), value=value)

    def count(self, data: Mapping[str, Any], name: str, maximum: int = 1_000_000) -> None:
        """A whole, non-negative number (a head count, a quantity)."""
        value = data.get(name)
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(name, N_("Enter a whole number."))
        elif value < 0:
            self.add(name, N_("Cannot be negative."))
        elif value > maximum:
            self.add(name, N_("At most {limit}."), limit=maximum)

    def date(self, data: Mapping[str, Any], name: str) -> None:
        value = data.get(name)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            self.add(name, N_("Enter a date."))

    def moment(self, data: Mapping[str, Any], name: str) -> None:
        value = data.get(name)
        if value is not None and (not isinstance(value, dt.datetime) or value.tzinfo is None):
            self.add(name, N_("Enter a date and time."))

    def order(self, start_name: str, start: Any, end_name: str, end: Any) -> None:
        if (
            start is not None
            and end is not None
            and self.ok(start_name)
            and self.ok(end_name)
            and end < start
        ):
            self.add(end_name, N_("The end cannot be before the start."))

    def email(self, data: Mapping[str, Any], name: str) -> None:
        value = data.get(name)
        if isinstance(value, str) and value and not EMAIL.match(value):
            self.add(name, N_("This is not an e-mail address."))

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
