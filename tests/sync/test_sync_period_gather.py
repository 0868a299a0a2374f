"""The quarter judge's gathering of a batch (``period_import.gather``) keeps, for every quarter,
the very change the plain row-by-row rule keeps: the newest stamp, the first row among equals,
counting what the rows were as held too, batch after batch."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from hubdesk.sync import period_import
from hubdesk.sync.incoming import Incoming
from hubdesk.sync.merge import rank, written_at

UTC = dt.UTC
MEETINGS = [f"m{i}" for i in range(12)]


def _starts() -> dict[str, tuple[dt.datetime, ...]]:
    rng = random.Random(7)
    moments = {}
    for meeting in MEETINGS:
        day = dt.datetime(2024, 1, 1, 10, tzinfo=UTC) + dt.timedelta(days=rng.randrange(700))
        moments[meeting] = (day,)
    moments["m0"] = ()  # a meeting whose start is not known
    return moments


def _row(rng: random.Random, n: int, table: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": f"r{n}",
        # Few versions and authors: equal stamps are common.
        "version": rng.randrange(4),
        "updated_by": rng.choice("ab"),
        "deleted": False,
        "base_version": None,
        "meeting_id": rng.choice([*MEETINGS, None, ""]),
    }
    day = dt.date(2024, 1 + rng.randrange(12), 3)
    if table == "action_items":
        values["done_on"] = rng.choice([None, day])
    elif table == "youth_activities":
        values["starts_on"] = rng.choice([None, day, dt.date(2025, 2, 1)])
    elif table == "meetings":
        moment = dt.datetime.combine(day, dt.time(23, 30), UTC)  # near midnight: zones count
        values["starts_at"] = rng.choice([None, moment, moment + dt.timedelta(days=40)])
    return values


def _plain(
    found: period_import.QuarterChanges,
    table: str,
    rows: list[Incoming],
    current: dict[str, dict[str, Any]],
) -> None:
    """The rule row by row, as ``gather`` kept it before it worked by meeting."""

    def starts(meeting_id: str) -> tuple[dt.datetime, ...]:
        return found.starts.get(meeting_id, ())

    for inc in rows:
        held = current.get(inc.id)
        if held is not None and not rank(inc.values, table) > rank(held, table):
            continue
        stamp = written_at(inc.values)
        for quarter in period_import.quarters_of(table, inc.values, held, starts):
            newest = found.newest.get((quarter, table))
            if newest is None or newest[0] < stamp:
                found.newest[(quarter, table)] = (stamp, inc.id)


@pytest.mark.parametrize(
    "table", ["attendance", "decisions", "meetings", "action_items", "youth_activities"]
)
@pytest.mark.parametrize("seed", range(6))
def test_gather_keeps_what_the_row_by_row_rule_keeps(table: str, seed: int) -> None:
    rng = random.Random(seed)
    fast = period_import.QuarterChanges(judged=True, municipality_id="x", starts=_starts())
    plain = period_import.QuarterChanges(judged=True, municipality_id="x", starts=_starts())
    n = 0
    for _batch in range(3):
        rows, current = [], {}
        for _i in range(rng.randrange(1, 60)):
            n += 1
            values = _row(rng, n, table)
            rows.append(Incoming(values, frozenset(), ()))
            if seed % 2 and rng.random() < 0.4:  # held here before, perhaps at another meeting
                current[values["id"]] = {**_row(rng, n, table), "version": rng.randrange(-1, 3)}
        period_import.gather(None, fast, table, rows, current)  # type: ignore[arg-type]
        _plain(plain, table, rows, current)
        assert fast.newest == plain.newest
    assert fast.newest  # the rows did land in quarters
