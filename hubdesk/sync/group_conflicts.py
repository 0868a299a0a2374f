"""One conflict for one decision: a meeting or a proposal that came back over its deletion.

A deletion takes the records under its head along with one stamp (``group_merge.py``). When a
change the deleter had not seen survives inside the head, the merge logs that the part's
deletion lost (its tombstone is the losing version), and bringing the head back logs that the
head's deletion lost: two entries in the Conflicts tab for what a person decides once, keeping
the meeting or deleting it again with everything in it. So the part's entry is told with the
head's (``WITH_GROUP``): kept whole in the log, never lost, and shown inside the head's entry
(``ConflictView.parts``) with the part as the other PC left it beside the version deleted.
Deciding the head decides the parts: keeping the deletion deletes them with the head
(``conflicts.DELETIONS``), keeping the head keeps them as they are.

Only such parts are told with their head: a part whose deletion won over an edit, or two
versions of a part that is alive, are a decision of their own and stay entries of their own.
Conflicts never travel, so this changes nothing another PC holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import Conflict
from hubdesk.sync.codec import MODELS, table_of

# The resolution of a part's conflict told in its head's: decided with the head.
WITH_GROUP = "with_group"


def fold(
    session: Session,
    parts: Iterable[str],
    column: str,
    head_id: str,
    deletion: dict[str, Any],
    now: dt.datetime,
) -> dict[str, int]:
    """Tell with the head every open conflict in which a part's deletion by ``deletion`` (the
    head's tombstone: the same stamp) lost; how many per table."""
    told: dict[str, int] = {}
    for table in parts:
        t = table_of(MODELS[table])
        under = select(t.c.id).where(t.c[column] == head_id)
        query = select(Conflict).where(
            Conflict.table_name == table,
            Conflict.resolution == "",
            Conflict.loser_version == deletion["version"],
            Conflict.loser_installation == deletion["updated_by"],
            Conflict.record_id.in_(under),
        )
        for row in session.scalars(query):
            row.resolution, row.resolved_at = WITH_GROUP, now
            told[table] = told.get(table, 0) + 1
    return told


def told_with(
    session: Session, parts: Iterable[str], loser_version: int, loser_installation: str
) -> list[Conflict]:
    """The parts' conflicts told with a head's whose losing version is this deletion (one
    stamp is never given to another change, so the stamp names the deletion)."""
    query = (
        select(Conflict)
        .where(
            Conflict.table_name.in_(list(parts)),
            Conflict.resolution == WITH_GROUP,
            Conflict.loser_version == loser_version,
            Conflict.loser_installation == loser_installation,
        )
        .order_by(Conflict.id)
    )
    return list(session.scalars(query))
