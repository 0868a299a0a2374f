"""Names of municipalities and teams print in the report's script: Latin in English and Albanian,
Cyrillic in Macedonian and Serbian Cyrillic; the regional report never mixes the two."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub_demo_copy import hub_demo
from report_samples import PERIOD, TODAY, Sample, pdf_text
from test_report_hub import add_municipality

from hubdesk.reports import generate_report
from hubdesk.services import installation, team
from hubdesk.services.context import ServiceContext

LATIN = ("en", "sq")
CYRILLIC = ("mk", "sr_Cyrl")


def text_of(ctx: ServiceContext, kind: str, lang: str, out: Path, **extra: object) -> str:
    made = generate_report(
        ctx, kind, out / f"{kind}-{lang}.pdf", lang=lang, date_from=PERIOD[0],
        date_to=PERIOD[1], today=TODAY, **extra,
    )  # fmt: skip
    return " ".join(pdf_text(made).split())


@pytest.fixture
def named(ctx: ServiceContext, sample: Sample) -> Sample:
    """The sample municipality (typed "Kumanovo") and its team with their Cyrillic forms."""
    installation.update_profile(ctx, {"name_other_script": "Куманово"})
    team.update_team(
        ctx, sample.team_id, {"name_other_script": "Тим за акција во заедницата Куманово"}
    )
    return sample


@pytest.mark.parametrize("lang", LATIN + CYRILLIC)
def test_roster_and_periodic_report_print_the_name_in_the_report_script(
    ctx: ServiceContext, named: Sample, tmp_path: Path, lang: str
) -> None:
    roster = text_of(ctx, "roster", lang, tmp_path)
    periodic = text_of(ctx, "periodic", lang, tmp_path)
    minutes = text_of(ctx, "minutes", lang, tmp_path, record_id=named.meeting_id)
    if lang in LATIN:
        for text in (roster, periodic, minutes):
            assert "Kumanovo" in text and "Куманово" not in text.replace("Општина Куманово", "")
        assert "Community Action Team Kumanovo" in roster
        assert "Тим за акција" not in roster
    else:
        for text in (roster, periodic, minutes):
            assert "Куманово" in text and "Kumanovo" not in text
        assert "Тим за акција во заедницата Куманово" in roster
        assert "Тим за акција во заедницата Куманово" in minutes


def test_a_name_typed_in_cyrillic_only_prints_in_latin_letters_in_english(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    installation.update_profile(ctx, {"name": "Ѓорче Петров", "name_other_script": ""})
    assert installation.get_profile(ctx).name_other_script == "Gjorče Petrov"
    english = text_of(ctx, "periodic", "en", tmp_path)
    macedonian = text_of(ctx, "periodic", "mk", tmp_path)
    assert "Gjorče Petrov" in english and "Ѓорче" not in english
    assert "Ѓорче Петров" in macedonian


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "sr_Cyrl"])
def test_regional_report_writes_every_municipality_in_one_script(
    hub_ctx: ServiceContext, tmp_path: Path, lang: str
) -> None:
    add_municipality(hub_ctx, "Куманово", "MK", "MKD", 2, 10, 1_000)
    add_municipality(hub_ctx, "Elbasan", "AL", "ALL", 1, 5, 500)
    add_municipality(hub_ctx, "Нови Пазар", "RS", "RSD", 1, 0, 0)
    text = text_of(hub_ctx, "regional", lang, tmp_path)
    if lang in LATIN:
        assert all(name in text for name in ("Kumanovo", "Elbasan", "Novi Pazar"))
        assert "Куманово" not in text and "Нови Пазар" not in text
    else:
        assert "Куманово" in text and "Нови Пазар" in text
        assert "Elbasan" in text  # an Albanian name has no Cyrillic form of its own here


def test_the_regional_exchanges_table_names_the_cities_in_the_report_script(
    tmp_path: Path,
) -> None:
    """The demo hub holds "Куманово" and "Нови Пазар": the exchanges per city print them in
    Latin letters in Albanian, as every other table of the regional report does."""
    import datetime as dt

    from hubdesk.services.installation import load_context

    folder = tmp_path / "hub"
    db = hub_demo(folder, today=dt.date(2025, 6, 1))
    try:
        hub = load_context(db, folder)
        made = generate_report(
            hub, "regional", tmp_path / "regional.pdf", lang="sq",
            date_from=dt.date(2023, 1, 1), date_to=dt.date(2025, 6, 1), today=dt.date(2025, 6, 1),
        )  # fmt: skip
        text = " ".join(pdf_text(made).split())
    finally:
        db.close()
    assert "Shkëmbime ndërmjet qyteteve" in text
    assert "Kumanovo" in text and "Novi Pazar" in text
    assert "Куманово" not in text and "Нови Пазар" not in text


@pytest.mark.parametrize("kind", ["needs", "trainings"])
@pytest.mark.parametrize("lang", ["en", "mk"])
def test_the_municipality_that_prints_is_named_in_the_report_script(
    ctx: ServiceContext, named: Sample, tmp_path: Path, kind: str, lang: str
) -> None:
    """The header and title block of the needs and trainings reports name who prints
    them as every other report does (a typed "Kumanovo" printed in Latin letters in a
    Macedonian report was a mixed page)."""
    text = text_of(ctx, kind, lang, tmp_path)
    if lang == "en":
        assert "Kumanovo" in text and "Куманово" not in text
    else:
        assert "Куманово" in text and "Kumanovo" not in text


@pytest.mark.parametrize("lang", LATIN + CYRILLIC)
def test_a_good_practice_names_its_city_in_the_report_script(
    ctx: ServiceContext, named: Sample, tmp_path: Path, lang: str
) -> None:
    from hubdesk.services import practices

    made = practices.create_practice(
        ctx, {"title": "Safe roads", "language": "en", "actions": "Teachers and police",
              "adapt": "One school", "contact_role": "Coordinator", "themes": ["polarisation"]},
    )  # fmt: skip
    text = text_of(ctx, "practice", lang, tmp_path, record_id=made.id)
    if lang in LATIN:
        assert "Kumanovo" in text and "Куманово" not in text
    else:
        assert "Куманово" in text and "Kumanovo" not in text


@pytest.mark.parametrize("lang", LATIN + CYRILLIC)
def test_the_cities_a_municipality_typed_for_its_exchanges_print_in_the_report_script(
    ctx: ServiceContext, named: Sample, tmp_path: Path, lang: str
) -> None:
    """Kumanovo types its partners in Cyrillic ("Елбасан", "Нови Пазар"): its periodic report
    in English or Albanian names them in Latin letters, as it names Kumanovo itself (an
    English page read "Other municipalities: Елбасан, Нови Пазар")."""
    import datetime as dt

    from hubdesk.services import exchanges

    common = {"kind": "study_visit", "topic": "Youth councils", "starts_on": dt.date(2026, 5, 4)}
    exchanges.create_part(
        ctx, {**common, "role": "host", "partner_names": ["Елбасан", "Нови Пазар"]}
    )
    exchanges.create_part(
        ctx,
        {
            **common,
            "starts_on": dt.date(2026, 6, 1),
            "role": "visitor",
            "host_name": "Ѓорче Петров",
        },
    )
    text = text_of(ctx, "periodic", lang, tmp_path)
    if lang in LATIN:
        assert "Elbasan, Novi Pazar" in text and "Gjorče Petrov" in text
        assert "Елбасан" not in text and "Нови Пазар" not in text and "Ѓорче" not in text
    else:
        assert "Елбасан, Нови Пазар" in text and "Ѓорче Петров" in text
