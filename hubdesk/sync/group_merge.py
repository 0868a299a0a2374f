"""A record and what its deletion takes along end in one state after a merge, on every PC.

The merge decides record by record (``merge.py``). A record whose deletion takes the records
under it along (a meeting with what is recorded at it, ``meeting_merge.py``; a fund proposal
with its budget, workplan and indicators, ``proposal_merge.py``), deleted on one PC while the
other worked inside it, would then end half and half: deleted with a record alive under it
(counted in figures, listed under nothing), or alive with what its deletion took along
deleted. After an import has written its records, every such *head* it touched is put back in
one state by the handbook's rule that an edit the deleter had not seen wins over the delete:

- The head is deleted, yet a record under it is alive. The deletion tombstoned every live
  record under it, so one alive now carries a change the deleter had not seen, which survived
  the merge. The head comes back, with what its deletion took along.
- The head is alive after a version of it that was deleted lost in this import (its own edit,
  or the head brought back on the other PC, won over the deletion). What that deletion took
  along comes back.

Either way a conflict is logged on the head (the deletion as the losing version, unless the
merge logged it already), so the person who deleted sees in the conflicts view that it came
back, and may delete it again: a deletion made after seeing the edits takes them along and
wins as any deletion does. A part whose own deletion lost to the edit is told in that one
entry rather than in one of its own (``group_conflicts.py``). If nothing the deleter had not
seen survives, the deletion wins for all, as the merge already decided.

What a deletion took along is recognised by its stamp: the services write the head's
tombstone and those of the records under it with one clock stamp (version and author,
``records.one_stamp``), and a hybrid logical clock never gives that stamp to any other change.
A record deleted before has a stamp of its own and stays deleted. Nothing else would do on
every PC: the audit entries that group one unit of work stay on the PC that wrote them, and a
tombstone's ``base_version`` names only its own record's version before. (Deletions written
before this rule carry one stamp per record: their head comes back with what is alive under
it only.)

Bringing records back is this PC's own edit: a new stamp, ``base_version`` the tombstone's, an
audit entry, so it travels like any edit and outranks the deletion everywhere. It is written
only while the head is in two states, which it ends; a PC that receives it finds one state and
writes no record (the deleter's PC only logs the conflict, which never travels), so the PCs do
not send restorations back and forth. Both PCs bringing the same head back at once is two
edits of the same records with the same content, merged as any such pair. The hub writes no
municipality's records: it takes the state its municipality sends, which is already one.

Each kind of head says what may not come back on this PC (``Group.allows``): the import's
checks judged only the rows the bundle changes, while a restoration is written after them, so
it must never write what the services would refuse to change here. Such a record stays as the
merge left it; the next file that touches its head once the services allow it puts it in one
state.

``settle`` returns every head it put in one state (``CameBack``: by the values a person knows
it by, whether the deletion was made here, how many records came back with it), which the
import's preview, running it in a session it rolls back, tells in words (``import_notes.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, Conflict
from hubdesk.domain.base import utcnow
from hubdesk.services.context import ServiceContext
from hubdesk.sync.codec import MODELS, table_of
from hubdesk.sync.group_conflicts import fold
from hubdesk.sync.incoming import Incoming
from hubdesk.sync.merge import CHUNK, AreaCounts, conflict_row, load_current, rank

# The audit action of a record this rule brought back: nobody here restored it, so its history
# says why it is back rather than "earlier value restored" by this PC.
CAME_BACK = "came_back"

Values = dict[str, Any]
# Whether one record may be brought back here: (its table, its values, its head's values).
Allows = Callable[[str, Values, Values], bool]


def _always(_table: str, _values: Values, _head: Values) -> bool:
    return True


@dataclass(frozen=True)
class Group:
    """A kind of head and the tables of what its deletion takes along."""

    table: str
    column: str  # the parts' link to their head
    parts: tuple[str, ...]
    # The head's fields a person knows it by, told when it comes back (``import_notes``).
    named_by: tuple[str, ...]
    # Made once per settling, with the heads held: what may come back here (the head itself is
    # asked with its own table).
    allows: Callable[[Session, ServiceContext, dict[str, Values]], Allows]
    # Whether a part alive under a deleted head is a change the deleter had not seen that
    # survives (one the import deletes again afterwards is not).
    survives: Allows = _always


@dataclass(frozen=True)
class CameBack:
    """A head this rule put back in one state over a deletion: what the import's preview
    tells a person (``sync/import_notes.py``) before anything is written."""

    table: str  # the head's
    record_id: str
    named: dict[str, Any]  # the head's values of ``Group.named_by``
    deleted_here: bool  # the deletion was made on this PC (else on another one)
    parts: dict[str, int]  # records its deletion took along that come back, per table


@dataclass
class Changes:
    """What an import's rows did to the heads of ``groups``, gathered while its batches are
    written."""

    groups: tuple[Group, ...]
    touched: dict[str, set[str]] = field(default_factory=dict)  # head table -> ids
    # head table -> head id -> the deleted version of it that lost in this import (its values)
    overturned: dict[str, dict[str, Values]] = field(default_factory=dict)


def start(ctx: ServiceContext, groups: tuple[Group, ...]) -> Changes | None:
    """None at the hub, which never writes a municipality's records."""
    return None if ctx.is_hub else Changes(groups)


def gather(
    changes: Changes | None, table: str, rows: list[Incoming], current: dict[str, Values]
) -> None:
    """Note the heads a batch about to be merged touches (before it is written)."""
    if changes is None:
        return
    for group in changes.groups:
        touched = changes.touched.setdefault(group.table, set())
        if table in group.parts:
            touched.update(inc.values[group.column] for inc in rows)
            touched.update(held[group.column] for held in current.values())
        elif table == group.table:
            overturned = changes.overturned.setdefault(table, {})
            for inc in rows:
                touched.add(inc.id)
                new, held = inc.values, current.get(inc.id)
                if held is None or bool(new["deleted"]) == bool(held["deleted"]):
                    continue
                loser = new if rank(new, table) <= rank(held, table) else held
                if loser["deleted"]:
                    overturned[inc.id] = dict(loser)


def settle(
    session: Session, ctx: ServiceContext, changes: Changes | None, areas: dict[str, AreaCounts]
) -> list[CameBack]:
    """Put every head the import touched in one state (see the module's docstring); the
    heads it did that for, group by group.

    Runs after the import's rows are written and its clock has seen their stamps, so a
    restoration outranks what it restores."""
    if changes is None:
        return []
    came_back: list[CameBack] = []
    for group in changes.groups:
        touched = changes.touched.get(group.table)
        if touched:
            overturned = changes.overturned.get(group.table, {})
            came_back += _settle(session, ctx, group, touched, overturned, areas)
    return came_back


def _settle(
    session: Session,
    ctx: ServiceContext,
    group: Group,
    touched: set[str],
    overturned: dict[str, Values],
    areas: dict[str, AreaCounts],
) -> list[CameBack]:
    came_back: list[CameBack] = []
    now = dt.datetime.now(dt.UTC)
    heads = table_of(MODELS[group.table])
    held = load_current(session, group.table, sorted(touched))
    deleted = {head_id: values for head_id, values in held.items() if values["deleted"]}
    halves = _with_alive_parts(session, group, deleted)
    allows = group.allows(session, ctx, held)
    for head_id in sorted(held):
        values = held[head_id]
        if not allows(group.table, values, values):
            continue
        if head_id in halves:
            deletion = values
            _restore(session, ctx, heads, group.table, values, now)
            _count(areas, group.table).updated += 1
        elif not values["deleted"] and head_id in overturned:
            deletion = overturned[head_id]
        else:
            continue
        parts: dict[str, int] = {}
        for table in group.parts:
            t = table_of(MODELS[table])
            taken = select(t).where(
                t.c[group.column] == head_id,
                t.c.deleted.is_(True),
                t.c.version == deletion["version"],
                t.c.updated_by == deletion["updated_by"],
            )
            for row in session.execute(taken).mappings().all():
                if allows(table, dict(row), values):
                    _restore(session, ctx, t, table, dict(row), now)
                    _count(areas, table).updated += 1
                    parts[table] = parts.get(table, 0) + 1
        _tell(session, group, head_id, deletion, now, areas)
        named = {name: values[name] for name in group.named_by}
        here = deletion["updated_by"] == ctx.installation_id
        came_back.append(CameBack(group.table, head_id, named, here, parts))
    return came_back


def _with_alive_parts(session: Session, group: Group, deleted: dict[str, Values]) -> set[str]:
    """Which of these deleted heads have a record alive under them that survives."""
    ids = sorted(deleted)
    out: set[str] = set()
    for table in group.parts:
        t = table_of(MODELS[table])
        for start_at in range(0, len(ids), CHUNK):
            chunk = ids[start_at : start_at + CHUNK]
            query = select(t).where(t.c[group.column].in_(chunk), t.c.deleted.is_(False))
            for row in session.execute(query).mappings():
                head = deleted[row[group.column]]
                if group.survives(table, dict(row), head):
                    out.add(head["id"])
    return out


def _restore(
    session: Session, ctx: ServiceContext, t: Table, table: str, row: Values, now: dt.datetime
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
    group: Group,
    head_id: str,
    deletion: Values,
    now: dt.datetime,
    areas: dict[str, AreaCounts],
) -> None:
    """Log the deletion as the losing version of the head, once, and tell with it the parts
    whose deletion lost (``group_conflicts``): one entry for one decision."""
    told = fold(session, group.parts, group.column, head_id, deletion, now)
    for table, count in told.items():
        counts = _count(areas, table)
        counts.conflicts = max(0, counts.conflicts - count)
    table = group.table
    logged = select(Conflict.id).where(
        Conflict.table_name == table,
        Conflict.record_id == head_id,
        Conflict.loser_version == deletion["version"],
        Conflict.loser_installation == deletion["updated_by"],
    )
    if session.execute(logged.limit(1)).first() is not None:
        return
    winner = load_current(session, table, [head_id])[head_id]
    session.execute(insert(Conflict), [conflict_row(table, winner, deletion, now)])
    _count(areas, table).conflicts += 1


def _count(areas: dict[str, AreaCounts], table: str) -> AreaCounts:
    return areas.setdefault(table, AreaCounts())
