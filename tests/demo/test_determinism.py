"""The same seed gives the same database, row for row and id for id; the scale multiplies it."""

from __future__ import annotations

from pathlib import Path

from demo_support import Demo, make_demo

from hubdesk.services import demo_rows

# What the generator writes (attached files come afterwards, through the service).
TABLES = ["municipalities", *demo_rows.TABLES]


def dump(demo: Demo) -> dict[str, list[tuple[object, ...]]]:
    return {t: [tuple(r) for r in demo.rows(f"SELECT * FROM {t} ORDER BY id")] for t in TABLES}


def test_same_seed_same_rows_including_ids_and_versions(demo: Demo, tmp_path: Path) -> None:
    again = make_demo(tmp_path / "again")
    try:
        assert again.summary.installation_id == demo.summary.installation_id
        assert again.summary.counts == demo.summary.counts
        first, second = dump(demo), dump(again)
        for table in TABLES:
            assert first[table] == second[table], table
    finally:
        again.db.close()


def test_another_seed_gives_other_records(demo: Demo, tmp_path: Path) -> None:
    other = make_demo(tmp_path / "other", seed=2)
    try:
        assert other.summary.installation_id != demo.summary.installation_id
        ids = {r[0] for r in demo.rows("SELECT id FROM meetings")}
        assert ids.isdisjoint(r[0] for r in other.rows("SELECT id FROM meetings"))
        names = [r[0] for r in demo.rows("SELECT name FROM members ORDER BY name")]
        assert names != [r[0] for r in other.rows("SELECT name FROM members ORDER BY name")]
    finally:
        other.db.close()


def test_scale_two_doubles_the_volumes_and_keeps_the_first_team(demo: Demo, tmp_path: Path) -> None:
    double = make_demo(tmp_path / "double", scale=2)
    try:
        one, two = demo.summary.counts, double.summary.counts
        assert two["municipalities"] == 1
        assert two["teams"] == 2 and two["fund_proposals"] == 16
        for table in TABLES:
            if one[table] >= 20:
                assert 1.7 * one[table] <= two[table] <= 2.3 * one[table], table
        # Each team is generated on its own, so scale 2 holds scale 1 and a second team.
        first, bigger = dump(demo), dump(double)
        for table in TABLES:
            assert set(first[table]) <= set(bigger[table]), table
        statuses = [r[0] for r in double.rows("SELECT status FROM fund_proposals")]
        assert all(statuses.count(s) == 2 for s in set(statuses))
        references = [r[0] for r in double.rows("SELECT reference FROM fund_proposals")]
        assert len(set(references)) == 16
        assert double.rows("PRAGMA foreign_key_check") == []
    finally:
        double.db.close()
