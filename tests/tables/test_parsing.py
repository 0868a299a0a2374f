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


@pytest.mark.parametrize(
    "text",
    ["31. 12. 2024.", "31 dhjetor 2024", "31. prosinca 2024.", "31 декември 2024",
     "31 децембар 2024", "Dec 31, 2024", "31.12.2024 г."],
)  # fmt: skip
def test_dates_typed_as_text_are_read_as_a_form_reads_them(text: str) -> None:
    """A date a form takes (the spaced Croatian form, a month's name in the language of
    whoever filled the sheet) was refused in a sheet as "not a date"."""
    assert parse_date(text) == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    "text",
    ["31.12.2024 10:30", "31.12.2024 9:05:00", "2024-12-31T10:30:00", "2024-12-31 10:30",
     "31. 12. 2024. 10:30"],
)  # fmt: skip
def test_a_date_with_its_time_is_read_as_its_day(text: str) -> None:
    """A CSV re-saved from a date-time cell writes "31.12.2024 10:30", refused as "not a date"
    although the same cell in a workbook was read as its day."""
    assert parse_date(text) == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    "value", ["12/31/2024", "1. 1. 9999.", "abc", 3.4, 45657, "45657", "10:30", "x 10:30"]
)
def test_what_is_no_typed_date_stays_refused(value: object) -> None:
    assert parse_date(value) is None


def test_a_bad_cell_is_refused_with_its_own_message() -> None:
    cell = BadCell("#N/A", CELL_SHOWS_ERROR)
    for column in (NAME, COUNT, DAY):
        value, problem = parse_cell(column, cell)
        assert value is None and problem is not None
        assert problem.text.startswith("The cell shows the error #N/A")


@pytest.mark.parametrize(
    "text", ["9" * 5000, "-" + "9" * 5000, "1" + ".000" * 2000, "9" * 5000 + ",0"]
)
def test_a_count_of_thousands_of_digits_is_read_as_too_large(text: str) -> None:
    """Python converts at most 4,300 digits (a ValueError traceback reached the person);
    such a number is read as one the rules refuse as too large, or negative."""
    number = parse_int(text)
    assert number is not None and abs(number) == 10**20 - 1
    assert parse_cell(COUNT, text)[1] is None


def test_the_mark_of_a_character_that_could_not_be_written_is_not_imported() -> None:
    """The file of refused rows writes a control character as U+FFFD; imported again as it
    was, the member was saved as "Ctrl\ufffdChar"."""
    value, problem = parse_cell(NAME, "Ctrl\ufffdChar")
    assert value is None and problem is not None and "type the text again" in problem.text
    assert parse_cell(NAME, "Ana Hoxha") == ("Ana Hoxha", None)
