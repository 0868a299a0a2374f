"""An action item belongs to its meeting's team, at the import as in the services.

``actions.create_action_item`` takes an item's team (and municipality) from its meeting and
nothing changes it afterwards; ``meetings.check_meeting`` does not move a meeting that has action
items or attendance to another team. A bundle is held to the result: every item it writes names
its meeting's team as the meeting will stand after the import (in the bundle or held here), and a
meeting it moves to another team leaves no item held here under the team it left. Otherwise a
municipality could file a meeting's action items under another team, and the hub's figures per
team would count them there.

Only rows that change something are judged (new here, or outranking the version held), as in the
other judges: a stale copy changes nothing. The items and moved meetings of the bundle are kept
(a few per meeting) and judged once the whole bundle is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import ActionItem, Meeting
from hubdesk.i18n import N_
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import rank

MEETINGS, ITEMS = "meetings", "action_items"
CHUNK = 500
OTHER_TEAM = N_("it names another team than its meeting's")
MOVED = N_("it moves a meeting that has action items to another team")


@dataclass
class TeamChanges:
    """What a bundle writes of meetings' teams and of action items, judged at its end."""

    teams: dict[str, str] = field(default_factory=dict)  # meeting -> its team after the import
    moved: set[str] = field(default_factory=set)  # meetings whose team the bundle changes
    items: dict[str, tuple[str, str]] = field(default_factory=dict)  # item -> (meeting, team)
    gone: set[str] = field(default_factory=set)  # items the bundle deletes


def _changing(
    table: str, rows: list[Incoming], current: Mapping[str, dict[str, Any]]
) -> list[tuple[Incoming, dict[str, Any] | None]]:
    out = []
    for inc in rows:
        held = current.get(inc.id)
        if held is None or rank(inc.values, table) > rank(held, table):
            out.append((inc, held))
    return out


def gather(
    found: TeamChanges, table: str, rows: list[Incoming], current: Mapping[str, dict[str, Any]]
) -> None:
    """Keep what one batch of meetings or action items writes of teams."""
    if table == MEETINGS:
        for inc, held in _changing(table, rows, current):
            if inc.values["deleted"]:
                continue
            found.teams[inc.id] = inc.values["team_id"]
            if held is not None and held["team_id"] != inc.values["team_id"]:
                found.moved.add(inc.id)
    elif table == ITEMS:
        for inc, _held in _changing(table, rows, current):
            if inc.values["deleted"]:
                found.gone.add(inc.id)
            else:
                found.items[inc.id] = (inc.values["meeting_id"], inc.values["team_id"])


def judge(session: Session, found: TeamChanges) -> list[Problem]:
    """A problem for each item filed under another team than its meeting's, and for each
    meeting moved away from items held here under its former team."""
    problems: list[Problem] = []
    if found.items:
        teams = dict(found.teams)
        missing = sorted({m for m, _team in found.items.values() if m not in teams})
        teams.update(_held_teams(session, missing))
        for item_id, (meeting_id, team_id) in sorted(found.items.items()):
            expected = teams.get(meeting_id)
            if expected is not None and team_id != expected:
                problems.append(Problem(ITEMS, item_id, "team_id", OTHER_TEAM))
    for meeting_id in sorted(found.moved):
        query = select(ActionItem.id, ActionItem.team_id).where(
            ActionItem.meeting_id == meeting_id, ~ActionItem.deleted
        )
        left = [
            item_id
            for item_id, team_id in session.execute(query)
            if item_id not in found.items
            and item_id not in found.gone
            and team_id != found.teams[meeting_id]
        ]
        if left:
            problems.append(Problem(MEETINGS, meeting_id, "team_id", MOVED))
    return problems


def _held_teams(session: Session, meeting_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(meeting_ids), CHUNK):
        chunk = meeting_ids[start : start + CHUNK]
        query = select(Meeting.id, Meeting.team_id).where(Meeting.id.in_(chunk))
        out.update({row[0]: row[1] for row in session.execute(query)})
    return out
