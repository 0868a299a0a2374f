"""How a report looks on paper: fonts, metadata, page numbers, splitting tables, bilingual."""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_samples import PERIOD, TODAY, Sample, pdf_text, squash

from hubdesk.domain import YouthActivity
from hubdesk.reports import KINDS, SPECS, generate_report
from hubdesk.reports.fonts import REPLACEMENT, missing_glyphs
from hubdesk.services import practices, records, team, youth
from hubdesk.services.context import ServiceContext


def report(ctx: ServiceContext, kind: str, out: Path, lang: str = "en", **kw: object) -> Path:
    return generate_report(
        ctx,
        kind,
        out,
        lang=lang,
        date_from=PERIOD[0],
        date_to=PERIOD[1],
        today=TODAY,
        **kw,  # type: ignore[arg-type]
    )


def record_for(kind: str, sample: Sample) -> str | None:
    return {
        "minutes": sample.meeting_id,
        "proposal": sample.proposal_id,
        "implementation": sample.proposal_id,
        "call": sample.call_id,
    }.get(kind)


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize("lang", ["en", "mk", "sr_Cyrl"])
def test_every_character_has_a_glyph_in_embedded_dejavu(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    # a good practice of its own, in Cyrillic (issue 14 §3)
    practice = practices.create_practice(ctx, {"title": "Безбедни патеки до училиште"}).id
    for kind in (k for k in KINDS if not SPECS[k].hub_only):
        record_id = practice if kind == "practice" else record_for(kind, sample)
        out = report(ctx, kind, tmp_path / f"{kind}.pdf", lang, record_id=record_id)
        reader = PdfReader(str(out))
        text = pdf_text(out)
        assert text.strip(), kind
        assert missing_glyphs(text) == set(), kind
        assert REPLACEMENT not in text, kind
        names = font_names(reader)
        # Only the embedded (subset) DejaVu faces: a base-14 font has no Cyrillic.
        assert names and all("DejaVu" in n for n in names), (kind, names)


def test_a_character_the_font_lacks_is_replaced_not_a_box(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    team.update_member(ctx, sample.members["Arben Rexhepi"], {"organisation": "NGO 🙂 Ura"})
    text = pdf_text(report(ctx, "roster", tmp_path / "r.pdf"))
    assert "NGO \ufffd Ura" in text
    assert missing_glyphs(text) == set()


def test_markup_in_data_is_printed_literally(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    team.update_member(ctx, sample.members["Arben Rexhepi"], {"organisation": "A <b>&</b> B"})
    assert "A <b>&</b> B" in pdf_text(report(ctx, "roster", tmp_path / "r.pdf"))


def test_metadata_title_author_subject_and_language(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    out = report(ctx, "minutes", tmp_path / "m.pdf", "sr_Cyrl", record_id=sample.meeting_id)
    reader = PdfReader(str(out))
    meta = reader.metadata
    assert meta is not None
    assert meta.author == "Kumanovo"
    assert meta.title and meta.subject and "Kumanovo" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "sr-Cyrl"


def test_page_x_of_y_on_every_page(ctx: ServiceContext, sample: Sample, tmp_path: Path) -> None:
    reader = PdfReader(str(report(ctx, "minutes", tmp_path / "m.pdf", record_id=sample.meeting_id)))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert "Generated on 1 Jul 2026" in text
        assert "Kumanovo" in text  # header


def test_a_long_period_splits_tables_and_repeats_the_header(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    small = len(PdfReader(str(report(ctx, "youth", tmp_path / "small.pdf"))).pages)
    with ctx.transaction() as session:
        assert ctx.municipality_id is not None
        for n in range(400):
            records.create(
                session,
                ctx,
                YouthActivity,
                {
                    "municipality_id": ctx.municipality_id,
                    "title": f"Workshop number {n}",
                    "activity_type": "workshop",
                    "starts_on": dt.date(2026, 1, 1 + n % 28),
                    "participants_total": 10,
                    "n_female_15_19": 6,
                    "n_male_15_19": 4,
                },
            )
    reader = PdfReader(str(report(ctx, "youth", tmp_path / "big.pdf")))
    assert len(reader.pages) >= small + 6
    table_pages = [p.extract_text() for p in reader.pages if "Workshop number" in p.extract_text()]
    assert len(table_pages) >= 6
    for text in table_pages:  # the activities table's header row is on every page it spans
        assert "Activity" in text and "Type" in text
    assert squash(f"Page {len(reader.pages)} of {len(reader.pages)}") in squash(
        reader.pages[-1].extract_text()
    )
    assert "4,042" in pdf_text(tmp_path / "big.pdf")  # 400 × 10 + 42 participants


def test_an_empty_period_says_so(ctx: ServiceContext, sample: Sample, tmp_path: Path) -> None:
    for kind in ("youth", "periodic"):
        out = generate_report(
            ctx,
            kind,
            tmp_path / f"{kind}.pdf",
            lang="en",
            date_from=dt.date(2019, 1, 1),
            date_to=dt.date(2019, 12, 31),
            today=TODAY,
        )
        reader = PdfReader(str(out))
        assert len(reader.pages) == 1
        heading = "No data for this period" if kind == "youth" else "No team activity"
        assert heading in reader.pages[0].extract_text()


def test_an_empty_report_not_about_a_period_does_not_speak_of_one(
    ctx: ServiceContext, hub_ctx: ServiceContext, tmp_path: Path
) -> None:
    """A new installation: the fund overview ("As recorded on ...") and a roster of today
    say there is no data yet, not "for this period"; a roster asked for a period still does."""
    made = [
        generate_report(hub_ctx, "fund", tmp_path / "fund.pdf", lang="en", today=TODAY),
        generate_report(ctx, "roster", tmp_path / "roster.pdf", lang="en", today=TODAY),
    ]
    for out in made:
        text = PdfReader(str(out)).pages[0].extract_text()
        assert "No data yet" in text and "period" not in text
    out = generate_report(
        ctx, "roster", tmp_path / "since.pdf", lang="en", today=TODAY,
        date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 12, 31),
    )  # fmt: skip
    assert "No data for this period" in PdfReader(str(out)).pages[0].extract_text()


class FakeCatalog(gettext.NullTranslations):
    """A catalog with two entries, to see translations reach the page whatever the .po say."""

    WORDS = {"Attendance": "Присуство", "Decisions": "Одлуки"}

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


def test_bilingual_puts_english_under_translated_headings(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hubdesk.reports.lang.translations", lambda code: FakeCatalog())
    plain = pdf_text(report(ctx, "minutes", tmp_path / "a.pdf", "mk", record_id=sample.meeting_id))
    assert "Присуство" in plain and "Attendance" not in plain
    both = pdf_text(
        report(
            ctx, "minutes", tmp_path / "b.pdf", "mk", record_id=sample.meeting_id, bilingual=True
        )
    )
    assert "Присуство\nAttendance" in both and "Одлуки\nDecisions" in both
    # English reports are never doubled.
    english = pdf_text(
        report(
            ctx, "minutes", tmp_path / "c.pdf", "en", record_id=sample.meeting_id, bilingual=True
        )
    )
    assert "Attendance\nAttendance" not in english


def test_the_report_language_leaves_the_window_language_alone(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    from hubdesk.i18n import current_language

    report(ctx, "minutes", tmp_path / "m.pdf", "mk", record_id=sample.meeting_id)
    assert current_language() == "en"


def test_youth_activity_through_the_service_is_counted(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    youth.create_activity(
        ctx,
        {
            "title": "Late one",
            "activity_type": "workshop",
            "starts_on": dt.date(2026, 6, 30),
            "participants_total": 3,
            "n_other_30p": 3,
        },
    )
    text = pdf_text(report(ctx, "youth", tmp_path / "y.pdf"))
    assert "Late one" in text and "45" in text
