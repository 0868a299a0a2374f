"""Which call a proposal answered at each of its submissions, from the versions of it held here.

A proposal names one call (``call_id``), and its municipality may change that while the
proposal is a draft or sent back for changes (``fund_workflow.may_change``), then submit it
again, to the other call. The status change that submits names no call: it answers the call
the proposal named when it was written. Every version of the proposal held here is in the audit
log with its stamp (``version``) and the fields it changed, so the call of each held version is
read back from the present, as the history reads a record's past. A submission answered the
call of the newest held version stamped before it: a city edits and then submits, so the edit's
stamp is the lower (stamps are causal, ``domain/hlc.py``), and no call changes while the
proposal waits for the hub, so the version that travelled with a submission named its call.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, FundProposal

CHUNK = 500
Steps = list[tuple[int, str | None]]  # (a held version's stamp, the call it named), by stamp


def _changed_call(changes: str) -> list[Any] | None:
    """The [before, after] of ``call_id`` in one audit entry's changes, if it changed."""
    try:
        data = json.loads(changes or "{}")
    except ValueError:
        return None
    pair = data.get("call_id") if isinstance(data, dict) else None
    return pair if isinstance(pair, list) and len(pair) == 2 else None


def _steps(session: Session, now: Mapping[str, str | None]) -> dict[str, Steps]:
    """Per proposal: the call each version held here named, worked back from ``now``."""
    entries: dict[str, list[tuple[int, str]]] = {pid: [] for pid in now}
    ids = list(now)
    for start in range(0, len(ids), CHUNK):
        query = (
            select(AuditEntry.record_id, AuditEntry.version, AuditEntry.changes)
            .where(
                AuditEntry.table_name == FundProposal.__tablename__,
                AuditEntry.record_id.in_(ids[start : start + CHUNK]),
            )
            .order_by(AuditEntry.id)
        )
        for record_id, version, changes in session.execute(query):
            entries[record_id].append((version, changes))
    out: dict[str, Steps] = {}
    for pid, found in entries.items():
        call, steps = now[pid], []
        for version, changes in reversed(found):
            steps.append((version, call))
            pair = _changed_call(changes)
            if pair is not None:
                call = pair[0]
        out[pid] = sorted(steps, key=lambda s: s[0])
    return out


def calls_answered(
    session: Session, proposals: Iterable[FundProposal], stamps: Mapping[str, Iterable[int]]
) -> dict[tuple[str, int], str | None]:
    """Per (proposal, stamp of one of its submissions): the call that submission answered."""
    now = {p.id: p.call_id for p in proposals if p.id in stamps}
    steps = _steps(session, now)
    out: dict[tuple[str, int], str | None] = {}
    for pid, call in now.items():
        held = steps.get(pid, [])
        for stamp in stamps[pid]:
            before = [named for version, named in held if version < stamp]
            # None held before it (an import's history folded into one version): the oldest.
            out[(pid, stamp)] = before[-1] if before else held[0][1] if held else call
    return out
