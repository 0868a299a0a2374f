"""Fill the sections a proposal needs before it can be submitted (issue 13), for tests whose
subject is something else: the workflow, sync, reports, the window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update

from hubdesk import clock
from hubdesk.domain import ProposalStatusChange
from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext

SECTIONS: dict[str, str] = {
    "need": "Young people have nowhere to meet across communities.",
    "beneficiaries": "About 80 young people aged 15 to 24.",
    "sustainability": "The youth centre keeps the programme in its budget.",
    "dnh_risks": "Peer pressure and online insults.",
    "dnh_sensitive_groups": "Minors; parents sign a consent form.",
    "dnh_stigma": "Open to all; no talk of 'at-risk' youth; no police in workshops.",
    "dnh_data_protection": "Counts only; sign-in sheets are destroyed after the report.",
    "dnh_mitigation": "A trained companion at every activity.",
}
ACTIVITY: dict[str, Any] = {"title": "Workshops", "starts_on": dt.date(2026, 3, 1)}
INDICATOR: dict[str, Any] = {"name": "Young people taking part", "target": 80}


def fill_sections(ctx: ServiceContext, proposal_id: str, **extra: str) -> None:
    """Every required section of the proposal filled (partners' roles too, where it names
    partners), with one workplan activity and one indicator."""
    proposal = fund.get_proposal(ctx, proposal_id)
    texts = {**SECTIONS, **extra}
    if proposal.partners.strip():
        texts.setdefault("partner_roles", "The youth council runs the workshops.")
    fund.update_proposal(ctx, proposal_id, texts)
    proposal_sections.add_activity(ctx, proposal_id, ACTIVITY)
    proposal_sections.add_indicator(ctx, proposal_id, INDICATOR)


def submit_on(ctx: ServiceContext, proposal_id: str, day: dt.date) -> None:
    """Submit the proposal as its municipality did on ``day`` (``backdate_submission``)."""
    fund.transition(ctx, proposal_id, "submitted")
    backdate_submission(ctx, proposal_id, day)


def backdate_submission(ctx: ServiceContext, proposal_id: str, day: dt.date) -> None:
    """Move the proposal's submissions to ``day`` (at noon, this PC's time), before they travel.

    A submission is stamped at the real moment, and only the day can be pinned
    (``hubdesk.clock``); a test whose hub decides weeks ago needs a proposal submitted before
    that, as a municipality's bundle would bring it, and a decision is not dated earlier."""
    moment = clock.from_wall(dt.datetime.combine(day, dt.time(12)))
    with ctx.transaction() as session:
        session.execute(
            update(ProposalStatusChange)
            .where(
                ProposalStatusChange.proposal_id == proposal_id,
                ProposalStatusChange.to_status == "submitted",
            )
            .values(changed_at=moment)
        )


HALL: dict[str, Any] = {
    "category": "venue",
    "description": "Hall",
    "quantity": 1,
    "unit_cost_minor": 90_000,
}


def in_implementation(ctx: ServiceContext, title: str = "Safe schools", lines: int = 1) -> str:
    """A proposal of the municipality ``ctx`` with ``lines`` budget lines (the first "Hall"),
    submitted, approved by a hub sharing its database, and put into implementation."""
    from hubdesk.domain.enums import Role

    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": title, "summary": "Mediators"}).id
    for number in range(lines):
        fund.add_budget_line(ctx, proposal_id, {**HALL, "description": f"Hall {number + 1}"})
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    fund.record_decision(hub, proposal_id, {"outcome": "approved"})
    fund.transition(ctx, proposal_id, "in_implementation")
    return proposal_id
