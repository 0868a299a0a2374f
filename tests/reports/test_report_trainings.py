"""The trainings report in every language, its --profession, and the trainings blocks of the
periodic report and of the hub's regional report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from report_samples import PERIOD, TODAY, pdf_text, squash

from hubdesk.domain import Municipality, Training, YouthActivity
from hubdesk.domain.enums import Role
from hubdesk.i18n import LANGUAGES, N_, translations
from hubdesk.reports import ReportError, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.reports.trainings import member_trainings
from hubdesk.services import records, team, trainings
from hubdesk.services.context import ServiceContext

HEADINGS = (
    N_("Trainings report"),
    N_("Participants by profession and gender"),
    N_("Who trained them"),
    N_("Participants by inclusion group"),
    N_("Teachers"),
    N_("Training of trainers"),
)


def record(ctx: ServiceContext) -> None:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    member = {"team_id": cat.id, "name": "Ana Petrovska", "sector": "education", "role": "member"}
    ana = team.create_member(ctx, {**member, "gender": "female"}).id
    trainings.create_training(
        ctx,
        {"title": "ToT Kumanovo", "starts_on": dt.date(2026, 2, 2), "organiser": "Hub",
         "trainer_name": "OSCE", "train_the_trainer": True, "p_teacher_female": 6,
         "p_social_worker_male": 2, "inc_roma": 2},
        {ana: "participant"},
    )  # fmt: skip
    trainings.create_training(
        ctx,
        {"title": "Hate speech in class", "starts_on": dt.date(2026, 4, 8), "format": "online",
         "organiser": "CAT", "p_teacher_female": 11, "p_teacher_male": 5, "p_police_male": 3},
        {ana: "trainer"},
    )  # fmt: skip
    trainings.create_training(
        ctx, {"title": "Last year", "starts_on": dt.date(2025, 4, 8), "p_teacher_male": 40}
    )


def translated(msgid: str, lang: str) -> str:
    return (
        translations(lang).pgettext(*msgid.split("\x04"))
        if "\x04" in msgid
        else translations(lang).gettext(msgid)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_trainings_report_in_every_language(
    ctx: ServiceContext, tmp_path: Path, lang: str
) -> None:
    record(ctx)
    out = generate_report(
        ctx, "trainings", tmp_path / f"t-{lang}.pdf", lang=lang,
        date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY,
    )  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert missing_glyphs(text) == set()
    for msgid in HEADINGS:
        assert squash(translated(msgid, lang)) in squash(text), (lang, msgid)
        if lang != "en":
            assert squash(msgid) not in squash(text), (lang, msgid)
    assert "Hate speech in class" in text and "Last year" not in text
    assert "Ana Petrovska" in text  # the team member who trained


@pytest.mark.parametrize("lang", ["en", "mk"])
def test_the_trainings_report_shows_the_need_a_training_answers(
    ctx: ServiceContext, tmp_path: Path, lang: str
) -> None:
    from hubdesk.domain.enums import Pillar
    from hubdesk.domain.needs import score_column
    from hubdesk.services import needs

    record(ctx)
    scores = {score_column(p): 3 for p in Pillar}
    found = needs.create_assessment(ctx, {"year": 2026, **scores, "score_capacity_building": 1})
    needs.submit_assessment(ctx, found.id)
    trainings.create_training(
        ctx,
        {"title": "Mediators", "starts_on": dt.date(2026, 5, 5), "p_teacher_male": 7,
         "need_assessment_id": found.id, "need_pillar": "capacity_building"},
    )  # fmt: skip
    out = generate_report(
        ctx, "trainings", tmp_path / f"need-{lang}.pdf", lang=lang,
        date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY,
    )  # fmt: skip
    text = squash(pdf_text(out))
    assert squash(translated("Need addressed", lang)) in text
    pillar = translated(Pillar.labels()["capacity_building"], lang)
    assert squash(f"2026 · {pillar} (1/4)") in text
    assert missing_glyphs(text) == set()


def test_profession_narrows_who_trained_them(ctx: ServiceContext, tmp_path: Path) -> None:
    record(ctx)
    out = generate_report(
        ctx, "trainings", tmp_path / "police.pdf", lang="en",
        date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY, profession="police",
    )  # fmt: skip
    text = squash(pdf_text(out))
    assert squash("Who trained them: Police") in text
    with pytest.raises(ReportError, match="Unknown profession"):
        generate_report(ctx, "trainings", tmp_path / "x.pdf", lang="en", profession="pilots")


def test_nothing_recorded_says_so(ctx: ServiceContext, tmp_path: Path) -> None:
    out = generate_report(ctx, "trainings", tmp_path / "none.pdf", lang="en", today=TODAY)
    assert "No trainings are recorded in this period." in " ".join(pdf_text(out).split())


def test_the_periodic_report_has_a_capacity_building_section(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    from report_samples import make_sample

    make_sample(ctx)
    record(ctx)
    out = generate_report(
        ctx, "periodic", tmp_path / "p.pdf", lang="mk",
        date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY,
    )  # fmt: skip
    text = squash(pdf_text(out))
    assert squash(translated("Capacity-building", "mk")) in text
    assert squash(translated("Teachers", "mk")) in text


def hub_training(ctx: ServiceContext, name: str, **counts: Any) -> None:
    """A training as the import of a municipality's bundle leaves it at the hub."""
    with ctx.transaction() as s:
        m = records.create(s, ctx, Municipality, {"name": name, "country": "MK", "currency": "MKD"})
        s.flush()
        data = {"municipality_id": m.id, "title": "T", "starts_on": dt.date(2026, 3, 3), **counts}
        records.create(s, ctx, Training, data)
        # the regional report prints when the region has meetings, youth activities or proposals
        youth = {"municipality_id": m.id, "title": "Forum", "activity_type": "dialogue",
                 "starts_on": dt.date(2026, 3, 4), "participants_total": 1,
                 "n_male_20_24": 1}  # fmt: skip
        records.create(s, ctx, YouthActivity, youth)


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "sr_Cyrl"])
def test_the_regional_report_has_trainings_by_profession(
    hub_ctx: ServiceContext, tmp_path: Path, lang: str
) -> None:
    from hubdesk.reports.base import Request
    from hubdesk.reports.data.scope import Period
    from hubdesk.reports.lang import ReportLanguage
    from hubdesk.reports.trainings import regional_matrix

    hub_training(hub_ctx, "Kumanovo", p_teacher_female=7, p_police_male=2)
    hub_training(hub_ctx, "Struga", p_teacher_female=5, p_teacher_male=1)
    req = Request(hub_ctx, ReportLanguage(lang), Period(*PERIOD), None, False, TODAY, True)
    matrix = regional_matrix(req)
    assert matrix.counts[0] == [12, 1, 0] and matrix.row_codes[0] == "teacher"
    assert len(matrix.row_labels) == 12 and len(matrix.column_labels) == 3
    out = generate_report(
        hub_ctx, "regional", tmp_path / f"r-{lang}.pdf", lang=lang,
        date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY,
    )  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert missing_glyphs(text) == set()
    assert squash(translated("Trainings by profession", lang)) in squash(text)
    if lang != "en":
        assert "Trainings by profession" not in text


def cells_after(text: str, label: str) -> list[str]:
    """The cells of the table row ``label``: the PDF's text puts each cell on a line of its
    own, so these are the lines after the label up to the next word."""
    lines = [line.strip() for line in text.splitlines()]
    out: list[str] = []
    for n, line in enumerate(lines):
        if line != label:
            continue
        for cell in lines[n + 1 :]:
            if any(ch.isalpha() for ch in cell.replace("x", "")):
                break
            out.append(cell)
    return out


def test_the_regional_report_hides_small_counts_of_trainees(
    hub_ctx: ServiceContext, tmp_path: Path
) -> None:
    hub_training(hub_ctx, "Kumanovo", p_teacher_female=7, p_teacher_male=6)
    hub_training(hub_ctx, "Struga", p_teacher_female=5, p_social_worker_male=2)
    regional = pdf_text(
        generate_report(
            hub_ctx, "regional", tmp_path / "r.pdf", lang="en",
            date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY,
        )
    )  # fmt: skip
    social = cells_after(regional, "Social workers")
    assert social and "2" not in social and "<5" in social
    assert "x" in cells_after(regional, "Teachers")  # or the totals would give the 2 back
    assert "Counts from 1 to 4 are shown as <5" in " ".join(regional.split())
    report = pdf_text(
        generate_report(
            hub_ctx, "trainings", tmp_path / "t.pdf", lang="en",
            date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY,
        )
    )  # fmt: skip
    assert cells_after(report, "Social workers") == ["0", "2", "0", "2"]  # the hub's own: exact
    assert "<5" not in report


def test_the_roster_lists_the_register_then_the_earlier_notes(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    record(ctx)
    ana = team.list_members(ctx)[0]
    team.update_member(ctx, ana.id, {"trainings": "Mediation course (2019)"})
    out = generate_report(ctx, "roster", tmp_path / "r.pdf", lang="en", today=TODAY)
    text = squash(pdf_text(out))
    assert text.index(squash("ToT Kumanovo (2026)")) < text.index(squash("Mediation course"))


def test_the_roster_lists_a_training_a_member_gave_apart_from_those_received(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """Ana trained the class on hate speech: the roster says she gave it, and lists under
    "received" only the training she took part in."""
    record(ctx)
    ana = team.list_members(ctx)[0]
    out = generate_report(ctx, "roster", tmp_path / "r.pdf", lang="en", today=TODAY)
    text = squash(pdf_text(out))  # the cells of a row, left to right
    assert squash("Joined on Trainings received Trainings given Education") in text
    assert squash("Female ToT Kumanovo (2026) Hate speech in class (2026) Page") in text
    held = member_trainings(ctx, [ana.id])[ana.id]
    assert (held.received, held.given) == (["ToT Kumanovo (2026)"], ["Hate speech in class (2026)"])


def test_a_period_with_only_a_training_prints_it(ctx: ServiceContext, tmp_path: Path) -> None:
    """No meetings, youth activities or proposals in the period, but a training: the report
    says the first and prints the second (it printed "No data for this period" and stopped)."""
    record(ctx)
    out = generate_report(
        ctx, "periodic", tmp_path / "p.pdf", lang="en",
        date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28), today=TODAY,
    )  # fmt: skip
    text = squash(pdf_text(out))
    assert squash("No team activity in this period") in text  # the team's own records
    assert squash("No meetings, youth activities or fund proposals are recorded") in text
    assert squash("Capacity-building") in text and squash("Teachers") in text


def test_a_region_with_only_a_training_prints_it(ctx: ServiceContext, tmp_path: Path) -> None:
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    with hub.transaction() as s:
        m = records.create(s, hub, Municipality, {"name": "Tetovo", "country": "MK",
                                                  "currency": "MKD"})  # fmt: skip
        s.flush()
        records.create(s, hub, Training, {"municipality_id": m.id, "title": "T",
                       "starts_on": dt.date(2026, 3, 3), "p_teacher_female": 9})  # fmt: skip
    out = generate_report(
        hub, "regional", tmp_path / "r.pdf", lang="en",
        date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31), today=TODAY,
    )  # fmt: skip
    text = pdf_text(out)
    assert squash("No team activity in this period") in squash(text)
    assert squash("No municipality has meetings") in squash(text)
    assert squash("Teachers") in squash(text)


def test_a_roster_of_an_earlier_day_leaves_out_the_trainings_held_since(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """The team as it stood on 31 March lists the February training Ana took part in, not
    the one she gave in April: on 31 March she had not given it yet."""
    record(ctx)
    out = generate_report(
        ctx, "roster", tmp_path / "r.pdf", lang="en",
        date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31), today=TODAY,
    )  # fmt: skip
    text = squash(pdf_text(out))
    assert squash("Members on 31 Mar 2026") in text
    assert squash("ToT Kumanovo (2026)") in text
    assert squash("Hate speech in class") not in text
    assert squash("Trainings given") not in text  # no one had given one by then
