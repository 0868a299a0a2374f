"""How long the small-count suppression of a regional report takes as the region grows.

A region of N municipalities gets a quarter of youth and community activities each, drawn the
way the demo draws them (``services/demo_youth.py``, ``services/demo_inclusion.py``: the demo's
activity kinds, their sizes and age bands, the gender shares, about 7-8 youth activities and
1-2 community activities a quarter, a fifth of the places quiet in a quarter). The figures are
then suppressed exactly as the regional report suppresses them (``people_shown`` with the
youth table [participants, marginalised] and the headline "Young people reached", one linked
system), and the time is printed for each region size and seed, with its median, the worst,
how many entries read "<5" and "x" (more "x" is the price of doubt), and the ratio to the aim:
a region of 40 within 1 s, of 60 within 2 s (wall time; CPU time beside it, which a busy
machine does not inflate).

    .venv/bin/python bench/bench_suppression.py [--sizes 12,25,40,60] [--seeds 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter

from hubdesk.reports.data.inclusion import GENDERS, PeopleCounts
from hubdesk.reports.inclusion import PeopleShown, people_shown
from hubdesk.services.demo_texts import ACTIVITY_KINDS, ACTIVITY_WEIGHTS
from hubdesk.services.demo_youth import GENDER_SHARES

AIMS = {40: 1.0, 60: 2.0}  # seconds, on the development machine
YOUTH_PER_QUARTER = (84 + 96) / 2 / 12  # the demo's activities per team over three years
COMMUNITY_PER_QUARTER = (14 + 22) / 2 / 12
QUIET = 0.2  # share of municipalities with nothing in a quarter


def _poisson(rng: random.Random, mean: float) -> int:
    """Whole events in a quarter at ``mean`` a quarter (days of 91, each a small chance)."""
    return sum(rng.random() < mean / 91 for _ in range(91))


def municipality(rng: random.Random) -> tuple[PeopleCounts, list[int]]:
    """A quarter of one municipality: its counts and its row of the youth table."""
    if rng.random() < QUIET:
        return PeopleCounts(), [0, 0]
    kinds, weights = list(ACTIVITY_WEIGHTS), list(ACTIVITY_WEIGHTS.values())
    grid: Counter[tuple[str, str]] = Counter()
    participants = marginalised = 0
    activities = _poisson(rng, YOUTH_PER_QUARTER)
    for _ in range(activities):
        kind = ACTIVITY_KINDS[rng.choices(kinds, weights=weights)[0]]
        total = rng.randint(*kind.size)
        cells = [(g, b) for g in GENDER_SHARES for b in kind.bands]
        shares = [GENDER_SHARES[g] * kind.bands[b] for g, b in cells]
        for (gender, band), n in Counter(rng.choices(cells, weights=shares, k=total)).items():
            grid[(gender.value, band.value)] += n
        participants += total
        marginalised += round(total * rng.uniform(0.0, 0.3))
    community = [0, 0, 0]
    gatherings = _poisson(rng, COMMUNITY_PER_QUARTER)
    for _ in range(gatherings):
        total = rng.randint(8, 45)
        female = min(total, round(total * rng.uniform(0.35, 0.65)))
        other = 1 if rng.random() < 0.05 and total - female > 0 else 0
        community[0] += female
        community[1] += total - female - other
        community[2] += other
    counts = PeopleCounts(
        youth_activities=activities,
        youth_grid=dict(grid),
        community_activities=gatherings,
        community_gender=dict(zip(GENDERS, community, strict=True)),
    )
    return counts, [participants, marginalised]


def region(size: int, seed: int) -> tuple[list[PeopleCounts], list[list[int]]]:
    rng = random.Random(f"hubdesk-bench-suppression:{seed}:{size}")
    rows = [municipality(rng) for _ in range(size)]
    return [p for p, _ in rows], [y for _, y in rows]


def marks(shown: PeopleShown) -> Counter[str]:
    out: Counter[str] = Counter()
    tables = [shown.gender, shown.band, shown.community, shown.youth]
    for table in tables:
        if table is not None:
            out.update(s.mark for s in table.all_shown() if s.mark)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="12,25,40,60")
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    people_shown(*region(3, 0)[:1])  # imports and first calls out of the way
    held = True
    for size in sizes:
        times: list[float] = []
        cpu: list[float] = []
        for seed in range(args.seeds):
            per, youth = region(size, seed)
            start, start_cpu = time.perf_counter(), time.process_time()
            shown = people_shown(per, youth=youth, youth_reached=True)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            m = marks(shown)
            print(
                f"  {size:3d} municipalities, seed {seed}: {times[-1]:7.2f} s "
                f"(CPU {cpu[-1]:.2f} s)  "
                f'({m["small"]} "<5", {m["complement"]} "x")',
                flush=True,
            )
        worst = max(times)
        line = (
            f"{size:3d} municipalities: median {statistics.median(times):.2f} s, worst "
            f"{worst:.2f} s (CPU: median {statistics.median(cpu):.2f} s, worst {max(cpu):.2f} s)"
        )
        if size in AIMS:
            ratio = worst / AIMS[size]
            held = held and ratio <= 1
            line += f"; worst / aim ({AIMS[size]:.0f} s) = {ratio:.2f}x"
        print(line, flush=True)
    print("aims held" if held else "aims NOT held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
