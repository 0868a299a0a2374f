"""Merging incoming records into this database: the rule, the conflict log, the writes.

Every installation keeps, per record, the version with the highest *rank*: an edit ranks by its
version stamp; a tombstone ranks just above the version it deleted (its ``base_version``). So a
later edit wins over an earlier one, a delete wins over the edit it deleted, and an edit the
deleter had not seen wins over the delete. Records with a final status rank by it first
(``FINAL_STATUS``). Ranks are totally ordered (ties break on the
installation id), which is why installations that exchanged everything, in any order, converge.
A meeting or a fund proposal and what its deletion took along are then put in one state by the
same rule, taken over the whole meeting or proposal (``group_merge.py``).

A replaced or refused version is logged as a conflict only when neither side knew the other:
the incoming record lists the versions it supersedes (``_known``), and this database knows every
version it held (audit log), learnt of (seen versions) or already logged (conflicts).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, Conflict
from hubdesk.domain.base import Synced
from hubdesk.domain.search import with_search_text
from hubdesk.domain.sync import SeenVersion
from hubdesk.services.records import jsonable
from hubdesk.sync import rawio, scope
from hubdesk.sync.codec import CODECS, MODELS, table_of
from hubdesk.sync.incoming import Incoming
from hubdesk.sync.select import known_versions

CHUNK = 500
HUB_SIGNATURE = "hub_signature"  # see authority.py (which imports this module's neighbours)
META_FIELDS = frozenset(Synced.SYNC_FIELDS) - {"deleted"}
# A losing version that says the same as the winner in every field a person reads (the office
# and its laptop both marking one person present) is logged as reviewed already: kept, never
# lost, but nothing a person is asked to decide.
SAME_UNLESS = META_FIELDS | {HUB_SIGNATURE}
SAME = "kept"  # conflicts.KEPT (which imports this module)


# Records whose status only ever moves forward to a final one (``services/needs.py``: a needs
# assessment is drafted, then submitted by the office, and never goes back to draft). Every
# version in the final status outranks every version before it, whatever the clocks say: a
# field laptop's later edit of the draft it held cannot undo the office's submission. The
# edit is not lost: neither side knew the other, so it is logged as a conflict.
FINAL_STATUS: dict[str, str] = {"needs_assessments": "submitted"}
# Records submitted again and again under a number that only grows (``services/practices.py``:
# a good practice's ``submission``; ``fund_workflow.change_status``: a fund proposal's). A version
# with a higher number outranks every version with a lower one, and a deletion every submitted
# version: a field laptop's late edit (or deletion) of a practice or a draft proposal its office
# has since submitted cannot take the number back (logged as a conflict), so the office never
# holds, nor sends the hub, what the office or the hub refuses (``practice_import.py``,
# ``proposal_import.py``, which judge only versions that win).
SUBMISSION_NUMBER: dict[str, str] = {
    "good_practices": "submission",
    "fund_proposals": "submission",
    # A proposal's parts carry the number it had when they were written (``records``): a part
    # the laptop added under an earlier one is deleted once merged (``proposal_parts.py``).
    "budget_lines": "submission",
    "proposal_activities": "submission",
    "proposal_indicators": "submission",
}


Stamp = tuple[int, str]  # (version, updated_by): when a version was written, in HLC order


_STAMP = itemgetter("version", "updated_by")


def written_at(values: Mapping[str, Any]) -> Stamp:
    """When this version was written: the order of a quarter's steps or a proposal's status
    changes, and the moment a change is judged at (``period_import``, ``proposal_import``)."""
    return (values["version"], values["updated_by"])


def stamps_of(rows: Iterable[Mapping[str, Any]]) -> list[Stamp]:
    """``written_at`` of every row, in one C loop."""
    return list(map(_STAMP, rows))


def rank(values: dict[str, Any], table: str = "") -> tuple[int, int, int, int, str]:
    final = FINAL_STATUS.get(table)
    stage = int(final is not None and not values["deleted"] and values["status"] == final)
    if table in SUBMISSION_NUMBER and not values["deleted"]:
        stage = int(values[SUBMISSION_NUMBER[table]] or 0)
    if values["deleted"]:
        return (stage, values["base_version"] or 0, 1, values["version"], values["updated_by"])
    return (stage, values["version"], 0, values["version"], values["updated_by"])


@dataclass
class AreaCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    refused: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass
class Writes:
    """Everything an import will write, computed before anything is written."""

    creates: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    updates: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    audit: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    lineage: list[dict[str, Any]] = field(default_factory=list)
    proposals: set[str] = field(default_factory=set)
    # The audit entries of created records written by SQLite from the rows themselves
    # (``rawio.audit_inserted``) rather than built here: the streaming import on SQLite.
    audit_created_in_sql: bool = False
    now: dt.datetime | None = None

    @property
    def empty(self) -> bool:
        return not (self.creates or self.updates or self.conflicts or self.lineage)


def changing(
    table: str, rows: list[Incoming], current: Mapping[str, dict[str, Any]]
) -> list[tuple[Incoming, dict[str, Any] | None]]:
    """The rows of a batch that would change something here, each with the version held (None
    for a new record): new here, or outranking the version held. The import's judges look at
    these only; a stale copy the merge passes over says nothing, whatever its fields hold."""
    if not current:  # none of them held here (a new hub, new records): every row is a change
        return [(inc, None) for inc in rows]
    out = []
    for inc in rows:
        held = current.get(inc.id)
        if held is None or rank(inc.values, table) > rank(held, table):
            out.append((inc, held))
    return out


def load_current(session: Session, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    t = table_of(MODELS[table])
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(t).where(t.c.id.in_(ids[start : start + CHUNK]))
        for row in session.execute(query):
            values = dict(row._mapping)
            out[values["id"]] = values
    return out


def merge_table(
    session: Session,
    table: str,
    incoming: list[Incoming],
    current: dict[str, dict[str, Any]],
    counts: AreaCounts,
    writes: Writes,
    now: dt.datetime,
    settled: Mapping[str, bool] | None = None,
) -> None:
    """Decide every record of one table and queue its writes. ``settled`` decides some
    records whatever the rank says (True: the incoming version is taken; False: the held one
    stays; ``practice_import.office_version``); the version that loses against its rank is
    logged as a conflict, once."""
    if not current and writes.audit_created_in_sql:
        _all_created(table, incoming, counts, writes, now)
        return
    differing = [
        inc.id
        for inc in incoming
        if inc.id in current and not _same_version(inc.values, current[inc.id])
    ]
    local = known_versions(session, table, differing) if differing else {}
    writes.now = now
    for inc in incoming:
        new = inc.values
        cur = current.get(inc.id)
        if cur is None:
            counts.created += 1
            writes.creates[table].append(new)
            _written(table, inc, None, writes, now)
            continue
        if _same_version(new, cur):
            if _signed_since(table, new, cur):
                counts.updated += 1
                writes.updates[table].append(new)
                _written(table, inc, cur, writes, now)
            else:
                counts.unchanged += 1
            continue
        take = rank(new, table) > rank(cur, table)
        known_here = new["version"] in local.get(inc.id, ())
        related = known_here or cur["version"] in inc.known or cur["version"] == new["base_version"]
        overruled = settled is not None and settled.get(inc.id, take) != take
        if overruled:
            take = not take
        if not related or (overruled and not known_here):
            loser, winner = (cur, new) if take else (new, cur)
            counts.conflicts += 1
            writes.conflicts.append(conflict_row(table, winner, loser, now))
        if take:
            counts.updated += 1
            writes.updates[table].append(new)
            _written(table, inc, cur, writes, now)
        else:
            counts.unchanged += 1


def _all_created(
    table: str, incoming: list[Incoming], counts: AreaCounts, writes: Writes, now: dt.datetime
) -> None:
    """``merge_table`` when none of the records is held here yet (a new hub, a new meeting's
    attendance): every one is created, queued as ``_written`` queues it, a column at a time
    (their audit entries are written by SQLite, ``audit_created_in_sql``)."""
    writes.now = now
    if not incoming:
        return
    values = list(map(attrgetter("values"), incoming))
    counts.created += len(values)
    writes.creates[table].extend(values)
    for inc in filter(attrgetter("known"), incoming):
        version = inc.values["version"]
        writes.lineage.extend(
            {"table_name": table, "record_id": inc.id, "version": v}
            for v in inc.known
            if v != version
        )
    if table == "fund_proposals":
        writes.proposals.update(map(attrgetter("id"), incoming))
    elif table in ("proposal_status_changes", "fund_decisions"):
        writes.proposals.update(map(itemgetter("proposal_id"), values))


def _same_version(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["version"] == b["version"] and a["updated_by"] == b["updated_by"])


def _signed_since(table: str, new: dict[str, Any], held: dict[str, Any]) -> bool:
    """The version held here, now with the hub's signature (e.g. a decision written before
    records were signed): the one change a version may carry without a new stamp. Only for a
    row the hub wrote, whose signature ``authority.check_authority`` verified before the merge,
    and only when nothing else differs: any other difference under the same stamp is not a
    change anyone made (a version is written once), so the row held stays as it is."""
    signature = new.get(HUB_SIGNATURE)
    if not signature or signature == held.get(HUB_SIGNATURE) or not scope.hub_written(table, held):
        return False
    return all(new[name] == held[name] for name in new if name != HUB_SIGNATURE)


def _written(
    table: str, inc: Incoming, old: dict[str, Any] | None, writes: Writes, now: dt.datetime
) -> None:
    new = inc.values
    changes = "{}"  # a created record's fields are the record itself
    if old is not None:
        changed = {
            name: [jsonable(old[name]), jsonable(value)]
            for name, value in new.items()
            if name not in META_FIELDS and old[name] != value
        }
        changes = json.dumps(changed, ensure_ascii=False)
    if old is not None or not writes.audit_created_in_sql:
        writes.audit.append(
            {
                "at": now,
                "installation_id": new["updated_by"],
                "table_name": table,
                "record_id": inc.id,
                "version": new["version"],
                "action": "sync",
                "changes": changes,
            }
        )
    if inc.known:
        writes.lineage.extend(
            {"table_name": table, "record_id": inc.id, "version": v}
            for v in inc.known
            if v != new["version"]
        )
    if table == "fund_proposals":
        writes.proposals.add(inc.id)
    elif table in ("proposal_status_changes", "fund_decisions"):
        writes.proposals.add(new["proposal_id"])
        if old is not None:
            writes.proposals.add(old["proposal_id"])


def conflict_row(
    table: str, winner: dict[str, Any], loser: dict[str, Any], now: dt.datetime
) -> dict[str, Any]:
    codec = CODECS[table]
    encoded = codec.encode_row([loser[c] for c in codec.columns])
    same = all(winner[c] == loser[c] for c in codec.columns if c not in SAME_UNLESS)
    return {
        "detected_at": now,
        "table_name": table,
        "record_id": loser["id"],
        "winner_version": winner["version"],
        "winner_installation": winner["updated_by"],
        "loser_version": loser["version"],
        "loser_installation": loser["updated_by"],
        "loser_data": json.dumps(
            dict(zip(codec.columns, encoded, strict=True)), ensure_ascii=False
        ),
        "resolved_at": now if same else None,
        "resolution": SAME if same else "",
    }


def apply_writes(session: Session, writes: Writes, order: Iterable[str]) -> None:
    """Write everything queued, parents before children, in the caller's transaction."""
    write_batch(session, writes, order)
    refresh_proposals(session, writes.proposals)


def write_batch(session: Session, writes: Writes, order: Iterable[str]) -> None:
    """Write what is queued (records of ``order``'s tables, conflicts, audit, lineage); the
    streaming import calls this once per batch, then ``refresh_proposals`` once at the end."""
    for table in order:
        creates, updates = writes.creates.get(table), writes.updates.get(table)
        if not (creates or updates):
            continue
        t = table_of(MODELS[table])
        in_sql = bool(creates) and writes.audit_created_in_sql
        after = rawio.max_rowid(session, t) if in_sql else 0
        # The search text is derived, never received: made here from the fields it folds.
        rawio.insert_rows(session, t, with_search_text(table, creates or []))
        if in_sql:
            assert creates and writes.now is not None
            audit = table_of(AuditEntry)  # type: ignore[arg-type]
            rawio.audit_inserted(session, audit, t, after, writes.now, len(creates))
        rawio.update_rows(session, t, with_search_text(table, updates or []))
    if writes.conflicts:
        session.execute(insert(Conflict), writes.conflicts)
    rawio.insert_rows(session, table_of(AuditEntry), writes.audit)  # type: ignore[arg-type]
    rawio.insert_rows(session, table_of(SeenVersion), writes.lineage, or_ignore=True)  # type: ignore[arg-type]


def refresh_proposals(session: Session, proposals: Iterable[str]) -> None:
    """Recompute the status cache of every proposal whose history the import changed."""
    from hubdesk.services.fund_workflow import refresh_statuses

    session.flush()  # nothing pending may be written over
    refresh_statuses(session, proposals)
