"""An office and its hub agree on a meeting's day whatever zone either PC is set to.

Every country HubDesk serves keeps Central European Time. A hub server left on UTC had placed a
meeting held at 00:30 on 1 April in March: it counted the meeting in the wrong month, and, with
the first quarter accepted and locked, refused the office's whole bundle for changing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sync_helpers import Network

from hubdesk import clock
from hubdesk.reports.data.meetings import meeting_stats
from hubdesk.reports.data.scope import Period
from hubdesk.services import meetings, periods
from hubdesk.services.context import ServiceContext

Q2 = Period(dt.date(2024, 4, 1), dt.date(2024, 6, 30))


def q2_meetings(ctx: ServiceContext, municipality_id: str) -> int:
    with ctx.read() as session:
        stats = meeting_stats(session, Q2, dt.date(2024, 7, 1)).get(municipality_id)
    return stats.meetings if stats else 0


def test_a_utc_hub_takes_a_meeting_after_midnight_on_the_first_of_a_quarter(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    seeded: dict[str, Any],
    pc_zone: Callable[[str], None],
) -> None:
    municipality_id = muni.municipality_id or ""
    pc_zone("Europe/Skopje")
    net.deliver(muni, hub)
    periods.submit(muni, "2024-Q1")
    net.deliver(muni, hub)
    pc_zone("UTC")
    periods.accept(hub, municipality_id, "2024-Q1", "Complete.")
    net.deliver(hub, muni)
    pc_zone("Europe/Skopje")
    team_id = meetings.list_meetings(muni, meetings.MeetingFilter())[0].team_id
    starts = clock.from_wall(dt.datetime(2024, 4, 1, 0, 30))
    assert starts == dt.datetime(2024, 3, 31, 22, 30, tzinfo=dt.UTC)
    made = meetings.create_meeting(
        muni, {"team_id": team_id, "starts_at": starts, "kind": "regular"}
    )
    at_office = q2_meetings(muni, municipality_id)

    pc_zone("UTC")
    net.deliver(muni, hub)

    assert made.id in {m.id for m in meetings.list_meetings(hub, meetings.MeetingFilter())}
    assert meetings.meeting_day(meetings.get_meeting(hub, made.id)) == dt.date(2024, 4, 1)
    assert q2_meetings(hub, municipality_id) == at_office >= 1
