"""The day is asked in one place, so a run that crosses midnight agrees with itself.

A CI run once started at 23:53, collected its test modules (each writing ``TODAY``) and ran the
fund and action tests after midnight: fifteen tests compared the day before with the day after.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hubdesk import clock
from hubdesk.services import actions, meetings, team
from hubdesk.services.context import ServiceContext

PACKAGE = Path(__file__).resolve().parents[1] / "hubdesk"


def calls_to_the_calendar(tree: ast.AST) -> Iterator[int]:
    """Lines that ask ``date.today()`` (or ``datetime.date.today()``) directly."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "today"
            and isinstance(node.func.value, ast.Attribute | ast.Name)
            and (getattr(node.func.value, "attr", None) or getattr(node.func.value, "id", None))
            == "date"
        ):
            yield node.lineno


def test_only_the_clock_asks_the_calendar_for_the_day() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "clock.py"
        for line in calls_to_the_calendar(ast.parse(path.read_text("utf-8")))
    ]
    assert found == []


def test_the_finder_sees_both_spellings() -> None:
    source = "import datetime as dt\nfrom datetime import date\ndt.date.today()\ndate.today()"
    tree = ast.parse(source)
    assert list(calls_to_the_calendar(tree)) == [3, 4]


@pytest.fixture
def yesterday_pinned() -> Iterator[dt.date]:
    before = clock.today()
    day = dt.date.today() - dt.timedelta(days=1)
    clock.pin(day)
    yield day
    clock.pin(before)


def test_the_suite_runs_on_the_day_it_started() -> None:
    assert clock._pinned is not None
    assert clock.today() == clock._pinned


def test_a_service_asks_the_pinned_day(ctx: ServiceContext, yesterday_pinned: dt.date) -> None:
    cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id
    start = clock.from_wall(
        dt.datetime.combine(yesterday_pinned - dt.timedelta(days=9), dt.time(12))
    )
    meeting = meetings.create_meeting(ctx, {"team_id": cat, "starts_at": start, "kind": "regular"})
    item = actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": "Do"})
    assert actions.complete_action_item(ctx, item.id).done_on == yesterday_pinned


def test_unpinned_the_clock_follows_the_calendar(yesterday_pinned: dt.date) -> None:
    clock.pin(None)
    assert clock.today() == dt.datetime.now(clock.region()).date()


def asks_the_pcs_zone(tree: ast.AST) -> Iterator[int]:
    """Lines that turn a moment into the PC's own zone: ``x.astimezone()`` with no zone, or
    Babel's ``LOCALTZ``."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "astimezone"
            and not node.args
            and not node.keywords
        ) or (isinstance(node, ast.Attribute) and node.attr == "LOCALTZ"):
            yield node.lineno


def test_only_the_clock_knows_the_zone() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line in asks_the_pcs_zone(ast.parse(path.read_text("utf-8")))
    ]
    assert found == []


def test_the_zone_finder_sees_both() -> None:
    tree = ast.parse("a.astimezone()\na.astimezone(dt.UTC)\ndates.LOCALTZ")
    assert list(asks_the_pcs_zone(tree)) == [1, 3]


UTC = dt.UTC


@pytest.mark.parametrize("pc", ["UTC", "Asia/Tokyo", "America/New_York", "Europe/Skopje"])
def test_days_are_the_regions_whatever_the_pcs_zone(
    pc: str, pc_zone: Callable[[str], None]
) -> None:
    pc_zone(pc)
    # Summer time: 22:30 UTC on 31 March is 00:30 on 1 April in the region.
    assert clock.local_day(dt.datetime(2024, 3, 31, 22, 30, tzinfo=UTC)) == dt.date(2024, 4, 1)
    assert clock.local_day(dt.datetime(2024, 3, 31, 21, 59)) == dt.date(2024, 3, 31)  # naive: UTC
    # Winter: the year begins at 23:00 UTC.
    assert clock.day_start(dt.date(2025, 1, 1)) == dt.datetime(2024, 12, 31, 23, 0, tzinfo=UTC)
    assert clock.day_start(dt.date(2024, 7, 1)) == dt.datetime(2024, 6, 30, 22, 0, tzinfo=UTC)
    assert clock.wall(dt.datetime(2024, 7, 1, 12, tzinfo=UTC)) == dt.datetime(2024, 7, 1, 14)


@pytest.mark.parametrize("pc", ["UTC", "Asia/Tokyo"])
def test_the_nights_the_clocks_change(pc: str, pc_zone: Callable[[str], None]) -> None:
    pc_zone(pc)
    assert clock.skipped(dt.datetime(2026, 3, 29, 2, 30))
    assert not clock.skipped(dt.datetime(2026, 3, 29, 3, 30))
    assert not clock.skipped(dt.datetime(2026, 3, 29, 1, 59))
    # 02:30 happens twice on 25 October; the first, still summer time, is kept.
    assert not clock.skipped(dt.datetime(2026, 10, 25, 2, 30))
    assert clock.from_wall(dt.datetime(2026, 10, 25, 2, 30)) == dt.datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
