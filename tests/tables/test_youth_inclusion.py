"""Themes and inclusion counts in the youth activities spreadsheet, and the public export that
hides small counts of people while a plain export keeps them exact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hubdesk.services import youth
from hubdesk.services.context import ServiceContext
from hubdesk.tables.export import export_table
from hubdesk.tables.importer import ImportOptions, RowAction, preview_import, run_import
from hubdesk.tables.mapping import suggest_mapping
from hubdesk.tables.readers import Sheet, SheetRow, read_sheet

HEADERS = [
    "Title",
    "Type of activity",
    "Starts on",
    "Themes",
    "Female, 15–19",
    "Male, 15–19",
    "Participants in total",
    "Inclusion: Roma and other communities",
    "Inclusion: Persons with disabilities",
]


def test_themes_and_inclusion_counts_are_imported_and_checked(ctx: ServiceContext) -> None:
    sheet = Sheet(
        "Activities",
        HEADERS,
        [
            SheetRow(
                2,
                [
                    "Debate club",
                    "workshop",
                    "2024-04-02",
                    "Hate speech; Polarisation",
                    7,
                    5,
                    12,
                    3,
                    1,
                ],
            ),
            SheetRow(3, ["Street art", "workshop", "2024-05-02", "weather", 4, 4, 8, 0, 0]),
            SheetRow(4, ["Mural", "workshop", "2024-06-02", "", 4, 4, 8, 9, -1]),
        ],
    )
    fields = suggest_mapping(ctx, "youth_activities", sheet.headers).fields
    assert fields[3:] == [
        "themes",
        "n_female_15_19",
        "n_male_15_19",
        "participants_total",
        "inc_roma",
        "inc_disability",
    ]
    preview = preview_import(ctx, "youth_activities", sheet, fields)
    good, bad_theme, too_many = preview.rows
    assert good.action is RowAction.CREATE
    assert good.values["themes"] == ["hate_speech", "polarisation"]
    assert [p.field for p in bad_theme.problems] == ["themes"]
    assert sorted(p.field for p in too_many.problems) == ["inc_disability", "inc_roma"]
    result = run_import(ctx, "youth_activities", sheet, fields)
    assert (result.created, result.refused) == (1, 2)
    (stored,) = youth.list_activities(ctx)
    assert stored.inc_roma == 3 and stored.inc_disability == 1
    assert stored.themes == ["hate_speech", "polarisation"]


def _activity(ctx: ServiceContext) -> None:
    youth.create_activity(
        ctx,
        {
            "title": "Youth council session",
            "activity_type": "youth_council",
            "starts_on": dt.date(2024, 2, 1),
            "themes": ["reintegration"],
            "participants_total": 27,
            "n_female_20_24": 3,
            "n_male_25_29": 15,
            "n_female_15_19": 9,
            "inc_roma": 2,
            "inc_women": 12,
        },
    )


def test_plain_export_keeps_exact_counts_and_reimports(ctx: ServiceContext, tmp_path: Path) -> None:
    _activity(ctx)
    path = tmp_path / "youth.xlsx"
    export_table(ctx, "youth_activities", path)
    sheet = read_sheet(path)
    row = dict(zip(sheet.headers, sheet.rows[0].cells, strict=True))
    assert row["Female, 20–24"] == 3 and row["Inclusion: Roma and other communities"] == 2
    assert row["Themes"] == "Reintegration"
    fields = suggest_mapping(ctx, "youth_activities", sheet.headers).fields
    preview = preview_import(ctx, "youth_activities", sheet, fields, ImportOptions(update=True))
    assert [(r.action, r.problems) for r in preview.rows] == [(RowAction.UNCHANGED, [])]


def test_public_export_hides_small_counts(ctx: ServiceContext, tmp_path: Path) -> None:
    _activity(ctx)
    path = tmp_path / "public.xlsx"
    export_table(ctx, "youth_activities", path, public=True)
    sheet = read_sheet(path)
    row = dict(zip(sheet.headers, sheet.rows[0].cells, strict=True))
    assert row["Female, 20–24"] == "<5"
    assert row["Inclusion: Roma and other communities"] == "<5"
    assert row["Participants in total"] == 27
    # Women as a group would repeat the women by age band: a public export leaves them out.
    assert "Inclusion: Women" not in sheet.headers
    # 27 = 3 + 15 + 9: one more cell is masked so that the 3 cannot be worked out.
    grid = [row["Female, 15–19"], row["Male, 25–29"]]
    assert "x" in grid
    assert row["Male, 15–19"] in (0, None)  # empty cells are not masked needlessly
