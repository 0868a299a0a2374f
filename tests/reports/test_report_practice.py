"""``hubdesk report practice``: one good practice printed in every language, and the peer
learning sections of the periodic report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from report_samples import TODAY, pdf_text

from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import ReportError, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext

WORDS = ("Good practice", "What was done", "What another city needs to adapt it")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_practice_prints_in_every_language(
    ctx: ServiceContext, tmp_path: Path, lang: str
) -> None:
    made = practices.create_practice(
        ctx,
        {"title": "Безбедни патишта", "language": "mk", "actions": "Наставници и полиција",
         "adapt": "Едно училиште", "cost_minor": 180_000_00, "contact_role": "Координатор",
         "themes": ["polarisation"]},
    )  # fmt: skip
    out = generate_report(ctx, "practice", tmp_path / f"p-{lang}.pdf", lang=lang,
                          record_id=made.id, today=TODAY)  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert missing_glyphs(text) == set()
    assert "Наставници и полиција" in text and "Координатор" in text
    catalog = translations(lang)
    for msgid in WORDS:
        assert catalog.gettext(msgid) in text, (lang, msgid)
        if lang != "en":
            assert msgid not in text, (lang, msgid)


def test_an_unknown_practice_is_refused(ctx: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        generate_report(ctx, "practice", tmp_path / "x.pdf", lang="en", record_id="nope")
    assert "nope" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "sr_Cyrl"])
def test_the_periodic_report_lists_the_exchanges(
    ctx: ServiceContext, tmp_path: Path, lang: str
) -> None:
    exchanges.create_part(
        ctx, {"role": "host", "kind": "joint_training", "topic": "Online hate speech",
              "starts_on": TODAY - dt.timedelta(days=20), "partner_names": ["Elbasan"],
              "participants": 11},
    )  # fmt: skip
    out = generate_report(ctx, "periodic", tmp_path / f"r-{lang}.pdf", lang=lang, today=TODAY,
                          date_from=TODAY - dt.timedelta(days=60), date_to=TODAY)  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert "Online hate speech" in text and "Elbasan" in text
    catalog = translations(lang)
    assert catalog.gettext("Peer learning between cities") in text
    assert catalog.gettext("No good practice was published in this period.") in text
