"""At the hub: the proposals a call received, and those that reached the hub after it closed.

A municipality's HubDesk refuses to submit a proposal to a call past its closing date
(``calls_fund.check_submission``; the answer to the hub's request for changes to a proposal
already submitted to the call is no new entry and may follow the closing), but it judges by its
own clock and by the call as it last heard of it: a wrong clock, a municipality that had not
yet received the hub's closing, or a dishonest hand can still send a submission after the call
closed, and the moment a proposal says it was submitted is stamped by the municipality's PC.
The hub's import does not refuse such a bundle (that would stop an honest city's whole sync for
one proposal, for good). Instead the hub judges by the one moment it can trust, when a
submission reached it (``services/arrivals.py``), and its pages and reports mark a proposal
that reached it after the call closed; a person decides what to do with it. Each submission is
judged against the call it answered (``services/proposal_calls.py``), so a proposal the city
moved to another call after the hub asked for changes is judged by when its resubmission
reached the hub against that call.

A call closes at the end of its closing date, or when the hub closed it by hand, if that was
earlier (a closed call is never changed again, so its ``updated_at`` is the moment it closed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Call, FundProposal, Municipality
from hubdesk.domain.calls import CallStatus
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date
from hubdesk.services import arrivals, proposal_calls
from hubdesk.services.arrivals import Submission
from hubdesk.services.context import ServiceContext

# The mark a late proposal carries wherever the hub lists or reviews it.
LATE = N_("Reached the hub after the call closed (closed {closed}, reached the hub {reached})")


@dataclass(frozen=True)
class LateArrival:
    """A proposal's submission to its call reached the hub after that call had closed."""

    closed_on: dt.date  # the day the call closed
    reached: dt.datetime  # when the first submission reached the hub (UTC)

    @property
    def reached_on(self) -> dt.date:
        return clock.local_day(self.reached)

    def text(self) -> str:
        """The mark in the window's language."""
        return _(LATE).format(
            closed=format_date(self.closed_on), reached=format_date(self.reached_on)
        )


def closing(call: Call) -> tuple[dt.date, dt.datetime | None] | None:
    """The day the call closed, and the moment if the hub closed it by hand before the end of
    its closing date; None for a call with neither (it never closes)."""
    by_hand = call.updated_at if call.status == CallStatus.CLOSED else None
    if by_hand is not None and (
        call.closes_on is None or clock.local_day(by_hand) <= call.closes_on
    ):
        return clock.local_day(by_hand), by_hand
    if call.closes_on is None:
        return None
    return call.closes_on, None


def late(call: Call, reached: dt.datetime) -> LateArrival | None:
    """Whether a submission that reached the hub at ``reached`` came after the call closed."""
    closed = closing(call)
    if closed is None:
        return None
    day, moment = closed
    after = reached > moment if moment is not None else clock.local_day(reached) > day
    return LateArrival(day, reached) if after else None


@dataclass(frozen=True)
class Arrival:
    """When the submission a proposal is judged by reached the hub (its first to the call it
    answers now), and whether after that call closed."""

    reached: dt.datetime
    late: LateArrival | None
    answered: str | None  # the call that submission answered

    @property
    def reached_on(self) -> dt.date:
        return clock.local_day(self.reached)


@dataclass(frozen=True)
class Received(Arrival):
    """A proposal answering a call, as the hub received it."""

    id: str
    reference: str
    title: str
    municipality: str


def _last_run(submissions: list[Submission], calls: list[str | None]) -> list[Submission]:
    """The newest submissions (oldest first) that answered the same call one after the other:
    that call's entry. A proposal that left a call and came back entered it anew."""
    run: list[Submission] = []
    for submission, call in zip(reversed(submissions), reversed(calls), strict=True):
        if run and call != calls[-1]:
            break
        run.append(submission)
    return run[::-1]


def _arrivals(session: Session, proposals: Iterable[FundProposal]) -> dict[str, Arrival]:
    """Each submission is judged against the call it answered (``proposal_calls``): a proposal
    moved to another call after the hub asked for changes enters that call with its
    resubmission, which is late if it reached the hub after that call closed. A resubmission to
    the same call answers the hub's own request and is no new entry: the first of the newest
    unbroken run of submissions to that call counts (one that left the call and came back
    entered it anew)."""
    listed = list(proposals)
    reached = arrivals.submissions_reached(session, [p.id for p in listed])
    stamps = {pid: [s.version for s in found] for pid, found in reached.items()}
    answered = proposal_calls.calls_answered(session, listed, stamps)
    wanted = {p.call_id for p in listed if p.call_id is not None and p.id in reached}
    found = session.scalars(select(Call).where(Call.id.in_(wanted))) if wanted else ()
    held: dict[str, Call] = {c.id: c for c in found}
    out: dict[str, Arrival] = {}
    for p in listed:
        submissions = reached.get(p.id)
        if not submissions:
            continue
        to_call = _last_run(submissions, [answered[(p.id, s.version)] for s in submissions])
        to_call = to_call if to_call and p.call_id == answered[(p.id, to_call[0].version)] else []
        if not to_call:  # moved to a call it was not submitted to yet: nothing to judge
            first = submissions[0]
            out[p.id] = Arrival(first.reached, None, answered[(p.id, first.version)])
            continue
        call = held.get(p.call_id) if p.call_id is not None else None
        moment = to_call[0].reached
        out[p.id] = Arrival(moment, late(call, moment) if call else None, p.call_id)
    return out


def arrivals_of(ctx: ServiceContext, proposals: Iterable[FundProposal]) -> dict[str, Arrival]:
    """At the hub: when each of ``proposals`` first reached it submitted (none elsewhere, and
    none for a proposal never received submitted)."""
    if not ctx.is_hub:
        return {}
    with ctx.read() as session:
        return _arrivals(session, proposals)


def late_arrival(ctx: ServiceContext, proposal: FundProposal) -> LateArrival | None:
    """At the hub: whether this proposal reached it after its call closed (None elsewhere)."""
    found = arrivals_of(ctx, [proposal]).get(proposal.id)
    return found.late if found is not None else None


def received_proposals(
    ctx: ServiceContext, call_id: str, lang: str | None = None
) -> list[Received]:
    """At the hub: the proposals answering the call whose submission reached it, in the order
    they first reached it (none elsewhere: a municipality sees its own on the Fund page). With
    ``lang``, each municipality is named in that language's script (the window's, a report's)."""
    from hubdesk.i18n.scripts import name_for_language

    if not ctx.is_hub:
        return []
    query = (
        select(FundProposal, Municipality)
        .join(Municipality, Municipality.id == FundProposal.municipality_id)
        .where(FundProposal.call_id == call_id, ~FundProposal.deleted)
    )

    def named(town: Municipality) -> str:
        if lang is None:
            return town.name
        return name_for_language(town.name, town.name_other_script, lang, town.country)

    with ctx.read() as session:
        rows = session.execute(query).all()
        found = _arrivals(session, [p for p, _town in rows])
        received = [
            Received(a.reached, a.late, a.answered, p.id, p.reference, p.title, named(town))
            for p, town in rows
            if (a := found.get(p.id)) is not None and a.answered == call_id
        ]
    return sorted(received, key=lambda r: (r.reached, r.reference, r.id))
