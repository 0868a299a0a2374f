"""Counts of people in the regional report and the donor summary: small counts read "<5", the
cells that would give them back read "x", in every language; the hub's data keeps the exact
numbers; a theme narrows the region."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from report_samples import TODAY, pdf_text, squash

from hubdesk.domain import CommunityActivity, Municipality, YouthActivity
from hubdesk.i18n import LANGUAGES, _, language
from hubdesk.reports import ReportError, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.reports.suppression import COMPLEMENT, SMALL
from hubdesk.services import records
from hubdesk.services.context import ServiceContext

FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def youth(mid: str, female: int, male: int, roma: int, themes: list[str]) -> dict[str, Any]:
    return {
        "municipality_id": mid,
        "title": "Forum",
        "activity_type": "dialogue",
        "starts_on": dt.date(2026, 3, 3),
        "participants_total": female + male,
        "n_female_20_24": female,
        "n_male_15_19": male,
        "inc_roma": roma,
        "themes": themes,
    }


def community(mid: str, female: int, male: int, women: int) -> dict[str, Any]:
    return {
        "municipality_id": mid,
        "title": "Mothers' circle",
        "activity_type": "dialogue",
        "audiences": ["parents"],
        "starts_on": dt.date(2026, 4, 4),
        "participants_total": female + male,
        "n_female": female,
        "n_male": male,
        "inc_women": women,
        "themes": ["online_radicalisation"],
    }


def add(ctx: ServiceContext, name: str, country: str, currency: str) -> str:
    with ctx.transaction() as s:
        values = {"name": name, "country": country, "currency": currency}
        m = records.create(s, ctx, Municipality, values)
        s.flush()
        return m.id


@pytest.fixture
def region(hub_ctx: ServiceContext) -> ServiceContext:
    big = add(hub_ctx, "Kumanovo", "MK", "MKD")
    small = add(hub_ctx, "Elbasan", "AL", "ALL")
    with hub_ctx.transaction() as s:
        records.create(s, hub_ctx, YouthActivity, youth(big, 38, 27, 12, ["hate_speech"]))
        records.create(s, hub_ctx, YouthActivity, youth(small, 3, 19, 2, ["polarisation"]))
        records.create(s, hub_ctx, CommunityActivity, community(big, 44, 31, 44))
        records.create(s, hub_ctx, CommunityActivity, community(small, 2, 16, 2))
    return hub_ctx


def row_of(text: str, name: str) -> list[str]:
    """The cells of every table row of a municipality: the PDF's text puts each cell on a line
    of its own, so these are the lines after the name up to the next word."""
    lines = text.splitlines()
    out: list[str] = []
    for n, line in enumerate(lines):
        if line.strip() != name:
            continue
        for cell in lines[n + 1 :]:
            if any(ch.isalpha() for ch in cell.replace("x", "").replace("х", "")):
                break
            out.append(cell.strip())
    return out


@pytest.mark.parametrize("kind", ["regional", "donor"])
def test_small_counts_are_hidden_in_every_language(
    region: ServiceContext, tmp_path: Path, kind: str
) -> None:
    for lang in LANGUAGES:
        out = generate_report(
            region,
            kind,
            tmp_path / f"{kind}-{lang}.pdf",
            lang=lang,
            date_from=FROM,
            date_to=TO,
            today=TODAY,
        )
        text = pdf_text(out)
        assert missing_glyphs(text) == set(), lang
        with language(lang):
            small, masked = _(SMALL), _(COMPLEMENT)
            heading = _("Participants by inclusion group")
        assert squash(heading) in squash(text), lang
        assert small in text and masked in text, lang
        (tmp_path / f"{kind}-{lang}.txt").write_text(text)
        cells = row_of(text, "Elbasan")
        assert cells, lang
        # 3 young women, 2 Roma, 2 women at the community activity: never printed.
        assert not {"2", "3"} & set(cells), (lang, cells)
        if lang == "en":
            assert squash("cannot be worked out from the totals") in squash(text)


@pytest.mark.parametrize("kind", ["regional", "donor"])
def test_women_as_a_group_do_not_give_away_a_hidden_gender(
    hub_ctx: ServiceContext, tmp_path: Path, kind: str
) -> None:
    """26 people at Elbasan's community activity, 4 of them men: the gender table reads men
    "<5" and women "x", and the inclusion table printed "Women 22" beside them, which a reader
    takes for the women and so reads the men as 26 - 22 = 4. Women are counted by gender only."""
    big = add(hub_ctx, "Kumanovo", "MK", "MKD")
    small = add(hub_ctx, "Elbasan", "AL", "ALL")
    with hub_ctx.transaction() as s:
        records.create(s, hub_ctx, YouthActivity, youth(big, 38, 27, 12, ["hate_speech"]))
        records.create(s, hub_ctx, CommunityActivity, community(big, 44, 31, 44))
        records.create(s, hub_ctx, CommunityActivity, community(small, 22, 4, 22))
    out = generate_report(
        hub_ctx, kind, tmp_path / f"{kind}.pdf", lang="en", date_from=FROM, date_to=TO,
        today=TODAY,
    )  # fmt: skip
    text = pdf_text(out)
    cells = row_of(text, "Elbasan")
    assert "26" in cells and "<5" in cells, cells  # the head count, the men hidden
    assert "22" not in cells and "4" not in cells, cells
    assert "Women are counted in the tables by gender." in " ".join(text.split())


def test_a_theme_narrows_the_regional_report(region: ServiceContext, tmp_path: Path) -> None:
    out = generate_report(
        region,
        "regional",
        tmp_path / "t.pdf",
        lang="en",
        date_from=FROM,
        date_to=TO,
        today=TODAY,
        theme="hate_speech",
    )
    text = pdf_text(out)
    assert "Theme: Hate speech" in text
    # the sections that carry no theme are gone, and the reader is told why
    assert "The team, its members and the fund's money carry no theme" in " ".join(text.split())
    elbasan = row_of(text, "Elbasan")
    assert elbasan and "<5" not in elbasan  # nothing of that theme there
    with pytest.raises(ReportError, match="Unknown theme"):
        generate_report(region, "regional", tmp_path / "u.pdf", lang="en", theme="weather")
    with pytest.raises(ReportError, match="does not take a theme"):
        generate_report(region, "youth", tmp_path / "v.pdf", lang="en", theme="hate_speech")


def test_the_hub_keeps_the_exact_numbers(region: ServiceContext) -> None:
    with region.read() as s:
        youth_counts = sorted(a.n_female_20_24 for a in s.query(YouthActivity))
        groups = sorted(a.inc_women for a in s.query(CommunityActivity))
    assert youth_counts == [3, 38] and groups == [2, 44]


def test_the_municipalitys_own_reports_keep_exact_counts(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """The periodic report (to the hub) and the youth report stay inside: no suppression."""
    from hubdesk.services import community as community_service
    from hubdesk.services import youth as youth_service

    own = {k: v for k, v in youth("", 3, 19, 2, ["polarisation"]).items() if k != "municipality_id"}
    youth_service.create_activity(ctx, own)
    adults = {k: v for k, v in community("", 2, 16, 2).items() if k != "municipality_id"}
    community_service.create_activity(ctx, adults)
    periodic = pdf_text(
        generate_report(
            ctx, "periodic", tmp_path / "p.pdf", lang="en", date_from=FROM, date_to=TO, today=TODAY
        )
    )
    assert "Community engagement and inclusion" in periodic
    assert "Mothers' circle" in periodic and "<5" not in periodic
    report = pdf_text(
        generate_report(
            ctx, "youth", tmp_path / "y.pdf", lang="en", date_from=FROM, date_to=TO, today=TODAY
        )
    )
    assert "Participants by inclusion group" in report and "<5" not in report
    lines = report.splitlines()
    roma = lines.index("Roma and other communities")
    assert lines[roma + 1].strip() == "2"


def test_a_period_of_youth_activities_alone_says_it_had_no_community_activity(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """With young people in the period and no community activity, the periodic report's
    community section printed the inclusion table and no word of the activities it has none
    of, leaving a reader to take the empty column for a figure."""
    from hubdesk.services import youth as youth_service

    own = {k: v for k, v in youth("", 3, 19, 2, ["polarisation"]).items() if k != "municipality_id"}
    youth_service.create_activity(ctx, own)
    periodic = pdf_text(
        generate_report(
            ctx, "periodic", tmp_path / "p.pdf", lang="en", date_from=FROM, date_to=TO, today=TODAY
        )
    )
    section = periodic[periodic.index("Community engagement and inclusion") :]
    assert "No community activities in this period." in section


ENGLISH = (
    "Participants by inclusion group",
    "Young participants by gender and age band",
    "Community engagement",
    "Counts from 1 to 4",
    "Donor summary",
    "Work by theme",
)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_no_english_left_behind(region: ServiceContext, tmp_path: Path, lang: str) -> None:
    for kind in ("regional", "donor"):
        out = generate_report(
            region, kind, tmp_path / f"{kind}.pdf", lang=lang, date_from=FROM, date_to=TO,
            today=TODAY,
        )  # fmt: skip
        text = squash(pdf_text(out))
        for words in ENGLISH:
            assert squash(words) not in text, (kind, lang, words)
