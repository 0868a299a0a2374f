"""The proposal's review sections on paper, in every language: the need, the workplan, the
indicators, the Do No Harm screening; results against targets in the implementation report;
the English summary in English and bilingual prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import PERIOD, TODAY, Sample, pdf_text

from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext

PROPOSAL_HEADINGS = (
    "Need addressed",
    "Beneficiaries",
    "Sustainability",
    "Workplan",
    "Indicators",
    "Do No Harm screening",
    "Risks to participants and communities",
    "How stigma and securitisation are avoided",
    "Data protection",
    "Mitigation",
    "Means of verification",
    "Responsible partner",
)
RESULT_HEADINGS = ("Indicator results against targets", "Baseline", "Target", "Of the target")


def text_of(ctx: ServiceContext, kind: str, lang: str, out: Path, **extra: object) -> str:
    made = generate_report(
        ctx, kind, out / f"{kind}-{lang}.pdf", lang=lang, date_from=PERIOD[0],
        date_to=PERIOD[1], today=TODAY, **extra,
    )  # fmt: skip
    return " ".join(pdf_text(made).split())


def words(msgid: str, lang: str) -> str:
    return " ".join(translations(lang).gettext(msgid).split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_prints_translated_in_every_language(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    (indicator,) = proposal_sections.list_indicators(ctx, sample.proposal_id)
    proposal_sections.record_result(ctx, indicator.id, 60)  # of a target of 80
    for kind, headings in (("proposal", PROPOSAL_HEADINGS), ("implementation", RESULT_HEADINGS)):
        text = text_of(ctx, kind, lang, tmp_path, record_id=sample.proposal_id)
        assert missing_glyphs(text) == set(), (kind, lang)
        for msgid in headings:
            assert words(msgid, lang) in text, (kind, lang, msgid)
            if lang != "en":
                assert msgid not in text, (kind, lang, msgid)  # no English left behind
    assert "Young people taking part" in text and "75" in text  # 60 of 80: 75 %


def test_the_sections_carry_what_was_written(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    text = text_of(ctx, "proposal", "mk", tmp_path, record_id=sample.proposal_id)
    assert "Young people have nowhere to meet across communities." in text
    assert "A trained companion at every activity." in text
    assert "Workshops" in text and "Young people taking part" in text


def test_the_english_summary_reaches_english_and_bilingual_prints(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    english = "Peer mediators in three schools."
    with ctx.transaction() as session:  # the proposal is in implementation: no form edits it
        proposal = session.merge(fund.get_proposal(ctx, sample.proposal_id))
        proposal.summary_en = english
    heading = words("Summary in English", "sq")
    plain = text_of(ctx, "proposal", "sq", tmp_path, record_id=sample.proposal_id)
    assert english not in plain and heading not in plain  # an Albanian reader has the summary
    both = text_of(ctx, "proposal", "sq", tmp_path, record_id=sample.proposal_id, bilingual=True)
    assert english in both and heading in both
    assert english in text_of(ctx, "proposal", "en", tmp_path, record_id=sample.proposal_id)
