"""``hubdesk report call``: a call for proposals printed in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import TODAY, Sample, pdf_text

from hubdesk.domain.enums import Role
from hubdesk.domain.sync import Peer
from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import ReportError, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import calls
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


def test_the_call_names_the_hub_that_published_it(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """A municipality prints its hub's own name, as it enrolled the hub; "Regional hub" only
    while this PC does not know the hub that published the call."""
    out = tmp_path / "call.pdf"
    generate_report(ctx, "call", out, lang="en", record_id=sample.call_id, today=TODAY)
    assert "Regional hub" in pdf_text(out)
    with ctx.transaction() as session:
        session.add(
            Peer(
                id="hub-installation", role="hub", name="Western Balkans Youth Hub",
                municipality_id=None, country=None, signing_key="k", age_recipient="a",
                fingerprint="f",
            )
        )  # fmt: skip
    generate_report(ctx, "call", out, lang="en", record_id=sample.call_id, today=TODAY)
    text = " ".join(pdf_text(out).split())
    assert "Western Balkans Youth Hub" in text and "Regional hub" not in text


def test_a_call_without_a_ceiling_or_envelope_prints_none(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """0 is no ceiling or envelope (never checked): it printed "€0.00", as if nothing could be
    approved; it prints "–", as the window shows it."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    call = calls.create_call(hub, {"title": "Open round"})
    out = generate_report(ctx, "call", tmp_path / "call.pdf", lang="en", record_id=call.id)
    text = " ".join(pdf_text(out).split())
    assert "Ceiling per proposal –" in text and "Total envelope –" in text
    assert "0.00" not in text
    funded = generate_report(
        ctx, "call", tmp_path / "funded.pdf", lang="en", record_id=sample.call_id, today=TODAY
    )
    assert "Total envelope €60,000.00" in " ".join(pdf_text(funded).split())
