"""Sync speed on a 100k-record bundle, as ratios to the raw work measured in the same run.

- export: ``export_bundle`` (select, lineage, privacy, JSON, zip, sign, age) against reading the
  same rows with ``sqlite3`` and ``json`` + ``zlib`` (deflate) of them. Aim: at most 2x.
- import: ``import_bundle`` (decrypt, verify, decode, validate, links, scope, merge, backup,
  audit, one transaction) into an empty hub against ``sqlite3.executemany`` of the same rows
  into an empty database of the same schema. Aim: at most 3x.

Run: ``.venv/bin/python bench/bench_sync.py [--records N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import shutil
import sqlite3
import tempfile
import time
import uuid
import zlib
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from hubdesk.domain import AuditEntry, Member, Team, YouthActivity
from hubdesk.domain.enums import COUNT_COLUMNS
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle

TABLES = ("teams", "members", "youth_activities")


def install(folder: Path, role: str, name: str, country: str | None) -> ServiceContext:
    ctx = initialise(open_database(folder), role=role, name=name, country=country)
    ctx.data_dir = folder
    keys.ensure_keys(folder)
    return ctx


def fill(ctx: ServiceContext, total: int) -> None:
    """``total`` records (teams, members, youth activities), each with its audit entry, written
    in bulk: the bench measures sync, not data entry."""
    assert ctx.municipality_id is not None
    now = dt.datetime.now(dt.UTC)
    teams_n = max(total // 50, 1)
    activities_n = total // 2
    members_n = total - teams_n - activities_n

    ticks = itertools.count()

    def meta() -> dict[str, Any]:
        # Distinct moments, as records written one by one have: no shortcut for equal values.
        moment = now - dt.timedelta(milliseconds=next(ticks))
        return {
            "id": str(uuid.uuid4()), "origin": ctx.installation_id, "version": ctx.clock.now(),
            "base_version": None, "updated_by": ctx.installation_id, "updated_at": moment,
            "deleted": False,
        }  # fmt: skip

    teams = [
        {**meta(), "municipality_id": ctx.municipality_id, "name": f"Team {i}", "kind": "cat"}
        for i in range(teams_n)
    ]
    members = [
        {**meta(), "team_id": teams[i % teams_n]["id"], "municipality_id": ctx.municipality_id,
         "name": f"Member number {i}", "organisation": "Secondary school", "sector": "education",
         "role": "member", "gender": "female", "trainings": "", "email": f"m{i}@example.mk",
         "phone": "+389 70 123 456", "notes": "Prefers meetings in the afternoon."}
        for i in range(members_n)
    ]  # fmt: skip
    grid = dict.fromkeys(COUNT_COLUMNS, 0) | {"n_female_15_19": 12, "n_male_15_19": 9}
    activities = [
        {**meta(), "municipality_id": ctx.municipality_id, "team_id": teams[i % teams_n]["id"],
         "title": f"Youth workshop {i}", "activity_type": "workshop",
         "starts_on": dt.date(2024, 1, 1) + dt.timedelta(days=i % 700), "place": "Youth centre",
         "partners": "Red Cross", "pillars": ["youth_engagement"], "youth_led": i % 2 == 0,
         "participants_total": 21, "marginalised": 4, "outcome": "Ideas for the youth plan",
         **grid}
        for i in range(activities_n)
    ]  # fmt: skip
    with ctx.transaction() as session:
        for model, rows in ((Team, teams), (Member, members), (YouthActivity, activities)):
            session.execute(insert(model), rows)
            session.execute(
                insert(AuditEntry),
                [
                    {"installation_id": ctx.installation_id, "table_name": model.__tablename__,
                     "record_id": r["id"], "version": r["version"], "action": "create",
                     "changes": "{}"}
                    for r in rows
                ],
            )  # fmt: skip


def raw_rows(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            out[table] = ([d[0] for d in cursor.description], cursor.fetchall())
        return out
    finally:
        conn.close()


def baseline_export(path: Path) -> float:
    started = time.perf_counter()
    for _columns, rows in raw_rows(path).values():
        zlib.compress(json.dumps(rows).encode("utf-8"), 6)
    return time.perf_counter() - started


def baseline_import(source: Path, empty: Path) -> float:
    data = raw_rows(source)
    conn = sqlite3.connect(empty)
    try:
        started = time.perf_counter()
        with conn:
            for table, (columns, rows) in data.items():
                marks = ",".join("?" * len(columns))
                conn.executemany(
                    f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})", rows
                )
        return time.perf_counter() - started
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hubdesk-bench-sync-"))
    try:
        muni = install(root / "muni", "municipality", "Kumanovo", "MK")
        hub = install(root / "hub", "hub", "Hub", None)
        for reader, writer in ((hub, muni), (muni, hub)):
            assert writer.data_dir is not None
            card = root / f"{writer.role.value}.json"
            profile.export_profile(writer, keys.load_keys(writer.data_dir), card)
            peers.enrol(reader, profile.read_profile(card))
        fill(muni, args.records)
        empty = root / "empty"
        open_database(empty).close()

        base_out = baseline_export(database_path(root / "muni"))
        started = time.perf_counter()
        sent = export_bundle(muni, hub.installation_id, root / "bundle.hubdesk", full=True)
        ours_out = time.perf_counter() - started

        base_in = baseline_import(database_path(root / "muni"), database_path(empty))
        started = time.perf_counter()
        result = import_bundle(hub, sent.path)
        ours_in = time.perf_counter() - started
        assert result.totals().created == sent.records, result.summary()

        size = sent.size / 1_000_000
        print(f"bundle: {sent.records} records, {size:.1f} MB")
        print(
            f"export: {ours_out:.2f} s vs json+deflate {base_out:.2f} s "
            f"= {ours_out / base_out:.2f}x (aim <= 2x)"
        )
        print(f"import: {ours_in:.2f} s vs sqlite3.executemany {base_in:.2f} s "
              f"= {ours_in / base_in:.2f}x (aim <= 3x)")  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
