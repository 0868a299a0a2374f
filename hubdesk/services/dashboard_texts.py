"""The dashboard's texts: numbers, rates, amounts, months and quarters as the language writes
them, and the tiles' captions.

Made once per reading of the figures, where the figures are read (the dashboard's worker, or
a command that changed the data), and kept with them (``dashboard_cache``): a start draws
remembered figures before Babel and its locale data are loaded, a good part of the time between
the window's frame and its first figures. Babel is imported only when a text has to be made.
No Qt here: the command line keeps the figures too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from hubdesk.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from hubdesk.services.dashboard_figures import Kpis, Summary


def month_label(day: dt.date) -> str:
    """Short month names: the chart covers the last twelve months, so no year is needed."""
    from babel import dates

    from hubdesk.i18n.formatting import babel_locale

    return dates.format_date(day, "LLL", locale=babel_locale())


def compact_money(amount_minor: int, currency: str) -> str:
    """ "1,8 мил. ден.": a tile has room for a few characters, not for every denar."""
    from babel import numbers

    from hubdesk.i18n.formatting import babel_locale, code_apart, minor_to_decimal

    amount = float(minor_to_decimal(amount_minor, currency))
    text = numbers.format_compact_currency(
        amount, currency, locale=babel_locale(), fraction_digits=1
    )
    return code_apart(text, currency)  # "MKD 1.8m", as every amount is written


ROMAN_QUARTERS = ("I", "II", "III", "IV")


def quarter_label(day: dt.date) -> str:
    """The language's own short quarter ("Q3 25", "KV3 25"), or "III 25" where that is long
    ("tremujori III 25" does not fit under a bar)."""
    from babel import dates

    from hubdesk.i18n.formatting import babel_locale

    text = dates.format_date(day, "QQQ yy", locale=babel_locale())
    if len(text) <= 7:
        return text
    return f"{ROMAN_QUARTERS[(day.month - 1) // 3]} {day:%y}"


def _number(value: int) -> str:
    from hubdesk.i18n.formatting import format_number

    return format_number(value)


def _percent(value: float) -> str:
    from hubdesk.i18n.formatting import format_percent

    return format_percent(value)


class FigureTexts:
    """The numbers, rates, amounts, months and quarters of one set of figures, as the language
    chosen writes them. Each is made once (with Babel) and kept under a key of its kind and
    value; ``known`` are texts kept from before (with the remembered figures). Texts are only
    ever of the language they were made in: a change of language starts afresh."""

    def __init__(self, known: Mapping[str, str] | None = None, language: str | None = None):
        self.language = language or current_language()
        self.known: dict[str, str] = dict(known or {})

    def _text(self, key: str, make: Callable[[], str]) -> str:
        if self.language != current_language():
            self.language, self.known = current_language(), {}
        text = self.known.get(key)
        if text is None:
            text = self.known[key] = make()
        return text

    def number(self, value: int) -> str:
        return self._text(f"n:{value}", lambda: _number(value))

    def percent(self, value: float) -> str:
        return self._text(f"p:{value!r}", lambda: _percent(value))

    def money(self, amount_minor: int, currency: str) -> str:
        return self._text(
            f"m:{currency}:{amount_minor}", lambda: compact_money(amount_minor, currency)
        )

    def month(self, day: dt.date) -> str:
        return self._text(f"M:{day.isoformat()}", lambda: month_label(day))

    def quarter(self, day: dt.date) -> str:
        return self._text(f"Q:{day.isoformat()}", lambda: quarter_label(day))

    def moment(self, value: dt.datetime) -> str:
        """A time as the status bar writes it (the last backup, the last sync), kept with the
        figures so a start that shows them loads no Babel for its status line either."""
        return self._text(f"t:{value.isoformat()}", lambda: _moment(value))


def _moment(value: dt.datetime) -> str:
    from hubdesk.i18n.formatting import format_datetime

    return format_datetime(value, fmt="short")


def tile_values(k: Kpis, texts: FigureTexts) -> dict[str, tuple[str, str, bool]]:
    """Each key figure's tile: its number, its caption and whether it warns."""
    money = (lambda n: texts.money(n, currency)) if (currency := k.currency) else (lambda n: "–")
    rate = "–" if k.attendance_rate is None else texts.percent(k.attendance_rate)
    return {
        "members": (
            texts.number(k.active_members),
            ngettext("active team member", "active team members", k.active_members),
            False,
        ),
        "meetings": (
            texts.number(k.meetings_12_months),
            ngettext("meeting in 12 months", "meetings in 12 months", k.meetings_12_months),
            False,
        ),
        "attendance": (rate, _("attendance at meetings"), False),
        "overdue": (
            texts.number(k.overdue_action_items),
            ngettext(
                "overdue of {open} open action item",
                "overdue of {open} open action items",
                k.open_action_items,
            ).format(open=texts.number(k.open_action_items)),
            k.overdue_action_items > 0,
        ),
        "youth": (texts.number(k.youth_reached_12_months), _youth_caption(k, texts), False),
        "fund": (money(k.fund_approved_minor), _fund_caption(k, texts, money), False),
    }


def _youth_caption(k: Kpis, texts: FigureTexts) -> str:
    """Two counts, each with its own plural: the people (the tile's number) and the
    activities (1 young person reached in 3 activities)."""
    reached = ngettext("young person reached", "young people reached", k.youth_reached_12_months)
    where = ngettext("in {n} activity", "in {n} activities", k.youth_activities_12_months).format(
        n=texts.number(k.youth_activities_12_months)
    )
    return _("{reached} {where}").format(reached=reached, where=where)


def _fund_caption(k: Kpis, texts: FigureTexts, money: Callable[[int], str]) -> str:
    if not k.fund_in_euros:
        return _("approved of {requested} requested").format(
            requested=money(k.fund_requested_minor)
        )
    # Proposals in several currencies: the euros of the hub's decisions, never a sum of
    # denars and leks (see ``dashboard_figures.fund_kpis``).
    caption = ngettext(
        "approved in euros for {n} proposal",
        "approved in euros for {n} proposals",
        k.fund_approved_proposals,
    ).format(n=texts.number(k.fund_approved_proposals))
    if k.fund_without_rate:
        caption += "; " + ngettext(
            "{n} without a euro rate, not counted",
            "{n} without a euro rate, not counted",
            k.fund_without_rate,
        ).format(n=texts.number(k.fund_without_rate))
    return caption


def figure_texts(figures: Summary) -> FigureTexts:
    """Every text the dashboard writes for ``figures``, made now: on the worker that read them,
    so drawing them takes no Babel on the GUI thread and the texts can be remembered."""
    texts = FigureTexts()
    tile_values(figures.kpis, texts)
    for tile in figures.extra.values():
        texts.number(tile.value)
    for month in figures.months:
        texts.month(month.month)
    for quarter in figures.quarters:
        texts.quarter(quarter.quarter)
    return texts
