"""The roster: teams and their members, through the team service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hubdesk.domain import Member, Team
from hubdesk.services import team as team_service
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page


@dataclass
class TeamRoster:
    team: Team
    members: list[Member] = field(default_factory=list)  # on the team on the "as of" day
    left: list[Member] = field(default_factory=list)  # left during the period


def roster(
    ctx: ServiceContext, municipality_id: str, on: dt.date, since: dt.date | None
) -> list[TeamRoster]:
    """Each live team of the municipality with its members on ``on``; members who left
    between ``since`` and ``on`` are listed apart."""
    out: list[TeamRoster] = []
    everyone = Page(order_by="name")
    for team in team_service.list_teams(ctx):
        if team.municipality_id != municipality_id:
            continue
        current = team_service.list_members(
            ctx, team_service.MemberFilter(team_id=team.id, active=True, on=on), everyone
        )
        entry = TeamRoster(team, [m for m in current if m.joined_on is None or m.joined_on <= on])
        if since is not None:
            gone = team_service.list_members(
                ctx, team_service.MemberFilter(team_id=team.id, active=False, on=on), everyone
            )
            entry.left = [m for m in gone if m.left_on is not None and m.left_on >= since]
        out.append(entry)
    return out
