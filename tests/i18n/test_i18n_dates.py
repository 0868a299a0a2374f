"""Typed dates: every language's usual forms and ISO are read day first; the rest is refused
with a message in the window's language."""

from __future__ import annotations

import datetime as dt

import pytest

from hubdesk.i18n import LANGUAGES, language
from hubdesk.i18n.dates import DateNotUnderstood, format_typed_date, parse_typed_date

TODAY = dt.date(2026, 12, 4)
FIRST_DECEMBER = dt.date(2026, 12, 1)

# What people type, per language (the first is what the field itself shows).
TYPED = {
    "en": ["01/12/2026", "1/12/2026", "1.12.2026", "01-12-2026", "1 Dec 2026", "1 December 2026"],
    "sq": ["1.12.2026", "01.12.2026", "1/12/2026", "1 dhjetor 2026", "1 dhj 2026", "1.12.26"],
    "bs": ["1. 12. 2026.", "1.12.2026", "01.12.2026.", "1. decembar 2026.", "1.12.2026 god."],
    "hr": ["01. 12. 2026.", "1.12.2026", "1. 12. 2026.", "1. prosinca 2026.", "1. pro 2026."],
    "sr_Latn": ["1. 12. 2026.", "1.12.2026", "01.12.2026.", "1. decembar 2026.", "1/12/2026"],
    "sr_Cyrl": ["1. 12. 2026.", "1.12.2026", "1. децембар 2026.", "1.12.2026. године"],
    "cnr": ["1. 12. 2026.", "1.12.2026", "01.12.2026", "1. decembar 2026.", "1-12-2026"],
    "mk": ["1.12.2026", "01.12.2026", "1.12.2026 г.", "1 декември 2026", "1/12/2026", "1.12.26"],
}


def test_every_language_has_its_forms() -> None:
    assert set(TYPED) == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_usual_forms_and_iso_are_read_day_first(lang: str) -> None:
    for text in [*TYPED[lang], "2026-12-01", "2026-12-1", " 1 . 12 . 2026 ", "Dec 1, 2026"]:
        assert parse_typed_date(text, lang, TODAY) == FIRST_DECEMBER, text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_field_shows_is_read_back(lang: str) -> None:
    for day in (dt.date(2026, 1, 5), dt.date(1999, 11, 30), FIRST_DECEMBER):
        shown = format_typed_date(day, lang)
        assert "2026" in shown or "1999" in shown  # four-digit years: nothing to guess
        assert parse_typed_date(shown, lang, TODAY) == day


def test_the_form_shown_is_the_first_one_people_type() -> None:
    for lang, forms in TYPED.items():
        assert format_typed_date(FIRST_DECEMBER, lang) == forms[0]


def test_english_is_day_first_as_in_the_region() -> None:
    assert parse_typed_date("01/12/2026", "en", TODAY) == FIRST_DECEMBER
    assert parse_typed_date("12/01/2026", "en", TODAY) == dt.date(2026, 1, 12)


def test_two_digit_years_and_no_year() -> None:
    assert parse_typed_date("1.12.46", "sq", TODAY) == dt.date(2046, 12, 1)
    assert parse_typed_date("1.12.47", "sq", TODAY) == dt.date(1947, 12, 1)
    assert parse_typed_date("15.3.98", "mk", TODAY) == dt.date(1998, 3, 15)
    assert parse_typed_date("1.12.", "hr", TODAY) == FIRST_DECEMBER
    assert parse_typed_date("1.12", "en", TODAY) == FIRST_DECEMBER


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("12/31/2026", ["no month 31", "day first", "31/12/2026"]),
        ("31.02.2026", ["February 2026 has no day 31"]),
        ("1.12.202", ["four digits"]),
        ("1.12.1800", ["1800", "1900", "2100"]),
        ("1.13.2026", ["no month 13"]),
        ("1.25.2026", ["no month 25"]),
        ("1.99.2026", ["no month 99", "from 1 to 12"]),
        ("tomorrow", ["not a date", "31/12/2026"]),
        ("1.12.2026 18:00", ["not a date"]),
        ("1x12x2026", ["not a date"]),
        ("1dec2026", ["not a date"]),
        ("2026-12", ["not a date"]),
        ("{x}", ["not a date"]),
        ("", ["Type a date", "31/12/2026"]),
        ("   ", ["Type a date"]),
    ],
)
def test_what_is_not_a_date_is_explained(text: str, words: list[str]) -> None:
    with pytest.raises(DateNotUnderstood) as caught:
        parse_typed_date(text, "en", TODAY)
    for word in words:
        assert word in caught.value.message, caught.value.message


def test_the_explanation_is_in_the_window_language() -> None:
    with language("mk"), pytest.raises(DateNotUnderstood) as caught:
        parse_typed_date("31.02.2026", "mk", TODAY)
    assert "февруари 2026" in caught.value.message
    english = DateNotUnderstood(caught.value.msgid, **caught.value.params).message
    with language("mk"):
        assert caught.value.message != english
