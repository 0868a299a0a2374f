"""How fast ``hubdesk demo --scale K`` is, and what the ORM layer costs over raw SQLite.

Prints, for one run on this PC:
  1. the wall time of ``hubdesk demo --scale K`` in a new process (start-up, migration, build);
  2. the insert phase of ``build_demo`` (SQLAlchemy Core executemany, audit, commit) against a
     raw ``sqlite3.executemany`` of exactly the same rows into the same schema with the same
     pragmas, both measured here, and their ratio (the aim is at most 3x).

The raw rows are the demo's own rows regenerated from the same seed (generation is
deterministic) and converted to SQLite values with SQLAlchemy's bind processors before the
clock starts; both databases are compared table by table afterwards.

    .venv/bin/python bench/bench_demo.py [--scale 100] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hubdesk.domain.base import Base
from hubdesk.services.demo import CACHE_KIB, build_demo, generate_chunks
from hubdesk.services.demo_rows import TABLES, DemoPlan, plan_demo
from hubdesk.storage.db import BUSY_TIMEOUT_MS
from hubdesk.storage.open import open_database

# Runs the real command line; lists the demo command if the dispatcher does not yet.
DRIVER = """
import sys
from hubdesk import cli
from hubdesk.commands import demo
modules = cli.command_modules()
if demo not in modules:
    cli.command_modules = lambda: [*modules, demo]
sys.exit(cli.main(sys.argv[1:]))
"""
COPIED = ("installation", "municipalities")  # written by initialise, not part of the timing


def end_to_end(folder: Path, seed: int, scale: int) -> float:
    command = [sys.executable, "-c", DRIVER, "--data-dir", str(folder), "demo"]
    command += ["--seed", str(seed), "--scale", str(scale)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def raw_connection(path: Path) -> sqlite3.Connection:
    """sqlite3 with HubDesk's pragmas and the demo's page cache, transactions by hand."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "foreign_keys=ON",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
        f"cache_size=-{CACHE_KIB}",
    ):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def to_driver_rows(table: str, rows: list[dict[str, Any]], dialect: Any) -> tuple[str, list[Any]]:
    columns = list(Base.metadata.tables[table].columns)
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    names = ", ".join(c.name for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    params = [
        tuple(
            p(row[c.name]) if p else row[c.name] for c, p in zip(columns, processors, strict=True)
        )
        for row in rows
    ]
    return sql, params


def raw_insert(source: Path, target: Path, plan: DemoPlan, dialect: Any) -> float:
    """Seconds spent in executemany and commit for every generated row (conversion untimed)."""
    conn = raw_connection(target)
    with sqlite3.connect(source) as src:
        for table in COPIED:
            rows = src.execute(f"SELECT * FROM {table}").fetchall()
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    elapsed = 0.0
    conn.execute("BEGIN")
    for _blocks, chunk in generate_chunks(plan):
        for table in TABLES:
            if not chunk[table]:
                continue
            sql, params = to_driver_rows(table, chunk[table], dialect)
            started = time.perf_counter()
            conn.executemany(sql, params)
            elapsed += time.perf_counter() - started
    started = time.perf_counter()
    conn.execute("COMMIT")
    elapsed += time.perf_counter() - started
    conn.close()
    return elapsed


def digest(path: Path, table: str) -> str:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hubdesk-bench-") as tmp:
        root = Path(tmp)
        wall = end_to_end(root / "cli", args.seed, args.scale)
        print(f"hubdesk demo --scale {args.scale} (new process, end to end): {wall:.2f} s")

        db = open_database(root / "orm")
        summary = build_demo(db, seed=args.seed, scale=args.scale)
        dialect = db.engine.dialect
        source = db.path
        db.close()
        assert source is not None
        raw_db = open_database(root / "raw")  # the same migrated schema
        target = raw_db.path
        raw_db.close()
        assert target is not None
        plan = plan_demo(args.seed, args.scale, summary.today)
        raw = raw_insert(source, target, plan, dialect)

        same = all(digest(source, t) == digest(target, t) for t in (*TABLES, "municipalities"))
        print(f"build_demo: {summary.records:,} records")
        print(f"  generate phase (Python rows):                 {summary.generate_seconds:.2f} s")
        print(f"  insert phase (SQLAlchemy Core, audit, commit): {summary.insert_seconds:.2f} s")
        print(f"raw sqlite3.executemany of the same rows:        {raw:.2f} s")
        print(f"insert phase / raw executemany: {summary.insert_seconds / raw:.2f}x (aim <= 3x)")
        print(f"same rows in both databases: {'yes' if same else 'NO'}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
