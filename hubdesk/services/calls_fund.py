"""Where a proposal meets the call it answers: choosing the call, and the checks on submit.

The call's ceiling is in EUR (the hub's fund is in euros) and HubDesk holds no exchange rates
(the hub enters a rate with its decision; HubDesk never fetches one). So the ceiling is checked
only for a proposal in EUR, against what it asks of the fund (its budget total less its own
co-funding). A proposal in another currency is not refused for its amount: the call shows its
ceiling in EUR, and the hub weighs the amount when it decides at its own rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Call, FundProposal
from hubdesk.domain.calls import CallStatus
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date, format_money
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


def check_submission(
    session: Session,
    check: Checker,
    proposal: FundProposal,
    requested_minor: int,
    today: dt.date | None = None,
) -> None:
    """On submit: the call must still be open, and an EUR proposal within its ceiling."""
    if proposal.call_id is None:
        return
    call = session.get(Call, proposal.call_id)
    if call is None or call.deleted:
        check.add("call_id", N_("The call this proposal answers is no longer held here."))
        return
    day = today or clock.today()
    if call.status == CallStatus.CLOSED or (call.closes_on is not None and day > call.closes_on):
        closed = call.closes_on or day
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
