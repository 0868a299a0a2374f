"""How tables, dates, charts and draft marks look on the page, in the languages that stretch
them: no word cut in two, headings at their size, no total alone, one day format, 24 hours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_samples import PERIOD, TODAY, Sample, pdf_text
from reportlab.graphics.shapes import Group, String
from reportlab.platypus import Paragraph, Spacer

from hubdesk.domain.enums import role_msgid
from hubdesk.i18n import LANGUAGES
from hubdesk.reports import blocks, charts, generate_report
from hubdesk.reports.blocks import Column
from hubdesk.reports.document import PageDress, write_pdf
from hubdesk.reports.fonts import register_fonts
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.styles import CELL_SIZE, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT
from hubdesk.reports.tables import MIN_SIZE, PADDING
from hubdesk.services import fund, team, youth
from hubdesk.services.context import ServiceContext

ROLES = ("deputy_chair", "coordinator", "focal_point", "observer", "secretary", "chair")
GENDERS = ("female", "male")


def add_every_role(ctx: ServiceContext, sample: Sample) -> None:
    """Every role twice, a woman's and a man's: the two forms of a word differ in length."""
    for number, (role, gender) in enumerate((r, g) for r in ROLES for g in GENDERS):
        team.create_member(
            ctx,
            {
                "team_id": sample.team_id,
                "name": f"Member {number}",
                "sector": "civil_society",
                "role": role,
                "gender": gender,
                "organisation": "NGO Ura",
                "joined_on": dt.date(2022, 1, 10),
            },
        )


def page_texts(path: Path) -> list[str]:
    texts = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    return [t.replace("\xa0", " ").replace("\u202f", " ") for t in texts]


@pytest.mark.parametrize("lang", ["mk", "sq", "hr", "sr_Cyrl"])
def test_no_role_is_cut_in_the_middle_of_a_word(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    """The role column once broke "Заменик-претседава|ч", "Координато|р", "Zëvendëskry|esues":
    every word of every role is on one line of the roster (a line may end after a hyphen)."""
    add_every_role(ctx, sample)
    tr = ReportLanguage(lang)
    out = generate_report(ctx, "roster", tmp_path / "r.pdf", lang=lang, today=TODAY)
    lines = {line.strip() for text in page_texts(out) for line in text.splitlines()}
    words = {line_word for line in lines for line_word in line.split()}
    for role, gender in ((r, g) for r in ROLES for g in GENDERS):
        label = tr(role_msgid(role, gender))
        for word in label.split():
            pieces = word.split("-")
            if len(pieces) == 1:
                assert word in words, (lang, label, sorted(w for w in words if w[:3] == word[:3]))
            else:  # whole, or broken right after its hyphen
                broken = [f"{p}-" for p in pieces[:-1]] + pieces[-1:]
                assert word in words or all(p in words for p in broken), (lang, label)


def test_minutes_attendance_keeps_roles_whole(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    out = generate_report(
        ctx, "minutes", tmp_path / "m.pdf", lang="mk", record_id=sample.meeting_id, today=TODAY
    )
    words = set(" ".join(page_texts(out)).split())
    assert "Координатор" in words  # not "Координато" + "р"


def test_a_word_too_wide_for_the_page_shrinks_the_table_not_below_7_pt() -> None:
    tr = ReportLanguage("en")
    long_word = "Zëvendëskryesuesja" * 4
    columns = [Column("Name", 1), Column("Role in team", 1), Column("Organisation", 1)]
    table = blocks.table(tr, columns, [[long_word, long_word, long_word]])
    sizes = {cell.style.fontSize for cell in table._cellvalues[1] if isinstance(cell, Paragraph)}
    assert sizes and all(MIN_SIZE <= size < CELL_SIZE for size in sizes)
    narrow = blocks.table(tr, columns, [["Ana", "Coordinator", "NGO"]])
    assert narrow._cellvalues[1] == ["Ana", "Coordinator", "NGO"]  # plain one-line cells


def test_a_typed_word_wider_than_the_page_is_cut_and_the_other_columns_keep_theirs() -> None:
    """An organisation typed as one 65-letter word: only that word is cut; the roster's other
    columns keep "Anëtar", "Femër" and their headings whole (all of them were cut before)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from hubdesk.reports.fonts import CONDENSED

    register_fonts()
    tr = ReportLanguage("sq")
    word = "Ndërkombëtarizimikomunitaredhepjesëmarrjesrinoresëqytetitgjakovës"
    columns = [
        Column("Name", 2), Column("Organisation", 2.5), Column("Role in team", 1.2),
        Column("Gender", 0.9), Column("Joined on", 1.2), Column("Trainings received", 3),
    ]  # fmt: skip
    row = ["Marigona Bajraktari", word, "Anëtar", "Femër", "5 jan 2026", word]
    table = blocks.table(tr, columns, [row])
    widths = table._colWidths
    size = next(c.style.fontSize for c in table._cellvalues[1] if isinstance(c, Paragraph))
    assert sum(widths) == pytest.approx(blocks.FRAME_WIDTH)
    for col in (0, 2, 3, 4):
        widest = max(stringWidth(w, CONDENSED, size) for w in row[col].split())
        assert widths[col] - 2 * PADDING >= widest, row[col]


def test_a_long_word_widens_its_column_from_the_others_slack() -> None:
    tr = ReportLanguage("mk")
    columns = [Column("Name", 3), Column("Role in team", 0.6), Column("Attendance", 3)]
    word = "Заменик-претседавач"
    table = blocks.table(tr, columns, [["Ана Петровска", word, "Присутен"]])
    widths = table._colWidths
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from hubdesk.reports.fonts import CONDENSED

    assert widths[1] - 2 * PADDING >= stringWidth("претседавач", CONDENSED, CELL_SIZE)
    assert sum(widths) == pytest.approx(blocks.FRAME_WIDTH)


@pytest.mark.parametrize("lang", ["en", "mk", "hr"])
def test_a_date_in_a_narrow_column_stays_on_one_line(lang: str) -> None:
    """The trainings and roster tables printed "19 Aug" over "2026" in their date columns:
    a date is one unbreakable piece, and its column makes room for it."""
    tr = ReportLanguage(lang)
    day = tr.date(dt.date(2026, 9, 22))
    columns = [Column("Title", 6), Column("Date", 0.4), Column("Place", 6)]
    table = blocks.table(tr, columns, [["Gender-based violence: referral " * 3, day, "Kumanovo"]])
    assert table._cellvalues[1][1] == day  # a plain one-line cell
    assert tr.period(dt.date(2026, 9, 1), dt.date(2026, 9, 22)).endswith(day)


@pytest.mark.parametrize("lang", ["sq", "mk", "hr", "en"])
def test_headings_wrap_at_their_normal_size(lang: str) -> None:
    """ "Përdorur" in a narrow column was set in 5.5 pt; now the column makes room for it."""
    tr = ReportLanguage(lang, bilingual=lang != "en")
    columns = [
        Column("Description", 3.4),
        Column("Category", 2),
        Column("Budgeted", 1.7, "R"),
        Column("Spent", 1.7, "R"),
        Column("Remaining", 1.7, "R"),
        Column("Used", 1, "R"),
    ]
    row = ["Leaflets", "Communication", "21.000,00 MKD", "18.000,00 MKD", "3.000,00 MKD", "85,7%"]
    table = blocks.table(tr, columns, [row])
    assert [cell.style.fontSize for cell in table._cellvalues[0]] == [CELL_SIZE] * len(columns)


def _lone_total_story(tr: ReportLanguage, rows: int) -> list[object]:
    """A table placed so that every row but the total fits on page one (where reportlab, left
    alone, would carry the total over by itself)."""
    columns = [Column("Organisation", 4), Column("Number of guests", 1, "R")]
    body = [[f"Organisation {n}", tr.number(n)] for n in range(rows)]
    table = blocks.table(tr, columns, body, totals=[[tr("Total"), tr.number(999)]])
    table.wrap(blocks.FRAME_WIDTH, PAGE_HEIGHT)
    heights = table._rowHeights
    frame = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    return [Spacer(1, frame - sum(heights[:-1]) - 1), table]


def test_the_total_row_never_starts_a_page_alone(tmp_path: Path) -> None:
    tr = ReportLanguage("en")
    dress = PageDress("Kumanovo", "Guests", "2026", "Generated", "Page {page} of {pages}", "en", "")
    out = write_pdf(tmp_path / "t.pdf", _lone_total_story(tr, 12), dress)  # type: ignore[arg-type]
    pages = page_texts(out)
    assert len(pages) == 2
    assert "Total" in pages[1] and "Organisation 11" in pages[1]  # the last row came along
    assert "Organisation 10" in pages[0]


def test_the_implementation_report_keeps_its_results_on_page_one(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """The results and signatures (a group kept together holding another one) went to page 2
    and left page one 40% empty."""
    out = generate_report(
        ctx, "implementation", tmp_path / "i.pdf", lang="sq", record_id=sample.proposal_id,
        today=TODAY,
    )  # fmt: skip
    pages = page_texts(out)
    assert len(pages) == 1
    assert "Twelve street lights installed" in pages[0]


def test_albanian_minutes_tell_the_time_on_the_24_hour_clock(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    out = generate_report(
        ctx, "minutes", tmp_path / "m.pdf", lang="sq", record_id=sample.meeting_id, today=TODAY
    )
    text = pdf_text(out)
    assert "17:00 – 19:00" in text
    assert "m.d." not in text and "5:00" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_day_format_per_language(lang: str) -> None:
    """A period's first day is written like every other date of the report, less the year
    it shares with the last ("01. sij" beside "1. sij 2026." was CLDR's range pattern)."""
    tr = ReportLanguage(lang)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    first, last = tr.period(start, end).split(" – ")
    assert last == tr.date(end)
    assert tr.date(start).startswith(first) and "2026" not in first
    assert tr.period(dt.date(2025, 6, 1), end) == f"{tr.date(dt.date(2025, 6, 1))} – {last}"


def test_the_periodic_report_writes_its_period_like_its_dates(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    out = generate_report(
        ctx, "periodic", tmp_path / "p.pdf", lang="hr", date_from=PERIOD[0], date_to=PERIOD[1],
        today=TODAY,
    )  # fmt: skip
    text = pdf_text(out)
    assert "1. sij – 30. lip 2026." in text and "01. sij" not in text


def _strings(group: Group) -> list[str]:
    out: list[str] = []
    for item in group.getContents():
        if isinstance(item, String):
            out.append(item.text)
        elif isinstance(item, Group):
            out += _strings(item)
    return out


@pytest.mark.parametrize(("lang", "shown"), [("mk", "1.134"), ("en", "1,134"), ("sq", "1 134")])
def test_chart_numbers_are_written_like_the_tables(lang: str, shown: str) -> None:
    register_fonts()  # the chart measures its labels in the report's fonts, run alone too
    tr = ReportLanguage(lang)
    chart = charts.bar_chart(["Youth"], [("Participants", [1134])], number=tr.number)
    assert chart is not None
    texts = [t.replace("\xa0", " ").replace("\u202f", " ") for t in _strings(chart)]
    assert shown in texts and tr.number(1134).replace("\xa0", " ") == shown


def test_a_pie_chart_prints_every_line_of_a_long_title() -> None:
    """A bilingual Serbian youth report titles its pie "Активности које воде млади /
    Activities that were youth-led": two lines in half the page, and the second was lost."""
    register_fonts()
    title = ReportLanguage("sr_Cyrl", bilingual=True).both("Activities that were youth-led")
    pie = charts.pie_chart([("Youth-led", 9, "9"), ("Led by adults", 17, "17")], title=title)
    assert pie is not None
    printed = " ".join(_strings(pie))
    assert "Activities that were youth-led" in " ".join(printed.split())
    top = max(s.y for s in pie.getContents() if isinstance(s, String))
    assert top < pie.height  # the title's lines stay inside the drawing


def test_the_youth_reports_two_pies_start_level_when_one_title_takes_two_lines() -> None:
    """Beside "Активности које воде млади / Activities that were youth-led" (two lines) the
    gender pie keeps room for two lines as well, so both pies and legends start level."""
    from hubdesk.domain.enums import AgeBand, Gender
    from hubdesk.reports import youth as youth_report
    from hubdesk.reports.data.youth import YouthSummary

    register_fonts()
    tr = ReportLanguage("sr_Cyrl", bilingual=True)
    grid = {(g.value, b.value): 3 for g in Gender for b in AgeBand}
    pies = youth_report._pies(tr, YouthSummary(activities=26, youth_led=9, grid=grid))
    gender, led = pies._cellvalues[0]
    assert len(charts.pie_title_lines(tr.both("Activities that were youth-led"))) == 2
    assert gender.height == led.height


def test_a_draft_proposal_says_draft_on_every_page(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    for position in range(70):
        fund.add_budget_line(
            ctx,
            sample.draft_id,
            {"category": "equipment", "description": f"Item {position}", "quantity": 1,
             "unit_cost_minor": 10_000, "position": position},
        )  # fmt: skip
    for lang in ("en", "mk", "sq"):
        word = ReportLanguage(lang)("DRAFT")
        out = generate_report(
            ctx, "proposal", tmp_path / f"d-{lang}.pdf", lang=lang, record_id=sample.draft_id,
            today=TODAY,
        )  # fmt: skip
        pages = page_texts(out)
        assert len(pages) >= 2
        assert all(word in text for text in pages), lang
    funded = generate_report(
        ctx, "proposal", tmp_path / "f.pdf", lang="mk", record_id=sample.proposal_id, today=TODAY
    )
    assert ReportLanguage("mk")("DRAFT") not in pdf_text(funded)


def test_a_chart_of_fifty_municipalities_is_split_into_parts_that_fit_a_page(
    tmp_path: Path,
) -> None:
    register_fonts()  # the charts measure their labels in HubDesk's fonts
    tr = ReportLanguage("en")
    names = [f"Municipality {i:02d}" for i in range(50)]
    series = [("Meetings", [float(i % 7) for i in range(50)]), ("Youth", [3.0] * 50)]
    whole = charts.bar_chart(names, series, number=tr.number)
    assert whole is not None and whole.height > PAGE_HEIGHT  # one drawing cannot be laid out
    parts = charts.bar_charts(names, series, number=tr.number)
    assert len(parts) > 1 and all(p.height <= charts.PART_HEIGHT for p in parts)
    labels = [t for p in parts for t in _strings(p) if t.startswith("Municipality")]
    assert labels == names  # every municipality once, in order
    dress = PageDress("Region", "Chart", "2026", "Generated", "Page {page} of {pages}", "en", "")
    out = write_pdf(tmp_path / "chart.pdf", list(parts), dress)
    assert len(PdfReader(out).pages) >= 2


def test_a_typed_text_longer_than_a_page_continues_on_the_next_one(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """A youth activity's outcome of a few thousand words (the form takes 50 000 characters)
    made a table row taller than a page: reportlab raised LayoutError and no report was made.
    The row now runs on over the following pages, every word of it printed."""
    words = [f"w{n:04d}" for n in range(4000)]
    activity = youth.create_activity(
        ctx,
        {
            "team_id": sample.team_id,
            "title": "Youth forum",
            "activity_type": "dialogue",
            "starts_on": dt.date(2026, 6, 2),
            "pillars": ["youth_engagement"],
            "participants_total": 10,
            "n_female_15_19": 10,
            "outcome": " ".join(words),
            "fed_into_decision": True,
            "decision_note": "Budget line",
        },
    )
    assert len(activity.outcome) < 50_000
    out = generate_report(
        ctx, "youth", tmp_path / "y.pdf", lang="mk", date_from=PERIOD[0], date_to=PERIOD[1],
        today=TODAY,
    )  # fmt: skip
    printed = " ".join(page_texts(out)).split()
    assert [w for w in printed if w.startswith("w") and w[1:].isdigit()] == words


def _short_table_at_page_foot(tr: ReportLanguage) -> list[object]:
    """A heading, a table of three municipalities and its note, placed so that the heading,
    the header row and two municipalities fit on page one but not the third."""
    register_fonts()
    columns = [Column("Municipality", 4), Column("Meetings", 1, "R")]
    body = [[f"Municipality {n}", tr.number(n)] for n in range(3)]
    table = blocks.table(tr, columns, body)
    table.wrap(blocks.FRAME_WIDTH, PAGE_HEIGHT)
    head = blocks.heading(tr, "Work across the five pillars")
    _w, head_height = head.wrap(blocks.FRAME_WIDTH, PAGE_HEIGHT)
    room = head_height + sum(table._rowHeights[:3]) + 2
    frame = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    return [Spacer(1, frame - room), head, table, blocks.note("Counted once per pillar.")]


def test_a_short_table_goes_to_the_next_page_whole_with_its_heading(tmp_path: Path) -> None:
    """The regional report split its table of three municipalities after the second and put
    the third alone on the next page under a repeated header."""
    tr = ReportLanguage("en")
    dress = PageDress("Hub", "Regional", "2026", "Generated", "Page {page} of {pages}", "en", "")
    raw = write_pdf(tmp_path / "raw.pdf", _short_table_at_page_foot(tr), dress)  # type: ignore[arg-type]
    assert "Municipality 2" not in page_texts(raw)[0]  # the case: reportlab alone splits it
    story = blocks.keep_short_tables(_short_table_at_page_foot(tr))  # type: ignore[arg-type]
    pages = page_texts(write_pdf(tmp_path / "kept.pdf", story, dress))
    assert len(pages) == 2
    assert "Municipality" not in pages[0] and "Work across" not in pages[0]
    assert all(f"Municipality {n}" in pages[1] for n in range(3))
    assert "Counted once per pillar." in pages[1]


def test_a_long_table_still_starts_on_the_page_it_reaches(tmp_path: Path) -> None:
    """Only short tables wait for the next page; a long one fills this page first."""
    register_fonts()
    tr = ReportLanguage("en")
    columns = [Column("Municipality", 4), Column("Meetings", 1, "R")]
    body = [[f"Municipality {n}", tr.number(n)] for n in range(30)]
    story = blocks.keep_short_tables(
        [Spacer(1, 400), blocks.heading(tr, "Team and meetings"), blocks.table(tr, columns, body)]
    )
    dress = PageDress("Hub", "Regional", "2026", "Generated", "Page {page} of {pages}", "en", "")
    pages = page_texts(write_pdf(tmp_path / "long.pdf", story, dress))  # type: ignore[arg-type]
    assert "Municipality 0" in pages[0] and "Municipality 29" in pages[-1]


def test_a_heading_and_a_one_row_table_fit_at_a_page_foot(tmp_path: Path) -> None:
    """A heading kept with a table of one row fitted at a page foot as a group, but the heading
    alone asked for more room below it than the row needs: reportlab raised "Splitting error"
    and no report was made. The group is printed where it fits."""
    register_fonts()
    tr = ReportLanguage("en")
    head = blocks.heading(tr, "Action items")
    table = blocks.table(tr, [Column("Done", 1, "R"), Column("Total", 1, "R")], [["1", "2"]])
    group = blocks.together(head, table)
    _w, height = group._content[0].wrap(blocks.FRAME_WIDTH, PAGE_HEIGHT)
    height += head.getSpaceAfter() + table.wrap(blocks.FRAME_WIDTH, PAGE_HEIGHT)[1]
    assert height < 48 + head.height  # less than the heading's own reserve below it
    frame = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    story = [Spacer(1, frame - height - head.getSpaceBefore() - 1), group]
    dress = PageDress("Hub", "Periodic", "2026", "Generated", "Page {page} of {pages}", "en", "")
    pages = page_texts(write_pdf(tmp_path / "foot.pdf", story, dress))  # type: ignore[arg-type]
    assert "Action items" in pages[0] and "Done" in pages[0]
