"""Guessing which column is which from headers in any language, and remembering the choice."""

from __future__ import annotations

import json

import pytest

from hubdesk.services.context import ServiceContext
from hubdesk.tables.errors import TableError
from hubdesk.tables.export import table_headers
from hubdesk.tables.mapping import (
    MAPPINGS_FILE,
    check_mapping,
    guess_mapping,
    missing_required,
    normalize,
    remember_mapping,
    suggest_mapping,
)


def test_normalize_folds_case_diacritics_and_script() -> None:
    assert normalize("Име и ПРЕЗИМЕ") == normalize("ime i prezime") == "ime i prezime"
    assert normalize("Đorđe  Šćepanović*") == "djordje scepanovic"
    assert normalize("Ђорђе Шћепановић") == "djordje scepanovic"
    assert normalize("Data e anëtarësimit:") == "data e anetaresimit"


def test_albanian_headers() -> None:
    headers = [
        "Nr.",
        "Emri dhe mbiemri",
        "Organizata",
        "Sektori",
        "Roli",
        "Gjinia",
        "Data e anëtarësimit",
        "Telefoni",
        "E-mail",
        "Shënime",
    ]
    assert guess_mapping("members", headers) == [
        None,
        "name",
        "organisation",
        "sector",
        "role",
        "gender",
        "joined_on",
        "phone",
        "email",
        "notes",
    ]


def test_serbian_cyrillic_headers() -> None:
    headers = [
        "Име и презиме",
        "Институција",
        "Сектор",
        "Улога у тиму",
        "Пол",
        "Датум приступања",
        "Датум сагласности",
        "Напомена",
        "Тим",
    ]
    assert guess_mapping("members", headers) == [
        "name",
        "organisation",
        "sector",
        "role",
        "gender",
        "joined_on",
        "consent_on",
        "notes",
        "team_id",
    ]


def test_the_catalogs_headers_in_every_language_are_known(catalogs: None) -> None:
    # Neither header is a synonym: they are only known from the (stand-in) catalogs.
    assert guess_mapping("members", ["Зачленет на", "Hyri në ekip më"]) == ["joined_on", None]
    assert guess_mapping("members", ["Hyri në ekip më"]) == ["joined_on"]


def test_a_hubdesk_export_maps_back_field_for_field(catalogs: None) -> None:
    for lang in ("en", "mk"):
        headers = table_headers("members", lang, private=True)
        assert guess_mapping("members", headers) == [
            "id",
            "team_id",
            "name",
            "organisation",
            "sector",
            "role",
            "gender",
            "joined_on",
            "left_on",
            "trainings",
            "email",
            "phone",
            "consent_on",
            "notes",
        ]
    youth = table_headers("youth_activities", "en")
    fields = guess_mapping("youth_activities", youth)
    assert None not in fields and len(set(fields)) == len(fields)


def test_youth_headers_with_a_grid() -> None:
    headers = [
        "Naziv aktivnosti",
        "Vrsta",
        "Datum",
        "Mjesto",
        "Ž 15-19",
        "M 15-19",
        "Ž 30+",
        "Ukupno",
        "Vode mladi",
    ]
    assert guess_mapping("youth_activities", headers) == [
        "title",
        "activity_type",
        "starts_on",
        "place",
        "n_female_15_19",
        "n_male_15_19",
        "n_female_30p",
        "participants_total",
        "youth_led",
    ]


def test_each_field_is_taken_once_and_strangers_stay_unmapped() -> None:
    assert guess_mapping("members", ["Name", "Name", "Favourite colour", ""]) == [
        "name",
        None,
        None,
        None,
    ]


def test_the_mapping_is_remembered_for_the_same_headers(ctx: ServiceContext) -> None:
    headers = ["Emri", "Inst.", "Sektori", "Roli", "Gjinia"]
    first = suggest_mapping(ctx, "members", headers)
    assert not first.remembered and first.fields[1] is None  # "Inst." is no known header
    chosen = ["name", "organisation", "sector", "role", "gender"]
    remember_mapping(ctx, "members", headers, chosen)
    stored = json.loads((ctx.data_dir / MAPPINGS_FILE).read_text(encoding="utf-8"))
    assert any(k.startswith("members:") for k in stored["mappings"])
    again = suggest_mapping(ctx, "members", headers)
    assert again.remembered and again.fields == chosen
    # Another sheet with "Inst." among other headers: the person's choice is learnt.
    other = suggest_mapping(ctx, "members", ["Inst.", "Emri"])
    assert not other.remembered and other.fields == ["organisation", "name"]
    # Youth activities with the same headers are another mapping.
    assert not suggest_mapping(ctx, "youth_activities", headers).remembered


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[" * 100_000,
        '{"mappings": [], "learned": []}',
        '{"mappings": {"x": 1}, "learned": {"members": {"name": 5}, "meetings": []}}',
    ],
    ids=["broken", "nested", "lists", "wrong-values"],
)
def test_a_damaged_memory_is_only_a_lost_convenience(ctx: ServiceContext, text: str) -> None:
    (ctx.data_dir / MAPPINGS_FILE).write_text(text, encoding="utf-8")
    guess = suggest_mapping(ctx, "members", ["Name"])
    assert guess.fields == ["name"] and not guess.remembered
    remember_mapping(ctx, "members", ["Name"], ["name"])
    assert suggest_mapping(ctx, "members", ["Name"]).remembered


def test_bad_mappings_are_refused() -> None:
    with pytest.raises(TableError, match="Two columns"):
        check_mapping("members", ["name", "name"])
    with pytest.raises(TableError, match="cannot be imported into"):
        check_mapping("members", ["version"])
    with pytest.raises(TableError, match="imports only"):
        guess_mapping("meetings", ["Date"])
    assert missing_required("members", ["name", None, "gender"]) == ["Sector", "Role in the team"]


def test_without_the_catalogs_those_headers_are_unknown() -> None:
    assert guess_mapping("members", ["Зачленет на", "Hyri në ekip më"]) == [None, None]


def test_the_community_lists_who_took_part_column_is_read_in_every_language() -> None:
    """The list, the editor and the report head the column 'Who took part' (once 'With')."""
    headers = ["Who took part", "Tko je sudjelovao", "Ko je učestvovao", "Кој учествуваше"]
    for header in [*headers, "Kush mori pjesë"]:
        assert guess_mapping("community_activities", ["Naziv", header]) == ["title", "audiences"]
