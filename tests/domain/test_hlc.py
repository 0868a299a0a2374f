"""The hybrid logical clock: properties that must hold whatever the wall clock does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hubdesk.domain import Installation, Team
from hubdesk.domain.hlc import (
    COUNTER_MAX,
    ClockDriftError,
    HybridLogicalClock,
    pack,
    unpack,
    wall_ms,
)
from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.db import Database

# Milliseconds around today: big enough to matter, small enough to pack with room to spare.
NOW_MS = 1_780_000_000_000
walls = st.integers(min_value=NOW_MS - 10**9, max_value=NOW_MS + 10**9)
DRIFT = 60_000
FAST = settings(max_examples=60, deadline=None)


def reading(values: list[int]) -> Callable[[], int]:
    """A wall clock that returns ``values`` in turn (then keeps returning the last one)."""
    it: Iterator[int] = iter(values)
    last = values[0]

    def wall() -> int:
        nonlocal last
        last = next(it, last)
        return last

    return wall


@FAST
@given(st.lists(walls, min_size=1, max_size=60))
def test_stamps_strictly_increase_whatever_the_wall_clock_does(readings: list[int]) -> None:
    clock = HybridLogicalClock(wall=reading(readings))
    stamps = [clock.now() for _ in readings]
    assert all(a < b for a, b in pairwise(stamps))
    assert clock.last == stamps[-1]


@FAST
@given(st.lists(walls, min_size=1, max_size=40))
def test_physical_part_never_falls_behind_the_wall(readings: list[int]) -> None:
    clock = HybridLogicalClock(wall=reading(readings))
    for wall in readings:
        physical, _counter = unpack(clock.now())
        assert physical >= wall


@FAST
@given(st.lists(st.integers(min_value=0, max_value=3_000), min_size=1, max_size=40))
def test_while_the_wall_is_behind_the_counter_counts_up(steps: list[int]) -> None:
    # The wall clock stays at or behind the first reading (stepped back by up to 3 s).
    clock = HybridLogicalClock(wall=reading([NOW_MS] + [NOW_MS - s for s in steps]))
    assert unpack(clock.now()) == (NOW_MS, 0)
    later = [unpack(clock.now()) for _ in steps]
    assert later == [(NOW_MS, n) for n in range(1, len(steps) + 1)]


@FAST
@given(
    last=st.integers(min_value=0, max_value=pack(NOW_MS + DRIFT, COUNTER_MAX)),
    remote_ms=st.integers(min_value=0, max_value=NOW_MS + DRIFT),
    counter=st.integers(min_value=0, max_value=COUNTER_MAX),
)
def test_observe_never_lowers_last_and_later_stamps_exceed_it(
    last: int, remote_ms: int, counter: int
) -> None:
    clock = HybridLogicalClock(last=last, wall=lambda: NOW_MS, max_drift_ms=DRIFT)
    remote = pack(remote_ms, counter)
    clock.observe(remote)
    assert clock.last == max(last, remote)
    assert clock.now() > max(last, remote)


@FAST
@given(
    ahead=st.integers(min_value=DRIFT + 1, max_value=10**9),
    counter=st.integers(min_value=0, max_value=COUNTER_MAX),
    last=st.integers(min_value=0, max_value=pack(NOW_MS, 0)),
)
def test_remote_stamp_beyond_the_drift_is_refused_and_changes_nothing(
    ahead: int, counter: int, last: int
) -> None:
    clock = HybridLogicalClock(last=last, wall=lambda: NOW_MS, max_drift_ms=DRIFT)
    with pytest.raises(ClockDriftError) as caught:
        clock.observe(pack(NOW_MS + ahead, counter))
    assert caught.value.ahead_ms == ahead
    assert clock.last == last


def test_remote_stamp_at_the_drift_limit_is_accepted() -> None:
    clock = HybridLogicalClock(wall=lambda: NOW_MS, max_drift_ms=DRIFT)
    clock.observe(pack(NOW_MS + DRIFT, 5))
    assert clock.last == pack(NOW_MS + DRIFT, 5)


@pytest.mark.parametrize("wall", [NOW_MS, NOW_MS - 1, NOW_MS - 5_000])
def test_counter_overflow_steps_the_millisecond(wall: int) -> None:
    clock = HybridLogicalClock(last=pack(NOW_MS, COUNTER_MAX), wall=lambda: wall)
    assert clock.now() == pack(NOW_MS + 1, 0)
    assert clock.now() == pack(NOW_MS + 1, 1)


@FAST
@given(physical=st.integers(min_value=0, max_value=2**46), counter=st.integers(0, COUNTER_MAX))
def test_pack_and_unpack_round_trip_and_order(physical: int, counter: int) -> None:
    stamp = pack(physical, counter)
    assert unpack(stamp) == (physical, counter)
    assert stamp < pack(physical + 1, 0)
    assert stamp < 2**63  # fits a signed 64-bit INTEGER column


@pytest.mark.parametrize(("physical", "counter"), [(-1, 0), (0, -1), (0, COUNTER_MAX + 1)])
def test_pack_refuses_impossible_parts(physical: int, counter: int) -> None:
    with pytest.raises(ValueError):
        pack(physical, counter)


def test_wall_clock_is_milliseconds_since_the_epoch() -> None:
    assert abs(wall_ms() - NOW_MS) < 10 * 365 * 24 * 3600 * 1000


def test_stamps_continue_above_the_persisted_last_after_a_restart(
    db: Database, data_dir: Path
) -> None:
    ctx = initialise(db, role="municipality", name="Kumanovo", country="MK")
    # Before the restart this PC's clock ran an hour fast; afterwards it is right again.
    ahead = wall_ms() + 3_600_000
    ctx.clock.wall = lambda: ahead
    team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    before = ctx.clock.last
    with db.sessions() as session:
        persisted = session.scalars(select(Installation.hlc_last)).one()
        old_versions = list(session.scalars(select(Team.version)))
    assert persisted == before and max(old_versions) <= before

    restarted = load_context(db, data_dir)
    assert restarted.clock.last == persisted
    created = team.create_team(restarted, {"name": "Working group", "kind": "other"})
    assert created.version > persisted
    assert unpack(created.version)[0] == unpack(persisted)[0]  # counts on, not back in time
