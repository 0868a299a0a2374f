"""The dashboard tile of community activities: adults reached in the last twelve months."""

from __future__ import annotations

import datetime as dt

from hubdesk.i18n import ngettext
from hubdesk.services import community
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_summary import TileFigure


def community_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    """People reached by the community activities of the twelve months up to today (on the
    hub, the region's); a click lists those activities."""
    since = today - dt.timedelta(days=365)
    totals = community.community_totals(
        ctx, community.CommunityFilter(date_from=since, date_to=today)
    )

    def caption() -> str:
        return ngettext(
            "adult reached in community activities, 12 months",
            "adults reached in community activities, 12 months",
            totals.participants,
        )

    criteria = {"date_from": since, "date_to": today}
    return TileFigure(totals.participants, caption, False, "community", criteria)
