"""An export reads its rows a batch at a time as it writes them: a hub's table of a million
records never sits in memory whole, and the file is the one a single read would give."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import weakref
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import event
from tables_helpers import add_member

from hubdesk import clock
from hubdesk.domain import Member
from hubdesk.services import listing, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.tables import export
from hubdesk.tables.export import export_table

SORTED = Page(order_by="joined_on", descending=True)


@pytest.fixture
def many(ctx: ServiceContext, cat: str) -> list[str]:
    """Eleven members, two joined the same day (the id breaks the tie), one who left."""
    ids = [
        add_member(ctx, cat, f"Member {n:02d}", joined_on=dt.date(2020, 1 + n % 6, 1))
        for n in range(10)
    ]
    ids.append(
        add_member(
            ctx, cat, "Elira Dauti", joined_on=dt.date(2021, 3, 1), left_on=dt.date(2024, 6, 30)
        )
    )
    return ids


def export_with_batches(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, batch: int, path: Path, **kw: Any
) -> int:
    with monkeypatch.context() as patch:
        patch.setattr(listing, "READ_BATCH", batch)
        return export_table(ctx, path=path, **kw).rows


def sheet(path: Path) -> list[list[tuple[Any, str, str]]]:
    """Every cell of the workbook: its value, type and number format."""
    rows = openpyxl.load_workbook(path).active.iter_rows()
    return [[(c.value, c.data_type, c.number_format) for c in row] for row in rows]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_read_in_many_batches_writes_the_tables_rows_in_its_order(
    ctx: ServiceContext,
    many: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    small, whole = tmp_path / f"small{suffix}", tmp_path / f"whole{suffix}"
    kw: dict[str, Any] = {"kind": "members", "page": SORTED, "private": True}
    assert export_with_batches(ctx, monkeypatch, 2, small, **kw) == 11
    assert export_with_batches(ctx, monkeypatch, 10_000, whole, **kw) == 11
    listed = team.list_members(ctx, team.MemberFilter(active=None), SORTED)
    if suffix == ".csv":
        assert small.read_bytes() == whole.read_bytes()
        rows = list(csv.reader(small.open(encoding="utf-8-sig")))
        assert [row[0] for row in rows[1:]] == [m.id for m in listed]  # the table's order
        return
    cells = sheet(small)
    assert cells == sheet(whole)
    assert [row[0][0] for row in cells[1:]] == [m.id for m in listed]
    joined = cells[0].index(("Joined on", "s", "General"))
    assert [row[joined] for row in cells[1:]] == [
        (dt.datetime.combine(m.joined_on, dt.time()), "d", "dd/mm/yyyy") for m in listed
    ]
    book = openpyxl.load_workbook(small).active
    assert book.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(cells[0]))}12"


def test_attendance_read_a_few_meetings_at_a_time_has_every_status_in_order(
    ctx: ServiceContext,
    cat: str,
    roster: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Batches of two meetings, some of them with no attendance taken: nothing is lost or
    repeated where one batch ends and the next begins."""
    for day in range(1, 8):
        meeting = meetings.create_meeting(
            ctx,
            {
                "team_id": cat,
                "starts_at": dt.datetime(2024, 3, day, 9, 30, tzinfo=dt.UTC),
                "kind": "regular",
            },
        )
        if day % 3:
            statuses = {roster[0]: "present", roster[day % 2 + 1]: "absent"}
            meetings.set_attendance(ctx, meeting.id, statuses)
    out = tmp_path / "attendance.csv"
    assert export_with_batches(ctx, monkeypatch, 2, out, kind="attendance") == 10
    listed = meetings.list_meetings(ctx, meetings.MeetingFilter(), Page())
    statuses = meetings.attendance_of_meetings(ctx, (m.id for m in listed))
    names = {m.id: m.name for m in team.list_members(ctx, team.MemberFilter(active=None))}
    expected = [
        (clock.wall(meeting.starts_at).strftime("%Y-%m-%d %H:%M"), names[member], status)
        for meeting in listed
        for member, status in statuses[meeting.id].items()
    ]
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    at = [rows[0].index(header) for header in ("Meeting date", "Member", "Attendance")]
    labels = {"present": "Present", "absent": "Absent"}
    assert [(r[at[0]], r[at[1]], r[at[2]]) for r in rows[1:]] == [
        (day, name, labels[status]) for day, name, status in expected
    ]
    seen: list[tuple[int, int]] = []
    with monkeypatch.context() as patch:
        patch.setattr(listing, "READ_BATCH", 2)
        export_table(ctx, "attendance", out, progress=lambda d, t: not seen.append((d, t)))
    counted = [(done, total) for done, total in seen if total]
    assert counted[-1] == (7, 7)  # the bar fills by the seven meetings read, not the ten rows
    assert {2, 4, 6} <= {done for done, _total in counted}
    assert {total for _done, total in counted} == {7}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_export_holds_a_batch_of_records_never_the_whole_table(
    ctx: ServiceContext,
    many: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    """Every row of a hub's table held at once took hundreds of megabytes, and the garbage
    collector walking them paused the window for a few hundred milliseconds at a time."""
    alive: weakref.WeakSet[Member] = weakref.WeakSet()
    most: list[int] = []

    def loaded(member: Member, _context: Any) -> None:
        alive.add(member)

    cell = export.cell

    def counting(column: Any, row: Any, look: Any) -> Any:
        if column.key == "id":  # once a row, as its cells are made
            gc.collect()
            most.append(len(alive))
        return cell(column, row, look)

    monkeypatch.setattr(listing, "READ_BATCH", 2)
    monkeypatch.setattr(export, "cell", counting)
    event.listen(Member, "load", loaded)
    try:
        result = export_table(ctx, "members", tmp_path / f"members{suffix}")
    finally:
        event.remove(Member, "load", loaded)
    assert result.rows == len(most) == 11
    assert max(most) <= 4, most  # the batch in hand and the one read ahead, not all eleven
