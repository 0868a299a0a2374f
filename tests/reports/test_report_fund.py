"""``hubdesk report fund`` and the regional report's fund money: committed, disbursed and spent
in euros at the decision's rate, each also in its own currency, in every language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from proposal_filling import fill_sections, submit_on
from report_samples import pdf_text, squash

from hubdesk import clock
from hubdesk.domain.enums import Role
from hubdesk.i18n import LANGUAGES, translations
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.reports import ReportError, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import fund, fund_money
from hubdesk.services.context import ServiceContext

TODAY = clock.today()
DAY = dt.timedelta(days=1)
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    """The hub on the municipality's database, after both sides have exchanged everything:
    1 000 MKD approved at 61.5 (€16.26), 600 MKD paid (€9.76), 500 MKD spent (€8.13), the
    interim report ten days overdue."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    data = {"title": "Forum", "summary": "Dialogue", "pillars": ["peer_learning"]}
    proposal_id = fund.create_proposal(ctx, data).id
    line = fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    submit_on(ctx, proposal_id, TODAY - 40 * DAY)
    fund.transition(hub, proposal_id, "under_review")
    decision = {
        "outcome": "approved",
        "eur_rate": "61.5",
        "decided_on": TODAY - 30 * DAY,
        "interim_report_due": TODAY - 10 * DAY,
        "final_report_due": TODAY + 60 * DAY,
    }
    fund.record_decision(hub, proposal_id, decision)
    paid = fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY, "amount_minor": 60_000})
    fund_money.pay_tranche(hub, paid.id, {"paid_on": TODAY})
    fund_money.add_tranche(hub, proposal_id, {"planned_on": TODAY + DAY, "amount_minor": 40_000})
    fund.transition(ctx, proposal_id, "in_implementation")
    fund.record_spending(ctx, line.id, 50_000)
    return hub


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_fund_overview_in_every_language(
    hub: ServiceContext, tmp_path: Path, lang: str
) -> None:
    out = generate_report(hub, "fund", tmp_path / f"fund-{lang}.pdf", lang=lang, today=TODAY)
    text = pdf_text(out)
    assert missing_glyphs(text) == set(), lang
    flat = squash(text)
    catalog = translations(lang)
    spending = (  # spent can pass committed: the reader is told why
        "The spending shown covers every budget line of the funded initiatives, the "
        "municipalities' co-funding included, so it can be more than the fund committed."
    )
    for msgid in ("Fund overview", "Fund money per municipality", "Reports overdue", spending):
        assert squash(catalog.gettext(msgid)) in flat, (lang, msgid)
    for minor, currency in ((1626, "EUR"), (976, "EUR"), (813, "EUR"), (100_000, "MKD")):
        assert squash(format_money(minor, currency, lang)) in flat, (lang, minor)
    assert squash(format_money(40_000, "MKD", lang)) in flat  # the tranche still to pay


def test_the_regional_report_carries_the_fund_money(hub: ServiceContext, tmp_path: Path) -> None:
    # The period ends a day later than the test's day: the proposal's submission is stamped by
    # the real clock, which is the next day when the run crossed midnight.
    day = TODAY + DAY
    out = generate_report(hub, "regional", tmp_path / "regional.pdf", lang="en", today=day)
    flat = squash(pdf_text(out))
    assert squash("Fund money per municipality") in flat
    assert squash("Fund money per pillar") in flat
    assert "€16.26" in flat and "€9.76" in flat and "€8.13" in flat
    # the money is of every period (a report of last year prints the same), and says so
    recorded = "The fund's money in every period, as recorded on {date}"
    assert squash(recorded.format(date=format_date(day, "en"))) in flat


def test_only_the_hub_prints_the_fund_overview(ctx: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="hub only"):
        generate_report(ctx, "fund", tmp_path / "fund.pdf", lang="en")
    assert not (tmp_path / "fund.pdf").exists()


@pytest.mark.parametrize("kind", ["fund", "regional"])
def test_money_of_a_proposal_that_answers_a_call_is_printed_under_its_call(
    ctx: ServiceContext, tmp_path: Path, kind: str
) -> None:
    """The hub's fund overview and regional report stopped with a traceback as soon as one
    approved proposal answered a call (the demo's approvals answered none): the call's title
    was read wrongly. Now the money is printed under the call's title."""
    from hubdesk.services import calls

    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    call = calls.create_call(
        hub,
        {
            "title": "Youth voices 2027",
            "opens_on": TODAY - 10 * DAY,
            "closes_on": TODAY + 20 * DAY,
            "criteria": [{"code": "relevance", "label": "Relevance", "weight": 100}],
        },
    )
    calls.publish_call(hub, call.id)
    data = {"title": "Forum", "summary": "Dialogue", "call_id": call.id}
    proposal_id = fund.create_proposal(ctx, data).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    fund.record_decision(hub, proposal_id, {"outcome": "approved", "eur_rate": "61.5"})
    out = generate_report(hub, kind, tmp_path / f"{kind}.pdf", lang="en", today=TODAY + DAY)
    flat = squash(pdf_text(out))
    assert squash("Youth voices 2027") in flat and "€16.26" in flat
