"""How fast the Team page's search is, against raw SQL ``LIKE`` run here and now.

Builds a municipality with 100,000 members named as the demo names them (Macedonian,
Albanian, Serbian and Roma names, in Cyrillic and in Latin letters, the organisations of the
demo's team seats), where one member in twenty sits in an organisation the query names: a
Latin one ("ardhmëria", from "Shoqata „Ardhmëria“ Kumanovë") and a Cyrillic one ("ромаја",
from "Здружение на Роми „Ромаја“"). Rows are written with ``sqlite3.executemany`` and their
search text made by ``hubdesk.domain.search``, as an import writes them.

For each query, in alternating repetitions in one process, it times:
  - HubDesk: ``team.search_members``, what the Team page runs when its search box changes:
    the number of matches and the first page of 200 rows ordered by name, as ``Member``
    objects, searched case-insensitively in any script (the term is typed in capitals);
  - raw: plain ``sqlite3`` fetching every matching row with ``LIKE`` over the same columns
    (name, organisation) and the same conditions, with the term as stored (raw ``LIKE`` folds
    only ASCII letters, so "РОМАЈА" would find nothing there);
and prints the medians and their ratio against the aim (at most 2x).

    .venv/bin/python bench/bench_search.py [--rows 100000] [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

AIM = 2.0
QUERIES = (  # (typed into the search box, as stored, the organisation that holds it)
    ("ARDHMËRIA", "ardhmëria", "Shoqata „Ardhmëria“ Kumanovë"),
    ("РОМАЈА", "Ромаја", "Здружение на Роми „Ромаја“"),
)
RAW = (
    "SELECT * FROM members WHERE NOT deleted AND municipality_id = ?"
    " AND (name LIKE ? OR organisation LIKE ?)"
)


def fill_members(folder: Path, rows: int) -> tuple[Path, str]:
    """A municipality with one team of ``rows`` members; returns the database and its id."""
    from hubdesk.domain.search import with_search_text
    from hubdesk.services import demo_data, team
    from hubdesk.services.installation import initialise
    from hubdesk.storage.open import open_database

    db = open_database(folder)
    ctx = initialise(db, role="municipality", name="Куманово", country="MK")
    cat = team.create_team(ctx, {"name": "CAT Куманово", "kind": "cat"})
    db.close()
    assert ctx.municipality_id is not None
    planted = [organisation for _typed, _stored, organisation in QUERIES]
    seats = [s for s in demo_data.SEATS if s.organisation not in planted]
    rng = random.Random(1)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    members = []
    for n in range(rows):
        seat = rng.choice(seats)
        gender = seat.gender or rng.choice(("female", "male"))
        who = demo_data.person(rng, demo_data.community(rng, seat.community), gender)
        # One member in twenty for each query, spread evenly through the table.
        organisation = planted[n % 20 // 10] if n % 10 == 0 else seat.organisation
        members.append(
            {
                "id": str(uuid.uuid4()),
                "origin": ctx.installation_id,
                "version": n + 1,
                "updated_by": ctx.installation_id,
                "updated_at": now,
                "team_id": cat.id,
                "municipality_id": ctx.municipality_id,
                "name": who.name,
                "organisation": organisation,
                "sector": seat.sector.value,
                "role": seat.role.value,
                "gender": gender,
            }
        )
    columns = [*members[0], "search_text"]
    path = folder / "hubdesk.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            f"INSERT INTO members ({', '.join(columns)}, base_version, deleted, trainings,"
            f" email, phone, notes) VALUES ({', '.join('?' * len(columns))}, NULL, 0, '', '',"
            " '', '')",
            [tuple(row[c] for c in columns) for row in with_search_text("members", members)],
        )
    conn.close()
    return path, ctx.municipality_id


def measure(folder: Path, rows: int, runs: int) -> list[tuple[str, int, float, float]]:
    from hubdesk.services import team
    from hubdesk.services.installation import load_context
    from hubdesk.services.listing import Page
    from hubdesk.storage.open import open_database

    path, municipality_id = fill_members(folder, rows)
    raw = sqlite3.connect(path)
    db = open_database(folder)
    ctx = load_context(db, folder)
    page = Page(offset=0, limit=200, order_by="name")
    out = []
    for typed, stored, _organisation in QUERIES:
        f = team.MemberFilter(search=typed, active=None)
        pattern = f"%{stored}%"
        ours, baseline = [], []
        for run in range(runs + 1):  # the first of each is a warm-up
            started = time.perf_counter()
            matches = raw.execute(RAW, (municipality_id, pattern, pattern)).fetchall()
            took_raw = time.perf_counter() - started
            started = time.perf_counter()
            number, first = team.search_members(ctx, f, page)
            took_ours = time.perf_counter() - started
            assert number == len(matches) and len(first) == min(200, number), (number, stored)
            if run:
                baseline.append(took_raw)
                ours.append(took_ours)
        out.append((typed, number, statistics.median(baseline), statistics.median(ours)))
    db.close()
    raw.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hubdesk-bench-search-") as folder:
        results = measure(Path(folder), args.rows, args.runs)
    print(f"search of {args.rows:,} members, medians of {args.runs} alternating runs")
    for typed, matches, raw, ours in results:
        ratio = ours / raw
        held = "held" if ratio <= AIM else "NOT held"
        print(f"  '{typed}' ({matches:,} match, {matches / args.rows:.0%})")
        print(f"    raw sqlite3 LIKE, every match:        {raw * 1000:7.1f} ms")
        print(f"    HubDesk count + first page of 200:    {ours * 1000:7.1f} ms")
        print(f"    ratio: {ratio:.2f}x (aim <= {AIM:g}x: {held})")


if __name__ == "__main__":
    main()
