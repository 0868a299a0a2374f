"""The dashboard's needs tile: a municipality sees whether this year's needs assessment is
submitted; the hub sees how many municipalities have answered this year."""

from __future__ import annotations

import datetime as dt

from hubdesk.i18n import _, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_summary import TileFigure


def needs_tile(ctx: ServiceContext, today: dt.date) -> TileFigure:
    from hubdesk.services.needs_map import needs_map

    year = today.year
    result = needs_map(ctx, year)
    if ctx.is_hub:
        answered, total = result.answered, len(result.rows)

        def hub_caption() -> str:
            text = ngettext(
                "municipality answered the needs assessment {year}, of {total}",
                "municipalities answered the needs assessment {year}, of {total}",
                answered,
            )
            return text.format(year=year, total=format_number(total))

        return TileFigure(answered, hub_caption, answered < total, "needs", {"year": year})
    done = result.answered

    def caption() -> str:
        if done:
            return _("needs assessment {year} submitted").format(year=year)
        return _("needs assessment {year} not submitted yet").format(year=year)

    return TileFigure(done, caption, not done, "needs", {"year": year})
