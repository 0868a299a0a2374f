"""A simulated region on a hub whose database is on PostgreSQL: import time per bundle and the
regional report, against the same hub on its own SQLite file.

Each municipality is the demo builder's (every record kind in its real mix: three quarters of
the records are attendance rows), stretched over ``--years`` (the demo's three years made five),
in its own country and language, exported as a signed, encrypted bundle for the demo hub. The
same bundles are then imported, one after the other through the normal import, into two hubs
with the same identity: one on a throwaway PostgreSQL server (started as ``tests/pg.py`` starts
the tests' server: from the Debian binaries, as a non-root user on a socket, durability OFF, so
the figures are the database's work, not the disk's) and one on a SQLite file (the baseline).
Printed: each hub's import time per bundle (median, p95, total), and the regional report over
the whole span on each (median of ``--runs`` after a warm-up), with their ratios.

    .venv/bin/python bench/bench_pg_region.py                       # 50 x 5 years, scale 1
    .venv/bin/python bench/bench_pg_region.py --municipalities 10   # a quick look
    .venv/bin/python bench/bench_pg_region.py --scale 4             # a region of big teams

``--scale 1`` is the demo municipality as the demo builder makes it (one team with its members,
meetings, youth activities, proposals and quarters); ``--keep FOLDER`` keeps the built bundles
there and reuses them next time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ("MK", "AL", "RS", "BA", "XK", "ME")
HUB_NAME = "Regional hub (bench)"


def test_server_module() -> ModuleType:
    """``tests/pg.py``, the tests' throwaway server (the tests folder is not a package)."""
    spec = importlib.util.spec_from_file_location("hubdesk_tests_pg", ROOT / "tests" / "pg.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Bundle:
    path: Path
    card: Path
    records: int


@dataclass
class Hub:
    """One of the two hubs the bundles go into, and what was measured on it."""

    kind: str
    ctx: Any
    close: Callable[[], None]
    imports: list[float] = field(default_factory=list)
    report: list[float] = field(default_factory=list)
    queries: list[float] = field(default_factory=list)


def places(count: int) -> list[tuple[str, str]]:
    return [(f"Municipality {i + 1:02d}", COUNTRIES[i % len(COUNTRIES)]) for i in range(count)]


def make_hub(ctx: Any, folder: Path, keys_from: Path | None, today: dt.date) -> Any:
    """The bench hub in ``ctx``: the demo hub's identity (the municipalities' demo rows name
    it), its keys, and the call its municipalities' proposals answer."""
    from hubdesk.services.demo_hub import publish_demo_hub
    from hubdesk.services.staff import add_first_admin
    from hubdesk.sync import keys

    ctx.data_dir = folder
    if keys_from is not None:
        shutil.copytree(keys.keys_dir(keys_from), keys.keys_dir(folder), dirs_exist_ok=True)
    keys.ensure_keys(folder)
    add_first_admin(ctx)
    publish_demo_hub(ctx, today)
    return ctx


def new_hub(db: Any, folder: Path, keys_from: Path | None, today: dt.date) -> Any:
    from hubdesk.domain.enums import Role
    from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID
    from hubdesk.services.installation import initialise

    ctx = initialise(
        db, role=Role.HUB.value, name=HUB_NAME, installation_id=DEMO_HUB_INSTALLATION_ID
    )
    return make_hub(ctx, folder, keys_from, today)


def build_bundles(
    folder: Path, hub_card: Path, count: int, scale: int, years: int, today: dt.date
) -> list[Bundle]:
    """One bundle per municipality for the hub of ``hub_card``; reused when already built."""
    from hubdesk.services import demo_rows
    from hubdesk.services.demo import build_demo
    from hubdesk.services.installation import load_context
    from hubdesk.storage.open import open_database
    from hubdesk.sync import keys, peers, profile
    from hubdesk.sync.export import export_bundle

    demo_rows.YEARS = years  # the demo's span: the only place it is read (DemoPlan.start)
    hub = profile.read_profile(hub_card)
    bundles: list[Bundle] = []
    started = time.perf_counter()
    for index, (name, country) in enumerate(places(count)):
        done = folder / f"m{index:02d}.done"
        path, card = folder / f"m{index:02d}.hubdesk", folder / f"m{index:02d}.json"
        if done.exists():
            bundles.append(Bundle(path, card, int(done.read_text())))
            continue
        work = folder / f"m{index:02d}"
        shutil.rmtree(work, ignore_errors=True)
        db = open_database(work)
        try:
            build_demo(db, seed=index + 1, scale=scale, today=today, name=name, country=country)
            muni = load_context(db, work)
            profile.export_profile(muni, keys.ensure_keys(work), card)
            peers.enrol(muni, hub)
            sent = export_bundle(muni, hub.installation_id, path)
        finally:
            db.close()
        shutil.rmtree(work)
        done.write_text(f"{sent.records}\n")
        bundles.append(Bundle(path, card, sent.records))
        print(f"  built {name} ({country}): {sent.records:,} records", flush=True)
    print(
        f"{count} bundles, {sum(b.records for b in bundles):,} records "
        f"(built in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    return bundles


def import_all(hub: Hub, bundles: list[Bundle]) -> None:
    from hubdesk.sync import peers, profile, proposal_import
    from hubdesk.sync.importer import import_bundle

    for bundle in bundles:
        peers.enrol(hub.ctx, profile.read_profile(bundle.card))
    for number, bundle in enumerate(bundles, start=1):
        begun = time.perf_counter()
        # The demo's proposals were decided by the demo's hub, not by this one: their histories
        # are not judged step by step (as in bench_sync.py and the self-test).
        with proposal_import.demo_history():
            import_bundle(hub.ctx, bundle.path)
        hub.imports.append(time.perf_counter() - begun)
        if number % 10 == 0 or number == len(bundles):
            print(
                f"  {hub.kind}: {number} bundles imported, last {hub.imports[-1]:.2f} s",
                flush=True,
            )


def time_report(hub: Hub, runs: int, start: dt.date, today: dt.date, out: Path) -> None:
    from hubdesk.reports import generate_report
    from hubdesk.reports.data.fund_money import funded_proposals
    from hubdesk.reports.data.overview import overview
    from hubdesk.reports.data.scope import Period, municipalities

    def report() -> None:
        generate_report(
            hub.ctx, "regional", out, lang="en", date_from=start, date_to=today, today=today
        )

    def data() -> None:
        with hub.ctx.read() as session:
            overview(session, Period(start, today), today)
            funded_proposals(session)
        municipalities(hub.ctx)

    for fn, into in ((report, hub.report), (data, hub.queries)):
        fn()  # warm-up: imports, caches
        for _run in range(runs):
            begun = time.perf_counter()
            fn()
            into.append(time.perf_counter() - begun)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(pg: Hub, lite: Hub, bundles: list[Bundle]) -> None:
    records = sum(b.records for b in bundles)
    per = statistics.median(b.records for b in bundles)
    print()
    print(f"{len(bundles)} bundles, {records:,} records (median {per:,.0f} a bundle)")
    print(f"{'':32} {'PostgreSQL':>12} {'SQLite':>12} {'ratio':>7}")

    def line(label: str, a: float, b: float, unit: str = "s") -> None:
        print(f"{label:32} {a:11.2f}{unit} {b:11.2f}{unit} {a / b:6.2f}x")

    median = statistics.median
    line("import per bundle, median", median(pg.imports), median(lite.imports))
    line("import per bundle, p95", p95(pg.imports), p95(lite.imports))
    line("import, first bundle", pg.imports[0], lite.imports[0])
    line("import, last bundle", pg.imports[-1], lite.imports[-1])
    line("import, all bundles", sum(pg.imports), sum(lite.imports))
    line("regional report, median", median(pg.report), median(lite.report))
    line("  of which data queries", median(pg.queries), median(lite.queries))
    rate_pg, rate_lite = records / sum(pg.imports), records / sum(lite.imports)
    print(f"{'records imported a second':32} {rate_pg:12,.0f} {rate_lite:12,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=50)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="the demo builder's scale each")
    parser.add_argument("--runs", type=int, default=3, help="regional report runs each")
    parser.add_argument("--keep", type=Path, default=None, help="keep the bundles here")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from hubdesk.services.installation import get_installation
    from hubdesk.storage.db import Database
    from hubdesk.storage.open import open_database
    from hubdesk.storage.server import open_server_database, parse_url
    from hubdesk.sync import keys, profile

    today = dt.date.today()
    start = today - dt.timedelta(days=args.years * 365)
    print(f"(shared 2-core machine: load average {os.getloadavg()[0]:.1f})", flush=True)
    pg_module = test_server_module()
    server = pg_module.start_server()
    with tempfile.TemporaryDirectory(prefix="hubdesk-bench-region-") as scratch:
        root = Path(scratch)
        store = args.keep or root / "bundles"
        store.mkdir(parents=True, exist_ok=True)
        hubs: list[Hub] = []
        try:
            # The SQLite hub first: its keys (kept with the bundles) are both hubs' identity.
            lite_db = open_database(root / "hub-sqlite")
            if (store / "keys").exists():
                shutil.copytree(store / "keys", keys.keys_dir(root / "hub-sqlite"))
            lite_ctx = new_hub(lite_db, root / "hub-sqlite", None, today)
            hubs.append(Hub("SQLite", lite_ctx, lite_db.close))
            shutil.copytree(keys.keys_dir(root / "hub-sqlite"), store / "keys", dirs_exist_ok=True)
            hub_card = root / "hub.json"
            profile.export_profile(lite_ctx, keys.load_keys(root / "hub-sqlite"), hub_card)
            bundles = build_bundles(
                store, hub_card, args.municipalities, args.scale, args.years, today
            )

            url = parse_url(server.create("hubdesk_region"))
            pg_db: Database = open_server_database(url)
            pg_ctx = new_hub(pg_db, root / "hub-pg", root / "hub-sqlite", today)
            assert get_installation(pg_db) is not None
            hubs.insert(0, Hub("PostgreSQL", pg_ctx, pg_db.close))
            for hub in hubs:
                import_all(hub, bundles)
            for hub in hubs:
                time_report(hub, args.runs, start, today, root / f"regional-{hub.kind}.pdf")
                print(f"  {hub.kind}: regional report {statistics.median(hub.report):.2f} s")
            summary(hubs[0], hubs[1], bundles)
        finally:
            for hub in hubs:
                hub.close()
            server.stop()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
