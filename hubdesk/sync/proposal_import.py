"""A proposal's status, kept at the import as the services keep it (DESIGN §4, "Authority").

The services let the municipality change a proposal, its budget, workplan and indicators only
while it is a draft or sent back for changes, and afterwards only what its implementation fills
in (``fund_workflow.may_change``); they move it on only from the status it has. A bundle is held
to the same, where the receiver is the one who must be able to trust it: the hub, for what a
municipality (or a field laptop it vouches for) sends, and a municipality, for what its field
laptop sends. Such a bundle is refused whole and changes nothing. A municipality holds the
hub's own moves to the history too: none from a proposal already decided (approved, rejected,
in implementation or completed: it never returns to the hub), each written once (a signed hub
may decide a proposal under review, but not take a funded one back to "rejected", nor rewrite
or delete its decision afterwards). It does not ask more of the hub's move: its own history
may lack a resubmission after a restore from a backup, and the hub never sends that back.

Each change is judged by the status the proposal had when it was made: the newest status change,
held here or in the bundle, older than the change. So a bundle may carry a proposal's edits and
then its submission, or the hub's request for changes, the edits and the resubmission. A change
older than a status change this receiver already holds is refused (the proposal was moved on
here before it arrived: it may not rewrite what was submitted or decided). A status change the
municipality writes must leave the status the proposal had then, and is never changed or
deleted afterwards (``fund_workflow.change_status`` writes each once).

Only rows that would change something are judged: a copy relayed unchanged, or one the version
held outranks (older, or a proposal under an earlier submission number,
``merge.SUBMISSION_NUMBER``), is no change. So a field laptop's late edit or deletion of a
draft its office has since submitted loses to the submission as a conflict, instead of
refusing every later bundle of the laptop. A new deletion (of a record never held here) changes
nothing either. A part (budget line, activity, indicator) the laptop added under an earlier
submission number than its proposal's has no submitted version to lose to: a municipality
leaves it to ``proposal_parts``, which deletes it once merged, while the hub still refuses it.
Whose moves which status changes are, and whether
the hub signed its own, is ``scope.py``'s and ``authority.py``'s.

A proposal's submission number (``fund_workflow._number_submission``) grows by one with each
submission, written in the same unit of work as its status change; so no version may carry a
number above the submissions in the proposal's status history (held here or in the bundle), nor
below zero. Otherwise a field laptop could number its draft edit ahead of its office (the number
outranks the clock) and push the count to the limit the value rules allow, so that the office's
next submission is refused. The same holds for a part's number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import FundProposal, Municipality, ProposalStatusChange
from hubdesk.domain.base import Synced
from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.i18n import N_
from hubdesk.services.fund_workflow import (
    OPEN_LATER,
    PROPOSAL_PARTS,
    WRITTEN_WHILE,
    may_change,
    status_label,
)
from hubdesk.sync import proposal_parts, scope
from hubdesk.sync.codec import CODECS
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import Stamp, changing, rank, written_at

STATUS_TABLE = "proposal_status_changes"
PROPOSALS = "fund_proposals"
JUDGED = frozenset((*PROPOSAL_PARTS, *WRITTEN_WHILE))
# Not the municipality's words: the sync metadata, and the status a proposal row caches.
IGNORED = frozenset(Synced.SYNC_FIELDS) - {"deleted"} | {"status"}
assert set(OPEN_LATER) <= JUDGED

LOCKED = N_(
    "it changes a fund proposal that is '{status}'; a proposal, its budget, workplan and "
    "indicators change while it is a draft or after the hub asks for changes, its spending, "
    "results and reports while it is implemented"
)
OTHER_CURRENCY = N_(
    "its amounts are in {currency}, but its municipality keeps its money in {expected}"
)
MISNUMBERED = N_(
    "it numbers the fund proposal's submission {number}, above the number of submissions in "
    "the proposal's status history ({count})"
)
# A field laptop reads its proposal's report; the office writes it (``may_submit_reports``). A
# laptop's version from before that rule is replaced by the office's next one.
LAPTOP_REPORT = N_(
    "only the municipality's own PC writes a fund proposal's implementation report: submit the "
    "report here with its words corrected and send the field laptop a file; its next file then "
    "goes through"
)
NOT_FROM = N_("it moves a fund proposal on from '{from_status}', but the proposal is '{status}'")
FIXED = N_("a status change of a proposal is written once, never changed or deleted")
# Statuses a proposal never leaves for the hub again: a hub's move from one is no move of its.
DECIDED = frozenset(
    s.value
    for s in (
        ProposalStatus.APPROVED,
        ProposalStatus.REJECTED,
        ProposalStatus.IN_IMPLEMENTATION,
        ProposalStatus.COMPLETED,
    )
)

# What is kept of each incoming status change (a large bundle holds many).
KEPT = ("id", "proposal_id", "from_status", "to_status", "by_role", "version", "updated_by")
KEPT_ALL = (*KEPT, "base_version", "deleted")


def _slim(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in KEPT_ALL}


@dataclass(frozen=True)
class _Change:
    table: str
    id: str
    proposal_id: str
    stamp: Stamp
    fields: frozenset[str]
    # the submission number of a live proposal's version, or of a part (budget line, activity,
    # indicator) as it was written
    number: int | None = None


@dataclass
class ProposalChanges:
    """What one import's rows would change of proposals, gathered table by table."""

    judged: bool
    # A municipality deletes its laptop's live parts under an earlier number than their
    # proposal's (``proposal_parts``) rather than refusing them.
    deletes_outranked: bool = False
    changes: list[_Change] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)  # proposals' incoming winning numbers
    outranked: set[tuple[str, str]] = field(default_factory=set)  # (table, id) left unjudged
    # Incoming status changes (their values, and the version held before this import if any).
    statuses: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = field(default_factory=dict)
    # A municipality judges the hub's moves (a bundle of the hub's brings no proposal edits);
    # everyone else judges the municipality's and its laptops'.
    hub_moves: bool = False
    # A municipality judging its field laptop's bundle, and what it refuses as gathered.
    from_laptop: bool = False
    refused: list[Problem] = field(default_factory=list)


_UNJUDGED: ContextVar[bool] = ContextVar("proposal_history_unjudged", default=False)


@contextmanager
def demo_history() -> Iterator[None]:
    """Only for ``hubdemo``: its demo hub receives each municipality's whole made-up history
    before it claims its own part of it (reviews, decisions), so the histories cannot be judged
    one step after the other there. Who may write what, and the hub's signatures, still are."""
    token = _UNJUDGED.set(True)
    try:
        yield
    finally:
        _UNJUDGED.reset(token)


def start(own_role: Role, sender_role: Role) -> ProposalChanges:
    """The hub judges its municipalities' bundles, a municipality its field laptops' and the
    hub's moves: a signed hub may decide a proposal under review, not take back a decision or
    move a proposal the municipality has moved on since."""
    from_hub = (own_role, sender_role) == (Role.MUNICIPALITY, Role.HUB)
    judged = from_hub or (own_role, sender_role) in (
        (Role.HUB, Role.MUNICIPALITY),
        (Role.MUNICIPALITY, Role.FIELD),
    )
    return ProposalChanges(
        judged and not _UNJUDGED.get(),
        own_role == Role.MUNICIPALITY,
        hub_moves=from_hub,
        from_laptop=(own_role, sender_role) == (Role.MUNICIPALITY, Role.FIELD),
    )


def _changed(table: str, new: Mapping[str, Any], old: Mapping[str, Any] | None) -> frozenset[str]:
    names = (c for c in CODECS[table].columns if c not in IGNORED)
    if old is None:
        return frozenset(names)
    return frozenset(c for c in names if new[c] != old[c])


def gather(
    found: ProposalChanges,
    table: str,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
) -> None:
    """Keep what the rows of one batch of ``table`` would change."""
    if not found.judged or (table not in JUDGED and table != STATUS_TABLE):
        return
    if found.hub_moves and table != STATUS_TABLE:
        return  # the hub writes none of a proposal's own rows (``scope``)
    for inc in rows:
        values, stored = inc.values, current.get(inc.id)
        if table == STATUS_TABLE:
            found.statuses[inc.id] = (_slim(values), None if stored is None else _slim(stored))
            continue
        if stored is not None and rank(values, table) <= rank(stored, table):
            continue  # it would change nothing here
        if stored is None and values["deleted"]:
            continue  # nor does a deletion of a record never held here
        if table == "fund_proposals":
            found.numbers[inc.id] = values["submission"]
        fields = _changed(table, values, stored)
        if not fields:
            continue
        if found.from_laptop and table == PROPOSALS and _writes_report(values, stored, fields):
            found.refused.append(Problem(table, inc.id, "", LAPTOP_REPORT, reason="out_of_scope"))
        proposal = inc.id if table == "fund_proposals" else values["proposal_id"]
        number = None
        if table in ("fund_proposals", *proposal_parts.TABLES) and not values["deleted"]:
            number = int(values["submission"] or 0)
        found.changes.append(_Change(table, inc.id, proposal, written_at(values), fields, number))


def _writes_report(
    values: Mapping[str, Any], stored: Mapping[str, Any] | None, fields: frozenset[str]
) -> bool:
    """Whether a version changes the proposal's own report (a new proposal's empty report
    fields change nothing)."""
    report = fields & OPEN_LATER[PROPOSALS].keys()
    return any(stored is not None or values[name] for name in report)


@dataclass(frozen=True)
class _Step:
    id: str
    stamp: Stamp
    to_status: str


def _held_steps(
    session: Session, found: ProposalChanges, proposals: Iterable[str]
) -> dict[str, list[_Step]]:
    """Each proposal's live status changes as held before this import (a batch already written
    by it is read back as it was), oldest first."""
    ids = sorted(set(proposals))
    held: dict[str, dict[str, Mapping[str, Any]]] = {p: {} for p in ids}
    t = ProposalStatusChange
    columns = (t.id, t.proposal_id, t.to_status, t.version, t.updated_by, t.deleted)
    for start_at in range(0, len(ids), 500):
        query = select(*columns).where(t.proposal_id.in_(ids[start_at : start_at + 500]))
        for row in session.execute(query):
            values = dict(row._mapping)
            if values["id"] not in found.statuses:
                held[values["proposal_id"]][values["id"]] = values
    for _values, stored in found.statuses.values():
        if stored is not None and stored["proposal_id"] in held:
            held[stored["proposal_id"]][stored["id"]] = stored
    return {
        p: sorted(
            (
                _Step(v["id"], written_at(v), v["to_status"])
                for v in rows.values()
                if not v["deleted"]
            ),
            key=lambda step: step.stamp,
        )
        for p, rows in held.items()
    }


def _merged_steps(
    held: Mapping[str, list[_Step]], found: ProposalChanges
) -> dict[str, list[_Step]]:
    """Each proposal's live status changes once this import is merged, oldest first."""
    steps = {p: {s.id: s for s in rows} for p, rows in held.items()}
    for values, stored in found.statuses.values():
        proposal = steps.get(values["proposal_id"])
        if proposal is None or (stored is not None and rank(values) <= rank(stored)):
            continue
        proposal.pop(values["id"], None)
        if not values["deleted"]:
            proposal[values["id"]] = _Step(values["id"], written_at(values), values["to_status"])
    return {p: sorted(rows.values(), key=lambda s: s.stamp) for p, rows in steps.items()}


def _status_at(steps: list[_Step], stamp: Stamp, leave_out: str = "") -> str:
    """The status of a proposal just before a change made at ``stamp``."""
    status = ProposalStatus.DRAFT.value
    for step in steps:
        if step.stamp >= stamp:
            break
        if step.id != leave_out:
            status = step.to_status
    return status


def _misnumbered(change: _Change, steps: list[_Step]) -> list[Problem]:
    """A proposal's version numbered past the submissions its status history records."""
    count = sum(step.to_status == ProposalStatus.SUBMITTED.value for step in steps)
    if change.number is None or 0 <= change.number <= count:
        return []
    params = {"number": change.number, "count": count}
    return [Problem(change.table, change.id, "", MISNUMBERED, params, "locked_proposal")]


def _numbers(session: Session, found: ProposalChanges) -> dict[str, int]:
    """Each proposal's submission number once merged, where a municipality deletes its
    laptop's outranked parts (none is looked up at the hub, which judges them)."""
    if not found.deletes_outranked:
        return {}
    ids = sorted({c.proposal_id for c in found.changes if _part(c)})
    numbers: dict[str, int] = {}
    t = FundProposal
    for start_at in range(0, len(ids), 500):
        query = select(t.id, t.submission).where(t.id.in_(ids[start_at : start_at + 500]))
        numbers.update((pid, int(n or 0)) for pid, n in session.execute(query))
    for pid, number in found.numbers.items():
        numbers[pid] = max(numbers.get(pid, 0), int(number or 0))
    return numbers


def _part(change: _Change) -> bool:
    """A change of a proposal's part that carries its submission number."""
    return change.number is not None and change.table in proposal_parts.TABLES


def judge(session: Session, found: ProposalChanges) -> list[Problem]:
    """A problem for every change the services would not have let its writer make."""
    if not found.judged:
        return []
    problems: list[Problem] = list(found.refused)
    moves = {
        i: (values, stored)
        for i, (values, stored) in found.statuses.items()
        if scope.hub_written(STATUS_TABLE, values) == found.hub_moves
        and (stored is None or rank(values) > rank(stored))
    }
    proposals = {c.proposal_id for c in found.changes}
    proposals.update(values["proposal_id"] for values, _stored in moves.values())
    if not proposals:
        return problems
    held = _held_steps(session, found, proposals)
    merged = _merged_steps(held, found)
    numbers = _numbers(session, found)
    for change in found.changes:
        if _part(change) and (change.number or 0) < numbers.get(change.proposal_id, 0):
            found.outranked.add((change.table, change.id))
            continue  # deleted once merged (``proposal_parts``)
        steps = held[change.proposal_id]
        if steps and steps[-1].stamp > change.stamp:
            status = steps[-1].to_status  # moved on here before this change arrived
        else:
            status = _status_at(merged[change.proposal_id], change.stamp)
            if may_change(change.table, status, change.fields):
                problems.extend(_misnumbered(change, merged[change.proposal_id]))
                continue
        params = {"status": status_label(status)}
        problems.append(Problem(change.table, change.id, "", LOCKED, params, "locked_proposal"))
    for i, (values, stored) in moves.items():
        steps = held[values["proposal_id"]]
        if stored is not None or values["deleted"]:
            problems.append(Problem(STATUS_TABLE, i, "", FIXED, {}, "locked_proposal"))
            continue
        stamp = written_at(values)
        if steps and steps[-1].stamp > stamp:
            status = steps[-1].to_status
        else:
            status = _status_at(merged[values["proposal_id"]], stamp, leave_out=i)
            if status == values["from_status"]:
                continue
        if found.hub_moves and status not in DECIDED:
            # The municipality's own history may lack a move of its own (restored from a
            # backup made before a resubmission, which the hub never sends back): a hub's
            # move is refused only where the proposal was decided, never to return to the hub.
            continue
        params = {
            "from_status": status_label(values["from_status"]),
            "status": status_label(status),
        }
        problems.append(Problem(STATUS_TABLE, i, "", NOT_FROM, params, "locked_proposal"))
    return problems


def check_currency(
    session: Session,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
    owners: list[str | None],
    named: Mapping[str, str],
) -> list[Problem]:
    """A proposal is in its municipality's currency: ``fund.create_proposal`` gives it that
    one and nothing changes it afterwards. A bundle that says another would have the hub read
    its amounts in the wrong unit (a budget of MKD 1,000 as EUR 1,000). ``named``: the currency
    of each municipality record in the bundle, which an import may set before its first
    records; the others are read here."""
    owner_of = dict(zip(map(attrgetter("id"), rows), owners, strict=True))
    written = [inc for inc, _held in changing(PROPOSALS, rows, current)]
    wanted = sorted({o for i in written if (o := owner_of[i.id]) is not None and o not in named})
    held: dict[str, str] = {}
    if wanted:
        query = select(Municipality.id, Municipality.currency).where(Municipality.id.in_(wanted))
        held = {row[0]: row[1] for row in session.execute(query)}
    problems = []
    for inc in written:
        owner = owner_of[inc.id] or ""
        expected = named.get(owner) or held.get(owner)
        currency = inc.values.get("currency")
        if expected is not None and currency != expected and not inc.values.get("deleted"):
            params = {"currency": currency, "expected": expected}
            problems.append(Problem(PROPOSALS, inc.id, "currency", OTHER_CURRENCY, params))
    return problems
