"""Dates, numbers and money as each language writes them: HubDesk's patterns and digits,
CLDR's words and symbols through Babel."""

from __future__ import annotations

import datetime as dt

import pytest

from hubdesk.i18n import language
from hubdesk.i18n.formatting import (
    currency_digits,
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
    minor_to_decimal,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
DAY = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "5 Mar 2024"),
        ("sq", "5 mar 2024"),
        ("mk", f"5.3.2024{NNBSP}г."),
        ("sr_Cyrl", "5. 3. 2024."),
    ],
)
def test_dates(lang: str, expected: str) -> None:
    assert format_date(DAY, lang) == expected


# What HubDesk has always printed (CLDR 46's patterns), whichever CLDR Babel brings: CLDR 47
# writes the Macedonian medium date "5 мар. 2024 г." and the short one "5.3.2024 г.".
@pytest.mark.parametrize(
    ("lang", "short", "medium"),
    [
        ("en", "05/03/2024", "5 Mar 2024"),
        ("sq", "5.3.24", "5 mar 2024"),
        ("bs", "5. 3. 2024.", "5. mar 2024."),
        ("hr", "05. 03. 2024.", "5. ožu 2024."),
        ("sr_Latn", "5. 3. 2024.", "5. 3. 2024."),
        ("sr_Cyrl", "5. 3. 2024.", "5. 3. 2024."),
        ("cnr", "5. 3. 2024.", "5. 3. 2024."),
        ("mk", "5.3.24", f"5.3.2024{NNBSP}г."),
    ],
)
def test_date_patterns_are_hubdesks(lang: str, short: str, medium: str) -> None:
    assert (format_date(DAY, lang, "short"), format_date(DAY, lang)) == (short, medium)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "05/03/2024, 14:07"),
        ("sq", "5.3.24, 14:07"),
        ("mk", "5.3.24, 14:07"),
        ("hr", "05. 03. 2024. 14:07"),
    ],
)
def test_short_date_and_time(lang: str, expected: str) -> None:
    moment = dt.datetime(2024, 3, 5, 13, 7, tzinfo=dt.UTC)
    assert format_datetime(moment, lang, "short", tz="Europe/Skopje") == expected


def test_date_follows_the_current_language_and_none_is_blank() -> None:
    with language("hr"):
        assert format_date(DAY) == "5. ožu 2024."
    assert format_date(None, "mk") == ""


def test_datetime_is_shown_in_the_local_zone() -> None:
    moment = dt.datetime(2024, 3, 5, 13, 7, tzinfo=dt.UTC)
    assert format_datetime(moment, "sr_Cyrl", tz="Europe/Belgrade") == "5. 3. 2024. 14:07:00"
    assert format_datetime(None, "en") == ""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "1,234,567.5"),
        ("sq", f"1{NBSP}234{NBSP}567,5"),
        ("mk", "1.234.567,5"),
        ("sr_Cyrl", "1.234.567,5"),
    ],
)
def test_numbers(lang: str, expected: str) -> None:
    assert format_number(1234567.5, lang) == expected


def test_percent() -> None:
    assert format_percent(0.256, "en") == "25.6%"
    assert format_percent(0.256, "mk") == "25,6%"


def test_currency_digits_are_hubdesks() -> None:
    assert {c: currency_digits(c) for c in ("EUR", "BAM", "MKD", "ALL", "RSD")} == {
        "EUR": 2,
        "BAM": 2,
        "MKD": 2,
        "ALL": 0,
        "RSD": 0,
    }
    assert str(minor_to_decimal(123456, "MKD")) == "1234.56"
    assert str(minor_to_decimal(123456, "ALL")) == "123456"


@pytest.mark.parametrize(
    ("lang", "currency", "expected"),
    [
        ("mk", "MKD", f"1.234,56{NBSP}ден."),
        ("en", "MKD", f"MKD{NBSP}1,234.56"),
        ("sr_Cyrl", "MKD", f"1.234,56{NBSP}MKD"),
        ("sq", "ALL", f"123{NBSP}456{NBSP}Lekë"),
        ("en", "ALL", f"ALL{NBSP}123,456"),
        ("sr_Cyrl", "RSD", f"123.456{NBSP}RSD"),
        ("mk", "RSD", f"123.456{NBSP}RSD"),
        ("sq", "EUR", f"1{NBSP}234,56{NBSP}€"),
        ("en", "EUR", "€1,234.56"),
    ],
)
def test_money(lang: str, currency: str, expected: str) -> None:
    amount = 123456  # minor units: 1 234.56 in MKD/EUR, 123 456 in ALL/RSD (no minor unit)
    assert format_money(amount, currency, lang) == expected


def test_problems_said_in_one_line_are_punctuated_once() -> None:
    from hubdesk.i18n.formatting import join_said

    said = join_said(["Kind: 'x' is not one of the allowed choices.", "Starts on: '32.13.2026'"])
    assert said == "Kind: 'x' is not one of the allowed choices. Starts on: '32.13.2026'"
    assert join_said(["Kind: missing", "Starts on: missing"]) == "Kind: missing; Starts on: missing"
    assert join_said([]) == ""
