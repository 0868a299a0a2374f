"""Each demo town's team writes in its own language and works with its own institutions:
Elbasan in Albanian, Novi Pazar in Serbian Latin, Kumanovo in Macedonian as before."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hubdesk.services import demo_data, demo_data_sq, demo_data_sr, demo_texts
from hubdesk.services.demo import generate_block
from hubdesk.services.demo_rows import Row, plan_demo

TODAY = dt.date(2026, 12, 4)
CYRILLIC = re.compile("[\u0400-\u04ff]")
# What each town's records are made of: (table, field) pairs a person would read.
FIELDS = {
    "meetings": ("agenda", "minutes", "place"),
    "decisions": ("text",),
    "action_items": ("title",),
    "meeting_guests": ("organisation",),
    "youth_activities": ("title", "place", "partners", "outcome", "decision_note"),
    "members": ("name", "organisation", "trainings", "notes"),
    "teams": ("mandate_ref",),
}


def texts_of(country: str, name: str) -> dict[str, list[str]]:
    """Every non-empty text of FIELDS in one team block of the town, keyed "table.field"."""
    rows: dict[str, list[Row]] = generate_block(plan_demo(1, 1, TODAY, name, country), 0).rows
    found = {
        f"{table}.{field}": [row[field] for row in rows[table] if row[field]]
        for table, fields in FIELDS.items()
        for field in fields
    }
    assert all(found.values()), [key for key, values in found.items() if not values]
    return found


def members_of(country: str, name: str) -> list[Row]:
    return generate_block(plan_demo(1, 1, TODAY, name, country), 0).rows["members"]


@pytest.mark.parametrize(
    ("country", "name", "letters"),
    [("AL", "Elbasan", "ëçË"), ("RS", "Нови Пазар", "čćšžđČĆŠŽĐ")],
)
def test_a_towns_records_are_in_its_own_language_and_latin_script(
    country: str, name: str, letters: str
) -> None:
    found = texts_of(country, name)
    for key, values in found.items():
        assert not [v for v in values if CYRILLIC.search(v)], key
    # Every kind of text uses the language's own letters somewhere (names and notes aside).
    for key in ("meetings.agenda", "meetings.minutes", "decisions.text", "action_items.title",
                "youth_activities.title", "youth_activities.outcome", "members.organisation",
                "members.trainings"):  # fmt: skip
        assert any(ch in letters for v in found[key] for ch in v), (key, found[key][:3])


def test_elbasan_writes_albanian_minutes_and_works_with_its_institutions() -> None:
    found = texts_of("AL", "Elbasan")
    assert all(a.startswith("1. Miratimi i procesverbalit") for a in found["meetings.agenda"])
    assert all("Anëtarët diskutuan për temën:" in m for m in found["meetings.minutes"])
    assert found["decisions.text"].count("Miratohet procesverbali i takimit të mëparshëm.") == len(
        found["meetings.minutes"]
    )
    organisations = set(found["members.organisation"])
    for expected in ("Bashkia Elbasan", "Drejtoria Vendore e Policisë Elbasan",
                     demo_data_sq.SCHOOL, demo_data_sq.SOCIAL):  # fmt: skip
        assert expected in organisations
    assert set(found["meetings.place"]) <= set(demo_data_sq.ELBASAN.meeting_places)
    assert found["teams.mandate_ref"][0].startswith("Vendim i Këshillit Bashkiak nr. ")


def test_novi_pazar_writes_serbian_latin_and_works_with_its_institutions() -> None:
    found = texts_of("RS", "Нови Пазар")
    assert all(a.startswith("1. Usvajanje zapisnika") for a in found["meetings.agenda"])
    assert all("Članovi su razgovarali o temi:" in m for m in found["meetings.minutes"])
    organisations = set(found["members.organisation"])
    for expected in ("Grad Novi Pazar", "PU Novi Pazar", "Centar za socijalni rad Novi Pazar",
                     demo_data_sr.SCHOOL, demo_data_sr.YOUTH_COUNCIL):  # fmt: skip
        assert expected in organisations
    assert set(found["youth_activities.place"]) <= set(demo_data_sr.NOVI_PAZAR.activity_places)
    assert found["teams.mandate_ref"][0].startswith("Rešenje Skupštine grada br. 02-")


def test_team_members_come_from_the_towns_communities() -> None:
    def share(members: list[Row], surnames: tuple[str, ...]) -> float:
        return sum(m["name"].split(" ")[-1] in surnames for m in members) / len(members)

    elbasan = members_of("AL", "Elbasan")
    assert share(elbasan, demo_data_sq.SURNAMES) >= 0.8, [m["name"] for m in elbasan]
    assert all(m["phone"].startswith("+355 6") for m in elbasan if m["phone"])
    assert all(m["email"].isascii() for m in elbasan)
    novi_pazar = members_of("RS", "Нови Пазар")
    assert share(novi_pazar, demo_data_sr.BS_SURNAMES) >= 0.5, [m["name"] for m in novi_pazar]
    assert share(novi_pazar, demo_data_sr.SR_SURNAMES) >= 0.1, [m["name"] for m in novi_pazar]
    assert all(m["phone"].startswith("+381 6") for m in novi_pazar if m["phone"])
    assert all(m["email"].isascii() for m in novi_pazar)


def test_kumanovo_still_writes_macedonian_from_the_same_constants() -> None:
    assert demo_texts.texts_for("MK") is demo_texts.MACEDONIAN
    assert demo_texts.MACEDONIAN.meeting_topics is demo_texts.MEETING_TOPICS
    assert demo_texts.MACEDONIAN.activity_kinds is demo_texts.ACTIVITY_KINDS
    assert demo_data.place_for("MK") is demo_data.KUMANOVO
    assert demo_data.KUMANOVO.seats is demo_data.SEATS
    found = texts_of("MK", demo_data.MUNICIPALITY_NAME)
    assert all(a.startswith("1. Усвојување на записникот") for a in found["meetings.agenda"])
    assert all(m.startswith("Средбата ја отвори претседавачот") for m in found["meetings.minutes"])
    assert set(found["action_items.title"]) <= set(demo_texts.ACTION_ITEMS)
    assert set(found["meetings.place"]) <= set(demo_data.MEETING_PLACES)
    assert found["teams.mandate_ref"][0].startswith("Одлука на Советот бр. 07-")
    members = members_of("MK", demo_data.MUNICIPALITY_NAME)
    assert all(m["phone"].startswith("+389 7") for m in members if m["phone"])
    assert sum(bool(CYRILLIC.search(m["name"])) for m in members) > len(members) / 2


def test_every_town_has_kumanovos_shape() -> None:
    """Same seats (sector and role) and as many texts to draw from in every language."""
    mk, mk_place = demo_texts.MACEDONIAN, demo_data.KUMANOVO
    for local in (demo_texts.texts_for("AL"), demo_texts.texts_for("RS")):
        assert local is not mk
        for field in ("meeting_topics", "minutes_notes", "decisions", "action_items",
                      "outcomes", "decision_notes"):  # fmt: skip
            assert len(getattr(local, field)) == len(getattr(mk, field)), field
        for kind, activity in mk.activity_kinds.items():
            theirs = local.activity_kinds[kind]
            assert len(theirs.titles) == len(activity.titles), kind
            assert theirs._replace(titles=activity.titles) == activity, kind
        for decision in local.decisions[1:3]:
            assert "{topic}" in decision
    for place in (demo_data_sq.ELBASAN, demo_data_sr.NOVI_PAZAR):
        assert [(s.sector, s.role, s.gender) for s in place.seats] == [
            (s.sector, s.role, s.gender) for s in mk_place.seats
        ]
        assert {s.community for s in place.seats} - {"any"} <= set(place.names)
        assert {code for code, _share in place.community_mix} <= set(place.names)
        assert sum(share for _code, share in place.community_mix) == pytest.approx(1.0)
        for field in ("trainings", "guest_organisations", "meeting_places", "activity_places",
                      "partners"):  # fmt: skip
            assert len(getattr(place, field)) == len(getattr(mk_place, field)), field


def test_other_countries_get_a_neighbours_set_never_macedonian() -> None:
    assert demo_texts.texts_for("XK") is demo_texts.texts_for("AL")
    assert demo_data.place_for("XK") is demo_data_sq.ELBASAN
    for country in ("RS", "BA", "ME"):
        assert demo_texts.texts_for(country) is demo_texts.texts_for("RS")
        assert demo_data.place_for(country) is demo_data_sr.NOVI_PAZAR
    for country in ("AL", "XK", "RS", "BA", "ME"):
        assert demo_texts.texts_for(country) is not demo_texts.MACEDONIAN
        assert demo_data.place_for(country) is not demo_data.KUMANOVO


def test_the_demo_hubs_questionnaire_speaks_as_the_demo_hub_is_named() -> None:
    """A demo town built from an English command line: the hub it enrols is named in the
    town's language, and so is the questionnaire that hub published. The hub demo gives its
    towns its own language, the questionnaire being the one row the hub and all hold."""
    from hubdesk.i18n import language

    with language("en"):
        kumanovo = generate_block(plan_demo(1, 1, TODAY), 0).rows["needs_questionnaires"]
        plan = plan_demo(1, 1, TODAY, "Elbasan", "AL", hub_language="en")
        for_the_hub = generate_block(plan, 0).rows["needs_questionnaires"]
    assert kumanovo[0]["title"] == "Проценка на потребите на градот 2026"
    assert for_the_hub[0]["title"] == "City Needs Assessment 2026"
