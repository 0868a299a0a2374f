"""Dashboard tiles of peer learning (``dashboard_summary.EXTRA_TILES``): exchanges with other
cities in the last twelve months, and good practices (the library; at the hub, the
submissions waiting for its answer)."""

from __future__ import annotations

import datetime as dt

from hubdesk.domain.peers import PracticeState
from hubdesk.i18n import ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_summary import TileFigure
from hubdesk.services.exchanges import ExchangeFilter


def exchanges_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """Exchanges started in the last twelve months (at the hub: each joined exchange once,
    with those no other city confirmed)."""
    since = today - dt.timedelta(days=365)
    found = exchanges.list_exchanges(ctx, ExchangeFilter(date_from=since, date_to=today))
    alone = sum(1 for e in found if not e.confirmed) if ctx.is_hub else 0

    def caption() -> str:
        text = ngettext(
            "exchange with other cities in 12 months",
            "exchanges with other cities in 12 months",
            len(found),
        )
        if alone:
            more = ngettext(
                "{count} not confirmed by another city",
                "{count} not confirmed by another city",
                alone,
            )
            return f"{text}; {more.format(count=format_number(alone))}"
        return text

    window = {"date_from": since, "date_to": today}  # the page shows what the tile counts
    return TileFigure(len(found), caption, False, "exchanges", window)


def practices_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """At a municipality: practices in the library, and its own returned by the hub (to act
    on); at the hub: submissions waiting for its answer."""
    rows = practices.list_practices(ctx)
    if ctx.is_hub:
        waiting = sum(1 for r in rows if r.state is PracticeState.SUBMITTED)

        def hub_caption() -> str:
            return ngettext("good practice to curate", "good practices to curate", waiting)

        return TileFigure(waiting, hub_caption, waiting > 0, "practices", {"waiting": True})
    library = len(practices.list_published(ctx))
    returned = sum(1 for r in rows if r.state is PracticeState.RETURNED)

    def caption() -> str:
        text = ngettext("good practice in the library", "good practices in the library", library)
        if returned:
            more = ngettext(
                "{count} of ours returned by the hub",
                "{count} of ours returned by the hub",
                returned,
            )
            return f"{text}; {more.format(count=format_number(returned))}"
        return text

    return TileFigure(library, caption, returned > 0, "practices", {"library": True})
