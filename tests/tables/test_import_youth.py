"""Importing youth activities: counts by gender and age, the youth service's own rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hubdesk.services import periods, youth
from hubdesk.services.context import ServiceContext
from hubdesk.tables.export import export_table
from hubdesk.tables.importer import ImportOptions, RowAction, preview_import, run_import
from hubdesk.tables.mapping import suggest_mapping
from hubdesk.tables.readers import Sheet, SheetRow, read_sheet

HEADERS = [
    "Naziv aktivnosti",
    "Vrsta",
    "Datum",
    "Stubovi",
    "Vode mladi",
    "Ž 15-19",
    "M 15-19",
    "Ukupno",
    "Marginalizovani",
]


def sheet_of(*rows: list[object]) -> Sheet:
    return Sheet("Aktivnosti", HEADERS, [SheetRow(i + 2, list(r)) for i, r in enumerate(rows)])


def test_activities_with_counts_are_checked_by_the_youth_rules(
    ctx: ServiceContext, cat: str
) -> None:
    sheet = sheet_of(
        [
            "Debate club",
            "Workshop",
            "02.04.2024",
            "Capacity-building; peer learning between cities",
            "da",
            7,
            5,
            12,
            3,
        ],
        ["Football for all", "sports_culture", "2024-05-10", "", "ne", 10, 10, "", ""],  # total
        ["Street art", "workshop", "12.06.2024", "", "", 4, 4, 9, ""],  # the grid says 8
        ["debate CLUB", "training", dt.datetime(2024, 4, 2), "", "", 1, 1, 2, ""],  # duplicate
        ["Mural", "painting", "12.06.2024", "Murals", "maybe", 1, 1, 2, 5],
    )
    fields = suggest_mapping(ctx, "youth_activities", sheet.headers).fields
    assert fields == [
        "title",
        "activity_type",
        "starts_on",
        "pillars",
        "youth_led",
        "n_female_15_19",
        "n_male_15_19",
        "participants_total",
        "marginalised",
    ]
    preview = preview_import(ctx, "youth_activities", sheet, fields)
    actions = [r.action for r in preview.rows]
    assert actions == [RowAction.CREATE, RowAction.CREATE] + [RowAction.REFUSED] * 3
    first, second, mismatch, duplicate, bad = preview.rows
    assert first.values["pillars"] == ["peer_learning", "capacity_building"]
    assert first.values["youth_led"] is True and first.values["n_female_15_19"] == 7
    assert second.values["participants_total"] == 20  # no total: the grid's sum
    assert second.values["youth_led"] is False
    assert [p.field for p in mismatch.problems] == ["participants_total"]
    assert "add up to 8 but the total says 9" in mismatch.problems[0].text
    assert [p.text for p in duplicate.problems] == [
        "The same activity (title and start date) as row 2."
    ]
    assert sorted(p.field for p in bad.problems) == [
        "activity_type",
        "marginalised",
        "pillars",
        "youth_led",
    ]

    result = run_import(ctx, "youth_activities", sheet, fields)
    assert (result.created, result.refused) == (2, 3)
    stored = youth.list_activities(ctx)
    assert sorted(a.title for a in stored) == ["Debate club", "Football for all"]
    assert {a.participants_total for a in stored} == {12, 20}


def test_export_and_reimport_of_activities(ctx: ServiceContext, cat: str, tmp_path: Path) -> None:
    youth.create_activity(
        ctx,
        {
            "title": "Youth council session",
            "activity_type": "youth_council",
            "team_id": cat,
            "starts_on": dt.date(2024, 2, 1),
            "ends_on": dt.date(2024, 2, 2),
            "pillars": ["youth_engagement"],
            "participants_total": 9,
            "n_female_20_24": 4,
            "n_male_25_29": 5,
            "marginalised": 2,
            "fed_into_decision": True,
            "decision_note": "Youth budget line",
        },
    )
    path = tmp_path / "youth.xlsx"
    export_table(ctx, "youth_activities", path)
    sheet = read_sheet(path)
    fields = suggest_mapping(ctx, "youth_activities", sheet.headers).fields
    preview = preview_import(ctx, "youth_activities", sheet, fields, ImportOptions(update=True))
    assert [(r.action, r.problems) for r in preview.rows] == [(RowAction.UNCHANGED, [])]
    # With the title changed in the sheet, the same activity (by id) is updated.
    sheet.rows[0].cells[sheet.headers.index("Title")] = "Youth council, 1st session"
    result = run_import(ctx, "youth_activities", sheet, fields, ImportOptions(update=True))
    assert (result.updated, result.created) == (1, 0)
    (activity,) = youth.list_activities(ctx)
    assert activity.title == "Youth council, 1st session" and activity.n_male_25_29 == 5


def test_a_row_in_a_locked_quarter_is_refused_in_the_preview_and_the_rest_imports(
    ctx: ServiceContext,
) -> None:
    kept = youth.create_activity(
        ctx,
        {
            "title": "Spring forum",
            "activity_type": "dialogue",
            "starts_on": dt.date(2024, 2, 1),
            "participants_total": 1,
            "n_female_15_19": 1,
        },
    )
    periods.submit(ctx, "2024-Q1")
    sheet = sheet_of(
        ["Football for all", "sports_culture", "12.04.2024", "", "", 6, 6, 12, ""],
        ["Late entry", "workshop", "15.03.2024", "", "", 2, 2, 4, ""],
    )
    fields = suggest_mapping(ctx, "youth_activities", sheet.headers).fields
    preview = preview_import(ctx, "youth_activities", sheet, fields)
    assert [r.action for r in preview.rows] == [RowAction.CREATE, RowAction.REFUSED]
    reason = preview.rows[1].reason("youth_activities")
    assert reason.startswith("Starts on: The quarter 2024-Q1 is submitted to the hub"), reason

    result = run_import(ctx, "youth_activities", sheet, fields)  # the real import equals it
    assert (result.created, result.refused) == (1, 1)
    assert sorted(a.title for a in youth.list_activities(ctx)) == [
        "Football for all",
        "Spring forum",
    ]

    # --update of the locked activity, or moving an activity into the locked quarter
    header = ["ID", "Title", "Type of activity", "Starts on", "Participants in total"]
    football = next(a for a in youth.list_activities(ctx) if a.title == "Football for all")
    updates = Sheet(
        "Sheet1",
        header,
        [
            SheetRow(2, [kept.id, "Spring forum, renamed", "dialogue", "01.02.2024", 1]),
            SheetRow(3, [football.id, "Football for all", "sports_culture", "12.03.2024", 12]),
        ],
    )
    fields = suggest_mapping(ctx, "youth_activities", updates.headers).fields
    result = run_import(ctx, "youth_activities", updates, fields, ImportOptions(update=True))
    rows = result.preview.rows
    assert [r.action for r in rows] == [RowAction.REFUSED, RowAction.REFUSED]
    assert all("2024-Q1" in r.reason("youth_activities") for r in rows)
    assert youth.get_activity(ctx, kept.id).title == "Spring forum"
    assert youth.get_activity(ctx, football.id).starts_on == dt.date(2024, 4, 12)


def test_two_rows_reaching_one_activity_are_refused_as_one(ctx: ServiceContext, cat: str) -> None:
    """One row names the activity by its id (a new title, 2 participants), a later one by its
    old title and date (13 of them marginalised): each passes the rules alone, together they
    stored 13 marginalised of 2, which the hub then refused in every bundle."""
    stored = youth.create_activity(
        ctx,
        {
            "title": "Debate club",
            "activity_type": "workshop",
            "starts_on": dt.date(2024, 4, 2),
            "participants_total": 20,
            "n_female_15_19": 20,
        },
    )
    sheet = Sheet(
        "Aktivnosti",
        ["ID", "Naziv aktivnosti", "Datum", "Ž 15-19", "Ukupno", "Marginalizovani"],
        [
            SheetRow(2, [stored.id, "Debate club (renamed)", "02.04.2024", 2, 2, ""]),
            SheetRow(3, ["", "Debate club", "02.04.2024", 20, 20, 13]),
        ],
    )
    fields = suggest_mapping(ctx, "youth_activities", sheet.headers).fields
    assert fields[:3] == ["id", "title", "starts_on"]
    result = run_import(ctx, "youth_activities", sheet, fields, ImportOptions(update=True))
    assert (result.updated, result.refused) == (1, 1)
    (kept,) = youth.list_activities(ctx)
    assert (kept.title, kept.participants_total, kept.marginalised) == (
        "Debate club (renamed)", 2, 0,
    )  # fmt: skip


def test_an_update_with_some_counts_and_no_total_adds_the_stored_counts_in(
    ctx: ServiceContext, cat: str
) -> None:
    """A sheet that corrects the young men's count (and has no total column) updates an
    activity whose young women were counted before: the total is every count the record will
    hold, not the sum of the sheet's columns alone, refused as "the total says 3"."""
    youth.create_activity(
        ctx,
        {
            "title": "Debate club",
            "activity_type": "workshop",
            "starts_on": dt.date(2024, 4, 2),
            "participants_total": 9,
            "n_female_15_19": 4,
            "n_male_15_19": 5,
        },
    )
    sheet = Sheet(
        "Aktivnosti",
        ["Naziv aktivnosti", "Datum", "M 15-19"],
        [SheetRow(2, ["Debate club", "02.04.2024", 3])],
    )
    fields = suggest_mapping(ctx, "youth_activities", sheet.headers).fields
    assert fields == ["title", "starts_on", "n_male_15_19"]
    preview = preview_import(ctx, "youth_activities", sheet, fields, ImportOptions(update=True))
    (row,) = preview.rows
    assert (row.action, row.problems) == (RowAction.UPDATE, [])
    assert row.changes == {"n_male_15_19": (5, 3), "participants_total": (9, 7)}
    run_import(ctx, "youth_activities", sheet, fields, ImportOptions(update=True))
    (kept,) = youth.list_activities(ctx)
    assert (kept.n_female_15_19, kept.n_male_15_19, kept.participants_total) == (4, 3, 7)
