"""Attendance recorded while a member's dates allowed it still arrives from a peer.

The meeting form and the services record a member only at meetings held while they are on the
team, but that rule reads the member's dates as this PC holds them, which the other PC may have
corrected meanwhile: a bundle import holding it would refuse its peer's file for good.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sync_helpers import Network

from hubdesk.services import meetings, team
from hubdesk.services.context import ServiceContext


def test_attendance_arrives_though_the_member_joined_later_here(
    net: Network, muni: ServiceContext, field: ServiceContext, seeded: dict[str, Any]
) -> None:
    values = {"name": "Bob", "sector": "police", "role": "member", "gender": "male"}
    bob = team.create_member(muni, {"team_id": seeded["team"], **values}).id
    net.deliver(muni, field)
    meetings.set_attendance(field, seeded["meeting"], {bob: "present"})  # the laptop's
    team.update_member(muni, bob, {"joined_on": dt.date(2024, 6, 1)})  # after the meeting
    net.deliver(field, muni)
    net.deliver(muni, field)
    for ctx in (muni, field):
        assert meetings.get_attendance(ctx, seeded["meeting"])[bob] == "present"
        assert team.get_member(ctx, bob).joined_on == dt.date(2024, 6, 1)
