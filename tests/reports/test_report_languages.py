"""Every report kind in every language: translated words, no English left, no missing glyph."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import PERIOD, TODAY, Sample, pdf_text

from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import KINDS, SPECS, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import practices
from hubdesk.services.context import ServiceContext

# Words every report prints, whatever its kind.
ON_EVERY_PAGE = ("Page {page} of {pages}", "Generated on {date}")


def words_before_placeholder(msgid: str, lang: str) -> str:
    return translations(lang).gettext(msgid).split("{")[0].strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_prints_in_every_language(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    ids = {"minutes": sample.meeting_id, "proposal": sample.proposal_id,
           "implementation": sample.proposal_id, "call": sample.call_id}  # fmt: skip
    ids["practice"] = practices.create_practice(ctx, {"title": "Safe routes"}).id  # issue 14 §3
    for kind in (k for k in KINDS if not SPECS[k].hub_only):
        out = generate_report(
            ctx, kind, tmp_path / f"{kind}-{lang}.pdf", lang=lang, date_from=PERIOD[0],
            date_to=PERIOD[1], today=TODAY, record_id=ids.get(kind),
        )  # fmt: skip
        text = " ".join(pdf_text(out).split())
        assert missing_glyphs(text) == set(), (kind, lang)
        for msgid in ON_EVERY_PAGE:
            assert words_before_placeholder(msgid, lang) in text, (kind, lang, msgid)
            if lang != "en":
                assert words_before_placeholder(msgid, "en") not in text, (kind, lang, msgid)
