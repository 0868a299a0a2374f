"""The proposal report's reviews section, in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from proposal_filling import fill_sections
from report_samples import TODAY, pdf_text, squash

from hubdesk.domain.enums import Role
from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import fund, reviews
from hubdesk.services.context import ServiceContext

SCORES = {c.code: 4 for c in reviews.DEFAULT_CRITERIA}


@pytest.fixture
def reviewed(ctx: ServiceContext) -> str:
    """A submitted proposal the hub reviewed twice (the hub on the same file, as after sync)."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal = fund.create_proposal(ctx, {"title": "Safe routes", "summary": "Lights."})
    fund.add_budget_line(
        ctx,
        proposal.id,
        {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 100_000},
    )
    fill_sections(ctx, proposal.id)
    fund.transition(ctx, proposal.id, "submitted")
    reviews.add_review(
        hub, proposal.id, {"reviewer": "Ana Stojanovska", "scores": SCORES, "comment": "Solid."}
    )
    reviews.add_review(
        hub,
        proposal.id,
        {"reviewer": "Ilir Hoxha", "scores": {**SCORES, "do_no_harm": 2}, "comment": "DNH weak."},
    )
    return proposal.id


def words(msgid: str, lang: str) -> str:
    return translations(lang).gettext(msgid).split("{")[0].strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reviews_print_in_every_language(
    ctx: ServiceContext, reviewed: str, tmp_path: Path, lang: str
) -> None:
    out = generate_report(
        ctx, "proposal", tmp_path / f"p-{lang}.pdf", lang=lang, today=TODAY, record_id=reviewed
    )
    text = " ".join(pdf_text(out).split())
    assert missing_glyphs(text) == set()
    flat = squash(text)
    for msgid in ("Reviews", "Average weighted total", "Weighted total", "Do No Harm"):
        assert squash(words(msgid, lang)) in flat, (lang, msgid)
    assert "Ana Stojanovska" in text and "DNH weak." in text
    if lang != "en":
        assert "Average weighted total" not in text and "Value for money" not in text


def test_no_section_before_anyone_reviews(ctx: ServiceContext, tmp_path: Path) -> None:
    proposal = fund.create_proposal(ctx, {"title": "Quiet one"})
    out = generate_report(ctx, "proposal", tmp_path / "p.pdf", lang="en", record_id=proposal.id)
    assert "Weighted total" not in pdf_text(out)
