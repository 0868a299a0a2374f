"""Turning what a person typed in a cell into the value a field holds.

Spreadsheets of the region write dates as 31.12.2024 (sometimes 31.12.2024. or 31. 12. 2024.,
or with the month's name), exports from other programs as 2024-12-31, and Excel as real date
cells (dates typed as text are read as a form reads them, ``i18n/dates``); choices are
written as labels in whatever language the sheet is in. All of those are accepted; anything
else is a problem on that cell, reported with the row, never guessed at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from hubdesk import clock
from hubdesk.domain.enums import ROLE_OF_A_WOMAN, Gender, Labelled, TeamRole
from hubdesk.i18n import LANGUAGES, N_, _, current_language, language
from hubdesk.i18n.amounts import grouped, split_decimals
from hubdesk.i18n.dates import DateNotUnderstood, full_year, parse_typed_date
from hubdesk.services.errors import FieldError
from hubdesk.tables.columns import Column, ValueType
from hubdesk.tables.mapping import normalize
from hubdesk.tables.readers import CELL_NOT_A_DATE, BadCell
from hubdesk.tables.sheet import blank as blank  # re-exported: the importer tests cells with it

DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\.?$")
YEAR_FIRST = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})\.?$")
# A date with a time after it: what a CSV re-saved from a date-time cell holds ("31.12.2025
# 10:30", "2025-12-31T10:30:00"); the date is read as a date-time cell's is (its day)
WITH_TIME = re.compile(r"^(.+?)[ T]\s*\d{1,2}:\d{2}(:\d{2})?$")
LIST_SEPARATORS = re.compile(r"[;\n]+")  # HubDesk writes "a; b"; people also write "a, b"
SUB_SEPARATORS = re.compile(r"[,/]+")

FORMULA_STARTS = ("=", "@", "+", "-", "\t", "\r")
NOT_A_DATE = CELL_NOT_A_DATE
NOT_A_NUMBER = N_("'{value}' is not a whole number.")
UNCLEAR_NUMBER = N_(
    "'{value}' is not a number HubDesk can read: write it with digits only, as 1250, or "
    "group the thousands by three, as 1.250, 1,250 or 1 250."
)
# Digits grouped by three after a first group of one to three: 1.250, 12 345, 1,234,567.
NOT_A_CHOICE = N_("'{value}' is not one of the allowed choices.")
NOT_YES_NO = N_("'{value}' is neither yes nor no.")
NO_SUCH_TEAM = N_("There is no team '{value}'.")

# Ways of writing yes/no and the genders that are not the label of any language.
TRUE_WORDS = {"yes", "y", "true", "1", "x", "da", "po", "ja", "oui"}
FALSE_WORDS = {"no", "n", "false", "0", "ne", "jo", "nein"}
ENUM_SYNONYMS: dict[type[Labelled], dict[str, str]] = {
    Gender: {
        **dict.fromkeys(["f", "z", "w", "zensko", "zenski", "zena", "femer", "femra"], "female"),
        **dict.fromkeys(["m", "muski", "musko", "maski", "masko", "mashkull", "burre"], "male"),
        **dict.fromkeys(["ostalo", "drugo", "tjeter", "not stated", "nije navedeno"], "other"),
    },
}
# Other labels a code goes by in HubDesk itself (code -> msgid): a woman's role in its own form
# ("Članica", "Koordinatorka", "Anëtare"), as the team list and the printed roster say it, so a
# roster copied from them or kept that way by the office reads back.
ENUM_FORMS: dict[type[Labelled], dict[str, str]] = {TeamRole: ROLE_OF_A_WOMAN}


@cache
def enum_lookup(enum: type[Labelled]) -> dict[str, str]:
    """Normalised code or label (in every language) -> code."""
    lookup = {normalize(code): code for code in (m.value for m in enum)}
    for lang in LANGUAGES:
        with language(lang):
            for member in enum:
                lookup.setdefault(normalize(member.label), member.value)
    for lang in LANGUAGES:  # after every plain label, which keeps its meaning
        with language(lang):
            for code, msgid in ENUM_FORMS.get(enum, {}).items():
                lookup.setdefault(normalize(_(msgid)), code)
    for word, code in ENUM_SYNONYMS.get(enum, {}).items():
        lookup.setdefault(word, code)
    return lookup


@cache
def _yes_no() -> tuple[frozenset[str], frozenset[str]]:
    yes, no = set(TRUE_WORDS), set(FALSE_WORDS)
    for lang in LANGUAGES:
        with language(lang):
            yes.add(normalize(_("Yes")))
            no.add(normalize(_("No")))
    return frozenset(yes), frozenset(no)


def clear_cache() -> None:
    enum_lookup.cache_clear()
    _yes_no.cache_clear()


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number Excel turned into a number
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]  # the apostrophe HubDesk's CSV export puts before formula-like text
    return text


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    moment = WITH_TIME.match(text)
    if moment:
        text = moment.group(1).strip()
    try:
        if m := YEAR_FIRST.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := DAY_FIRST.match(text):
            year = int(m[3])
            if len(m[3]) == 2:  # the same window as a date typed in a form
                year = full_year(year, clock.today())
            return dt.date(year, int(m[2]), int(m[1]))
    except ValueError:
        return None
    return _typed(text) if isinstance(value, str) else None  # a number is no typed date


def _typed(text: str) -> dt.date | None:
    """A date as people type it in a form (``31. 12. 2024.``, ``31 dhjetor 2024``, ``Dec 31,
    2024``), read by the forms' own rule, with the month names of any HubDesk language: a sheet
    is in the language of whoever filled it, not of this window."""
    if not text:
        return None
    today = clock.today()
    for lang in dict.fromkeys((current_language(), *LANGUAGES)):
        try:
            return parse_typed_date(text, lang, today)
        except DateNotUnderstood:
            continue
    return None


def parse_int(value: Any) -> int | None:
    """The whole number in a cell, or None (:func:`int_problem` says why).

    Counts of people are written as offices of the region write them. HubDesk's languages
    disagree on the marks: the Balkan ones group thousands with "." (or a space) and write
    decimals after ",", English does the reverse. So the rule reads a number the same way
    whatever language the sheet is in:

    - Digits only: ``1250``, ``-3``.
    - Thousands grouped by three with one kind of mark: ``1.250``, ``1,250``, ``1 250`` (also a
      no-break space or an apostrophe), ``1.234.567``. A single "." or "," followed by exactly
      three digits is therefore always a thousands mark: no count is written with three decimals.
    - A decimal part of zeros that is not three digits long: ``10,0``, ``10.00`` are 10.
    - Both marks: the last one is the decimal mark, the other groups the thousands, and the
      decimals must be zeros: ``1.250,00`` and ``1,250.00`` are 1250.
    - Anything else is refused, never guessed: ``1.5`` and ``0.500`` are not whole numbers;
      groups not of three (``1.25.000``, ``10 00``) or marks mixed within the thousands
      (``1.250,000``) cannot be read.
    """
    if isinstance(value, (bool, BadCell)):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    sign = "-" if text.startswith("-") else ""
    text = text[1:].strip() if text[:1] in ("-", "+") else text
    if grouped(text):
        return _whole(sign, text)
    whole, decimals = split_decimals(text)
    if whole is not None and re.fullmatch(r"0+", decimals) and len(decimals) != 3:
        return _whole(sign, whole)
    return None


def _whole(sign: str, text: str) -> int:
    """The number of the digits in ``text``; one of more than 20 digits (past any count HubDesk
    keeps, and past the 4,300 Python converts at all) as 20 nines, which the rules refuse as
    too large, as they would the number written."""
    digits = re.sub(r"\D", "", text).lstrip("0") or "0"
    return int(sign + (digits if len(digits) <= 20 else "9" * 20))


def int_problem(value: Any) -> str:
    """Why :func:`parse_int` read no number: not a whole number, or written unclearly."""
    if isinstance(value, BadCell):
        return value.problem
    text = re.sub(r"^[-+]", "", str(value).strip())
    whole, decimals = split_decimals(text)
    if whole is not None and decimals.strip("0"):
        return NOT_A_NUMBER  # a decimal number, clearly written: not a whole one
    if re.fullmatch(r"[\d.,\s\u00a0\u202f']+", text):
        return UNCLEAR_NUMBER
    return NOT_A_NUMBER


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    yes, no = _yes_no()
    word = normalize(_text(value))
    return True if word in yes else False if word in no else None


def _codes(enum: type[Labelled], part: str) -> list[str] | None:
    """Codes in one part of a list cell: one label (which may hold a comma) or "a, b"."""
    lookup = enum_lookup(enum)
    if not part.strip():
        return []
    if (code := lookup.get(normalize(part))) is not None:
        return [code]
    codes = [lookup.get(normalize(p)) for p in SUB_SEPARATORS.split(part) if p.strip()]
    return None if None in codes else [c for c in codes if c is not None]


UNREADABLE_MARK = N_(
    "'{value}' holds the mark \N{REPLACEMENT CHARACTER} of a character that could not be "
    "read or written; type the text again."
)


def parse_cell(
    column: Column, value: Any, teams: Mapping[str, str] | None = None
) -> tuple[Any, FieldError | None]:
    """The field value of one non-blank cell, or the problem with it."""
    field = column.field or column.key
    kind = column.type

    def problem(message: str) -> tuple[None, FieldError]:
        return None, FieldError(field, message, {"value": _text(value)})

    if isinstance(value, BadCell):  # an error value, a formula without its result
        return problem(value.problem)

    if kind is ValueType.DATE:
        day = parse_date(value)
        return (day, None) if day is not None else problem(NOT_A_DATE)
    if kind is ValueType.INT:
        number = parse_int(value)
        return (number, None) if number is not None else problem(int_problem(value))
    if kind is ValueType.BOOL:
        flag = parse_bool(value)
        return (flag, None) if flag is not None else problem(NOT_YES_NO)
    if kind is ValueType.ENUM:
        assert column.enum is not None
        code = enum_lookup(column.enum).get(normalize(_text(value)))
        return (code, None) if code is not None else problem(NOT_A_CHOICE)
    if kind is ValueType.ENUMS:
        assert column.enum is not None
        codes: list[str] = []
        for part in LIST_SEPARATORS.split(_text(value)):
            found = _codes(column.enum, part)
            if found is None:
                return None, FieldError(field, NOT_A_CHOICE, {"value": part.strip()})
            codes.extend(code for code in found if code not in codes)
        return codes, None
    if kind is ValueType.REFERENCE:
        text = _text(value)
        by_name = {normalize(name): team_id for team_id, name in (teams or {}).items()}
        team_id = text if text in (teams or {}) else by_name.get(normalize(text))
        return (team_id, None) if team_id is not None else problem(NO_SUCH_TEAM)
    text = _text(value)
    if "\N{REPLACEMENT CHARACTER}" in text:
        # The mark HubDesk's file of refused rows leaves where a character could not be
        # written (a control character, the row's very problem): corrected, not imported.
        return problem(UNREADABLE_MARK)
    return text, None


def empty_value(column: Column) -> Any:
    """What a blank cell means for a field: no date, no number, no text, not ticked."""
    if column.type is ValueType.TEXT:
        return ""
    if column.type is ValueType.ENUMS:
        return []
    if column.type is ValueType.BOOL:
        return False
    if column.type is ValueType.INT:
        return 0
    return None
