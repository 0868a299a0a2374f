"""A meeting and what is recorded at it end in one state after a merge, on every PC.

The merge decides record by record (``merge.py``). A meeting deleted on one PC while the other
worked inside it would then end half and half: deleted with an action item or an attendance
row alive under it (counted in figures, listed under no meeting), or alive with the attendance
its deletion took along deleted. After an import has written its records, every meeting it
touched is put back in one state by the handbook's rule that an edit the deleter had not seen
wins over the delete:

- The meeting is deleted, yet a record under it is alive. The deletion tombstoned every live
  record under the meeting, so one alive now carries a change the deleter had not seen, which
  survived the merge. The meeting comes back, with what its deletion took along.
- The meeting is alive after a version of it that was deleted lost in this import (its own
  edit, or the meeting brought back on the other PC, won over the deletion). What that
  deletion took along comes back.

Either way a conflict is logged on the meeting (the deletion as the losing version, unless
the merge logged it already), so the person who deleted sees in the conflicts view that the
meeting came back, and may delete it again: a deletion made after seeing the edits takes
them along and wins as any deletion does. If nothing the deleter had not seen survives, the
deletion wins for all, as the merge already decided.

What a deletion took along is recognised by its stamp: ``services/meetings.tombstone_meeting``
writes the meeting's tombstone and those of the records under it with one clock stamp
(version and author, ``records.one_stamp``), and a hybrid logical clock never gives that stamp
to any other change. A record deleted before (an attendance row cleared, an action item
deleted) has a stamp of its own and stays deleted. Nothing else would do on every PC: the
audit entries that group one unit of work stay on the PC that wrote them, and a tombstone's
``base_version`` names only its own record's version before. (Deletions written before this
rule carry one stamp per record: their meeting comes back with what is alive under it only.)

Bringing records back is this PC's own edit: a new stamp, ``base_version`` the tombstone's,
an audit entry, so it travels like any edit and outranks the deletion everywhere. It is
written only while the meeting is in two states, which it ends; a PC that receives it finds
one state and writes no record (the deleter's PC only logs the conflict, which never
travels), so the PCs do not send restorations back and forth. Both PCs bringing the same
meeting back at once is two edits of the same records with the same content, merged as any
such pair. The hub writes no municipality's records: it takes the state its municipality
sends, which is already one.

Nothing is brought back in a quarter locked on this PC (submitted or accepted,
``services/period_lock.py``): the services refuse to change it, and the import's checks judged
only the rows the bundle changes. A field laptop could otherwise send a stale copy of a meeting
"deleted" with the stamp of one of its own earlier deletions inside it (a stale copy changes
nothing, so nothing judges it) and have its office undelete that record in a submitted quarter,
which the hub would then refuse from the office. Such a meeting stays as the merge left it;
once the quarter is reopened, the next file that touches it puts it in one state.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, Conflict
from hubdesk.domain.base import utcnow
from hubdesk.services.context import ServiceContext
from hubdesk.services.meetings import MEETING_PARTS
from hubdesk.services.period_lock import day_of, locked_problem, locked_quarters
from hubdesk.sync.codec import MODELS, table_of
from hubdesk.sync.incoming import Incoming
from hubdesk.sync.merge import CHUNK, AreaCounts, conflict_row, load_current, rank

MEETINGS = "meetings"
# The audit action of a record this rule brought back: nobody here restored it, so its history
# says why it is back rather than "earlier value restored" by this PC.
CAME_BACK = "came_back"
# The tables of what a meeting's deletion takes along.
PARTS: tuple[str, ...] = tuple(model.__tablename__ for model in MEETING_PARTS)


@dataclass(frozen=True)
class CameBack:
    """A meeting this rule put back in one state over a deletion: what the import's preview
    tells a person (``sync/import_notes.py``) before anything is written."""

    meeting_id: str
    team_id: str
    starts_at: dt.datetime
    deleted_here: bool  # the deletion was made on this PC (else on another one)
    parts: dict[str, int]  # records its deletion took along that come back, per table


@dataclass
class MeetingChanges:
    """What an import's rows did to meetings, gathered while its batches are written."""

    touched: set[str] = field(default_factory=set)
    # meeting id -> the deleted version of it that lost in this import (its values)
    overturned: dict[str, dict[str, Any]] = field(default_factory=dict)


def start(ctx: ServiceContext) -> MeetingChanges | None:
    """None at the hub, which never writes a municipality's records."""
    return None if ctx.is_hub else MeetingChanges()


def gather(
    changes: MeetingChanges | None,
    table: str,
    rows: list[Incoming],
    current: dict[str, dict[str, Any]],
) -> None:
    """Note the meetings a batch about to be merged touches (before it is written)."""
    if changes is None:
        return
    if table in PARTS:
        changes.touched.update(inc.values["meeting_id"] for inc in rows)
        changes.touched.update(held["meeting_id"] for held in current.values())
        return
    if table != MEETINGS:
        return
    for inc in rows:
        changes.touched.add(inc.id)
        new, held = inc.values, current.get(inc.id)
        if held is None or bool(new["deleted"]) == bool(held["deleted"]):
            continue
        taken = rank(new, table) > rank(held, table)
        loser = held if taken else new
        if loser["deleted"]:
            changes.overturned[inc.id] = dict(loser)


def settle(
    session: Session,
    ctx: ServiceContext,
    changes: MeetingChanges | None,
    areas: dict[str, AreaCounts],
) -> list[CameBack]:
    """Put every meeting the import touched in one state (see the module's docstring); the
    meetings it did that for.

    Runs after the import's rows are written and its clock has seen their stamps, so a
    restoration outranks what it restores."""
    if changes is None or not changes.touched:
        return []
    came_back: list[CameBack] = []
    now = dt.datetime.now(dt.UTC)
    meetings = table_of(MODELS[MEETINGS])
    held = load_current(session, MEETINGS, sorted(changes.touched))
    deleted = [meeting_id for meeting_id, values in held.items() if values["deleted"]]
    halves = _with_alive_parts(session, deleted)
    own = ctx.municipality_id
    locked = locked_quarters(session, own) if own is not None else {}
    for meeting_id in sorted(held):
        values = held[meeting_id]
        starts = values["starts_at"]
        if _locked(locked, MEETINGS, values, starts):
            continue
        if meeting_id in halves:
            deletion = values
            _restore(session, ctx, meetings, MEETINGS, values, now)
            _count(areas, MEETINGS).updated += 1
        elif not values["deleted"] and meeting_id in changes.overturned:
            deletion = changes.overturned[meeting_id]
        else:
            continue
        parts: dict[str, int] = {}
        for table in PARTS:
            t = table_of(MODELS[table])
            taken = select(t).where(
                t.c.meeting_id == meeting_id,
                t.c.deleted.is_(True),
                t.c.version == deletion["version"],
                t.c.updated_by == deletion["updated_by"],
            )
            for row in session.execute(taken).mappings().all():
                if _locked(locked, table, dict(row), starts):
                    continue  # an action item done in a locked quarter stays deleted
                _restore(session, ctx, t, table, dict(row), now)
                _count(areas, table).updated += 1
                parts[table] = parts.get(table, 0) + 1
        _tell(session, meeting_id, deletion, now, areas)
        came_back.append(_came_back(ctx, values, deletion, parts))
    return came_back


def _came_back(
    ctx: ServiceContext, meeting: dict[str, Any], deletion: dict[str, Any], parts: dict[str, int]
) -> CameBack:
    deleted_here = deletion["updated_by"] == ctx.installation_id
    return CameBack(meeting["id"], meeting["team_id"], meeting["starts_at"], deleted_here, parts)


def _locked(locked: dict[str, str], table: str, values: dict[str, Any], starts: Any) -> bool:
    """Whether a record of the meeting (``starts``: its start) lies in a locked quarter."""
    if not locked:
        return False
    day = day_of(table, values, lambda _meeting: starts)
    return locked_problem(locked, table, [day]) is not None


def _with_alive_parts(session: Session, meeting_ids: list[str]) -> set[str]:
    """Which of these (deleted) meetings have a record alive under them."""
    out: set[str] = set()
    for table in PARTS:
        t = table_of(MODELS[table])
        for start in range(0, len(meeting_ids), CHUNK):
            chunk = meeting_ids[start : start + CHUNK]
            query = select(t.c.meeting_id).where(t.c.meeting_id.in_(chunk), t.c.deleted.is_(False))
            out.update(session.scalars(query.distinct()))
    return out


def _restore(
    session: Session,
    ctx: ServiceContext,
    t: Table,
    table: str,
    row: dict[str, Any],
    now: dt.datetime,
) -> None:
    """Bring one record back as this PC's edit on top of its tombstone (audited, so that it
    travels)."""
    version = ctx.clock.now()
    session.execute(
        update(t)
        .where(t.c.id == row["id"])
        .values(
            deleted=False,
            base_version=row["version"],
            version=version,
            updated_by=ctx.installation_id,
            updated_at=utcnow(),
        )
    )
    entry = {
        "at": now,
        "installation_id": ctx.installation_id,
        "table_name": table,
        "record_id": row["id"],
        "version": version,
        "action": CAME_BACK,
        "changes": json.dumps({"deleted": [True, False]}),
    }
    session.execute(insert(AuditEntry), [entry])


def _tell(
    session: Session,
    meeting_id: str,
    deletion: dict[str, Any],
    now: dt.datetime,
    areas: dict[str, AreaCounts],
) -> None:
    """Log the deletion as the losing version of the meeting, once."""
    logged = select(Conflict.id).where(
        Conflict.table_name == MEETINGS,
        Conflict.record_id == meeting_id,
        Conflict.loser_version == deletion["version"],
        Conflict.loser_installation == deletion["updated_by"],
    )
    if session.execute(logged.limit(1)).first() is not None:
        return
    winner = load_current(session, MEETINGS, [meeting_id])[meeting_id]
    session.execute(insert(Conflict), [conflict_row(MEETINGS, winner, deletion, now)])
    _count(areas, MEETINGS).conflicts += 1


def _count(areas: dict[str, AreaCounts], table: str) -> AreaCounts:
    return areas.setdefault(table, AreaCounts())
