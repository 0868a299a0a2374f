"""Exporting tables: languages, real spreadsheet values, private fields, filters, no half files."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import openpyxl.writer.excel
import pytest
from hub_demo_copy import hub_demo
from tables_helpers import MK

from hubdesk.services import actions, fund, meetings, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.services.listing import Page
from hubdesk.tables.columns import field_column
from hubdesk.tables.errors import TableError
from hubdesk.tables.export import export_table, table_headers
from hubdesk.tables.parsing import parse_cell
from hubdesk.tables.readers import read_sheet
from hubdesk.tables.writers import ExportCancelled


def sheet_rows(path: Path) -> list[list[openpyxl.cell.cell.Cell]]:
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book.active.iter_rows()]


@pytest.mark.usefixtures("catalogs")
def test_macedonian_export_has_cyrillic_headers_labels_and_real_dates(
    ctx: ServiceContext, roster: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "членови.xlsx"
    result = export_table(ctx, "members", out, lang="mk")
    assert result.rows == 3
    book = openpyxl.load_workbook(out)
    sheet = book.active
    assert sheet.title == "Членови на тимот"
    headers = [c.value for c in sheet[1]]
    assert headers[:8] == [
        MK[h]
        for h in (
            "ID",
            "Team",
            "Name",
            "Organisation",
            "Sector",
            "Role in the team",
            "Gender",
            "Joined on",
        )
    ]
    assert "Е-пошта" not in headers and "Забелешки" not in headers  # private: not asked for
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    ana = rows["Ana Petrovska"]
    assert ana[4].value == "Локална самоуправа" and ana[5].value == "Контакт-точка"
    assert ana[6].value == "Женски"
    joined = ana[7]
    assert joined.is_date and joined.data_type == "d"
    assert joined.value.date() == dt.date(2023, 1, 5)
    assert joined.number_format == "dd.mm.yyyy"
    assert rows["Бојан Стојановски"][3].value == "СОУ „Гоце Делчев“"
    assert rows["Elira Dauti"][8].value.date() == dt.date(2024, 6, 30)  # left: still exported


def test_private_fields_only_when_asked(
    ctx: ServiceContext, roster: list[str], tmp_path: Path
) -> None:
    export_table(ctx, "members", tmp_path / "public.xlsx")
    export_table(ctx, "members", tmp_path / "private.xlsx", private=True)
    public = [c.value for c in sheet_rows(tmp_path / "public.xlsx")[0]]
    private = [c.value for c in sheet_rows(tmp_path / "private.xlsx")[0]]
    assert not {"E-mail", "Phone", "Notes"} & set(public)
    assert {"E-mail", "Phone", "Notes"} <= set(private)
    values = {c.value for row in sheet_rows(tmp_path / "public.xlsx") for c in row}
    assert "ana@example.org" not in values and "+389 70 111 222" not in values
    values = {c.value for row in sheet_rows(tmp_path / "private.xlsx") for c in row}
    assert "ana@example.org" in values and "Prefers calls in the morning" in values


def test_the_tables_filter_and_sort_are_applied(
    ctx: ServiceContext, roster: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "education.xlsx"
    result = export_table(ctx, "members", out, filter=team.MemberFilter(sector="education"))
    assert result.rows == 1
    assert sheet_rows(out)[1][2].value == "Бојан Стојановски"
    export_table(
        ctx, "members", out, filter=team.MemberFilter(), page=Page(order_by="name", descending=True)
    )
    names = [row[2].value for row in sheet_rows(out)[1:]]
    assert names == sorted(names, reverse=True) and len(names) == 2
    assert "Elira Dauti" not in names  # the default member filter shows those still on the team
    with pytest.raises(TypeError):
        export_table(ctx, "members", out, filter=youth.YouthFilter())


@pytest.mark.usefixtures("catalogs")
def test_csv_has_bom_semicolons_where_excel_expects_them_and_iso_dates(
    ctx: ServiceContext, roster: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "members.csv"
    export_table(ctx, "members", out, lang="mk")
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    first = text.splitlines()[0]
    assert first.startswith("ИД;Тим;Име и презиме;")
    assert "2023-01-05" in text and "Бојан Стојановски" in text
    export_table(ctx, "members", out, lang="en")
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("ID,Team,Name,")


def test_headers_follow_the_language(catalogs: None) -> None:
    assert table_headers("members", "mk")[2] == "Име и презиме"
    assert table_headers("members", "en")[2] == "Name"
    assert "E-mail" in table_headers("members", "en", private=True)


def make_area_records(ctx: ServiceContext, cat: str, members: list[str]) -> dict[str, str]:
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": cat,
            "starts_at": dt.datetime(2024, 3, 12, 9, 30, tzinfo=dt.UTC),
            "kind": "regular",
            "pillars": ["cooperation", "youth_engagement"],
            "place": "Town hall",
            "minutes": "Secret minutes",
            "minutes_internal": True,
        },
    )
    meetings.set_attendance(ctx, meeting.id, {members[0]: "present", members[1]: "excused"})
    actions.create_action_item(
        ctx,
        {
            "meeting_id": meeting.id,
            "title": "Invite the school",
            "owner_member_id": members[0],
            "due_on": dt.date(2024, 3, 20),
        },
    )
    grid = {"n_female_15_19": 7, "n_male_15_19": 5}
    youth.create_activity(
        ctx,
        {
            "title": "Debate club",
            "activity_type": "workshop",
            "starts_on": dt.date(2024, 4, 2),
            "participants_total": 12,
            "youth_led": True,
            **grid,
        },
    )
    proposal = fund.create_proposal(ctx, {"title": "Youth corner"})
    fund.add_budget_line(
        ctx,
        proposal.id,
        {"category": "travel", "description": "Bus", "quantity": 2, "unit_cost_minor": 150050},
    )
    return {"meeting": meeting.id, "proposal": proposal.id}


def test_every_kind_exports_with_numbers_as_numbers(
    ctx: ServiceContext, cat: str, roster: list[str], tmp_path: Path
) -> None:
    make_area_records(ctx, cat, roster)
    counts = {}
    for kind in (
        "meetings",
        "attendance",
        "action_items",
        "youth_activities",
        "fund_proposals",
        "budget_lines",
    ):
        counts[kind] = export_table(ctx, kind, tmp_path / f"{kind}.xlsx").rows
    assert counts == {
        "meetings": 1,
        "attendance": 2,
        "action_items": 1,
        "youth_activities": 1,
        "fund_proposals": 1,
        "budget_lines": 1,
    }

    meeting = sheet_rows(tmp_path / "meetings.xlsx")
    head = [c.value for c in meeting[0]]
    row = dict(zip(head, meeting[1], strict=True))
    assert row["Starts at"].is_date and row["Kind of meeting"].value == "Regular meeting"
    assert row["Pillars"].value == (
        "National-local, local-local and multi-actor cooperation; Youth-local government engagement"
    )
    assert row["Minutes"].value is None  # internal minutes stay private
    export_table(ctx, "meetings", tmp_path / "m.xlsx", private=True)
    head2 = [c.value for c in sheet_rows(tmp_path / "m.xlsx")[0]]
    assert sheet_rows(tmp_path / "m.xlsx")[1][head2.index("Minutes")].value == "Secret minutes"

    attendance = sheet_rows(tmp_path / "attendance.xlsx")
    statuses = {r[4].value: r[6].value for r in attendance[1:]}
    assert statuses == {"Ana Petrovska": "Present", "Бојан Стојановски": "Excused"}

    items = sheet_rows(tmp_path / "action_items.xlsx")
    head = [c.value for c in items[0]]
    item = dict(zip(head, items[1], strict=True))
    assert item["Owner"].value == "Ana Petrovska" and item["Overdue"].value == "Yes"

    activity = sheet_rows(tmp_path / "youth_activities.xlsx")
    head = [c.value for c in activity[0]]
    act = dict(zip(head, activity[1], strict=True))
    assert act["Female, 15–19"].value == 7 and act["Female, 15–19"].data_type == "n"
    assert act["Participants in total"].value == 12 and act["Youth-led"].value == "Yes"

    lines = sheet_rows(tmp_path / "budget_lines.xlsx")
    head = [c.value for c in lines[0]]
    line = dict(zip(head, lines[1], strict=True))
    assert line["Unit cost"].data_type == "n" and line["Unit cost"].value == pytest.approx(1500.5)
    assert line["Total"].value == pytest.approx(3001.0) and line["Currency"].value == "MKD"
    assert line["Unit cost"].number_format == "#,##0.00" and line["Quantity"].value == 2

    proposals = sheet_rows(tmp_path / "fund_proposals.xlsx")
    head = [c.value for c in proposals[0]]
    prop = dict(zip(head, proposals[1], strict=True))
    assert prop["Total budget"].value == pytest.approx(3001.0) and prop["Status"].value == "Draft"

    export_table(ctx, "budget_lines", tmp_path / "lines.csv", lang="en")
    assert "1500.50" in (tmp_path / "lines.csv").read_text(encoding="utf-8-sig")
    assert Decimal("1500.50") == Decimal(read_sheet(tmp_path / "lines.csv").rows[0].cells[7])


def test_text_that_looks_like_a_formula_stays_text(
    ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://x","y")'
    team.create_member(
        ctx,
        {
            "team_id": cat,
            "name": formula,
            "sector": "other",
            "role": "member",
            "gender": "other",
            "phone": "+389 70 111 222",
            "notes": "+cmd|' /C calc'!A0",
        },
    )
    export_table(ctx, "members", tmp_path / "f.xlsx", private=True)
    cell = sheet_rows(tmp_path / "f.xlsx")[1][2]
    assert cell.data_type == "s" and cell.value == formula
    export_table(ctx, "members", tmp_path / "f.csv", private=True)
    text = (tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd|" in text and ",+389 70 111 222," in text
    # HubDesk's own importer reads the text back as it was.
    row = read_sheet(tmp_path / "f.csv").rows[0].cells
    assert parse_cell(field_column("members", "name"), row[2]) == (formula, None)
    assert parse_cell(field_column("members", "notes"), row[-1])[0] == "+cmd|' /C calc'!A0"


def test_bad_names_and_folders_are_refused_clearly(ctx: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"\.xlsx or \.csv"):
        export_table(ctx, "members", tmp_path / "members.pdf")
    with pytest.raises(TableError, match="does not exist"):
        export_table(ctx, "members", tmp_path / "nowhere" / "members.xlsx")
    with pytest.raises(TableError, match="Unknown table 'people'"):
        export_table(ctx, "people", tmp_path / "members.xlsx")


def test_a_cancelled_or_failed_export_leaves_the_old_file_and_no_temp(
    ctx: ServiceContext, roster: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "members.xlsx"
    out.write_bytes(b"the previous export")
    with pytest.raises(ExportCancelled):
        export_table(ctx, "members", out, progress=lambda done, total: False)
    assert out.read_bytes() == b"the previous export"

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.writer.excel.ExcelWriter, "save", broken)
    with pytest.raises(TableError, match="No space left"):
        export_table(ctx, "members", out)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["members.xlsx"]
    seen: list[tuple[int, int]] = []
    export_table(ctx, "members", tmp_path / "ok.csv", progress=lambda d, t: seen.append((d, t)))
    assert seen[-2:] == [(0, 3), (3, 3)]  # no filter: everyone counted, also who left


@pytest.mark.parametrize("when", ["writing", "saving"])
def test_cancel_while_the_workbook_is_written_keeps_the_old_file(
    ctx: ServiceContext,
    roster: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    """Writing a big workbook's rows and saving it take most of an export's time: Cancel
    pressed then used to go unheard, and the export replaced the file at the target."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "members.xlsx"
    out.write_bytes(b"the previous export")
    pressed: list[bool] = []
    append, save = WriteOnlyWorksheet.append, openpyxl.writer.excel.ExcelWriter.save

    def appending(sheet: WriteOnlyWorksheet, row: object) -> None:
        if when == "writing":
            pressed.append(True)
        append(sheet, row)

    saved: list[bool] = []

    def saving(writer: openpyxl.writer.excel.ExcelWriter) -> None:
        save(writer)
        saved.append(True)
        pressed.append(True)

    from hubdesk.tables import writers

    monkeypatch.setattr(writers, "PROGRESS_EVERY", 1)  # heard at each row, as at each 200th
    monkeypatch.setattr(WriteOnlyWorksheet, "append", appending)
    monkeypatch.setattr(openpyxl.writer.excel.ExcelWriter, "save", saving)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return not pressed

    with pytest.raises(ExportCancelled):
        export_table(ctx, "members", out, progress=progress)
    assert saved == ([] if when == "writing" else [True])  # stopped before the saving
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == ["members.xlsx"]  # no scratch file left
    pressed.clear()
    monkeypatch.undo()
    seen.clear()
    export_table(ctx, "members", out, progress=progress)
    assert seen[-2:] == [(0, 3), (3, 3)]  # of the members counted before the reading
    assert openpyxl.load_workbook(out).active.max_row == 4  # the headers and three members


def test_the_attendance_of_many_meetings_is_read_together(
    ctx: ServiceContext, cat: str, roster: list[str], tmp_path: Path
) -> None:
    """A hub holds thousands of meetings: one read per meeting made its attendance export take
    many seconds before its progress bar moved or Cancel was heard."""
    from sqlalchemy import event

    for day in range(1, 13):
        meeting = meetings.create_meeting(
            ctx,
            {
                "team_id": cat,
                "starts_at": dt.datetime(2024, 3, day, 9, 30, tzinfo=dt.UTC),
                "kind": "regular",
            },
        )
        meetings.set_attendance(
            ctx, meeting.id, {roster[0]: "present", roster[day % 2 + 1]: "absent"}
        )
    statements: list[str] = []
    engine = ctx.db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        result = export_table(ctx, "attendance", tmp_path / "attendance.csv")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert result.rows == 24
    assert len(statements) < 14, statements  # the meetings counted, then not one per meeting
    rows = list(csv.reader((tmp_path / "attendance.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 25


def test_a_deleted_members_attendance_is_exported_with_their_name(
    ctx: ServiceContext, cat: str, roster: list[str], tmp_path: Path
) -> None:
    """The minutes and the rates keep a deleted member's attendance; the export wrote it with
    an empty name and organisation."""
    meeting = meetings.create_meeting(
        ctx,
        {"team_id": cat, "starts_at": dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC),
         "kind": "regular"},
    )  # fmt: skip
    meetings.set_attendance(ctx, meeting.id, {roster[0]: "present"})
    gone = team.get_member(ctx, roster[0])
    team.delete_member(ctx, roster[0])
    export_table(ctx, "attendance", tmp_path / "attendance.csv")
    rows = list(csv.reader((tmp_path / "attendance.csv").open(encoding="utf-8-sig")))
    [row] = rows[1:]
    assert gone.name in row and row[rows[0].index("Member")] == gone.name


def test_the_hub_exports_with_a_municipality_column(
    hub_ctx: ServiceContext, tmp_path: Path
) -> None:
    for kind in ("members", "meetings", "youth_activities", "fund_proposals", "budget_lines"):
        result = export_table(hub_ctx, kind, tmp_path / f"{kind}.xlsx")
        assert result.rows == 0
        assert "Municipality" in [c.value for c in sheet_rows(tmp_path / f"{kind}.xlsx")[0]]
    assert "Municipality" not in table_headers("members")


def test_the_hub_names_each_municipality_in_the_script_of_the_files_language(
    tmp_path: Path,
) -> None:
    """As the hub's lists and reports do: an Albanian file says "Kumanovo" beside "Elbasan",
    a Macedonian one "Куманово", whichever the municipality typed."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        for lang, names in (
            ("sq", {"Elbasan", "Kumanovo", "Novi Pazar"}),
            ("mk", {"Elbasan", "Куманово", "Нови Пазар"}),
        ):
            out = tmp_path / f"trainings-{lang}.xlsx"
            export_table(hub, "trainings", out, lang=lang)
            rows = sheet_rows(out)
            assert {row[1].value for row in rows[1:]} == names
    finally:
        db.close()


def test_a_text_longer_than_an_excel_cell_is_never_cut(
    ctx: ServiceContext, roster: list[str], tmp_path: Path
) -> None:
    """Excel cells hold 32,767 characters and openpyxl cuts the rest without a word: an .xlsx
    export refuses such a text (and leaves no file); a .csv export keeps it whole, and
    importing that file back with updates changes nothing."""
    from hubdesk.tables.importer import ImportOptions, run_import
    from hubdesk.tables.mapping import suggest_mapping

    note = " ".join(["word"] * 8_000)  # 39,999 characters: the rules allow 50,000
    team.update_member(ctx, roster[0], {"notes": note})
    out = tmp_path / "members.xlsx"
    with pytest.raises(TableError, match=r"'Notes' holds 39999 characters.*as \.csv"):
        export_table(ctx, "members", out, private=True)
    assert not out.exists() and not list(tmp_path.glob("*.xlsx"))  # no temporary file either
    csv_out = tmp_path / "members.csv"
    export_table(ctx, "members", csv_out, private=True)
    sheet = read_sheet(csv_out)
    fields = suggest_mapping(ctx, "members", sheet.headers).fields
    result = run_import(ctx, "members", sheet, fields, ImportOptions(update=True))
    assert (result.updated, result.unchanged) == (0, 3)
    assert team.get_member(ctx, roster[0]).notes == note


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_cancel_is_heard_while_the_rows_are_read(
    ctx: ServiceContext,
    cat: str,
    roster: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    """Reading a hub's rows and their names takes seconds: the export used to do it all
    without asking, so Cancel only said "Stopping…" meanwhile. The names are read first, then
    the rows a batch at a time as they are written."""
    from hubdesk.services import listing
    from hubdesk.tables import writers

    meeting = meetings.create_meeting(
        ctx,
        {"team_id": cat, "starts_at": dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC), "kind": "regular"},
    )
    for n in range(5):
        actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": f"Item {n}"})
    monkeypatch.setattr(listing, "READ_BATCH", 2)
    monkeypatch.setattr(writers, "PROGRESS_EVERY", 2)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"actions{suffix}"
    seen: list[tuple[int, int]] = []

    def cancel_at_once(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(ExportCancelled):
        export_table(ctx, "action_items", out, progress=cancel_at_once)
    assert seen == [(1, 0)]  # the meetings the items name, read before any row
    assert list(folder.iterdir()) == []

    def cancel_at_the_second_row(done: int, total: int) -> bool:
        seen.append((done, total))
        return len(seen) < 3

    seen.clear()
    with pytest.raises(ExportCancelled):
        export_table(ctx, "action_items", out, progress=cancel_at_the_second_row)
    assert seen == [(1, 0), (0, 5), (2, 5)]  # rows read as they are written, of those counted
    assert list(folder.iterdir()) == []
    seen.clear()
    result = export_table(ctx, "action_items", out, progress=lambda d, t: not seen.append((d, t)))
    assert result.rows == 5
    assert seen == [(1, 0), (0, 5), (2, 5), (4, 5), (5, 5)]
