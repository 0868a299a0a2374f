"""Dates typed by a person, read the way people in the region type them.

People coming from Excel type dates rather than pick them from a calendar: ``1.12.2026``,
``01.12.2026``, ``1. 12. 2026.``, ``1/12/2026``, ``1-12-2026``, ``1 dhjetor 2026`` or
``2026-12-01``. :func:`parse_typed_date` reads all of these in every HubDesk language, and
:func:`format_typed_date` writes a date back in the one form a date field shows.

The rules, the same in every language (English included, as it is used in the region):

- **Day first.** ``01/12/2026`` is the 1st of December, never the 12th of January: that is what
  people in the Western Balkans type, whatever language the window speaks. A date that could
  only be read month first (``12/31/2026``) is refused with a message saying to type the day
  first, rather than guessed: guessing would silently swap day and month on the days where both
  readings exist.
- **Year first is ISO.** A first number of four digits is a year, then the month, then the day
  (``2026-12-01``, ``2026.12.1``), in every language.
- **Separators** are ``.``, ``/``, ``-``, ``,`` or spaces, in any mix; a trailing dot
  (``1. 12. 2026.``) and the year word (``г.``, ``год.``, ``god.``) are allowed.
- **Month names** of the language (written and stand-alone forms, full or short, with or without
  the abbreviation dot) and English ones are understood in place of the month number, before or
  after the day (``1 Dec 2026``, ``Dec 1, 2026``).
- **Two-digit years** fall in the hundred years that end 20 years from now (in 2026: ``46`` is
  2046, ``47`` is 1947), like spreadsheet programs' "two-digit year" window.
- **No year** (``1.12.`` or ``1.12``) means this year, as in a spreadsheet.
- Years outside 1900–2100 are refused: they are typing slips, not dates HubDesk keeps.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from babel import Locale
from babel import dates as babel_dates

from hubdesk import clock
from hubdesk.i18n import N_, _, current_language
from hubdesk.i18n.formatting import PATTERNS, babel_locale

FIRST_YEAR, LAST_YEAR = 1900, 2100
TWO_DIGIT_AHEAD = 20  # a two-digit year is at most this many years after today's
_YEAR_WORDS = ("године", "godine", "год.", "god.", "год", "god", "г.", "г")
_SEPARATORS = " \t./-,"
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


class DateNotUnderstood(ValueError):
    """Typed text that is not a date; ``message`` says why in the current UI language."""

    def __init__(self, msgid: str, **params: Any) -> None:
        self.msgid, self.params = msgid, params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(self.msgid).format(**self.params)


def format_typed_date(value: dt.date, lang: str | None = None) -> str:
    """The form a date field shows: the language's short date with a four-digit year."""
    pattern = re.sub(r"y+", "y", PATTERNS[lang or current_language()].date_short)
    return babel_dates.format_date(value, pattern, locale=babel_locale(lang))


def example(lang: str | None = None, today: dt.date | None = None) -> str:
    """A date to show as a model: the 31st of December, whose day cannot pass for a month."""
    return format_typed_date(dt.date((today or clock.today()).year, 12, 31), lang)


@cache
def month_names(lang: str) -> dict[str, int]:
    """Lower-case month names (and their abbreviations) of ``lang``, then English ones."""
    names: dict[str, int] = {}
    for code in (babel_locale(lang), "en"):
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names.setdefault(name.lower().rstrip("."), number)
    return names


def parse_typed_date(text: str, lang: str | None = None, today: dt.date | None = None) -> dt.date:
    """The date ``text`` means in ``lang`` (see the module's rules); raises
    :class:`DateNotUnderstood` with a message saying what was wrong. Empty text is refused too:
    whether a field may stay empty is the field's business."""
    lang = lang or current_language()
    today = today or clock.today()
    typed = text.strip()
    model = example(lang, today)
    if not typed:
        raise DateNotUnderstood(N_("Type a date, for example {example}."), example=model)
    tokens = _tokens(typed.lower())
    if tokens is None:
        raise _not_understood(typed, model)
    words = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    if len(words) > 1 or not 1 <= len(numbers) <= 3:
        raise _not_understood(typed, model)
    if words:
        month = month_names(lang).get(words[0])
        if month is None or len(numbers) > 2 or any(len(n) > 4 for n in numbers):
            raise _not_understood(typed, model)
        day_text, year_text = [*numbers, ""][:2]
        if len(day_text) > 2:  # "2026 Dec 1" is not a form anyone types
            raise _not_understood(typed, model)
        return _checked(typed, model, lang, today, year_text, month, int(day_text))
    if len(numbers) == 3 and len(numbers[0]) == 4:  # ISO order: year, month, day
        year_text, month_text, day_text = numbers
    elif len(numbers) in (2, 3) and len(numbers[0]) <= 2:
        day_text, month_text, year_text = [*numbers, ""][:3]
    else:
        raise _not_understood(typed, model)
    if len(month_text) > 2 or len(day_text) > 2:
        raise _not_understood(typed, model)
    day, month = int(day_text), int(month_text)
    if not 1 <= month <= 12:
        if 1 <= day <= 12 and 13 <= month <= 31:
            raise DateNotUnderstood(
                N_("“{text}” has no month {month}: type the day first, for example {example}."),
                text=typed,
                month=month,
                example=model,
            )
        raise DateNotUnderstood(
            N_("“{text}” has no month {month}; months go from 1 to 12."), text=typed, month=month
        )
    return _checked(typed, model, lang, today, year_text, month, day)


def _tokens(text: str) -> list[str] | None:
    """Numbers and words of ``text``, or None when anything but separators lies between them."""
    for word in _YEAR_WORDS:
        if text.endswith(word) and (len(text) == len(word) or not text[-len(word) - 1].isalpha()):
            text = text[: -len(word)].rstrip()
            break
    tokens, position = [], 0
    for match in _TOKEN.finditer(text):
        gap = text[position : match.start()]
        if gap.strip(_SEPARATORS) or (position and not gap):  # "1x2", "1dec": not a date
            return None
        tokens.append(match.group())
        position = match.end()
    if text[position:].strip(_SEPARATORS) or not tokens:
        return None
    return tokens


def full_year(two_digits: int, today: dt.date) -> int:
    """The year a two-digit year means: the one ending in those digits within the hundred
    years that end ``TWO_DIGIT_AHEAD`` years after ``today`` (in 2026: 46 is 2046, 47 is 1947).
    Forms and imported sheets both read two-digit years by this one rule."""
    year = today.year // 100 * 100 + two_digits
    return year - 100 if year > today.year + TWO_DIGIT_AHEAD else year


def _year(year_text: str, today: dt.date) -> int | None:
    if not year_text:
        return today.year
    if len(year_text) == 2:
        return full_year(int(year_text), today)
    return int(year_text) if len(year_text) == 4 else None


def _checked(
    typed: str, model: str, lang: str, today: dt.date, year_text: str, month: int, day: int
) -> dt.date:
    year = _year(year_text, today)
    if year is None:
        raise DateNotUnderstood(
            N_("“{text}”: write the year with four digits, for example {example}."),
            text=typed,
            example=model,
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateNotUnderstood(
            N_("“{text}”: the year {year} is not between {first} and {last}."),
            text=typed,
            year=year,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        month_year = babel_dates.format_date(
            dt.date(year, month, 1), "LLLL y", locale=babel_locale(lang)
        )
        raise DateNotUnderstood(
            N_("“{text}”: {month} has no day {day}."), text=typed, month=month_year, day=day
        ) from None


def _not_understood(typed: str, model: str) -> DateNotUnderstood:
    return DateNotUnderstood(
        N_("“{text}” is not a date HubDesk understands: type it day first, for example {example}."),
        text=typed,
        example=model,
    )
