"""The dashboard tiles that other parts of the programme add (``dashboard_summary.EXTRA_TILES``):
quarters to hand in or to answer, fund reports owed, and calls open from the hub. Each is a
plain function of ``(ctx, today)``, run on the dashboard's worker with the other figures."""

from __future__ import annotations

import datetime as dt

from hubdesk.i18n import _, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services import dashboard
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_summary import TileFigure


def quarters_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """Quarters the municipality must (re)submit; on the hub, those waiting for its answer."""
    waiting = dashboard.quarters_waiting(ctx)

    def caption() -> str:
        return _("quarters to answer") if ctx.is_hub else _("quarters to submit")

    return TileFigure(waiting, caption, waiting > 0, "periods")


def reports_due_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """Fund reports overdue, out of those still owed (both sides of the fund)."""
    due = dashboard.reports_due(ctx, today)

    def caption() -> str:
        return _("fund reports overdue of {open} due").format(open=format_number(due.open))

    return TileFigure(due.overdue, caption, due.overdue > 0, "fund")


def calls_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """Calls open now, with what the last bundle from the hub brought that is new (on the hub:
    how many published records a municipality has still to receive)."""
    from hubdesk.services.calls import open_calls
    from hubdesk.sync.published import deliveries, latest_news, news_text

    count = len(open_calls(ctx, today))
    waiting = sum(d.waiting for d in deliveries(ctx)) if ctx.is_hub else 0
    news = 0 if ctx.is_hub else latest_news(ctx)

    def caption() -> str:
        text = ngettext("call open now", "calls open now", count)
        if waiting:
            more = ngettext(
                "{count} published record not yet received",
                "{count} published records not yet received",
                waiting,
            )
            return f"{text}; {more.format(count=format_number(waiting))}"
        return f"{text}; {news_text(news)}" if news else text

    return TileFigure(count, caption, news > 0, "calls")
