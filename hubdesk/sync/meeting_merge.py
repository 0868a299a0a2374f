"""A meeting and what is recorded at it end in one state after a merge, on every PC.

A meeting deleted on one PC while the other worked inside it comes back with the attendance,
guests, decisions and action items its deletion took along, when a change the deleter had not
seen survived the merge; otherwise the deletion wins for all (``group_merge.py``, the rule for
every record whose deletion takes others along). ``services/meetings.tombstone_meeting`` writes
the meeting's tombstone and those under it with one stamp, which tells what it took along.

Nothing is brought back in a quarter locked on this PC (submitted or accepted,
``services/period_lock.py``): the services refuse to change it, and the import's checks judged
only the rows the bundle changes. A field laptop could otherwise send a stale copy of a meeting
"deleted" with the stamp of one of its own earlier deletions inside it (a stale copy changes
nothing, so nothing judges it) and have its office undelete that record in a submitted quarter,
which the hub would then refuse from the office. Such a meeting stays as the merge left it;
once the quarter is reopened, the next file that touches it puts it in one state.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from hubdesk.services.context import ServiceContext
from hubdesk.services.meetings import MEETING_PARTS
from hubdesk.services.period_lock import day_of, locked_problem, locked_quarters
from hubdesk.sync.group_merge import Allows, Group, Values

MEETINGS = "meetings"
# The tables of what a meeting's deletion takes along.
PARTS: tuple[str, ...] = tuple(model.__tablename__ for model in MEETING_PARTS)


def _unlocked(session: Session, ctx: ServiceContext, _held: dict[str, Values]) -> Allows:
    """Whether a record of a meeting lies outside the quarters locked on this PC."""
    own = ctx.municipality_id
    locked = locked_quarters(session, own) if own is not None else {}

    def allows(table: str, values: Values, meeting: Values) -> bool:
        if not locked:
            return True
        starts: Any = meeting["starts_at"]
        day = day_of(table, values, lambda _meeting: starts)
        return locked_problem(locked, table, [day]) is None

    return allows


GROUP = Group(MEETINGS, "meeting_id", PARTS, ("team_id", "starts_at"), _unlocked)
