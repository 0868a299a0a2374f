"""Each report kind, opened with a PDF library: the text that must be on the page is there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_samples import PERIOD, TODAY, Sample, pdf_text, squash

from hubdesk.domain.enums import Role
from hubdesk.i18n import _, language
from hubdesk.i18n.formatting import format_money, format_number
from hubdesk.reports import generate_report
from hubdesk.services import meetings
from hubdesk.services.context import ServiceContext


def make(ctx: ServiceContext, kind: str, tmp_path: Path, lang: str = "en", **kw: object) -> Path:
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    out = folder / f"{kind}-{lang}.pdf"
    kw.setdefault("date_from", PERIOD[0])
    kw.setdefault("date_to", PERIOD[1])
    return generate_report(ctx, kind, out, lang=lang, today=TODAY, **kw)  # type: ignore[arg-type]


def test_minutes_lists_people_decisions_and_action_items(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = pdf_text(make(ctx, "minutes", tmp_path, record_id=sample.meeting_id))
    flat = squash(text)
    assert "Kumanovo·Kumanovo" not in flat  # (squashed) the team is named after its town: once
    for expected in (
        "Minutes of the meeting",
        "Community Action Team Kumanovo",
        "Sala 2, Општина Куманово",
        "Ана Петровска",
        "Marija Đorđević",
        "Љубомир Стојановски",
        "Gëzim Çollaku",
        "OSCE Mission",
        "Support the youth council's proposal for a hub.",
        "Write to the school directors",
        "Prepare the public meeting",
        "Present: 3; excused: 1; absent: 1.",
        "Chair",
        "Minute-taker",
    ):
        assert squash(expected) in flat, expected
    assert "1 May 2026" in text  # due date, formatted for the report's language


def test_internal_minutes_say_so_with_or_without_their_text(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """A hub's copy of internal minutes has no text: the page says why the discussion is
    missing rather than leaving it out without a word."""
    meetings.update_meeting(ctx, sample.meeting_id, {"minutes_internal": True})
    text = " ".join(pdf_text(make(ctx, "minutes", tmp_path, record_id=sample.meeting_id)).split())
    assert "The team discussed the findings" in text
    assert "Marked internal: this text is not sent to the hub." in text
    meetings.update_meeting(ctx, sample.meeting_id, {"minutes": ""})  # as the hub's copy holds
    text = pdf_text(make(ctx, "minutes", tmp_path, record_id=sample.meeting_id))
    assert "Discussion" not in text  # here nothing was written, nothing is missing
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    text = " ".join(pdf_text(make(hub, "minutes", tmp_path, record_id=sample.meeting_id)).split())
    assert "Discussion" in text
    assert "the discussion is kept by the municipality's team only" in text
    meetings.update_meeting(ctx, sample.meeting_id, {"minutes_internal": False})
    text = pdf_text(make(ctx, "minutes", tmp_path, record_id=sample.meeting_id))
    assert "Discussion" not in text and "Marked internal" not in text


def test_minutes_name_a_womans_role_in_its_own_form(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """Ana chairs, Marija takes the minutes: their roles agree with them, as their attendance
    does; Arben coordinates."""
    text = " ".join(
        pdf_text(make(ctx, "minutes", tmp_path, "sr_Latn", record_id=sample.meeting_id)).split()
    )
    assert "Predsedavajuća" in text and "Sekretarka" in text
    assert "Koordinator" in text and "Koordinatorka" not in text


def test_roster_hides_contacts_unless_asked(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    plain = pdf_text(make(ctx, "roster", tmp_path))
    assert "Ана Петровска" in plain and "Local government" in plain
    assert "x@example.org" not in plain
    with_contacts = pdf_text(make(ctx, "roster", tmp_path, lang="sq", include_contacts=True))
    assert "x@example.org" in with_contacts


def test_roster_of_a_year_not_over_is_the_team_today(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """The whole of this year asked for: the roster says today's date, not 31 December."""
    text = pdf_text(make(ctx, "roster", tmp_path, date_to=dt.date(2026, 12, 31)))
    assert "Members on 1 Jul 2026" in " ".join(text.split())
    assert "31 Dec 2026" not in text


def test_roster_names_a_womans_role_in_its_own_form(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """Ana (chair) and Marija (secretary) are women, Arben a man, Gëzim did not say."""
    text = " ".join(pdf_text(make(ctx, "roster", tmp_path, lang="sr_Latn")).split())
    assert "Predsedavajuća" in text and "Sekretarka" in text
    assert "Koordinator" in text and "Koordinatorka" not in text
    assert "Član" in text and "Članica" not in text  # a man, and a person of no stated gender


def test_youth_report_sums_the_grid(ctx: ServiceContext, sample: Sample, tmp_path: Path) -> None:
    text = pdf_text(make(ctx, "youth", tmp_path))
    flat = squash(text)
    assert "Дијалог млади–општина" in text
    assert "Included in the 2027 municipal budget draft" in " ".join(text.split())
    assert "42" in text  # 30 + 12 participants
    assert squash("Participants by gender and age band") in flat
    assert squash("50.0%") in flat  # one of two activities youth-led


def test_proposal_budget_totals_in_macedonian_money(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = pdf_text(make(ctx, "proposal", tmp_path, lang="mk", record_id=sample.proposal_id))
    flat = squash(text)
    # 4 × 12 500 + 2000 × 10.50 + 2 × 9 000 = 89 000 MKD total; co-funding 10 000; asked 79 000.
    for minor in (8_900_000, 1_000_000, 7_900_000, 5_000_000):
        money = format_money(minor, "MKD", "mk")
        assert "," in money  # the Macedonian decimal comma
        assert squash(money) in flat, money
    assert squash("Браќа Миладиновци") in flat
    with language("mk"):
        assert squash(_("Official stamp")) in flat


def test_implementation_compares_budget_and_spending(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = pdf_text(make(ctx, "implementation", tmp_path, record_id=sample.proposal_id))
    flat = squash(text)
    assert squash(format_money(6_700_000, "MKD", "en")) in flat  # spent 49 000 + 18 000
    assert squash(format_money(2_200_000, "MKD", "en")) in flat  # remaining
    # English writes a currency's code apart from the number, as the window does.
    assert "MKD 67,000.00" in text.replace("\u00a0", " ")
    assert "Twelve street lights installed" in text
    assert "Not reported" in text  # a line without spending says so instead of zero


def test_periodic_report_counts_the_period(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = pdf_text(make(ctx, "periodic", tmp_path, lang="sq"))
    flat = squash(text)
    assert squash(format_number(42, "sq")) in flat
    assert "MK-2026-001" in text
    assert squash("60,0%") in flat  # 3 present of 5 recorded, Albanian decimal comma
    with language("sq"):
        for heading in ("Work across the five pillars", "Team and meetings", "Action items"):
            assert squash(_(heading)) in flat, heading


def test_periodic_report_tells_action_items_as_they_stood_at_its_end(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """The letter to the school directors was written on 25 March: a report of the period up
    to 20 March, printed in July, counts it as still open then, not as done."""
    out = make(ctx, "periodic", tmp_path, date_to=dt.date(2026, 3, 20))
    flat = squash(pdf_text(out))
    assert squash("0 / 2 Action items done") in flat
    assert squash("Done Open Overdue Cancelled Total 0 2 0 0 2") in flat
    # and on the period's last day the item done by then is done
    flat = squash(pdf_text(make(ctx, "periodic", tmp_path, date_to=dt.date(2026, 3, 31))))
    assert squash("1 / 2 Action items done") in flat


@pytest.mark.parametrize("lang", ["sq", "mk", "sr_Cyrl"])
def test_headings_follow_the_report_language_not_the_window(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    text = squash(pdf_text(make(ctx, "minutes", tmp_path, lang=lang, record_id=sample.meeting_id)))
    with language(lang):
        expected = [_(m) for m in ("Minutes of the meeting", "Attendance", "Decisions")]
        page_of = _("Page {page} of {pages}").format(page=1, pages=2)
    for heading in expected:
        assert squash(heading) in text
    assert squash(page_of) in text


def test_a_draft_has_no_implementation_report(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    from hubdesk.reports import ReportError

    with pytest.raises(ReportError, match="has not been funded"):
        make(ctx, "implementation", tmp_path, record_id=sample.draft_id)
    assert list((tmp_path / "out").iterdir()) == []


def test_default_period_is_this_year_so_far(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    out = generate_report(ctx, "periodic", tmp_path / "p.pdf", lang="en", today=TODAY)
    reader = PdfReader(str(out))
    assert reader.metadata is not None
    assert squash("1 Jan – 1 Jul 2026") in squash(str(reader.metadata.subject))


def test_a_quarter_without_meetings_says_so_beside_the_members(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """A quarter with youth activities but no meeting printed "Meetings by kind" as an empty
    column over a total of 0, which reads like a lost table rather than a quiet quarter."""
    import datetime as dt

    out = make(
        ctx, "periodic", tmp_path, date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 6, 30)
    )
    text = squash(pdf_text(out))
    assert squash("Meetings by kind") in text
    assert squash("No meetings in this period.") in text


def test_the_spending_chart_says_not_reported_where_the_table_does(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """A category whose spending nobody has reported yet read "Not reported" in the table but
    "0.00 MKD" beside its bar in the chart, as if nothing had been spent."""
    out = make(ctx, "implementation", tmp_path, record_id=sample.proposal_id)
    text = pdf_text(out)
    # the hall rental (venue) has no spending reported: once in the table, once in the chart
    assert text.count("Not reported") == 2
    assert format_money(0, "MKD", "en") not in text


def test_the_minutes_name_the_municipality_once() -> None:
    from hubdesk.reports.minutes import team_and_place

    assert team_and_place("Community Action Team Kumanovo", "Kumanovo") == (
        "Community Action Team Kumanovo"
    )
    assert team_and_place("Тим за акција — Куманово", "куманово") == "Тим за акција — Куманово"
    assert team_and_place("Prevention team", "Kumanovo") == "Prevention team · Kumanovo"


def test_minutes_keep_a_member_who_moved_to_another_team_since(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """The rates count everyone recorded at a meeting; the minutes listed only the members of
    the meeting's team today, so one who moved to another team since went missing."""
    from hubdesk.services import team

    youth = team.create_team(ctx, {"name": "Youth council", "kind": "cat"})
    team.update_member(ctx, sample.members["Marija Đorđević"], {"team_id": youth.id})
    flat = squash(pdf_text(make(ctx, "minutes", tmp_path, record_id=sample.meeting_id)))
    assert squash("Marija Đorđević") in flat
    assert squash("Present: 3; excused: 1; absent: 1.") in flat
