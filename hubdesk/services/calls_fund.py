"""Where a proposal meets the call it answers: choosing the call, and the checks on submit.

The call's ceiling is in EUR (the hub's fund is in euros) and HubDesk holds no exchange rates
(the hub enters a rate with its decision; HubDesk never fetches one). So the ceiling is checked
only for a proposal in EUR, against what it asks of the fund (its budget total less its own
co-funding). A proposal in another currency is not refused for its amount: the call shows its
ceiling in EUR, and the hub weighs the amount when it decides at its own rate.

A proposal enters a call while the call is open. The hub usually reviews after the closing
date, so its request for changes comes after it too: the answer to that request (a
resubmission to the call the proposal was already submitted to) is no new entry and is sent
whenever the city is ready. A proposal moved to another call enters that call with its
resubmission, so that one must be made while the other call is open. The hub judges the same
way by what it received itself (``services/calls_received.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Call, FundDecision, FundProposal, ProposalStatusChange
from hubdesk.domain.calls import CallStatus
from hubdesk.domain.enums import ProposalStatus
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.services import calls_received, proposal_calls
from hubdesk.services.calls import CURRENCY
from hubdesk.services.validation import Checker


def check_call_link(
    session: Session, check: Checker, data: Mapping[str, Any], current: FundProposal | None
) -> None:
    """A proposal may name a call the hub published (not yet closed) that is held here."""
    if "call_id" not in data or data["call_id"] is None:
        return
    call_id = data["call_id"]
    if current is not None and call_id == current.call_id:
        return  # unchanged: a call that closed since is still the one it answers
    call = session.get(Call, call_id) if isinstance(call_id, str) else None
    if call is None or call.deleted or call.status == CallStatus.DRAFT:
        check.add("call_id", N_("Choose one of the calls the hub has published."))
    elif call.status == CallStatus.CLOSED:
        check.add("call_id", N_("The call '{title}' is closed."), title=call.title)


def answers_requested_changes(session: Session, proposal: FundProposal) -> bool:
    """Whether submitting now answers the hub's request for changes to the call the proposal
    was last submitted to (so it entered that call in time), rather than entering a call."""
    if proposal.status != ProposalStatus.CHANGES_REQUESTED or proposal.call_id is None:
        return False
    change = ProposalStatusChange
    stamps = list(
        session.scalars(
            select(change.version).where(
                change.proposal_id == proposal.id,
                change.to_status == ProposalStatus.SUBMITTED.value,
                ~change.deleted,
            )
        )
    )
    if not stamps:
        return False
    # The newest submission's call: a proposal that moved to another call and back left the
    # first one, so its return is a new entry there, judged against that call's closing.
    newest = max(stamps)
    answered = proposal_calls.calls_answered(session, [proposal], {proposal.id: [newest]})
    return answered[(proposal.id, newest)] == proposal.call_id


def check_submission(
    session: Session,
    check: Checker,
    proposal: FundProposal,
    requested_minor: int,
    today: dt.date | None = None,
) -> None:
    """On submit: the call must still be open (unless this answers the hub's request for
    changes to it), and an EUR proposal within its ceiling."""
    if proposal.call_id is None:
        return
    call = session.get(Call, proposal.call_id)
    if call is None or call.deleted:
        check.add("call_id", N_("The call this proposal answers is no longer held here."))
        return
    day = today or clock.today()
    if answers_requested_changes(session, proposal):
        pass  # submitted in time already: the hub asked for these changes
    elif call.status == CallStatus.CLOSED or (call.closes_on is not None and day > call.closes_on):
        closing = calls_received.closing(call)  # closed by hand: that day, not the date set
        closed = closing[0] if closing is not None else day
        check.add(
            "call_id",
            N_("The call '{title}' closed on {date}; a proposal answering it cannot be submitted."),
            title=call.title,
            date=format_date(closed),
        )
    elif call.opens_on is not None and day < call.opens_on:
        check.add(
            "call_id",
            N_("The call '{title}' opens on {date}; submit the proposal from then on."),
            title=call.title,
            date=format_date(call.opens_on),
        )
    if (
        proposal.currency == CURRENCY
        and call.ceiling_minor
        and requested_minor > call.ceiling_minor
    ):
        check.add(
            "budget_lines",
            N_("The proposal asks for {amount}, more than the call's ceiling of {ceiling}."),
            amount=format_money(requested_minor, CURRENCY),
            ceiling=format_money(call.ceiling_minor, CURRENCY),
        )


def check_approval(
    session: Session, check: Checker, proposal: FundProposal, euros: int | None
) -> None:
    """An approval within its call's ceiling per proposal and its envelope, in euros. A
    proposal in another currency is judged at the decision's rate (the municipality, which
    has no rate, cannot judge it at submission); an approval without a rate is not judged."""
    if proposal.call_id is None or euros is None:
        return
    call = session.get(Call, proposal.call_id)
    if call is None or call.deleted:
        return
    if call.ceiling_minor and euros > call.ceiling_minor:
        check.add(
            "amount_approved_minor",
            N_("{amount} is more than the call's ceiling per proposal of {ceiling}."),
            amount=format_money(euros, CURRENCY),
            ceiling=format_money(call.ceiling_minor, CURRENCY),
        )
    if not call.envelope_minor:
        return
    committed = _approved_in(session, call.id, besides=proposal.id)
    if committed + euros > call.envelope_minor:
        check.add(
            "amount_approved_minor",
            N_(
                "The call's envelope is {envelope} and {committed} of it is approved already: "
                "{amount} more would exceed it."
            ),
            envelope=format_money(call.envelope_minor, CURRENCY),
            committed=format_money(committed, CURRENCY),
            amount=format_money(euros, CURRENCY),
        )


def _approved_in(session: Session, call_id: str, besides: str) -> int:
    """The euros the newest decisions approve for the call's other proposals."""
    query = (
        select(
            FundDecision.proposal_id, FundDecision.outcome, FundDecision.amount_approved_eur_minor
        )
        .join(FundProposal, FundProposal.id == FundDecision.proposal_id)
        .where(
            FundProposal.call_id == call_id,
            ~FundProposal.deleted,
            ~FundDecision.deleted,
            FundProposal.id != besides,
        )
        .order_by(FundDecision.proposal_id, FundDecision.version, FundDecision.updated_by)
    )
    newest: dict[str, tuple[str, int | None]] = {}
    for proposal_id, outcome, euros in session.execute(query):
        newest[proposal_id] = (outcome, euros)  # the last of each proposal is its newest
    return sum(
        euros or 0 for outcome, euros in newest.values() if outcome == ProposalStatus.APPROVED
    )
