"""Dates, numbers and money written the way each language writes them (Babel/CLDR)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import dates, numbers

from hubdesk.i18n import current_language

# Babel locale per HubDesk language. Montenegrin has no CLDR locale of its own; CLDR's
# Montenegrin conventions live under Serbian (Latin, Montenegro).
BABEL_LOCALE = {
    "en": "en_GB",
    "sq": "sq",
    "bs": "bs",
    "hr": "hr",
    "sr_Latn": "sr_Latn",
    "sr_Cyrl": "sr_Cyrl",
    "cnr": "sr_Latn_ME",
    "mk": "mk",
    "pseudo": "en_GB",  # the stretched test locale formats like English
}


def currency_digits(currency: str) -> int:
    """Digits after the decimal point as CLDR uses them (the lek and the dinar have none)."""
    return numbers.get_currency_precision(currency)


def babel_locale(lang: str | None = None) -> str:
    return BABEL_LOCALE[lang or current_language()]


def format_date(value: dt.date | None, lang: str | None = None, fmt: str = "medium") -> str:
    return "" if value is None else dates.format_date(value, fmt, locale=babel_locale(lang))


def format_datetime(
    value: dt.datetime | None, lang: str | None = None, fmt: str = "medium", tz: str | None = None
) -> str:
    """Show a stored UTC time in the local time zone (or ``tz``)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return dates.format_datetime(
        value,
        fmt,
        tzinfo=dates.get_timezone(tz) if tz else dates.LOCALTZ,
        locale=babel_locale(lang),
    )


def format_number(value: int | float | Decimal, lang: str | None = None) -> str:
    return numbers.format_decimal(value, locale=babel_locale(lang))


def format_percent(value: float, lang: str | None = None) -> str:
    return numbers.format_percent(value, format="#,##0.0%", locale=babel_locale(lang))


def minor_to_decimal(amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-currency_digits(currency))


def format_money(amount_minor: int, currency: str, lang: str | None = None) -> str:
    """Format integer minor units (cents, deni ...) as money in ``currency``."""
    return numbers.format_currency(
        minor_to_decimal(amount_minor, currency), currency, locale=babel_locale(lang)
    )
