"""Names in both scripts: the Macedonian romanisation table, Serbian Latin and Cyrillic, and
what a save keeps when only one form is typed."""

from __future__ import annotations

import pytest

from hubdesk.i18n.scripts import (
    name_for_language,
    other_form_to_store,
    other_script_form,
    script_of,
)
from hubdesk.i18n.translit import macedonian_to_latin, to_cyrillic, to_latin
from hubdesk.services import installation, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.rules.team import check_team as team_rules


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Куманово", "Kumanovo"),
        ("Ѓорче Петров", "Gjorče Petrov"),
        ("Кичево", "Kičevo"),
        ("Шуто Оризари", "Šuto Orizari"),
        ("Чучер-Сандево", "Čučer-Sandevo"),
        ("Ќосе", "Kjose"),
        ("Ѕвездара", "Dzvezdara"),
        ("Џепчиште", "Džepčište"),
        ("Љубање", "Ljubanje"),
        ("Желино", "Želino"),
        ("Охрид", "Ohrid"),
        ("ЃОРЧЕ", "GJORČE"),
    ],
)
def test_macedonian_romanisation(cyrillic: str, latin: str) -> None:
    assert macedonian_to_latin(cyrillic) == latin


@pytest.mark.parametrize("latin", ["Novi Pazar", "Đakovica", "Ljubovija", "Nikšić", "Džep"])
def test_serbian_latin_and_cyrillic_go_both_ways(latin: str) -> None:
    cyrillic = to_cyrillic(latin)
    assert script_of(cyrillic) == "Cyrl"
    assert to_latin(cyrillic) == latin


def test_the_other_form_follows_the_country() -> None:
    assert other_script_form("Куманово", "MK") == "Kumanovo"
    assert other_script_form("Нови Пазар", "RS") == "Novi Pazar"
    assert other_script_form("Nikšić", "ME") == "Никшић"
    assert other_script_form("Bijeljina", "BA") == "Бијељина"
    assert other_script_form("Kumanovo", "MK") == ""  # Latin to Macedonian: a person writes it
    assert other_script_form("Elbasan", "AL") == ""
    assert other_script_form("Prishtinë", "XK") == ""


def test_the_report_language_picks_the_form() -> None:
    assert name_for_language("Куманово", "Kumanovo", "en", "MK") == "Kumanovo"
    assert name_for_language("Куманово", "Kumanovo", "sq", "MK") == "Kumanovo"
    assert name_for_language("Куманово", "", "en", "MK") == "Kumanovo"  # made when empty
    assert name_for_language("Kumanovo", "Куманово", "mk", "MK") == "Куманово"
    assert name_for_language("Novi Pazar", "", "sr_Cyrl", "RS") == "Нови Пазар"
    assert name_for_language("Novi Pazar", "", "sr_Latn", "RS") == "Novi Pazar"
    assert name_for_language("Elbasan", "", "mk", "AL") == "Elbasan"


def test_a_corrected_form_survives_a_rename_and_a_made_one_follows_it() -> None:
    made = other_form_to_store("Кичево", None, "MK", ("Куманово", "Kumanovo"))
    assert made == "Kičevo"
    kept = other_form_to_store("Куманово 2", None, "MK", ("Куманово", "Kumanova"))
    assert kept == "Kumanova"  # typed by hand: a person's correction is not overwritten
    assert other_form_to_store("Куманово", "", "MK") == "Kumanovo"
    assert other_form_to_store("Куманово", " Kumanovë ", "MK") == "Kumanovë"


def test_a_name_with_letters_no_rule_makes_latin_gets_no_made_form(ctx: ServiceContext) -> None:
    """ "Ї" and "Ӹ" are Cyrillic but neither Serbian nor Macedonian: a form made from such a
    name kept them, was the same script as the name, and every peer's import refused the team
    (the rule book's check), so the municipality's sync stopped."""
    assert other_script_form("Їжак", "RS") == ""
    assert other_script_form("Ӹ Ĝ", "MK") == ""
    made = team.create_team(ctx, {"name": "Клуб Їжак", "kind": "cat"})
    assert made.name_other_script == ""
    assert team_rules({"name": made.name, "name_other_script": made.name_other_script}) == []


def test_team_and_profile_fill_and_check_the_other_form(ctx: ServiceContext) -> None:
    made = team.create_team(ctx, {"name": "Тим за акција Куманово", "kind": "cat"})
    assert made.name_other_script == "Tim za akcija Kumanovo"
    renamed = team.update_team(ctx, made.id, {"name": "Тим за акција Липково"})
    assert renamed.name_other_script == "Tim za akcija Lipkovo"
    with pytest.raises(ValidationError) as caught:
        team.update_team(ctx, made.id, {"name_other_script": "Тим"})
    assert "name_other_script" in caught.value.by_field()
    assert team.get_team(ctx, made.id).name_other_script == "Tim za akcija Lipkovo"
    with pytest.raises(ValidationError):
        installation.update_profile(ctx, {"name_other_script": "Kumanovo"})  # same script
    with pytest.raises(ValidationError):
        installation.update_profile(ctx, {"name_other_script": "К" * 121})
    installation.update_profile(ctx, {"name_other_script": "Куманово"})
    assert installation.get_profile(ctx).name_other_script == "Куманово"
