"""A dishonest peer's bundles, correctly signed and encrypted: what it may not make its
receiver hold. Each forgery is refused whole, and the receiver changes nothing."""

from __future__ import annotations

from typing import Any

from proposal_filling import fill_sections
from sync_helpers import Network
from test_proposal_submission import LINE
from test_sync_forgery import refused, world  # noqa: F401 (the fixture)

from hubdesk.domain import FundProposal, ProposalStatusChange
from hubdesk.domain.base import utcnow
from hubdesk.services import fund, records
from hubdesk.services.context import ServiceContext


def _hub_writes_move(hub: ServiceContext, proposal: str, frm: str, to: str, by_role: str) -> None:
    """The hub's own database, written past its services (a dishonest hub's HubDesk)."""
    with hub.transaction() as session:
        records.create(
            session,
            hub,
            ProposalStatusChange,
            {
                "proposal_id": proposal,
                "from_status": frm,
                "to_status": to,
                "changed_at": utcnow(),
                "by_role": by_role,
                "comment": "",
            },
        )


def _status(ctx: ServiceContext, proposal: str) -> str:
    with ctx.read() as session:
        found = session.get(FundProposal, proposal)
        assert found is not None
        return found.status


def test_the_hub_cannot_start_a_municipalitys_implementation(
    world: dict[str, Any],  # noqa: F811
) -> None:
    net: Network = world["net"]
    hub, muni = world["hub"], world["muni"]
    _hub_writes_move(hub, world["proposal"], "approved", "in_implementation", "hub")
    path = net.send(hub, muni).path
    refused(muni, path, "out_of_scope")
    assert _status(muni, world["proposal"]) == "approved"


def test_the_hub_cannot_complete_a_municipalitys_implementation(
    world: dict[str, Any],  # noqa: F811
) -> None:
    net: Network = world["net"]
    hub, muni = world["hub"], world["muni"]
    _hub_writes_move(hub, world["proposal"], "approved", "completed", "hub")
    refused(muni, net.send(hub, muni).path, "out_of_scope", "decides")


def test_the_hub_cannot_move_in_the_municipalitys_name(
    world: dict[str, Any],  # noqa: F811
) -> None:
    """The hub's own move, signed by the hub, but naming the municipality as the side that
    made it (the thread would show the city putting its proposal under review)."""
    net: Network = world["net"]
    hub, muni = world["hub"], world["muni"]
    proposal = fund.create_proposal(muni, {"title": "Skate park", "summary": "Ramps"})
    fund.add_budget_line(muni, proposal.id, LINE)
    fill_sections(muni, proposal.id)
    fund.transition(muni, proposal.id, "submitted")
    net.deliver(muni, hub)
    _hub_writes_move(hub, proposal.id, "submitted", "under_review", "municipality")
    refused(muni, net.send(hub, muni).path, "out_of_scope")
    assert _status(muni, proposal.id) == "submitted"
