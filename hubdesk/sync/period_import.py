"""A submitted or accepted quarter, kept at the import as the services keep it.

The services lock a quarter's records while the hub reviews it and once it accepted it
(``services/period_lock.py``), until the municipality reopens it with a reason the hub sees; and
they write each step of a quarter (submitted, accepted, returned, reopened) once. A bundle is
held to the same where the receiver is the one who must be able to trust it: the hub, for what
a municipality sends (its own rows and those it relays for its field laptops), so that what the
hub accepted cannot change under it without a reopening; and a municipality, for what its field
laptop sends, so that a laptop that did not yet know a quarter was submitted cannot change it in
the field. Such a bundle is refused whole (reason ``locked_period``), naming the quarter and how
to reopen it, and changes nothing.

Both receivers ask the same two questions. :func:`quarters_of` says which quarters a row is in
(before and after the change: a meeting moved out of a quarter changes it too), by the day
``period_lock.day_of`` gives it. :func:`locked_against` says whether a quarter was locked against
a change made at a stamp (version, author), from the quarter's steps held here and in the
bundle. A change counts at its stamp, so a bundle may carry edits and then the submission, or a
reopening, the edits and the resubmission. A change older than a step of the quarter the
receiver already holds arrived late (a laptop's edit the office let in after reopening; or one
dated back to slip under a submission) and counts just after that step. It is refused when the
quarter is locked from that moment on through every later step; a reopening (or the hub's
return) after it lets it in. So a laptop's edit of a quarter its office submitted stays on the
laptop (and in the bundle file) until the office reopens the quarter, then imports there, and
reaches the hub with the reopening; and nothing a municipality sends changes a quarter the hub
accepted unless the same bundle, or one before it, reopens the quarter in the hub's sight.

A step of a quarter that would change one already written, or arrive deleted or rewritten, is
refused too: otherwise a municipality could take back its reopening and show "accepted" again.
A municipality holds the hub's answers to the same (a signed hub may not turn an acceptance
into a return after the municipality read it).
Only rows that would change something are judged: a stale copy the merge would pass over, or a
row relayed unchanged (the hub's own answers travelling back), is no change. Whether the hub
signed its answers, and that only the office submits or reopens, is ``authority.py``'s and
``scope.py``'s. A field laptop does not judge its municipality's bundles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Meeting, PeriodSubmission
from hubdesk.domain.enums import Role
from hubdesk.domain.periods import LOCKING, PeriodAction, Quarter
from hubdesk.i18n import N_
from hubdesk.services.period_lock import (
    DAY_FIELD,
    MEETING_CHILDREN,
    PERIOD_BOUND,
    Event,
    day_of,
    event_order,
    locked_message,
    replay,
)
from hubdesk.sync import merge
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import Stamp, stamps_of

STEPS = "period_submissions"
REASON = "locked_period"
VALUES = attrgetter("values")
NOT_ENDED = N_(
    "the quarter {quarter} has not ended yet; a quarter is submitted and answered once it is over"
)
NEVER_LOCKED = N_(
    "it reopens the quarter {quarter}, whose submission is neither in the bundle nor here; if "
    "this PC's data was restored from an older backup, ask the sender for a full bundle"
)
WRITTEN_ONCE = N_(
    "a step of the quarter {quarter} (its submission, the hub's answer or a reopening) is "
    "written once, never changed or deleted"
)

Starts = Callable[[str], Iterable[dt.datetime]]  # a meeting's starts, held and incoming


@dataclass(frozen=True)
class _Step:
    """What is kept of one step of a quarter (an ``Event`` as ``period_lock`` reads it)."""

    id: str
    version: int
    updated_by: str
    action: str
    answers: str | None
    quarter: str
    deleted: bool
    base_version: int | None


def _step(values: Mapping[str, Any]) -> _Step:
    return _Step(
        values["id"],
        values["version"],
        values["updated_by"],
        values["action"],
        values["answers"],
        values["quarter"],
        values["deleted"],
        values["base_version"],
    )


@dataclass
class QuarterChanges:
    """What one import's rows would change of one municipality's quarters."""

    judged: bool
    municipality_id: str | None = None
    # The newest change of each (quarter, table): (its stamp, the record's id). A quarter locked
    # against a change is locked against every newer one, so the newest is the one to judge.
    newest: dict[tuple[str, str], tuple[Stamp, str]] = field(default_factory=dict)
    # Incoming steps that would change something: (as they come, as held before if at all).
    steps: dict[str, tuple[_Step, _Step | None]] = field(default_factory=dict)
    # Meetings' starts (as held, and as in this import when it changes them), by id.
    starts: dict[str, tuple[dt.datetime, ...]] = field(default_factory=dict)
    # A municipality judges only the steps of the hub's bundle (its answers, written once):
    # the hub sends none of the municipality's records.
    steps_only: bool = False
    # The receiver's role: a refusal tells the hub that the municipality must reopen.
    reader: Role = Role.MUNICIPALITY


def start(
    own_role: Role,
    sender_role: Role,
    own_municipality: str | None,
    sender_municipality: str | None,
) -> QuarterChanges:
    """The hub judges its municipalities' bundles, a municipality its field laptops' and the
    hub's answers (each written once: a signed hub may not take back an acceptance)."""
    if (own_role, sender_role) == (Role.HUB, Role.MUNICIPALITY):
        # scope.py keeps every row to the sender's own municipality
        return QuarterChanges(sender_municipality is not None, sender_municipality, reader=own_role)
    if (own_role, sender_role) == (Role.MUNICIPALITY, Role.FIELD):
        return QuarterChanges(own_municipality is not None, own_municipality)
    if (own_role, sender_role) == (Role.MUNICIPALITY, Role.HUB):
        return QuarterChanges(own_municipality is not None, own_municipality, steps_only=True)
    return QuarterChanges(judged=False)


@lru_cache(maxsize=4096)
def _quarter(day: dt.date) -> str:
    return str(Quarter.of(day))


def quarters_of(
    table: str, values: Mapping[str, Any], held: Mapping[str, Any] | None, starts: Starts
) -> set[str]:
    """The quarters a row of ``table`` is in, as it comes and as it was held (``held``), by
    ``period_lock.day_of``; ``starts`` gives a meeting's starts, for its attendance, guests and
    decisions."""
    days: set[dt.date | None] = set()
    for row in (values, held):
        if row is None:
            continue
        if table in MEETING_CHILDREN:
            for moment in starts(row["meeting_id"] or ""):
                days.add(day_of(table, row, _starting(moment)))
        else:
            days.add(day_of(table, row, _starting(None)))
    return {_quarter(day) for day in days if day is not None}


def _starting(moment: dt.datetime | None) -> Callable[[str], dt.datetime | None]:
    return lambda _meeting: moment


def locked_against(held: Sequence[Event], merged: Sequence[Event], stamp: Stamp) -> str | None:
    """The state (submitted or accepted) that locks one quarter against a change made at
    ``stamp``, or None if the quarter was open to it. ``held``: the quarter's steps held before
    the import; ``merged``: its steps once the import's are merged. See the module docstring."""
    ordered = sorted(merged, key=event_order)
    states = [None, *(None if e is None else e.action for e in replay(ordered))]
    latest = max((event_order(e) for e in held), default=None)
    if latest is not None and latest > stamp:  # it comes late: it counts after that step
        at = sum(1 for e in ordered if event_order(e) <= latest)
    else:
        at = sum(1 for e in ordered if event_order(e) < stamp)
    after = states[at:]
    if all(state in LOCKING for state in after):
        return after[-1]
    return None


def gather(
    session: Session,
    found: QuarterChanges,
    table: str,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
) -> None:
    """Keep what the rows of one batch of ``table`` would change of quarters."""
    if not found.judged or (table not in PERIOD_BOUND and table != STEPS):
        return
    if found.steps_only and table != STEPS:
        return
    changing = merge.changing(table, rows, current)
    if table == STEPS:
        for inc, stored in changing:
            found.steps[inc.id] = (_step(inc.values), None if stored is None else _step(stored))
        return
    if table == "meetings":
        for inc, stored in changing:
            moments = (inc.values["starts_at"], None if stored is None else stored["starts_at"])
            found.starts[inc.id] = tuple(m for m in moments if m is not None)
    # A row's quarters are those of the one field ``day_of`` reads (a child's: its meeting's),
    # as it comes and as held: worked out once per distinct pair, not once per row.
    name = DAY_FIELD[table]
    if current:
        keys = [
            (inc.values[name],) if stored is None else (inc.values[name], stored[name])
            for inc, stored in changing
        ]
    else:
        keys = list(zip(map(itemgetter(name), map(VALUES, rows))))
    if table in MEETING_CHILDREN:
        _load_starts(session, found, set(filter(None, chain.from_iterable(keys))))

    def starts(meeting_id: str) -> tuple[dt.datetime, ...]:
        return found.starts.get(meeting_id, ())

    def quarters(key: tuple[Any, ...]) -> set[str]:
        return set().union(*(quarters_of(table, {name: v}, None, starts) for v in key))

    _keep_newest(found, table, changing, keys, quarters)


def _keep(found: QuarterChanges, key: tuple[str, str], stamp: Stamp, record_id: str) -> None:
    """The change at ``stamp`` if it is newer than the newest kept (the first of equals)."""
    newest = found.newest.get(key)
    if newest is None or newest[0] < stamp:
        found.newest[key] = (stamp, record_id)


def _keep_newest(
    found: QuarterChanges,
    table: str,
    changing: list[tuple[Incoming, dict[str, Any] | None]],
    keys: list[Any],
    quarters: Callable[[Any], set[str]],
) -> None:
    """``_keep`` for every row, when rows of equal ``keys`` are in the same quarters: only the
    first of the newest rows of each key can be the newest of its quarters, so each key's
    quarters are worked out once, and its rows compared by their stamps alone. The kept ones
    are the very ones row by row would keep: among equal stamps, the first row."""
    stamps = stamps_of([inc.values for inc, _stored in changing])
    best: dict[Any, tuple[Stamp, int]] = {}
    for at, (key, stamp) in enumerate(zip(keys, stamps, strict=True)):
        known = best.get(key)
        if known is None or known[0] < stamp:
            best[key] = (stamp, at)
    for key, (stamp, at) in sorted(best.items(), key=lambda item: item[1][1]):
        record_id = changing[at][0].id
        for quarter in quarters(key):
            _keep(found, (quarter, table), stamp, record_id)


def _load_starts(session: Session, found: QuarterChanges, wanted: set[str]) -> None:
    """Read the starts of the meetings ``wanted`` (those the rows name, as they come and as
    held) that this import does not change (a meeting it changes is in ``found.starts``
    already, as held and as it comes)."""
    missing = sorted(wanted - found.starts.keys())
    for at in range(0, len(missing), 500):
        chunk = missing[at : at + 500]
        query = select(Meeting.id, Meeting.starts_at).where(Meeting.id.in_(chunk))
        held = {meeting: moment for meeting, moment in session.execute(query)}
        for meeting_id in chunk:
            moment = held.get(meeting_id)
            found.starts[meeting_id] = () if moment is None else (moment,)


def _held_steps(session: Session, found: QuarterChanges) -> dict[str, _Step]:
    """The municipality's steps of its quarters as held before this import (a batch already
    written by it is read back as it was)."""
    t = PeriodSubmission
    columns = (
        t.id, t.version, t.updated_by, t.action, t.answers, t.quarter, t.deleted, t.base_version
    )  # fmt: skip
    query = select(*columns).where(t.municipality_id == found.municipality_id)
    rows = (dict(row._mapping) for row in session.execute(query))
    held = {values["id"]: _step(values) for values in rows if values["id"] not in found.steps}
    for _incoming, stored in found.steps.values():
        if stored is not None:
            held[stored.id] = stored
    return held


def judge(session: Session, found: QuarterChanges) -> list[Problem]:
    """A problem for every quarter a change would alter while it was locked, and for every
    step of a quarter that would rewrite or delete one."""
    if not found.judged or not (found.newest or found.steps):
        return []
    problems: list[Problem] = []
    for incoming, stored in found.steps.values():
        if stored is not None or incoming.deleted or incoming.base_version is not None:
            params = {"quarter": (stored or incoming).quarter}
            problems.append(Problem(STEPS, incoming.id, "", WRITTEN_ONCE, params, REASON))
    problems += _steps_never_written(session, found)
    if not found.newest:
        return problems
    held = {i: s for i, s in _held_steps(session, found).items() if not s.deleted}
    merged = dict(held)
    for incoming, _stored in found.steps.values():
        merged.pop(incoming.id, None)
        if not incoming.deleted:
            merged[incoming.id] = incoming
    held_of = _by_quarter(held.values())
    merged_of = _by_quarter(merged.values())
    for (quarter, table), (stamp, record_id) in sorted(found.newest.items()):
        state = locked_against(held_of.get(quarter, []), merged_of.get(quarter, []), stamp)
        if state is not None:
            text = locked_message(state, found.reader)
            problems.append(Problem(table, record_id, "", text, {"quarter": quarter}, REASON))
    return problems


def _steps_never_written(session: Session, found: QuarterChanges) -> list[Problem]:
    """New steps the services would have refused to write (``services/periods.py``): a
    submission or an answer of a quarter that is not over (by this PC's calendar: a sender's
    clock a few hours ahead on the quarter's last day still gets in), and a reopening of a
    quarter no submission or acceptance came before. Otherwise a municipality could have the hub
    accept a quarter still running, or show a reopening the hub never had to answer. A reopening
    after any earlier submission or acceptance is let in, not only after one still in force: the
    municipality may reopen while the hub's return of that submission is on its way. A second
    submission of a quarter the hub holds as submitted or accepted is let in (a municipality
    restored from an older backup honestly submits again; the hub answers again), as is a
    quarter before the town's first records (the hub does not know when HubDesk was set up
    there, from which the services count)."""
    new = [i for i, stored in found.steps.values() if stored is None and not i.deleted]
    if not new:
        return []
    today = clock.today()
    before: dict[str, list[_Step]] = {}
    if any(step.action == PeriodAction.REOPENED for step in new):
        held = {i: s for i, s in _held_steps(session, found).items() if not s.deleted}
        before = _by_quarter([*held.values(), *new])
    problems = []
    for step in new:
        try:
            quarter = Quarter.parse(step.quarter)
        except ValueError:
            continue  # the value rules refuse it
        params = {"quarter": str(quarter)}
        if step.action != PeriodAction.REOPENED and quarter.last_day > today:
            problems.append(Problem(STEPS, step.id, "quarter", NOT_ENDED, params))
        elif step.action == PeriodAction.REOPENED and not any(
            other.action in LOCKING and event_order(other) < event_order(step)
            for other in before.get(step.quarter, ())
        ):
            problems.append(Problem(STEPS, step.id, "quarter", NEVER_LOCKED, params))
    return problems


def _by_quarter(steps: Iterable[_Step]) -> dict[str, list[_Step]]:
    found: dict[str, list[_Step]] = {}
    for step in steps:
        found.setdefault(step.quarter, []).append(step)
    return found
