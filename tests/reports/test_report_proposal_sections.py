"""The proposal's review sections on paper, in every language: the need, the workplan, the
indicators, the Do No Harm screening; results against targets in the implementation report;
the English summary in English and bilingual prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import PERIOD, TODAY, Sample, pdf_text
from sqlalchemy import update

from hubdesk.domain import ProposalIndicator
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


def _set_baseline(ctx: ServiceContext, indicator_id: str, baseline: int) -> None:
    """The baseline the proposal was written with (the sample's says 0)."""
    with ctx.transaction() as session:
        session.execute(
            update(ProposalIndicator)
            .where(ProposalIndicator.id == indicator_id)
            .values(baseline=baseline)
        )


def _share_printed(text: str) -> str:
    """The "Of the target" cell of the sample's one indicator row."""
    row = text[text.index("Young people taking part") :].split()
    return row[row.index("Everyone") + 4]  # baseline, target, result, then the share


def test_of_the_target_counts_from_the_baseline(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """A target is the value to reach: 40 young people took part before, 80 are aimed at, 60
    came. Half the way is done (not the 75 % that 60 of 80 reads); a target that is the baseline
    has no way to go, so no share is printed."""
    (indicator,) = proposal_sections.list_indicators(ctx, sample.proposal_id)
    _set_baseline(ctx, indicator.id, 40)
    proposal_sections.record_result(ctx, indicator.id, 60)
    text = text_of(ctx, "implementation", "en", tmp_path, record_id=sample.proposal_id)
    assert _share_printed(text) == "50.0%", text
    _set_baseline(ctx, indicator.id, 80)
    text = text_of(ctx, "implementation", "en", tmp_path, record_id=sample.proposal_id)
    assert _share_printed(text) == "–", text


@pytest.mark.parametrize(
    ("baseline", "target", "result", "share"),
    [(0, 80, 60, 0.75), (40, 80, 40, 0.0), (40, 80, 100, 1.5), (20, 10, 15, 0.5),
     (20, 10, 25, -0.5), (30, 30, 30, None), (0, 80, None, None)],
)  # fmt: skip
def test_the_share_of_the_way_to_the_target(
    baseline: int, target: int, result: int | None, share: float | None
) -> None:
    indicator = ProposalIndicator(baseline=baseline, target=target, result=result)
    assert proposal_sections.target_share(indicator) == share
