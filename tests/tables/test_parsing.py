"""Reading what a cell holds: counts with thousands marks, two-digit years, bad cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from hubdesk import clock
from hubdesk.i18n.dates import parse_typed_date
from hubdesk.tables.columns import Column, ValueType
from hubdesk.tables.parsing import parse_cell, parse_date, parse_int
from hubdesk.tables.readers import CELL_SHOWS_ERROR, BadCell

COUNT = Column("participants_total", "Participants in total", ValueType.INT, lambda _r: 0)
DAY = Column("starts_on", "Starts on", ValueType.DATE, lambda _r: None)
NAME = Column("name", "Name", ValueType.TEXT, lambda _r: "")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.000", 1000),  # Balkan thousands
        ("1,000", 1000),  # English thousands
        ("12.345", 12345),
        ("2.500", 2500),
        ("1 000", 1000),
        ("1\u00a0000", 1000),
        ("1'000", 1000),
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("1.0", 1),
        ("1,0", 1),
        ("1.00", 1),
        ("10,0000", 10),
        ("1.250,00", 1250),
        ("1,250.00", 1250),
        ("-1.000", -1000),
        (" 42 ", 42),
        (3.0, 3),
    ],
)
def test_counts_with_thousands_marks(text: object, number: int) -> None:
    assert parse_int(text) == number
    assert parse_cell(COUNT, text) == (number, None)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1.5", "is not a whole number"),
        ("2,5", "is not a whole number"),
        ("0.500", "is not a whole number"),
        ("1.234,5", "is not a whole number"),
        ("many", "is not a whole number"),
        ("1.25.000", "group the thousands by three"),
        ("10 00", "group the thousands by three"),
        ("1.250,000", "group the thousands by three"),
        ("01.000", "group the thousands by three"),
        ("1,2,3", "group the thousands by three"),
    ],
)
def test_unclear_counts_are_refused(text: str, words: str) -> None:
    assert parse_int(text) is None
    value, problem = parse_cell(COUNT, text)
    assert value is None and problem is not None
    assert words in problem.text and problem.params == {"value": text}


@pytest.fixture
def december_2026() -> Iterator[dt.date]:
    day, suite_day = dt.date(2026, 12, 5), clock.today()
    clock.pin(day)
    yield day
    clock.pin(suite_day)  # the day the suite pinned (tests/conftest.py), not the calendar


@pytest.mark.usefixtures("december_2026")
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15.01.27", dt.date(2027, 1, 15)),  # next month, not 1927
        ("15.01.46", dt.date(2046, 1, 15)),
        ("15.01.47", dt.date(1947, 1, 15)),
        ("15.03.98", dt.date(1998, 3, 15)),
        ("1.12.26", dt.date(2026, 12, 1)),
    ],
)
def test_two_digit_years_follow_the_rule_of_typed_dates(text: str, day: dt.date) -> None:
    assert parse_date(text) == day
    assert parse_typed_date(text, "mk") == day  # one rule for sheets and forms


def test_a_bad_cell_is_refused_with_its_own_message() -> None:
    cell = BadCell("#N/A", CELL_SHOWS_ERROR)
    for column in (NAME, COUNT, DAY):
        value, problem = parse_cell(column, cell)
        assert value is None and problem is not None
        assert problem.text.startswith("The cell shows the error #N/A")
