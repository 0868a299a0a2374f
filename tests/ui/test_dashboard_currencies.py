"""A hub's region keeps proposals in denars, leks, dinars and euros: the dashboard's fund tile
and chart never add them up nor show one country's currency as if it were the region's."""

from __future__ import annotations

from gui import show_window
from proposal_filling import fill_sections
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from hubdesk import clock
from hubdesk.domain import FundProposal
from hubdesk.domain.enums import Role
from hubdesk.i18n import language
from hubdesk.services import dashboard, fund
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_cache import Kept, from_plain, plain
from hubdesk.services.dashboard_summary import summary
from hubdesk.services.dashboard_texts import figure_texts, tile_values
from hubdesk.tables.export import table_headers
from hubdesk.ui.pages.dashboard import DashboardPage

TODAY = clock.today()
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


def _proposal(ctx: ServiceContext, hub: ServiceContext, title: str, rate: str | None) -> str:
    """A submitted proposal of 1 000 in the municipality's currency; approved when ``rate``
    is given ("" : approved without a euro rate)."""
    proposal_id = fund.create_proposal(ctx, {"title": title, "summary": "s"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    if rate is not None:
        fund.transition(hub, proposal_id, "under_review")
        decision: dict[str, object] = {"outcome": "approved", "decided_on": TODAY}
        if rate:
            decision["eur_rate"] = rate
        fund.record_decision(hub, proposal_id, decision)
    return proposal_id


def region(ctx: ServiceContext) -> ServiceContext:
    """The hub, on the municipality's database, holding three proposals: 1 000 MKD approved at
    61.5 (€16.26), 1 000 MKD approved without a rate, and 1 000 EUR submitted by a city of a
    euro country."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    _proposal(ctx, hub, "Forum", "61.5")
    _proposal(ctx, hub, "Camp", "")
    euros = _proposal(ctx, hub, "Fair", None)
    with ctx.transaction() as session:
        session.execute(update(FundProposal).where(FundProposal.id == euros).values(currency="EUR"))
    return hub


def test_the_region_is_shown_in_euros_and_in_proposals(ctx: ServiceContext) -> None:
    hub = region(ctx)
    figures = summary(hub, TODAY)
    assert figures.fund.several_currencies()
    kpis = figures.kpis
    assert (kpis.currency, kpis.fund_in_euros, kpis.fund_approved_minor) == ("EUR", True, 1626)
    assert (kpis.fund_approved_proposals, kpis.fund_without_rate) == (2, 1)
    assert figures.fund.by_status == {"approved": 2, "submitted": 1}
    assert kpis == dashboard.kpis(hub, TODAY) and figures.fund == dashboard.fund_by_status(hub)
    texts = figure_texts(figures)
    number, caption, _alert = tile_values(kpis, texts)["fund"]
    assert number == texts.money(1626, "EUR")
    assert caption == "approved in euros for 2 proposals; 1 without a euro rate, not counted"
    assert from_plain(plain(figures)).fund == figures.fund  # kept for the next start alike
    assert from_plain(plain(figures)).kpis == kpis


def test_one_currency_is_shown_as_requested_and_approved(ctx: ServiceContext) -> None:
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    _proposal(ctx, hub, "Forum", "61.5")
    kpis = summary(ctx, TODAY).kpis
    assert (kpis.currency, kpis.fund_in_euros) == ("MKD", False)
    assert (kpis.fund_requested_minor, kpis.fund_approved_minor) == (100_000, 100_000)


def test_the_hub_dashboard_counts_proposals_by_status(qtbot: QtBot, ctx: ServiceContext) -> None:
    hub = region(ctx)
    figures = summary(hub, TODAY)
    page = DashboardPage(None, remembered=Kept(hub.role, figures, figure_texts(figures).known))
    show_window(qtbot, page)
    tile = page.tiles["fund"]
    assert tile.isVisible()
    assert "approved in euros for 2 proposals" in tile.caption.text()
    chart = page.views["fund"].chart()
    assert chart.title() == "Fund: proposals by status"
    axes = [axis for axis in chart.axes() if hasattr(axis, "categories")]
    categories = [category for axis in axes for category in axis.categories()]
    assert sorted(categories) == ["Approved", "Submitted"]


def test_the_approved_amount_is_named_as_an_amount_not_as_a_status(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    """In Bosnian, Croatian, Serbian, Montenegrin and Macedonian an approved amount is
    "Odobreno" and an approved proposal "Odobren": the fund chart's legend and the proposals
    spreadsheet's column once read "Traženo · Odobren" under "Fond: traženo i odobreno"."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    _proposal(ctx, hub, "Forum", "61.5")
    with language("bs"):
        figures = summary(ctx, TODAY)
        page = DashboardPage(None, remembered=Kept(ctx.role, figures, figure_texts(figures).known))
        show_window(qtbot, page)
        chart = page.views["fund"].chart()
        assert chart.title() == "Fond: traženo i odobreno"
        legend = [bars.label() for series in chart.series() for bars in series.barSets()]
        assert legend == ["Traženo", "Odobreno"]
    headers = table_headers("fund_proposals", "bs")
    assert "Odobreno" in headers and "Odobren" not in headers
