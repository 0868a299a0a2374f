"""The one error type every use case raises for input a person can correct."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from hubdesk.i18n import _

# Parameters that are amounts ("now 5000 characters", "the total says 1000000"): written the
# language's way (5.000, 1 000 000) when the message is read. Others that are whole numbers too
# (a year, a row or version number) are names, never grouped: "2026", not "2.026".
QUANTITIES = frozenset(
    {"limit", "count", "total", "grid", "counted", "marginalised", "women", "size", "length"}
)


@dataclass(frozen=True)
class FieldError:
    """A problem with one field. ``message`` is an untranslated msgid with ``{placeholders}``;
    it is translated when read, so the same error shows in whatever language is current."""

    field: str
    message: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def text(self) -> str:
        template = _(self.message)
        params = self.params
        people = params.get("people")
        if template.startswith("{people}") and isinstance(people, str):
            # "someone else changed this record…": the people who changed a record begin
            # the sentence in some languages, and a sentence begins with a capital.
            params = {**params, "people": people[:1].upper() + people[1:]}
        return template.format(**_written(params))


def _written(params: dict[str, Any]) -> dict[str, Any]:
    amounts = {
        name: value
        for name, value in params.items()
        if name in QUANTITIES and isinstance(value, int) and not isinstance(value, bool)
    }
    if not amounts:
        return params
    from hubdesk.i18n.formatting import format_number  # Babel, only for a message that needs it

    return {**params, **{name: format_number(value) for name, value in amounts.items()}}


class ValidationError(Exception):
    """Input refused; nothing was saved. Carries every problem found, first one first."""

    def __init__(self, errors: list[FieldError]) -> None:
        assert errors, "a ValidationError needs at least one problem"
        self.errors = errors
        super().__init__(self.message)

    @classmethod
    def single(cls, field_name: str, message: str, **params: Any) -> ValidationError:
        return cls([FieldError(field_name, message, params)])

    @property
    def field(self) -> str:
        return self.errors[0].field

    @property
    def message(self) -> str:
        return self.errors[0].text

    def by_field(self) -> dict[str, str]:
        """First message per field, for showing next to each field in a form."""
        out: dict[str, str] = {}
        for error in self.errors:
            out.setdefault(error.field, error.text)
        return out

    def __str__(self) -> str:
        return "; ".join(f"{e.field}: {e.text}" for e in self.errors)


class NotFoundError(LookupError):
    """No live record with that id (never created here, or deleted)."""

    def __init__(self, kind: str, record_id: str) -> None:
        self.kind, self.record_id = kind, record_id
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("No {kind} with id {id}.").format(kind=_(self.kind), id=self.record_id)


class PermissionDenied(Exception):
    """The installation's role may not do this (a municipality deciding on a proposal, say)."""

    def __init__(self, message: str, **params: Any) -> None:
        self.msgid, self.params = message, params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(self.msgid).format(**self.params)
