"""Dates, numbers and money written the way each language writes them.

Babel (CLDR) supplies the words and symbols (month names, separators, currency signs); the
*patterns* that decide what a printed value means are HubDesk's own, below, because CLDR moves
them between releases: CLDR 47 (Babel 2.19) turned the Macedonian medium date "5.3.2024 г."
into "5 мар. 2024 г." and gave the dinar two decimals. The patterns are CLDR 46's, the ones
HubDesk has always printed, except that Albanian tells the time on the 24-hour clock like every
other language here (offices in Albania, Kosovo and North Macedonia write 14:30, not 2:30 PM);
money takes its digits from :mod:`hubdesk.domain.money`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal, NamedTuple

from babel import dates, numbers

from hubdesk import clock
from hubdesk.domain import money
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

Width = Literal["short", "medium"]


class Patterns(NamedTuple):
    """One language's date and time patterns (CLDR syntax) and how it joins the two."""

    date_short: str
    date_medium: str
    time_short: str
    time_medium: str
    date_time: str  # "{1}" is the date, "{0}" the time


_SERBIAN = Patterns("d. M. y.", "d. M. y.", "HH:mm", "HH:mm:ss", "{1} {0}")
_ENGLISH = Patterns("dd/MM/y", "d MMM y", "HH:mm", "HH:mm:ss", "{1}, {0}")
PATTERNS: dict[str, Patterns] = {
    "en": _ENGLISH,
    "sq": Patterns("d.M.yy", "d MMM y", "HH:mm", "HH:mm:ss", "{1}, {0}"),
    "bs": Patterns("d. M. y.", "d. MMM y.", "HH:mm", "HH:mm:ss", "{1} {0}"),
    "hr": Patterns("dd. MM. y.", "d. MMM y.", "HH:mm", "HH:mm:ss", "{1} {0}"),
    "sr_Latn": _SERBIAN,
    "sr_Cyrl": _SERBIAN,
    "cnr": _SERBIAN,
    "mk": Patterns("d.M.yy", "d.M.y\u202f'г'.", "HH:mm", "HH:mm:ss", "{1}, {0}"),
    "pseudo": _ENGLISH,
}

# Where the currency sign goes; the digits after the point come from the money table.
_SIGN_FIRST = "¤#,##0"
# CLDR's currency spacing, which Babel does not apply: a sign that ends in a letter (a code,
# "MKD") is kept off the number by a no-break space ("MKD 36,000.00"), a symbol ("€") is not.
_CODE_FIRST = "¤\u00a0#,##0"
_SIGN_AFTER = "#,##0\u00a0¤"
MONEY_PATTERN = {
    lang: _SIGN_FIRST if lang in {"en", "pseudo"} else _SIGN_AFTER for lang in PATTERNS
}


def currency_digits(currency: str) -> int:
    """Digits after the decimal point of ``currency``: HubDesk's table, not CLDR's."""
    return money.currency_digits(currency)


def babel_locale(lang: str | None = None) -> str:
    return BABEL_LOCALE[lang or current_language()]


def _patterns(lang: str | None) -> Patterns:
    return PATTERNS[lang or current_language()]


def format_date(value: dt.date | None, lang: str | None = None, fmt: Width = "medium") -> str:
    if value is None:
        return ""
    p = _patterns(lang)
    pattern = p.date_short if fmt == "short" else p.date_medium
    return dates.format_date(value, pattern, locale=babel_locale(lang))


def one_full_stop(sentence: str) -> str:
    """A sentence that ends on a date written with its own closing stop (Serbian, Croatian,
    Bosnian: "12. 11. 2026."; Macedonian: "12.11.2026 г.") ends with that one stop, not
    "2026.." or "г.." as the template's stop added to the date's would print."""
    return re.sub(r"(?<=[\dг])\.\.(?!\.)", ".", sentence)


def join_said(parts: Iterable[str]) -> str:
    """Several problems said in one line: "; " between phrases, but a space after one that is
    a whole sentence already ("… choices. Starts on: …", never "choices.; Starts on")."""
    out = ""
    for part in parts:
        if out:
            out += " " if out.rstrip().endswith((".", "!", "?", "…")) else "; "
        out += part
    return out


def format_time(value: dt.datetime, lang: str | None = None, fmt: Width = "short") -> str:
    """The time of day of ``value`` as it is (convert to the zone wanted first)."""
    p = _patterns(lang)
    pattern = p.time_short if fmt == "short" else p.time_medium
    return dates.format_time(value, pattern, tzinfo=value.tzinfo, locale=babel_locale(lang))


def join_date_time(date_text: str, time_text: str, lang: str | None = None) -> str:
    """A written date and time of day, in the order and with the glue the language uses."""
    glue = _patterns(lang).date_time
    return glue.replace("{1}", date_text).replace("{0}", time_text)


def format_datetime(
    value: dt.datetime | None,
    lang: str | None = None,
    fmt: Width = "medium",
    tz: str | None = None,
    time_fmt: Width | None = None,
) -> str:
    """Show a stored UTC time on the region's clock (``hubdesk.clock``), or in ``tz``.
    ``time_fmt="short"`` gives the time to the minute, for the moments people type (a meeting's
    start), where the medium width's seconds are noise."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(dates.get_timezone(tz)) if tz else clock.local(value)
    day = format_date(local.date(), lang, fmt)
    return join_date_time(day, format_time(local, lang, time_fmt or fmt), lang)


def format_number(
    value: int | float | Decimal, lang: str | None = None, decimals: int | None = None
) -> str:
    """``decimals``: exactly that many, so figures of one column line up ("3.0" beside "2.3",
    not "3"); without it, as many as the value has (up to three)."""
    if decimals is None:
        return numbers.format_decimal(value, locale=babel_locale(lang))
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return numbers.format_decimal(value, format=pattern, locale=babel_locale(lang))


def format_rate(rate: str, lang: str | None = None) -> str:
    """An exchange rate kept as decimal text ("1.95583"), every digit shown in the language's
    own way ("1,95583"): never rounded, unlike a plain number."""
    return numbers.format_decimal(
        Decimal(rate), locale=babel_locale(lang), decimal_quantization=False
    )


def format_percent(value: float, lang: str | None = None) -> str:
    return numbers.format_percent(value, format="#,##0.0%", locale=babel_locale(lang))


def minor_to_decimal(amount_minor: int, currency: str) -> Decimal:
    return money.to_major(amount_minor, currency)


def money_pattern(currency: str, lang: str | None = None) -> str:
    """The CLDR number pattern for ``currency`` in ``lang``, with HubDesk's digits."""
    digits = currency_digits(currency)
    pattern = MONEY_PATTERN[lang or current_language()]
    if pattern == _SIGN_FIRST:
        sign = numbers.get_currency_symbol(currency, locale=babel_locale(lang))
        if sign[-1:].isalpha():
            pattern = _CODE_FIRST
    number = "#,##0" + ("." + "0" * digits if digits else "")
    return pattern.replace("#,##0", number)


def code_apart(text: str, currency: str, lang: str | None = None) -> str:
    """``text`` (money Babel wrote by its own pattern, a dashboard's "MKD1.8m") with a no-break
    space between a sign that ends in a letter and the number after it, as ``money_pattern``
    writes it."""
    sign = numbers.get_currency_symbol(currency, locale=babel_locale(lang))
    at = text.find(sign)
    after = at + len(sign)
    if at < 0 or not sign[-1:].isalpha() or not text[after : after + 1].isdigit():
        return text
    return text[:after] + "\u00a0" + text[after:]


def format_money(amount_minor: int, currency: str, lang: str | None = None) -> str:
    """Format integer minor units (cents, deni ...) as money in ``currency``.

    Babel only writes the number: the pattern fixes the digits, and ``currency_digits=False``
    keeps Babel from putting its own currency data in their place.
    """
    return numbers.format_currency(
        minor_to_decimal(amount_minor, currency),
        currency,
        format=money_pattern(currency, lang),
        locale=babel_locale(lang),
        currency_digits=False,
    )
