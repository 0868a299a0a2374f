"""Hybrid logical clock: version stamps that order every change across installations.

A stamp is one 64-bit integer, ``physical_ms << 16 | counter``, so that stamps compare with ``<``,
sort in SQL and fit in an INTEGER column. The physical part follows the wall clock when it can;
the counter orders changes made within one millisecond or while the wall clock is behind (after
it was stepped backwards, or on a PC whose clock is late). Stamps from other installations are
merged in on import, so a change made after an import always sorts after what was imported.

A remote stamp too far ahead of our wall clock (a PC set to the wrong year) is refused rather
than adopted, because adopting it would drag every installation's clock into the future.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

COUNTER_BITS = 16
COUNTER_MAX = (1 << COUNTER_BITS) - 1
DEFAULT_MAX_DRIFT_MS = 24 * 60 * 60 * 1000  # a day: offices set clocks by hand


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def pack(physical_ms: int, counter: int) -> int:
    if not 0 <= counter <= COUNTER_MAX or physical_ms < 0:
        raise ValueError(f"invalid HLC parts: {physical_ms}, {counter}")
    return (physical_ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> COUNTER_BITS, stamp & COUNTER_MAX


class ClockDriftError(ValueError):
    """A remote stamp lies further in the future than the allowed drift."""

    def __init__(self, ahead_ms: int) -> None:
        super().__init__(f"remote clock is {ahead_ms} ms ahead")
        self.ahead_ms = ahead_ms


@dataclass
class HybridLogicalClock:
    """Issues strictly increasing stamps; ``last`` is persisted so restarts stay monotonic."""

    last: int = 0
    wall: Callable[[], int] = wall_ms
    max_drift_ms: int = DEFAULT_MAX_DRIFT_MS

    def now(self) -> int:
        """A new stamp, greater than every stamp issued or observed before."""
        last_ms, counter = unpack(self.last)
        physical = self.wall()
        if physical > last_ms:
            self.last = pack(physical, 0)
        else:
            self.last = self._next(last_ms, counter)
        return self.last

    def observe(self, remote: int) -> None:
        """Merge a stamp received from another installation (refusing one from the far future)."""
        remote_ms, _counter = unpack(remote)
        physical = self.wall()
        if remote_ms - physical > self.max_drift_ms:
            raise ClockDriftError(remote_ms - physical)
        if remote > self.last:
            self.last = remote

    @staticmethod
    def _next(ms: int, counter: int) -> int:
        # When the counter is exhausted the logical time steps one millisecond ahead of the wall.
        return pack(ms + 1, 0) if counter >= COUNTER_MAX else pack(ms, counter + 1)
