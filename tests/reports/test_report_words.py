"""Words that agree: column headings in their own context, attendance agreeing with the member,
the Albanian word for a municipality by country, Macedonian plurals after a number, and the
second language of a bilingual report reaching statuses, pillars and chart legends."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from report_samples import PERIOD, TODAY, Sample, pdf_text
from test_report_hub import add_municipality

from hubdesk.domain import FundProposal
from hubdesk.domain.enums import attendance_label, attendance_msgid, municipality_term
from hubdesk.i18n import language, ngettext, pN_, translations
from hubdesk.reports import generate_report
from hubdesk.reports.lang import ReportLanguage, english_summary
from hubdesk.services.context import ServiceContext

ROOT = Path(__file__).resolve().parents[2]


def text_of(ctx: ServiceContext, kind: str, lang: str, out: Path, **extra: object) -> str:
    made = generate_report(
        ctx, kind, out / f"{kind}-{lang}.pdf", lang=lang, date_from=PERIOD[0],
        date_to=PERIOD[1], today=TODAY, **extra,
    )  # fmt: skip
    return " ".join(pdf_text(made).split())


@pytest.mark.parametrize(
    ("lang", "header", "status"),
    [("hr", "Odobreno", "Odobren"), ("sr_Latn", "Odobreno", "Odobren"),
     ("bs", "Odobreno", "Odobren"), ("cnr", "Odobreno", "Odobren"),
     ("mk", "Одобрено", "Одобрен"), ("sr_Cyrl", "Одобрено", "Одобрен")],
)  # fmt: skip
def test_a_status_word_heading_a_column_has_its_own_context(
    lang: str, header: str, status: str
) -> None:
    tr = ReportLanguage(lang)
    assert tr(pN_("column header", "Approved")) == header
    assert tr("Approved") == status
    assert ReportLanguage(lang, bilingual=True).english(pN_("column header", "Approved"), 8)
    assert "column header" not in tr.both(pN_("column header", "Approved"))


def test_the_periodic_report_heads_amounts_with_the_agreeing_word(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = text_of(ctx, "periodic", "sr_Latn", tmp_path)
    assert "Odobreno" in text and "Potrošeno" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("hr", {"Ана Петровска": "Nazočna", "Arben Rexhepi": "Nazočan",
                "Marija Đorđević": "Ispričana", "Љубомир Стојановски": "Odsutan"}),
        ("mk", {"Ана Петровска": "Присутна", "Arben Rexhepi": "Присутен",
                "Marija Đorđević": "Оправдано отсутна", "Љубомир Стојановски": "Отсутен"}),
    ],
)  # fmt: skip
def test_attendance_agrees_with_the_member(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str, words: dict[str, str]
) -> None:
    text = text_of(ctx, "minutes", lang, tmp_path, record_id=sample.meeting_id)
    for name, word in words.items():
        assert re.search(rf"{name}\b.*?\b{word}\b", text), (name, word)
    with language(lang):
        assert attendance_label("present", "female") == words["Ана Петровска"]
        assert attendance_label("present", "male") == words["Arben Rexhepi"]


def test_attendance_without_a_stated_gender_uses_the_plain_label() -> None:
    assert attendance_msgid("present", "other") == "Present"
    assert attendance_msgid("absent", None) == "Absent"
    assert attendance_msgid("unknown", "female") == "unknown"


def test_albanian_says_bashkia_in_albania_and_komuna_in_kosovo_and_north_macedonia() -> None:
    sq = ReportLanguage("sq")
    assert sq(municipality_term("AL")) == "Bashkia"
    assert sq(municipality_term("XK")) == "Komuna"
    assert sq(municipality_term("MK")) == "Komuna"
    assert ReportLanguage("mk")(municipality_term("AL")) == "Општина"
    assert ReportLanguage("en")(municipality_term("AL")) == "Municipality"


def test_the_regional_report_heads_municipalities_of_several_countries_with_both_words(
    hub_ctx: ServiceContext, tmp_path: Path
) -> None:
    add_municipality(hub_ctx, "Kumanovo", "MK", "MKD", 1, 5, 1_000)
    add_municipality(hub_ctx, "Elbasan", "AL", "ALL", 1, 5, 500)
    assert "Bashkia / Komuna" in text_of(hub_ctx, "regional", "sq", tmp_path)


def test_a_proposal_of_a_municipality_in_north_macedonia_says_komuna(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = text_of(ctx, "proposal", "sq", tmp_path, record_id=sample.proposal_id)
    assert "Komuna" in text and "Bashkia" not in text
    assert "Formular aplikimi për Fondin e Mbështetjes Teknike" in text


def test_macedonian_counts_rows_with_the_plural_after_a_number() -> None:
    mk = translations("mk")
    five = mk.ngettext("{rows} row written to {path}.", "{rows} rows written to {path}.", 5)
    assert five.startswith("{rows} редови")
    assert mk.ngettext("{rows} row written to {path}.", "{rows} rows written to {path}.", 1)
    with language("mk"):
        assert "редови" in ngettext("{n} row was added.", "{n} rows were added.", 3)
    with (ROOT / "translations" / "mk.po").open("rb") as fh:
        catalog = read_po(fh)
    wrong = [m.id for m in catalog if m.id and re.search(r"\}\s+реда\b", str(m.string))]
    assert wrong == []


def test_albanian_declines_hubdesk_and_calls_the_application_a_form() -> None:
    sq = translations("sq")
    assert sq.gettext("About HubDesk and licences…") == "Rreth HubDesk-ut dhe licencave…"
    assert "Aplikacion" not in sq.gettext("Technical Support Fund application")


def test_bilingual_reaches_statuses_pillars_and_chart_legends(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = text_of(ctx, "periodic", "mk", tmp_path, bilingual=True)
    assert "Peer learning between cities" in text  # a pillar's name, in the table and chart
    assert "Состаноци / Meetings" in text  # the chart legend
    proposal = text_of(ctx, "proposal", "mk", tmp_path, record_id=sample.proposal_id,
                       bilingual=True)  # fmt: skip
    assert "/ In implementation" in proposal  # its status value


@dataclass
class WithEnglish:
    summary_en: str


def test_the_english_summary_is_read_in_one_place_and_only_where_a_record_has_one() -> None:
    assert english_summary(WithEnglish("  Safer school routes.  ")) == "Safer school routes."
    assert english_summary(FundProposal(summary="Побезбедни патишта")) == ""


def test_a_legend_that_wraps_gets_the_room_it_needs() -> None:
    from hubdesk.reports.charts import bar_chart
    from hubdesk.reports.fonts import register_fonts

    register_fonts()  # as every report does first (this test draws a chart alone)
    short = bar_chart(["A", "B"], [("x", [1, 2]), ("y", [2, 1]), ("z", [1, 1])], number=str)
    long_names = ["Состаноци / Meetings", "Младински активности / Youth activities",
                  "Проектни предлози / Fund proposals"]  # fmt: skip
    wrapped = bar_chart(["A", "B"], [(n, [1, 2]) for n in long_names], width=300, number=str)
    narrow = bar_chart(["A", "B"], [(n, [1, 2]) for n in ("x", "y", "z")], width=300, number=str)
    assert short is not None and wrapped is not None and narrow is not None
    assert wrapped.height >= narrow.height + 12  # a second row of legend, not drawn on the bars
