"""Importing members: round trips, every row's problems, matching, one transaction."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import AuditEntry, Member
from hubdesk.services import records, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.installation import initialise
from hubdesk.services.listing import Page
from hubdesk.storage.open import open_database
from hubdesk.tables.export import export_table
from hubdesk.tables.importer import (
    ImportOptions,
    RowAction,
    preview_import,
    run_import,
    write_refused,
)
from hubdesk.tables.mapping import suggest_mapping
from hubdesk.tables.readers import Sheet, SheetRow, read_sheet

COMPARED = [f for f in team.MEMBER_FIELDS if f != "team_id"]


def everyone(ctx: ServiceContext) -> list[Member]:
    return team.list_members(ctx, team.MemberFilter(active=None), Page(order_by="name"))


def as_dicts(members: list[Member]) -> list[dict[str, Any]]:
    return [{f: getattr(m, f) for f in COMPARED} for m in members]


def sheet_of(headers: list[str], *rows: list[Any]) -> Sheet:
    return Sheet("Sheet1", headers, [SheetRow(i + 2, list(r)) for i, r in enumerate(rows)])


def fields_for(ctx: ServiceContext, sheet: Sheet) -> list[str | None]:
    return suggest_mapping(ctx, "members", sheet.headers).fields


@pytest.fixture
def other(tmp_path: Path) -> ServiceContext:
    """A second municipality's installation, with a team of the same name."""
    db = open_database(tmp_path / "other")
    context = initialise(db, role="municipality", name="Gostivar", country="MK")
    context.data_dir = tmp_path / "other"
    team.create_team(context, {"name": "CAT Kumanovo", "kind": "cat"})
    yield context
    db.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_the_same_members(
    ctx: ServiceContext, roster: list[str], other: ServiceContext, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"roster{suffix}"
    export_table(ctx, "members", path, private=True)
    sheet = read_sheet(path)
    result = run_import(other, "members", sheet, fields_for(other, sheet))
    assert (result.created, result.refused) == (3, 0)
    assert as_dicts(everyone(other)) == as_dicts(everyone(ctx))
    imported = everyone(other)
    assert {m.id for m in imported}.isdisjoint(roster)  # ids are never reused
    assert {m.team_id for m in imported} == {t.id for t in team.list_teams(other)}
    assert all(m.origin == other.installation_id and m.version > 0 for m in imported)
    with other.read() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "members")
        ).all()
    assert actions == ["create"] * 3


def test_reimporting_an_export_changes_nothing(
    ctx: ServiceContext, roster: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "roster.xlsx"
    export_table(ctx, "members", path, private=True)
    sheet = read_sheet(path)
    fields = fields_for(ctx, sheet)
    versions = {m.id: m.version for m in everyone(ctx)}
    updated = run_import(ctx, "members", sheet, fields, ImportOptions(update=True))
    assert (updated.unchanged, updated.created, updated.updated) == (3, 0, 0)
    create_only = preview_import(ctx, "members", sheet, fields)
    assert [r.action for r in create_only.rows] == [RowAction.EXISTS] * 3
    assert {m.id: m.version for m in everyone(ctx)} == versions


HEADERS = ["Name", "Organisation", "Sector", "Role", "Gender", "Joined on", "E-mail"]
FUTURE = (clock.today() + dt.timedelta(days=30)).strftime("%d.%m.%Y")


def bad_sheet() -> Sheet:
    return sheet_of(
        HEADERS,
        ["Marko Marković", "Police", "police", "member", "male", "01.02.2024", ""],
        ["", "School", "education", "member", "female", "", ""],  # missing name
        ["Sara Kovač", "NGO", "astronauts", "member", "female", "", ""],  # unknown sector
        ["Ivan Ilić", "Red Cross", "civil society", "member", "male", FUTURE, ""],  # future
        ["marko  marković", "POLICE", "Police", "Member", "M", "2024-02-01", ""],  # duplicate
        ["Lea Lukić", "Health centre", "health", "chair", "female", "31.02.2024", "lea@x"],
        ["Goran Gorić", "Media", "media", "secretary", "male", dt.datetime(2020, 5, 4), ""],
    )


def test_every_bad_row_is_reported_and_none_of_them_imported(
    ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    sheet = bad_sheet()
    fields = fields_for(ctx, sheet)
    assert fields == ["name", "organisation", "sector", "role", "gender", "joined_on", "email"]
    preview = preview_import(ctx, "members", sheet, fields)
    by_row = {r.number: r for r in preview.rows}
    assert [by_row[n].action for n in range(2, 9)] == [
        RowAction.CREATE,
        RowAction.REFUSED,
        RowAction.REFUSED,
        RowAction.REFUSED,
        RowAction.REFUSED,
        RowAction.REFUSED,
        RowAction.CREATE,
    ]
    problems = {n: {(p.field, p.text) for p in by_row[n].problems} for n in by_row}
    assert problems[3] == {("name", "This field is required.")}
    assert problems[4] == {("sector", "'astronauts' is not one of the allowed choices.")}
    assert problems[5] == {("joined_on", "This date is in the future.")}
    assert problems[6] == {("name", "The same person (name and organisation) as row 2.")}
    assert problems[7] == {
        ("joined_on", "'31.02.2024' is not a date. Write it as 31.12.2024 or 2024-12-31."),
        ("email", "This is not an e-mail address."),
    }
    assert by_row[8].values["joined_on"] == dt.date(2020, 5, 4)
    assert by_row[2].values["team_id"] == cat  # the only team

    result = run_import(ctx, "members", sheet, fields)
    assert (result.created, result.refused) == (2, 5)
    assert sorted(m.name for m in everyone(ctx)) == ["Goran Gorić", "Marko Marković"]

    refused = tmp_path / "refused.xlsx"
    assert write_refused(result.preview, refused) == 5
    rows = list(openpyxl.load_workbook(refused).active.iter_rows(values_only=True))
    assert rows[0] == ("Row", *HEADERS, "Problems")
    assert rows[1][:4] == (3, None, "School", "education")
    assert rows[1][-1] == "Name: This field is required."
    assert rows[3][-1] == "Joined on: This date is in the future."
    write_refused(result.preview, tmp_path / "refused.csv")
    again = read_sheet(tmp_path / "refused.csv")
    assert again.headers[-1] == "Problems" and len(again.rows) == 5


def test_labels_codes_and_synonyms_in_any_language(
    ctx: ServiceContext, cat: str, catalogs: None
) -> None:
    sheet = sheet_of(
        ["Име и презиме", "Сектор", "Улога во тимот", "Пол", "Зачленет на"],
        ["Ana", "Образование", "Член", "Женски", "5.1.2023."],
        ["Arben", "Arsimi", "Anëtar", "Mashkull", "2023-01-05"],
        ["Ivana", "EDUCATION", "member", "Ž", dt.datetime(2023, 1, 5)],
        ["Petar", "Local Government", "Focal point", "m", "05/01/2023"],
    )
    preview = preview_import(ctx, "members", sheet, fields_for(ctx, sheet))
    assert [r.problems for r in preview.rows] == [[], [], [], []]
    values = [(r.values["sector"], r.values["role"], r.values["gender"]) for r in preview.rows]
    assert values == [
        ("education", "member", "female"),
        ("education", "member", "male"),
        ("education", "member", "female"),
        ("local_government", "focal_point", "male"),
    ]
    assert {r.values["joined_on"] for r in preview.rows} == {dt.date(2023, 1, 5)}


def test_a_womans_role_in_its_own_form_is_read(ctx: ServiceContext, cat: str) -> None:
    """A roster says a woman's role as HubDesk's team list and printed roster do ("Članica",
    "Koordinatorka", "Anëtare", "Членка"); those rows are read, not refused as no choice."""
    sheet = sheet_of(
        ["Name", "Sector", "Role in the team", "Gender"],
        ["Jelena", "Education", "Članica", "Female"],
        ["Mirjana", "Education", "Koordinatorka", "Female"],
        ["Arta", "Education", "Anëtare", "Female"],
        ["Ана", "Education", "Членка", "Female"],
        ["Vesna", "Education", "Clanica", "Female"],
    )
    preview = preview_import(ctx, "members", sheet, fields_for(ctx, sheet))
    assert [r.problems for r in preview.rows] == [[]] * 5
    roles = [r.values["role"] for r in preview.rows]
    assert roles == ["member", "coordinator", "member", "member", "member"]


def test_update_matches_by_id_or_by_name_and_organisation(
    ctx: ServiceContext, roster: list[str], tmp_path: Path
) -> None:
    by_id = sheet_of(
        ["ID", "Name", "Organisation", "Sector", "Role", "Gender"],
        [
            roster[0],
            "Ana Petrovska-Ilievska",
            "Municipality",
            "local_government",
            "chair",
            "female",
        ],
    )
    preview = preview_import(ctx, "members", by_id, fields_for(ctx, by_id), ImportOptions(True))
    row = preview.rows[0]
    assert (row.action, row.record_id) == (RowAction.UPDATE, roster[0])
    assert row.changes == {
        "name": ("Ana Petrovska", "Ana Petrovska-Ilievska"),
        "role": ("focal_point", "chair"),
    }
    by_name = sheet_of(
        ["Name", "Organisation", "Sector", "Role", "Gender", "Phone"],
        ["  ELIRA dauti ", "civil SOCIETY network", "civil_society", "member", "female", "071"],
    )
    result = run_import(ctx, "members", by_name, fields_for(ctx, by_name), ImportOptions(True))
    assert (result.updated, result.created) == (1, 0)
    member = team.get_member(ctx, roster[2])
    assert member.phone == "071" and member.name == "Elira Dauti"  # only what differs changes
    assert member.left_on == dt.date(2024, 6, 30)  # columns not in the sheet are left alone
    with ctx.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == roster[2]).order_by(AuditEntry.id)
        ).all()[-1]
    assert entry.action == "update" and json.loads(entry.changes) == {"phone": ["", "071"]}


def test_the_team_comes_from_the_sheet_the_choice_or_the_only_team(
    ctx: ServiceContext, cat: str
) -> None:
    youth_team = team.create_team(ctx, {"name": "Youth council", "kind": "other"}).id
    sheet = sheet_of(
        ["Name", "Team", "Sector", "Role", "Gender"],
        ["Ana", "youth COUNCIL", "youth", "member", "female"],
        ["Ivo", "", "youth", "member", "male"],
        ["Eva", "Chess club", "youth", "member", "female"],
    )
    fields = fields_for(ctx, sheet)
    rows = preview_import(ctx, "members", sheet, fields).rows
    assert rows[0].values["team_id"] == youth_team and rows[0].action is RowAction.CREATE
    assert [p.text for p in rows[1].problems] == ["Choose the team these rows belong to."]
    assert [p.text for p in rows[2].problems] == ["There is no team 'Chess club'."]
    chosen = preview_import(ctx, "members", sheet, fields, ImportOptions(default_team_id=cat))
    assert chosen.rows[1].values["team_id"] == cat and chosen.rows[1].action is RowAction.CREATE


def test_all_rows_are_written_in_one_transaction(
    ctx: ServiceContext, cat: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = sheet_of(
        HEADERS,
        ["A", "", "police", "member", "male", "", ""],
        ["B", "", "police", "member", "male", "", ""],
    )
    real_create = records.create
    calls: list[int] = []

    def failing_create(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk unplugged")
        return real_create(*args, **kwargs)

    monkeypatch.setattr(records, "create", failing_create)
    with pytest.raises(OSError, match="disk unplugged"):
        run_import(ctx, "members", sheet, fields_for(ctx, sheet))
    assert everyone(ctx) == []


def test_the_hub_imports_no_members(hub_ctx: ServiceContext) -> None:
    sheet = sheet_of(["Name"], ["Ana"])
    with pytest.raises(PermissionDenied):
        preview_import(hub_ctx, "members", sheet, ["name"])


def test_the_mapping_is_remembered_after_an_import(ctx: ServiceContext, cat: str) -> None:
    sheet = sheet_of(
        ["Emri", "Inst.", "Sektori", "Roli", "Gjinia"],
        ["Ana", "Bashkia", "police", "member", "female"],
    )
    fields = ["name", "organisation", "sector", "role", "gender"]
    run_import(ctx, "members", sheet, fields)
    guess = suggest_mapping(ctx, "members", sheet.headers)
    assert guess.remembered and guess.fields == fields
    assert team.list_members(ctx)[0].organisation == "Bashkia"


def test_a_line_break_in_a_one_line_field_reads_as_a_space(ctx: ServiceContext, cat: str) -> None:
    """Excel's Alt+Enter wraps a long organisation's name over two lines of its cell: a field
    of one line reads the break as a space (a form could not hold it either), while notes keep
    their lines."""
    sheet = sheet_of(
        ["Name", "Organisation", "Sector", "Role in the team", "Gender", "Notes"],
        ["Ana", "JU Centar za\nsocijalna rabota ", "Education", "Member", "F", "One\r\ntwo"],
    )
    preview = preview_import(ctx, "members", sheet, fields_for(ctx, sheet))
    (row,) = preview.rows
    assert row.problems == []
    assert row.values["organisation"] == "JU Centar za socijalna rabota"
    assert row.values["notes"] == "One\r\ntwo"
