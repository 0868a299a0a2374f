"""What issue 2 asks the demo to hold at scale 1, and that every row is a proper synced record."""

from __future__ import annotations

import datetime as dt
import re

from demo_support import TODAY, Demo

from hubdesk.domain import SYNCED_MODELS
from hubdesk.domain.enums import ProposalStatus, Sector
from hubdesk.domain.hlc import unpack
from hubdesk.services import actions, stats
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, TABLES

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ALBANIAN_LATIN = re.compile(r"\b(Rexhepi|Ibraimi|Ismaili|Bajrami|Sulejmani|Memeti|Aliu|Jashari|"
                            r"Shabani|Ademi|Iseni|Zeqiri|Useini|Idrizi|Asani)\b")  # fmt: skip


def test_installation_is_the_kumanovo_municipality(demo: Demo) -> None:
    installation = demo.rows("SELECT * FROM installation")
    assert len(installation) == 1
    row = installation[0]
    assert (row["role"], row["name"], row["language"]) == ("municipality", "Куманово", "mk")
    assert row["id"] == demo.summary.installation_id
    municipality = demo.rows("SELECT * FROM municipalities")[0]
    assert (municipality["name"], municipality["country"], municipality["currency"]) == (
        "Куманово",
        "MK",
        "MKD",
    )


def test_one_team_of_about_25_across_all_sectors(demo: Demo) -> None:
    assert demo.value("SELECT count(*) FROM teams") == 1
    assert demo.value("SELECT kind FROM teams") == "cat"
    members = demo.rows("SELECT * FROM members")
    active = [m for m in members if m["left_on"] is None or m["left_on"] > TODAY.isoformat()]
    assert 22 <= len(active) <= 28
    assert 2 <= len(members) - len(active) <= 5, "a few members have left"
    assert {m["sector"] for m in active} == {s.value for s in Sector}
    names = [m["name"] for m in members]
    assert len(set(names)) == len(names)
    assert any(CYRILLIC.search(n) for n in names)
    assert any(ALBANIAN_LATIN.search(n) for n in names), "Albanian names as people sign them"
    organisations = {m["organisation"] for m in members}
    for expected in ("Општина Куманово", "ОУ „Браќа Миладиновци“", "СВР Куманово"):
        assert expected in organisations
    assert any("Центар за социјална работа" in o for o in organisations)


def test_about_70_meetings_with_attendance_of_every_active_member(demo: Demo) -> None:
    meetings = demo.rows("SELECT id, date(starts_at) AS day FROM meetings")
    assert 60 <= len(meetings) <= 80
    members = demo.rows("SELECT id, joined_on, left_on FROM members")
    statuses: dict[str, int] = {}
    for meeting in meetings:
        expected = {
            m["id"]
            for m in members
            if m["joined_on"] <= meeting["day"]
            and (m["left_on"] is None or meeting["day"] < m["left_on"])
        }
        rows = demo.rows(
            "SELECT member_id, status FROM attendance WHERE meeting_id = ?", meeting["id"]
        )
        assert {r["member_id"] for r in rows} == expected
        for row in rows:
            statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    assert set(statuses) == {"present", "excused", "absent"}
    assert statuses["present"] > 0.7 * sum(statuses.values())
    assert demo.value("SELECT count(*) FROM decisions") >= len(meetings)
    assert demo.value("SELECT count(DISTINCT meeting_id) FROM meeting_guests") > 10


def test_action_items_some_done_some_open_some_overdue(demo: Demo) -> None:
    by_status = dict(demo.rows("SELECT status, count(*) FROM action_items GROUP BY status"))
    assert by_status["done"] > by_status["open"] > 0
    overdue = actions.overdue_action_items(demo.context(), on=TODAY)
    total = sum(by_status.values())
    assert 3 <= len(overdue) < 0.2 * total
    assert all(item.due_on < TODAY and item.status in ("open", "in_progress") for item in overdue)


def test_about_90_youth_activities_with_youth_led_and_fed_into_decisions(demo: Demo) -> None:
    activities = demo.rows(
        "SELECT youth_led, fed_into_decision, activity_type FROM youth_activities"
    )
    assert 80 <= len(activities) <= 100
    youth_led = sum(a["youth_led"] for a in activities) / len(activities)
    assert 0.3 <= youth_led <= 0.55
    assert 5 <= sum(a["fed_into_decision"] for a in activities) < len(activities) / 2
    assert len({a["activity_type"] for a in activities}) >= 7


def test_eight_proposals_one_in_every_status(demo: Demo) -> None:
    statuses = [r["status"] for r in demo.rows("SELECT status FROM fund_proposals")]
    assert sorted(statuses) == sorted(s.value for s in ProposalStatus)
    assert {r[0] for r in demo.rows("SELECT currency FROM fund_proposals")} == {"MKD"}
    decided = demo.value("SELECT count(DISTINCT proposal_id) FROM fund_decisions")
    assert decided == 5  # changes requested, approved, rejected, in implementation, completed


def test_summary_counts_what_is_stored(demo: Demo) -> None:
    counts = demo.summary.counts
    for table in ("municipalities", *TABLES):
        assert counts[table] == demo.value(f"SELECT count(*) FROM {table}"), table
    assert demo.summary.records == sum(counts.values())
    shown = stats.table_counts(demo.context())
    for key in ("members", "teams", "meetings", "action_items", "youth_activities"):
        assert shown[key] == counts[key]
    assert shown["conflicts"] == 0
    assert demo.summary.generate_seconds > 0 and demo.summary.insert_seconds > 0
    assert demo.summary.total_seconds >= demo.summary.insert_seconds


def test_every_record_carries_full_sync_metadata(demo: Demo) -> None:
    own = demo.summary.installation_id
    highest = 0
    for model in SYNCED_MODELS:
        table = model.__tablename__  # type: ignore[attr-defined]
        rows = demo.rows(f"SELECT id, origin, version, base_version, updated_by, updated_at, "
                         f"deleted FROM {table}")  # fmt: skip
        for row in rows:
            assert len(row["id"]) == 36
            assert row["origin"] == row["updated_by"] in (own, DEMO_HUB_INSTALLATION_ID), table
            assert row["base_version"] is None and row["deleted"] == 0
            assert row["updated_at"] < TODAY.isoformat()
            physical_ms, _counter = unpack(row["version"])
            assert row["updated_at"][:16] == _utc_minute(physical_ms), table
            highest = max(highest, row["version"])
    assert demo.value("SELECT hlc_last FROM installation") >= highest


def test_hub_wrote_only_its_own_steps(demo: Demo) -> None:
    changes = demo.rows("SELECT by_role, origin FROM proposal_status_changes")
    for change in changes:
        expected = (
            DEMO_HUB_INSTALLATION_ID if change["by_role"] == "hub" else demo.summary.installation_id
        )
        assert change["origin"] == expected
    assert {c["by_role"] for c in changes} == {"hub", "municipality"}
    assert {r[0] for r in demo.rows("SELECT origin FROM fund_decisions")} == {
        DEMO_HUB_INSTALLATION_ID
    }


def test_one_audit_entry_per_table(demo: Demo) -> None:
    entries = demo.rows("SELECT table_name, changes FROM audit_log WHERE action = 'demo'")
    assert sorted(e["table_name"] for e in entries) == sorted(TABLES)
    for entry in entries:
        assert entry["changes"] == f'{{"records": [0, {demo.summary.counts[entry["table_name"]]}]}}'


def _utc_minute(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%Y-%m-%d %H:%M")
