"""The day is asked in one place, so a run that crosses midnight agrees with itself.

A CI run once started at 23:53, collected its test modules (each writing ``TODAY``) and ran the
fund and action tests after midnight: fifteen tests compared the day before with the day after.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
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
    start = dt.datetime.combine(yesterday_pinned - dt.timedelta(days=9), dt.time(12)).astimezone()
    meeting = meetings.create_meeting(ctx, {"team_id": cat, "starts_at": start, "kind": "regular"})
    item = actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": "Do"})
    assert actions.complete_action_item(ctx, item.id).done_on == yesterday_pinned


def test_unpinned_the_clock_follows_the_calendar(yesterday_pinned: dt.date) -> None:
    clock.pin(None)
    assert clock.today() == dt.date.today()
