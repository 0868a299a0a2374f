"""Trainings, community activities and engagements in spreadsheets: an exported sheet imports
back to the same records, bad cells are refused with the rule book's message, and a public sheet
hides small counts of people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hubdesk.i18n import LANGUAGES, language
from hubdesk.services import community, engagements, trainings, trainings_summary
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import update_profile
from hubdesk.tables.columns import columns_for, import_columns
from hubdesk.tables.export import export_table
from hubdesk.tables.importer import ImportOptions, RowAction, preview_import, run_import
from hubdesk.tables.mapping import guess_mapping, suggest_mapping
from hubdesk.tables.readers import Sheet, SheetRow, read_sheet


def _trainings(ctx: ServiceContext) -> None:
    trainings.create_training(
        ctx,
        {
            "title": "Conflict-sensitive communication",
            "topic": "Talking about extremism in class",
            "format": "hybrid",
            "starts_on": dt.date(2024, 3, 4),
            "ends_on": dt.date(2024, 3, 5),
            "place": "Kumanovo",
            "organiser": "Regional hub",
            "trainer_name": "Elena Ristova",
            "pillars": ["capacity_building"],
            "themes": ["hate_speech", "polarisation"],
            "train_the_trainer": True,
            "p_teacher_female": 9,
            "p_teacher_male": 3,
            "p_police_male": 2,
            "p_social_worker_other": 1,
            "inc_women": 9,
            "inc_roma": 2,
        },
    )
    trainings.create_training(
        ctx,
        {"title": "Online safety, Škola", "starts_on": dt.date(2024, 9, 1), "p_media_female": 4},
    )


def _community(ctx: ServiceContext) -> None:
    community.create_activity(
        ctx,
        {
            "title": "Mothers' dialogue evening",
            "activity_type": "dialogue",
            "audiences": ["parents", "women_groups"],
            "starts_on": dt.date(2024, 4, 10),
            "place": "Community centre",
            "partners": "Women's association",
            "pillars": ["city_voices"],
            "themes": ["reintegration"],
            "participants_total": 23,
            "n_female": 20,
            "n_male": 2,
            "n_other": 1,
            "inc_women": 20,
            "inc_returnee": 3,
            "outcome": "A monthly meeting was agreed",
        },
    )
    community.create_activity(
        ctx,
        {
            "title": "Elders' consultation",
            "activity_type": "consultation",
            "starts_on": dt.date(2024, 5, 2),
            "ends_on": dt.date(2024, 5, 3),
            "participants_total": 6,
            "n_male": 6,
        },
    )


def _engagements(ctx: ServiceContext) -> None:
    engagements.create_engagement(
        ctx,
        {
            "counterpart": "Ministry of Education",
            "level": "national",
            "kind": "written_input",
            "engaged_on": dt.date(2024, 2, 12),
            "pillars": ["cooperation"],
            "themes": ["hate_speech"],
            "raised": "School mediators; funding for 2025",
            "answer": "Under consideration",
            "follow_up_on": dt.date(2024, 3, 12),
            "follow_up_done": True,
        },
    )
    engagements.create_engagement(
        ctx,
        {
            "counterpart": "OSCE mission",
            "level": "international",
            "kind": "meeting",
            "engaged_on": dt.date(2024, 6, 1),
        },
    )


MAKERS: dict[str, Callable[[ServiceContext], None]] = {
    "trainings": _trainings,
    "community_activities": _community,
    "engagements": _engagements,
}


def _listed(ctx: ServiceContext, kind: str) -> list[Any]:
    if kind == "trainings":
        return trainings_summary.list_trainings(ctx)
    if kind == "community_activities":
        return community.list_activities(ctx)
    return engagements.list_engagements(ctx)


def _delete(ctx: ServiceContext, kind: str, record_id: str) -> None:
    if kind == "trainings":
        trainings.delete_training(ctx, record_id)
    elif kind == "community_activities":
        community.delete_activity(ctx, record_id)
    else:
        engagements.delete_engagement(ctx, record_id)


def _fields(ctx: ServiceContext, kind: str) -> dict[str, dict[str, Any]]:
    """Every importable field of every record, keyed by the record's natural key."""
    names = [c.field for c in import_columns(kind) if c.field and c.field != "id"]
    key = "counterpart" if kind == "engagements" else "title"
    return {r.__dict__[key]: {n: getattr(r, n) for n in names} for r in _listed(ctx, kind)}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("kind", list(MAKERS))
def test_an_exported_sheet_imports_back_to_the_same_records(
    ctx: ServiceContext, tmp_path: Path, kind: str, suffix: str
) -> None:
    MAKERS[kind](ctx)
    before = _fields(ctx, kind)
    path = tmp_path / f"{kind}{suffix}"
    # Private fields too (a training's notes), as the municipality's own copy has them.
    assert export_table(ctx, kind, path, private=True).rows == 2
    sheet = read_sheet(path)
    fields = suggest_mapping(ctx, kind, sheet.headers).fields
    expected = {c.field for c in import_columns(kind)}
    assert {f for f in fields if f} == expected  # every column finds its field by itself

    preview = preview_import(ctx, kind, sheet, fields, ImportOptions(update=True))
    assert [(r.action, r.problems) for r in preview.rows] == [(RowAction.UNCHANGED, [])] * 2

    for record in _listed(ctx, kind):
        _delete(ctx, kind, record.id)
    result = run_import(ctx, kind, sheet, fields)
    assert (result.created, result.refused) == (2, 0)
    assert _fields(ctx, kind) == before


def _sheet(headers: list[str], *rows: list[object]) -> Sheet:
    return Sheet("Sheet1", headers, [SheetRow(i + 2, list(r)) for i, r in enumerate(rows)])


def test_bad_training_cells_are_refused_with_the_rules_message(ctx: ServiceContext) -> None:
    headers = [
        "Naziv obuke",
        "Datum",
        "Format",
        "Teme",
        "Nastavnici žene",
        "Nastavnici muškarci",
        "Inclusion: Roma and other communities",
    ]
    sheet = _sheet(
        headers,
        ["Mediation basics", "03.02.2024", "online", "Hate speech", 5, 4, 2],
        ["Too many Roma", "04.02.2024", "", "", 1, 1, 3],  # more than took part
        ["Bad cells", "yesterday", "by pigeon", "weather", "many", 1, ""],
        ["", "05.02.2024", "", "", 1, "", ""],  # no title
        ["Ends first", "2024-02-06", "", "", "", "", ""],
        ["mediation BASICS", "2024-02-03", "", "", "", "", ""],  # the first row again
    )
    fields = suggest_mapping(ctx, "trainings", sheet.headers).fields
    assert fields == [
        "title",
        "starts_on",
        "format",
        "themes",
        "p_teacher_female",
        "p_teacher_male",
        "inc_roma",
    ]
    preview = preview_import(ctx, "trainings", sheet, fields)
    good, too_many, bad, untitled, _plain, again = preview.rows
    assert good.action is RowAction.CREATE and good.values["format"] == "online"
    assert good.values["themes"] == ["hate_speech"]
    assert too_many.action is RowAction.REFUSED
    assert [p.text for p in too_many.problems] == [
        "3 counted in this inclusion group, but only 2 participants in the grid by "
        "profession and gender."
    ]
    assert sorted(p.field for p in bad.problems) == [
        "format",
        "p_teacher_female",
        "starts_on",
        "themes",
    ]
    assert "Inclusion: Roma and other communities: " not in bad.reason("trainings")
    assert "Teachers, Female: 'many' is not a whole number." in bad.reason("trainings")
    assert [(p.field, p.text) for p in untitled.problems] == [("title", "This field is required.")]
    assert [p.text for p in again.problems] == [
        "The same training (title and start date) as row 2."
    ]

    result = run_import(ctx, "trainings", sheet, fields)
    assert (result.created, result.refused) == (2, 4)
    stored = {t.title: t for t in trainings_summary.list_trainings(ctx)}
    assert set(stored) == {"Mediation basics", "Ends first"}
    assert stored["Mediation basics"].grid_total() == 9
    assert stored["Ends first"].format == "in_person"  # an empty format is the usual one


def test_a_sheet_of_only_bad_rows_changes_nothing(ctx: ServiceContext) -> None:
    _engagements(ctx)
    before = _fields(ctx, "engagements")
    sheet = _sheet(
        ["Institucija", "Nivo", "Vrsta", "Datum", "Praćenje"],
        ["Ministry of Justice", "federal", "meeting", "2024-01-01", ""],
        ["OSCE mission", "international", "meeting", "2024-06-01", "2024-05-01"],
    )
    fields = suggest_mapping(ctx, "engagements", sheet.headers).fields
    assert fields == ["counterpart", "level", "kind", "engaged_on", "follow_up_on"]
    preview = preview_import(ctx, "engagements", sheet, fields, ImportOptions(update=True))
    wrong_level, early = preview.rows
    assert [(p.field, p.text) for p in wrong_level.problems] == [
        ("level", "'federal' is not one of the allowed choices.")
    ]
    assert [p.text for p in early.problems] == ["The follow-up cannot be before the engagement."]
    result = run_import(ctx, "engagements", sheet, fields, ImportOptions(update=True))
    assert (result.created, result.updated, result.refused) == (0, 0, 2)
    assert _fields(ctx, "engagements") == before


def test_community_counts_by_gender_give_the_total_and_must_agree(ctx: ServiceContext) -> None:
    sheet = _sheet(
        ["Naziv", "Vrsta aktivnosti", "Datum", "Ciljne grupe", "Žene", "Muškarci", "Ukupno"],
        ["Parents' evening", "Workshop", "12.03.2024", "Parents; Community elders", 8, 4, ""],
        ["Imams' round table", "dialogue", "13.03.2024", "", 0, 5, 7],
        ["Open day", "community_event", "14.03.2024", "tourists", "", "", ""],
    )
    fields = suggest_mapping(ctx, "community_activities", sheet.headers).fields
    assert fields == [
        "title",
        "activity_type",
        "starts_on",
        "audiences",
        "n_female",
        "n_male",
        "participants_total",
    ]
    preview = preview_import(ctx, "community_activities", sheet, fields)
    summed, mismatch, unknown = preview.rows
    assert summed.action is RowAction.CREATE and summed.values["participants_total"] == 12
    assert summed.values["audiences"] == ["elders", "parents"]
    assert [p.text for p in mismatch.problems] == [
        "Women, men and others add up to 5 but the total says 7: count every participant "
        "once by gender."
    ]
    assert [p.field for p in unknown.problems] == ["audiences"]


def test_public_sheets_hide_small_counts_of_trained_and_met_people(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    _trainings(ctx)
    _community(ctx)
    export_table(ctx, "trainings", tmp_path / "t.xlsx", public=True)
    sheet = read_sheet(tmp_path / "t.xlsx")
    row = dict(zip(sheet.headers, sheet.rows[0].cells, strict=True))
    assert row["Title"] == "Online safety, Škola"  # the newest first
    assert row["Media, Female"] == "<5" and row["Participants in total"] == "<5"
    row = dict(zip(sheet.headers, sheet.rows[1].cells, strict=True))
    assert row["Teachers, Female"] == 9 and row["Participants in total"] == 15
    assert row["Police, Male"] == "<5" and "Inclusion: Women" not in sheet.headers
    assert row["Inclusion: Roma and other communities"] == "<5"
    assert row["Teachers, Male"] == "<5" and row["Social workers, Other or not stated"] == "<5"
    assert "Notes" not in sheet.headers

    export_table(ctx, "community_activities", tmp_path / "c.csv", public=True)
    sheet = read_sheet(tmp_path / "c.csv")
    row = dict(zip(sheet.headers, sheet.rows[1].cells, strict=True))
    assert row["Women"] == "20" and row["Men"] == "<5" and row["Other or not stated"] == "<5"
    assert row["Inclusion: Returnee families"] == "<5"
    # Women as an inclusion group repeat the women counted by gender: beside a hidden gender
    # they would give it away, so a public export leaves them out (the gender counts stay).
    assert "Inclusion: Women" not in sheet.headers


@pytest.mark.parametrize("kind", list(MAKERS))
def test_headers_in_every_language_map_back_to_their_fields(kind: str) -> None:
    for lang in LANGUAGES:
        with language(lang):
            columns = columns_for(kind, private=True)
            headers = [c.title() for c in columns]
        assert guess_mapping(kind, headers) == [c.field for c in columns], lang


def test_a_macedonian_csv_of_trainings_imports_back(ctx: ServiceContext, tmp_path: Path) -> None:
    _trainings(ctx)
    before = _fields(ctx, "trainings")
    path = tmp_path / "обуки.csv"
    export_table(ctx, "trainings", path, lang="mk", private=True)
    sheet = read_sheet(path)
    fields = suggest_mapping(ctx, "trainings", sheet.headers).fields
    preview = preview_import(ctx, "trainings", sheet, fields, ImportOptions(update=True))
    assert [(r.action, r.problems) for r in preview.rows] == [(RowAction.UNCHANGED, [])] * 2
    assert _fields(ctx, "trainings") == before


def test_rows_of_another_municipality_or_installation_are_refused(ctx: ServiceContext) -> None:
    """A hub's export (a Municipality column, ids of other installations) imported here."""
    _engagements(ctx)
    before = _fields(ctx, "engagements")
    stranger = "0b9f4c1e-2d3a-4e5f-8a6b-7c8d9e0f1a2b"
    sheet = _sheet(
        ["ID", "Municipality", "Counterpart institution", "Level", "Kind of engagement", "Date"],
        ["", "Elbasan", "Prefecture of Elbasan", "regional", "meeting", "2024-02-01"],
        ["", "Нови Пазар", "City council", "local", "meeting", "2024-02-02"],
        [stranger, "", "Ministry of Education", "national", "meeting", "2024-02-03"],
        ["", "Куманово", "Red Cross Kumanovo", "local", "meeting", "2024-02-04"],
        ["17", " kumanovo ", "Youth office", "local", "meeting", "2024-02-05"],
    )
    fields = suggest_mapping(ctx, "engagements", sheet.headers).fields
    assert fields[:2] == ["id", None]
    preview = preview_import(ctx, "engagements", sheet, fields)
    actions = [r.action for r in preview.rows]
    assert actions == [RowAction.REFUSED] * 3 + [RowAction.CREATE] * 2
    assert preview.rows[0].reason("engagements") == (
        "Municipality: This row is a record of Elbasan, not of Kumanovo; only Kumanovo's own "
        "records are imported here."
    )
    assert "Нови Пазар" in preview.rows[1].reason("engagements")
    update_profile(ctx, {"name_other_script": "Куманово"})  # as typed in Settings
    with language("mk"):  # this municipality named as a Macedonian window names it
        said = preview_import(ctx, "engagements", sheet, fields).rows[0].reason("engagements")
    assert "Куманово" in said and "Kumanovo" not in said and "Elbasan" in said
    assert preview.rows[2].reason("engagements").startswith("ID: No record here has this ID")
    result = run_import(ctx, "engagements", sheet, fields)
    assert (result.created, result.refused) == (2, 3)
    after = _fields(ctx, "engagements")
    assert set(after) - set(before) == {"Red Cross Kumanovo", "Youth office"}

    # Without a Municipality column the sheet is one installation's own: a new record.
    own = _sheet(
        ["ID", "Counterpart institution", "Level", "Kind of engagement", "Date"],
        [stranger, "Ministry of Education", "national", "meeting", "2024-02-03"],
    )
    fields = suggest_mapping(ctx, "engagements", own.headers).fields
    assert [r.action for r in preview_import(ctx, "engagements", own, fields).rows] == [
        RowAction.CREATE
    ]
