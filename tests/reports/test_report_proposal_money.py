"""The proposal report carries the money side of the hub's decision: the amount in euros at the
hub's rate, and the tranches, in the report's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_samples import PERIOD, TODAY, Sample, pdf_text

from hubdesk.domain.enums import Role
from hubdesk.i18n import translations
from hubdesk.reports import generate_report
from hubdesk.services import fund_money
from hubdesk.services.context import ServiceContext


def text_of(ctx: ServiceContext, lang: str, out: Path, proposal_id: str) -> str:
    made = generate_report(
        ctx, "proposal", out / f"proposal-{lang}.pdf", lang=lang, date_from=PERIOD[0],
        date_to=PERIOD[1], today=TODAY, record_id=proposal_id,
    )  # fmt: skip
    return " ".join(pdf_text(made).split())


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "sr_Cyrl"])
def test_euros_and_tranches_print_with_the_decision(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str
) -> None:
    before = text_of(ctx, lang, tmp_path, sample.proposal_id)
    heading = " ".join(translations(lang).gettext("Tranches and reports").split())
    assert heading not in before  # nothing planned yet: no empty section
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    fund_money.set_decision_rate(hub, sample.proposal_id, "61.5")
    plan = {"planned_on": dt.date(2026, 3, 1), "amount_minor": 6_150_00}
    fund_money.add_tranche(hub, sample.proposal_id, plan)
    text = text_of(ctx, lang, tmp_path, sample.proposal_id)
    for msgid in ("Tranches and reports", "Amount approved in euros", "Euro rate", "In euros"):
        assert " ".join(translations(lang).gettext(msgid).split()) in text, (lang, msgid)
    assert "61.5" in text or "61,5" in text
    assert "100" in text  # 6,150 denars at 61.5: 100 euros


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "61.4952"), ("hr", "61,4952"), ("mk", "61,4952")]
)
def test_the_euro_rate_is_written_in_the_report_language_with_every_digit(
    ctx: ServiceContext, sample: Sample, tmp_path: Path, lang: str, shown: str
) -> None:
    """The hub keeps the rate as decimal text ("61.4952"): a Croatian or Macedonian proposal
    printed it with the English decimal point beside amounts written "190.700,00 MKD"."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    fund_money.set_decision_rate(hub, sample.proposal_id, "61.4952")
    text = text_of(ctx, lang, tmp_path, sample.proposal_id)
    label = " ".join(translations(lang).gettext("Euro rate").split())
    assert f"{label} {shown}" in text


def _words_at(path: Path, page: int = 0) -> list[tuple[str, float, float, float]]:
    """Each piece of text on a page with where it starts and its size: (text, x, y, size)."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            found.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5], size))

    PdfReader(str(path)).pages[page].extract_text(visitor_text=visit)
    return found


def test_a_paid_tranches_day_does_not_run_into_its_status(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    """The day a tranche was paid stood flush against "Paid" ("17 Feb 2026 Paid", one phrase
    to the eye); a clear space now parts them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from hubdesk.reports.fonts import CONDENSED

    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    fund_money.set_decision_rate(hub, sample.proposal_id, "61.5")
    tranche = fund_money.add_tranche(
        hub, sample.proposal_id, {"planned_on": dt.date(2026, 3, 1), "amount_minor": 6_150_00}
    )
    fund_money.pay_tranche(hub, tranche.id, {"paid_on": dt.date(2026, 3, 2)})
    made = generate_report(
        ctx, "proposal", tmp_path / "p.pdf", lang="en", today=TODAY, record_id=sample.proposal_id
    )
    pages = [_words_at(made, n) for n in range(len(PdfReader(str(made)).pages))]
    words = next(p for p in pages if any(w[0] == "Paid" for w in p))
    status = next(w for w in words if w[0] == "Paid")
    day = next(w for w in words if w[0] == "2 Mar 2026" and abs(w[2] - status[2]) < 1)
    day_ends = day[1] + stringWidth(day[0], CONDENSED, day[3])
    assert status[1] - day_ends >= 12
