"""Sync speed and memory on the demo's real mix of records, as ratios to raw work in the same run.

The municipality is the demo builder's (``--scale`` team blocks; about 2,350 records each, three
quarters of them attendance rows), so the bundle carries every record kind in its real
proportions.

- export: ``export_bundle`` (select, lineage, privacy, JSON, zip, sign, age, file) against
  reading the same rows with ``sqlite3`` and ``json`` + deflate (``zlib``) of them. Aim: <= 1.3x.
- import: ``import_bundle`` (decrypt, verify, decode, validate, links, scope, authority, merge,
  backup, audit, one transaction) into an empty hub against ``sqlite3.executemany`` of the same
  rows into an empty database of the same schema (WAL, ``synchronous=FULL``, foreign keys,
  the import's page cache).
  Aim: <= 2x.
- memory: peak resident memory (``VmHWM``, Linux) of a new process that only exports, or only
  imports, the bundle, next to a process that only imports HubDesk. Aim: <= 400 MB for a
  1M-record bundle, and flat in the bundle's size (compare ``--scale 43`` with ``--scale 426``).

Baseline and HubDesk runs alternate (``--rounds``); the best of each is compared.

Run: ``.venv/bin/python bench/bench_sync.py [--scale 43] [--rounds 2] [--no-memory]``;
``--scale 426`` gives a bundle of about one million records (minutes to build).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from hubdesk.services.context import ServiceContext
from hubdesk.services.demo import build_demo
from hubdesk.services.demo_hub import publish_demo_hub
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.codec import TABLE_ORDER
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle
from hubdesk.sync.rawio import WRITE_CACHE_KIB

EXPORT_AIM, IMPORT_AIM, MEMORY_AIM_MB = 1.3, 2.0, 400

CHILD = """
import sys, time
from pathlib import Path
mode, folder, peer, bundle = sys.argv[1], Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database
ctx = load_context(open_database(folder), folder)
started = time.perf_counter()
if mode == "export":
    from hubdesk.sync.export import export_bundle
    export_bundle(ctx, peer, bundle, full=True)
elif mode == "import":
    from hubdesk.sync import proposal_import
    from hubdesk.sync.importer import import_bundle
    with proposal_import.demo_history():  # see import_at_hub
        import_bundle(ctx, bundle)
else:
    import hubdesk.sync.export, hubdesk.sync.importer  # noqa: F401  (what both load)
# VmHWM: this process's own peak (ru_maxrss would include the parent's, inherited at fork).
peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0]
print(time.perf_counter() - started, peak.split()[1])
"""


def import_at_hub(ctx: ServiceContext, bundle: Path) -> Any:
    """The import measured. The demo's proposals were reviewed and decided by the demo's hub,
    not by this empty one, so their histories are not judged step by step here (as in the
    self-test and the hub demo): a few dozen proposal rows in a bundle of attendance, meetings
    and members. Every other check runs, the quarter locks included."""
    from hubdesk.sync import proposal_import

    with proposal_import.demo_history():
        return import_bundle(ctx, bundle)


def install_hub(folder: Path) -> ServiceContext:
    ctx = initialise(open_database(folder), role="hub", name="Hub", country=None)
    ctx.data_dir = folder
    keys.ensure_keys(folder)
    # The demo's proposals answer the hub's open call: the hub publishes it first, as the hub
    # demo does, or the import would rightly refuse a link to a call it does not hold.
    publish_demo_hub(ctx)
    return ctx


def install_demo(folder: Path, scale: int) -> ServiceContext:
    db = open_database(folder)
    build_demo(db, scale=scale)
    keys.ensure_keys(folder)
    return load_context(db, folder)


def introduce(root: Path, a: ServiceContext, b: ServiceContext) -> None:
    for reader, writer in ((a, b), (b, a)):
        assert writer.data_dir is not None
        card = root / f"{writer.installation_id}.json"
        profile.export_profile(writer, keys.load_keys(writer.data_dir), card)
        peers.enrol(reader, profile.read_profile(card))


def raw_rows(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every synced table's rows as stored, read with plain ``sqlite3``."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in TABLE_ORDER:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            out[table] = ([d[0] for d in cursor.description], cursor.fetchall())
        return out
    finally:
        conn.close()


def baseline_export(path: Path) -> float:
    started = time.perf_counter()
    for _columns, rows in raw_rows(path).values():
        zlib.compress(json.dumps(rows, ensure_ascii=False).encode("utf-8"), 6)
    return time.perf_counter() - started


def baseline_import(data: dict[str, tuple[list[str], list[tuple[Any, ...]]]], empty: Path) -> float:
    conn = sqlite3.connect(empty, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        # The page cache HubDesk's import writes with (the default one is 2 MB), so the
        # ratio compares the work done, not the cache sizes.
        conn.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KIB}")
        started = time.perf_counter()
        conn.execute("BEGIN")
        for table, (columns, rows) in data.items():
            names = ",".join(f'"{c}"' for c in columns)
            marks = ",".join("?" * len(columns))
            conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def child(mode: str, folder: Path, peer: str, bundle: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of a new process doing only ``mode``."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder), peer, str(bundle)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rss_kib = done.stdout.split()
    return float(seconds), int(rss_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=43, help="demo team blocks (43: ~100k)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory processes")
    parser.add_argument("--no-speed", action="store_true", help="only the memory processes")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hubdesk-bench-sync-"))
    try:
        started = time.perf_counter()
        muni = install_demo(root / "muni", args.scale)
        hub = install_hub(root / "pristine-hub")
        introduce(root, muni, hub)
        hub.db.close()
        empty = root / "empty"
        open_database(empty).close()
        print(f"demo --scale {args.scale} built in {time.perf_counter() - started:.0f} s")
        bundle = root / "bundle.hubdesk"
        if not args.no_speed:
            speed(root, muni, hub.installation_id, bundle, empty, args.rounds)
        else:
            export_bundle(muni, hub.installation_id, bundle, full=True)
        if not args.no_memory:
            memory(root, muni, hub.installation_id, bundle)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def speed(
    root: Path, muni: ServiceContext, hub_id: str, bundle: Path, empty: Path, rounds: int
) -> None:
    muni_db = database_path(root / "muni")
    outs: list[float] = []
    base_outs: list[float] = []
    ins: list[float] = []
    base_ins: list[float] = []
    records = size = 0
    for _round in range(rounds):
        base_outs.append(baseline_export(muni_db))
        mark = time.perf_counter()
        sent = export_bundle(muni, hub_id, bundle, full=True)
        outs.append(time.perf_counter() - mark)
        records, size = sent.records, sent.size

        data = raw_rows(muni_db)
        target = root / "base-empty"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(empty, target)
        base_ins.append(baseline_import(data, database_path(target)))
        del data
        work = root / "hub"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(root / "pristine-hub", work)
        ctx = load_context(open_database(work), work)
        mark = time.perf_counter()
        result = import_at_hub(ctx, bundle)
        ins.append(time.perf_counter() - mark)
        ctx.db.close()
        assert result.totals().created == records, result.summary()
    print(f"bundle: {records} records, {size / 1e6:.1f} MB")
    out, base_out = min(outs), min(base_outs)
    verdict = "held" if out / base_out <= EXPORT_AIM else "NOT held"
    print(
        f"export: {out:.2f} s vs sqlite3 + json + deflate {base_out:.2f} s = "
        f"{out / base_out:.2f}x (aim <= {EXPORT_AIM}x: {verdict})"
    )
    imp, base_in = min(ins), min(base_ins)
    verdict = "held" if imp / base_in <= IMPORT_AIM else "NOT held"
    print(
        f"import: {imp:.2f} s vs sqlite3.executemany {base_in:.2f} s = "
        f"{imp / base_in:.2f}x (aim <= {IMPORT_AIM}x: {verdict})"
    )


def memory(root: Path, muni: ServiceContext, hub_id: str, bundle: Path) -> None:
    assert muni.data_dir is not None
    _s, bare = child("none", muni.data_dir, hub_id, bundle)
    print(f"memory: a process that only loads HubDesk's sync code: {bare:.0f} MB peak RSS")
    muni.db.close()
    seconds, peak = child("export", muni.data_dir, hub_id, bundle)
    verdict = "held" if peak <= MEMORY_AIM_MB else "NOT held"
    print(f"memory: export in its own process: {peak:.0f} MB peak RSS, {seconds:.1f} s "
          f"(aim <= {MEMORY_AIM_MB} MB at 1M records: {verdict})")  # fmt: skip
    work = root / "hub-memory"
    shutil.copytree(root / "pristine-hub", work)
    seconds, peak = child("import", work, hub_id, bundle)
    verdict = "held" if peak <= MEMORY_AIM_MB else "NOT held"
    print(f"memory: import in its own process: {peak:.0f} MB peak RSS, {seconds:.1f} s "
          f"(aim <= {MEMORY_AIM_MB} MB at 1M records: {verdict})")  # fmt: skip


if __name__ == "__main__":
    main()
