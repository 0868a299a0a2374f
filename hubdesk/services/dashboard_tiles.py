"""The dashboard tiles that other parts of the programme add (``dashboard_summary.EXTRA_TILES``):
quarters to hand in or to answer, fund reports owed, and calls open from the hub. Each is a
plain function of ``(ctx, today)``, run on the dashboard's worker with the other figures."""

from __future__ import annotations

import datetime as dt

from hubdesk.domain.enums import REPORT_OVERDUE
from hubdesk.i18n import _, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services import dashboard
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_summary import TileFigure


def quarters_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """Quarters the municipality must (re)submit; on the hub, those waiting for its answer."""
    waiting = dashboard.quarters_waiting(ctx, today)

    def caption() -> str:
        if ctx.is_hub:
            return ngettext("quarter to answer", "quarters to answer", waiting)
        return ngettext("quarter to submit", "quarters to submit", waiting)

    return TileFigure(waiting, caption, waiting > 0, "periods", {"waiting": True})


def reports_due_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """Fund reports overdue, out of those still owed (both sides of the fund)."""
    due = dashboard.reports_due(ctx, today)

    def caption() -> str:
        return ngettext(
            "fund report overdue of {open} due", "fund reports overdue of {open} due", due.overdue
        ).format(open=format_number(due.open))

    return TileFigure(due.overdue, caption, due.overdue > 0, "fund", {"status": REPORT_OVERDUE})


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

    return TileFigure(count, caption, news > 0, "calls", {"open_now": True})


# --- issue 14: national-local cooperation and the help desk ------------------------------------


def helpdesk_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """Help desk questions waiting for the hub's answer, and how many of them are overdue (the
    same count on the hub, where they wait for its answer, as at the municipality)."""
    from hubdesk.services.helpdesk import WAITING, state_counts

    counts = state_counts(ctx, today)
    waiting, overdue = counts["open"] + counts["overdue"], counts["overdue"]

    def caption() -> str:
        text = (
            ngettext("help desk question to answer", "help desk questions to answer", waiting)
            if ctx.is_hub
            else ngettext(
                "help desk question waiting for the hub",
                "help desk questions waiting for the hub",
                waiting,
            )
        )
        if overdue:
            return _("{text}; {overdue} overdue").format(text=text, overdue=format_number(overdue))
        return text

    return TileFigure(waiting, caption, overdue > 0, "helpdesk", {"state": WAITING})


def follow_ups_tile(ctx: ServiceContext, today: dt.date) -> TileFigure | None:
    """Engagements whose follow-up is due within two weeks or overdue (a municipality's own)."""
    if ctx.is_hub:
        return None
    from hubdesk.services.engagements import follow_ups_due

    due = follow_ups_due(ctx, today)
    late = sum(1 for e in due if e.follow_up_on is not None and e.follow_up_on < today)

    def caption() -> str:
        text = ngettext("engagement follow-up due", "engagement follow-ups due", len(due))
        if late:
            return _("{text}; {late} overdue").format(text=text, late=format_number(late))
        return text

    return TileFigure(len(due), caption, late > 0, "engagements", {"follow_up_due": True})
