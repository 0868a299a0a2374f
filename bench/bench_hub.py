"""How fast the hub's aggregates are on a hub of about a million records.

Builds (or reuses, with ``--cache FOLDER``) a hub that has received real bundles from several
municipalities: the hub demo (``hubdesk.sync.hubdemo.build_hub_demo``: three municipalities,
each built by the demo builder, exported as a bundle and imported by the hub through the
normal import) at a large ``--scale`` (143 gives about a million records). Then, on a copy of
that hub, times as medians of ``--runs`` runs in this process:

  1. the regional report (``generate_report(ctx, "regional", ...)``), split into its data
     queries (the per-municipality overview, the fund's money, the municipalities) and the
     rest (laying out and writing the PDF) (aim: at most 1.5 s for the whole report);
  2. the hub dashboard's figures (``dashboard_summary.summary`` with the extra tiles)
     (aim: at most 0.5 s).

Both aims are absolute times, not ratios: the load of the machine counts in full.

    .venv/bin/python bench/bench_hub.py [--scale 143] [--runs 5] [--cache /tmp/hub-cache]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPORT_AIM = 1.5
DASHBOARD_AIM = 0.5


def build_hub(folder: Path, scale: int) -> int:
    """The hub demo at ``scale`` in ``folder``; returns its number of records."""
    from hubdesk.storage.open import open_database
    from hubdesk.sync.hubdemo import build_hub_demo

    started = time.perf_counter()
    db = open_database(folder)
    try:
        summary = build_hub_demo(db, folder, scale=scale)
    finally:
        db.close()
    print(
        f"built the hub: {summary.records:,} records from {len(summary.municipalities)} "
        f"municipalities in {time.perf_counter() - started:.0f} s"
    )
    return summary.records


def records_in(path: Path) -> int:
    """Every synced record in the hub (what the bundles brought, plus the hub's own)."""
    from hubdesk.domain import SYNCED_MODELS

    raw = sqlite3.connect(path)
    try:
        return sum(
            int(raw.execute(f'SELECT count(*) FROM "{m.__tablename__}"').fetchone()[0])
            for m in SYNCED_MODELS
        )
    finally:
        raw.close()


def hub_folder(cache: Path | None, scratch: Path, scale: int) -> Path:
    """A working copy of the hub: built into the cache (once per scale) or into scratch."""
    if cache is None:
        build_hub(scratch / "hub", scale)
        return scratch / "hub"
    built = cache / f"hub-scale-{scale}"
    if not (built / "done").exists():
        shutil.rmtree(built, ignore_errors=True)
        build_hub(built, scale)
        (built / "done").write_text("ok\n")
    else:
        print(f"reusing the hub in {built}")
    work = scratch / "hub"
    shutil.copytree(built, work)
    return work


def median_of(runs: int, fn: Callable[[], object]) -> tuple[float, list[float], float]:
    """Median wall time, each run's, and the median CPU time of this process (on a shared
    machine the wall time includes waiting for a core; the CPU time is the work itself)."""
    fn()  # warm: the first run pays for imports and the page cache
    times, cpu = [], []
    for _run in range(runs):
        begun, begun_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - begun)
        cpu.append(time.process_time() - begun_cpu)
    return statistics.median(times), times, statistics.median(cpu)


def verdict(seconds: float, aim: float) -> str:
    return "held" if seconds <= aim else "NOT held"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=143)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=None, help="keep the built hub here")
    args = parser.parse_args()
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="hubdesk-bench-hub-") as scratch:
        folder = hub_folder(args.cache, Path(scratch), args.scale)
        from hubdesk.reports import generate_report
        from hubdesk.reports.data.fund_money import funded_proposals
        from hubdesk.reports.data.overview import overview
        from hubdesk.reports.data.scope import municipalities
        from hubdesk.services.dashboard_summary import summary
        from hubdesk.services.installation import load_context
        from hubdesk.storage.open import open_database

        print(f"hub: {records_in(folder / 'hubdesk.sqlite'):,} records")
        print(f"(shared 2-core machine: load average {os.getloadavg()[0]:.1f}; absolute times)")
        db = open_database(folder)
        try:
            ctx = load_context(db, folder)
            today = dt.date.today()
            period = dt.date(today.year, 1, 1), today
            out = Path(scratch) / "regional.pdf"

            def report() -> None:
                generate_report(ctx, "regional", out, lang="en", today=today)

            def data() -> None:
                from hubdesk.reports.data.scope import Period

                with ctx.read() as session:
                    overview(session, Period(*period), today)
                    funded_proposals(session)
                municipalities(ctx)

            whole, whole_runs, whole_cpu = median_of(args.runs, report)
            queries, query_runs, query_cpu = median_of(args.runs, data)
            dash, dash_runs, dash_cpu = median_of(args.runs, lambda: summary(ctx, today))
        finally:
            db.close()

    def ms(values: list[float]) -> str:
        return ", ".join(f"{v * 1000:.0f}" for v in values)

    print(f"medians of {args.runs} runs: wall time [each run, ms] (CPU time of this process)")
    print(
        f"regional report, whole:        {whole:5.2f} s [{ms(whole_runs)}] ({whole_cpu:.2f} s)"
        f"  aim <= {REPORT_AIM} s: {verdict(whole, REPORT_AIM)}"
    )
    print(f"  of which data queries:       {queries:5.2f} s [{ms(query_runs)}] ({query_cpu:.2f} s)")
    print(
        f"  of which the PDF (the rest): {max(whole - queries, 0):5.2f} s"
        f" ({max(whole_cpu - query_cpu, 0):.2f} s)"
    )
    print(
        f"hub dashboard summary:         {dash:5.2f} s [{ms(dash_runs)}] ({dash_cpu:.2f} s)"
        f"  aim <= {DASHBOARD_AIM} s: {verdict(dash, DASHBOARD_AIM)}"
    )
    print("the aims are wall times: on a shared machine the load counts in full")


if __name__ == "__main__":
    main()
