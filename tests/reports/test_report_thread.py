"""The proposal's comment thread printed in the application, in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import TODAY, Sample, pdf_text, squash

from hubdesk.domain.enums import Role
from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.reports.proposal_thread import HEADING
from hubdesk.services import fund, thread
from hubdesk.services.context import ServiceContext

QUESTION = "Кој ќе води простор за млади? Who runs it?"
ANSWER = "Savjet mladih, uz dvoje zaposlenih.\n\nRoom opens in May; çdo javë."


def written(ctx: ServiceContext, proposal: str) -> None:
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    thread.add_comment(hub, proposal, QUESTION, "Elira Hoxha")
    thread.add_comment(ctx, proposal, ANSWER, "Ана Петровска")


def words(msgid: str, lang: str) -> str:
    return translations(lang).gettext(msgid).split("{")[0].strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_thread_prints_in_every_language(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    written(ctx, sample.proposal_id)
    out = generate_report(ctx, "proposal", tmp_path / f"p-{lang}.pdf", lang=lang, today=TODAY,
                          record_id=sample.proposal_id)  # fmt: skip
    text = pdf_text(out)
    flat = squash(text)
    assert squash(words(HEADING, lang)) in flat
    for body in (QUESTION, *ANSWER.split("\n\n")):
        assert squash(body) in flat, (lang, body)
    assert squash(translations(lang).gettext("Regional hub")) in flat
    assert missing_glyphs(text) == set()
    if lang != "en":
        assert squash(HEADING) not in flat


def test_no_thread_no_section(ctx: ServiceContext, sample: Sample, tmp_path: Path) -> None:
    out = generate_report(ctx, "proposal", tmp_path / "p.pdf", lang="en", today=TODAY,
                          record_id=sample.draft_id)  # fmt: skip
    assert squash(HEADING) not in squash(pdf_text(out))


def test_a_very_long_comment_runs_onto_the_next_page(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    long = "\n\n".join(f"Paragraph {i}: " + "word " * 80 for i in range(12))[:5000]
    thread.add_comment(ctx, sample.draft_id, long, "Ana")
    fund.get_proposal(ctx, sample.draft_id)
    out = generate_report(ctx, "proposal", tmp_path / "long.pdf", lang="mk", today=TODAY,
                          record_id=sample.draft_id)  # fmt: skip
    assert "Paragraph 11" in pdf_text(out)
