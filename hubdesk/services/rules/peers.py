"""The rule books of peer learning: a city's part of an exchange, its good practices, the hub's
answers to them and the practices the hub publishes.

Names of other cities are typed text kept comma-joined (``CodeList``), so a name may not hold a
comma; money is minor units of a currency HubDesk knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.money import CURRENCY_DIGITS
from hubdesk.domain.peers import (
    CurationDecision,
    ExchangeKind,
    ExchangePart,
    ExchangeRole,
    GoodPractice,
    PracticeCuration,
    PracticeStatus,
    PublishedPractice,
)
from hubdesk.i18n import LANGUAGES, N_
from hubdesk.services.rules.base import (
    CONTROL,
    COUNT_MAX,
    Problem,
    Rule,
    apply,
    at_most,
    choice,
    codes,
    from_schema,
    money_at_most,
    order,
    required,
)

NAME_MAX = 120  # a municipality's name, as on ``municipalities.name``
PARTNERS_MAX = 12  # other cities named in one part
CURRENCIES = tuple(CURRENCY_DIGITS)


def _names(values: Mapping[str, Any]) -> Problem | None:
    names = values["partner_names"]
    if names is None or isinstance(names, str):
        return None
    if len(names) > PARTNERS_MAX:
        return Problem("partner_names", N_("At most {limit}."), {"limit": PARTNERS_MAX})
    folded: set[str] = set()
    for name in names:
        if (
            not isinstance(name, str)
            or not name.strip()
            or "," in name
            or len(name) > NAME_MAX
            or CONTROL.search(name)
        ):
            return Problem(
                "partner_names",
                N_("A municipality's name is at most 120 characters, without commas: '{value}'."),
                {"value": name},
            )
        if name.strip().casefold() in folded:
            return Problem("partner_names", N_("'{value}' is named twice."), {"value": name})
        folded.add(name.strip().casefold())
    return None


def _host(values: Mapping[str, Any]) -> Problem | None:
    """A visiting city names its host; a hosting city is the host and names its visitors."""
    role, host, names = values["role"], values["host_name"], values["partner_names"]
    if role == ExchangeRole.VISITOR and not (host or "").strip():
        return Problem("host_name", N_("Name the municipality that hosted the exchange."))
    if role == ExchangeRole.HOST and (host or "").strip():
        return Problem("host_name", N_("This municipality hosted: leave the host empty."))
    if role == ExchangeRole.HOST and isinstance(names, list) and not names:
        return Problem("partner_names", N_("Name at least one visiting municipality."))
    return None


def _women(values: Mapping[str, Any]) -> Problem | None:
    women, total = values["participants_women"], values["participants"]
    if type(women) is int and type(total) is int and women > total:
        return Problem(
            "participants_women",
            N_("{women} women, but only {total} participants."),
            {"women": women, "total": total},
        )
    return None


def _language(name: str, *, optional: bool = False) -> Rule:
    allowed = frozenset(LANGUAGES) | ({""} if optional else set())
    return choice(name, sorted(allowed))


EXCHANGE_PART: tuple[Rule, ...] = (
    *from_schema(ExchangePart),
    required("topic"),
    choice("role", ExchangeRole),
    choice("kind", ExchangeKind),
    choice("pillar", Pillar),
    codes("themes", Theme),
    order("starts_on", "ends_on"),
    *at_most(COUNT_MAX, "participants", "participants_women"),
    Rule(("partner_names",), _names),
    Rule(("role", "host_name", "partner_names"), _host),
    Rule(("participants", "participants_women"), _women),
)

_PRACTICE_COMMON: tuple[Rule, ...] = (
    required("title"),
    _language("language"),
    choice("pillar", Pillar),
    codes("themes", Theme),
    choice("currency", CURRENCIES),
    *money_at_most("cost_minor"),
)


def _submitted_complete(values: Mapping[str, Any]) -> Problem | None:
    """A submitted practice says what was done and what it achieved, and whom to ask."""
    if values["status"] != PracticeStatus.SUBMITTED:
        return None
    for name in ("problem", "actions", "results", "contact_role"):
        if not (values[name] or "").strip():
            return Problem(name, N_("A submitted good practice needs this field."))
    return None


GOOD_PRACTICE: tuple[Rule, ...] = (
    *from_schema(GoodPractice),
    *_PRACTICE_COMMON,
    choice("status", PracticeStatus),
    *at_most(COUNT_MAX, "submission"),
    Rule(("status", "problem", "actions", "results", "contact_role"), _submitted_complete),
)


def _returned_note(values: Mapping[str, Any]) -> Problem | None:
    if values["decision"] == CurationDecision.RETURNED and not (values["note"] or "").strip():
        return Problem("note", N_("Say what the municipality should change, in a note."))
    return None


def _accepted_summary(values: Mapping[str, Any]) -> Problem | None:
    if values["decision"] == CurationDecision.ACCEPTED and not (values["summary"] or "").strip():
        return Problem("summary", N_("An accepted good practice needs the hub's summary."))
    return None


CURATION: tuple[Rule, ...] = (
    *from_schema(PracticeCuration),
    choice("decision", CurationDecision),
    *at_most(COUNT_MAX, "submission"),
    Rule(("decision", "note"), _returned_note),
    Rule(("decision", "summary"), _accepted_summary),
)
PUBLISHED: tuple[Rule, ...] = (
    *from_schema(PublishedPractice),
    *_PRACTICE_COMMON,
    required("municipality_name"),
    required("summary_en"),
    _language("summary_language", optional=True),
)


def check_part(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(EXCHANGE_PART, values, changed)


def check_practice(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(GOOD_PRACTICE, values, changed)


def check_curation(values: Mapping[str, Any]) -> list[Problem]:
    return apply(CURATION, values)


def check_published(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(PUBLISHED, values, changed)
