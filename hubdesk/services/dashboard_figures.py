"""The dashboard's figures as plain values, and their form on disk.

Kept apart from the queries that read them (``dashboard``, ``dashboard_summary``): this module
imports neither SQLAlchemy nor the models, so the window can draw figures remembered from the
last reading (``dashboard_cache``) before the database layer is loaded at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


class SummaryStopped(Exception):
    """Reading the figures was stopped before the end; nothing is shown from it."""


@dataclass(frozen=True)
class Kpis:
    active_members: int
    meetings_12_months: int
    attendance_rate: float | None  # share "present" of attendance recorded in 12 months
    open_action_items: int
    overdue_action_items: int
    youth_activities_12_months: int
    youth_reached_12_months: int
    proposals_open: int  # not yet decided (draft to changes requested)
    currency: str | None  # the currency of the fund figures (None: no proposals at all)
    fund_requested_minor: int
    fund_approved_minor: int
    # Proposals in several currencies (a hub's region): the approved amount is in euros at
    # the rates of the decisions, of ``fund_approved_proposals``, of which
    # ``fund_without_rate`` have no rate yet and are not in it; nothing requested is shown.
    fund_in_euros: bool = False
    fund_approved_proposals: int = 0
    fund_without_rate: int = 0


@dataclass(frozen=True)
class MonthOfMeetings:
    month: dt.date  # first day of the month
    meetings: int
    attendance_rate: float | None


@dataclass(frozen=True)
class ActionItemCounts:
    not_yet_due: int  # open or in progress, due today or later (or without a due date)
    overdue: int
    done_12_months: int


@dataclass(frozen=True)
class QuarterOfYouth:
    quarter: dt.date  # first day of the quarter
    by_gender: dict[str, int]
    by_age: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_gender.values())


@dataclass(frozen=True)
class FundByStatus:
    """Requested and approved amounts per proposal status, per currency (the hub sees several)."""

    amounts: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    proposals: dict[str, int] = field(default_factory=dict)  # currency -> number of proposals
    by_status: dict[str, int] = field(default_factory=dict)  # status -> proposals, any currency
    approved_eur: int = 0  # euro cents approved, at the rates the hub entered with decisions
    approved_proposals: int = 0  # proposals whose newest decision approved them
    approved_without_rate: int = 0  # of those, approved without a euro rate (not in the euros)

    def several_currencies(self) -> bool:
        """Amounts in more than one currency, which are never added up: a hub's region
        (denars, leks, dinars...) is shown in euros and in numbers of proposals."""
        return len(self.proposals) > 1

    def main_currency(self) -> str | None:
        if not self.proposals:
            return None
        return max(sorted(self.proposals), key=lambda c: self.proposals[c])

    def totals(self, currency: str) -> dict[str, tuple[int, int]]:
        return self.amounts.get(currency, {})


def fund_kpis(fund: FundByStatus) -> dict[str, Any]:
    """The fund tile's figures (``Kpis`` fields): in the one currency of the proposals, or in
    euros when they are in several, so that no tile adds denars to leks or hides a country's
    proposals behind another's currency."""
    if fund.several_currencies():
        return {
            "currency": "EUR",
            "fund_requested_minor": 0,
            "fund_approved_minor": fund.approved_eur,
            "fund_in_euros": True,
            "fund_approved_proposals": fund.approved_proposals,
            "fund_without_rate": fund.approved_without_rate,
        }
    currency = fund.main_currency()
    totals = fund.totals(currency) if currency else {}
    return {
        "currency": currency,
        "fund_requested_minor": sum(r for r, _a in totals.values()),
        "fund_approved_minor": sum(a for _r, a in totals.values()),
    }


@dataclass(frozen=True)
class TileFigure:
    """One extra tile: a count, its caption (called at paint time, so it follows the language
    of the moment), and the list a click opens."""

    value: int
    caption: Callable[[], str]
    alert: bool = False
    page: str | None = None
    criteria: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """The dashboard's figures at one moment."""

    today: dt.date
    empty: bool
    kpis: Kpis
    sectors: dict[str, int]
    months: list[MonthOfMeetings]
    items: ActionItemCounts
    quarters: list[QuarterOfYouth]
    fund: FundByStatus
    extra: dict[str, TileFigure] = field(default_factory=dict)


# --- the status bar's line -----------------------------------------------------------------------


@dataclass(frozen=True)
class StatusSummary:
    installation_name: str
    role: str  # a Role's value
    municipality_name: str | None
    last_backup: dt.datetime | None
    last_sync: dt.datetime | None
    # The municipality's name in its country's other script ("Kumanovo" beside "Куманово"),
    # so the window can name it in the script of its language, as reports do.
    municipality_other_script: str = ""
    country: str | None = None
    # A hub's server database: its backups are the dumps its administrator schedules, so no
    # backup made on this PC is not "no backup yet".
    on_server: bool = False

    def names_in(self, lang: str) -> tuple[str, str | None]:
        """The installation's and the municipality's names written in ``lang``'s script: an
        Albanian or English window says "Kumanovo", a Macedonian or Serbian Cyrillic one
        "Куманово", whichever form was typed in Settings."""
        from hubdesk.i18n.scripts import name_for_language

        other = self.municipality_other_script
        municipality = (
            name_for_language(self.municipality_name, other, lang, self.country)
            if self.municipality_name
            else self.municipality_name
        )
        if self.installation_name == self.municipality_name:
            return municipality or self.installation_name, municipality
        return name_for_language(self.installation_name, "", lang, self.country), municipality
