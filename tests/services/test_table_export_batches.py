"""An export reads its rows a batch at a time; on a hub's PostgreSQL server that is a
server-side cursor, held open while each batch's attendance is read beside it and the file
is written. The rows must come out whole and in the list's order on either database."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from hubdesk import clock
from hubdesk.services import listing, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.tables.export import export_table


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8-sig")))


def test_members_and_attendance_read_in_small_batches_come_out_whole(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id
    members = [
        team.create_member(
            ctx,
            {
                "team_id": cat,
                "name": f"Member {n:02d}",
                "organisation": "Municipality",
                "sector": "local_government",
                "role": "member",
                "gender": "female",
                "joined_on": dt.date(2020, 1, 1),
            },
        ).id
        for n in range(7)
    ]
    for day in range(1, 6):
        starts = clock.from_wall(dt.datetime(2024, 3, day, 18, 0))
        meeting = meetings.create_meeting(
            ctx, {"team_id": cat, "starts_at": starts, "kind": "regular"}
        )
        meetings.set_attendance(ctx, meeting.id, {m: "present" for m in members[:day]})
    monkeypatch.setattr(listing, "READ_BATCH", 2)

    export_table(ctx, "members", tmp_path / "members.csv")
    export_table(ctx, "attendance", tmp_path / "attendance.csv")

    listed = team.list_members(ctx, team.MemberFilter(active=None), Page(order_by="name"))
    sheet = rows_of(tmp_path / "members.csv")
    names = [row[sheet[0].index("Name")] for row in sheet[1:]]
    assert names == [m.name for m in listed] == [f"Member {n:02d}" for n in range(7)]
    attendance = rows_of(tmp_path / "attendance.csv")
    day = attendance[0].index("Meeting date")
    assert len(attendance) - 1 == 1 + 2 + 3 + 4 + 5
    assert sorted({row[day] for row in attendance[1:]}) == [
        f"2024-03-0{d} 18:00" for d in range(1, 6)
    ]
