"""``hubdesk report call``: a call for proposals printed in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import TODAY, Sample, pdf_text

from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import ReportError, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services.context import ServiceContext


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_call_prints_in_every_language(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    out = generate_report(
        ctx, "call", tmp_path / f"call-{lang}.pdf", lang=lang, record_id=sample.call_id, today=TODAY
    )
    text = " ".join(pdf_text(out).split())
    assert missing_glyphs(text) == set()
    assert "Youth and local government, round 3" in text
    assert "8" in text and "60" in text  # the ceiling and a weight
    catalog = translations(lang)
    for msgid in ("Review criteria", "Eligibility"):
        assert catalog.gettext(msgid) in text, (lang, msgid)
    if lang != "en":
        assert "Review criteria" not in text


def test_an_unknown_call_is_refused(ctx: ServiceContext, sample: Sample, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        generate_report(ctx, "call", tmp_path / "x.pdf", lang="en", record_id="nope")
    assert "nope" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(ReportError):
        generate_report(ctx, "call", tmp_path / "x.pdf", lang="en")
