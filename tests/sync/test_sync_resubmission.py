"""A city answers the hub's request for changes after the call closed; nothing else enters a
closed call.

The hub reviews after the closing date, so its request for changes comes after it too: the
resubmission that answers it is sent whenever the city is ready, and the hub takes it as the
proposal it received in time. A first submission, a resubmission to a call the proposal was
moved to, and a bundle that only claims the hub asked for changes still cannot enter a call
after it closed.
"""

from __future__ import annotations

from typing import Any

import pytest
from proposal_filling import fill_sections
from sync_helpers import Network, dump
from test_sync_arrivals import held, submitted, world  # noqa: F401 (the fixture)
from test_sync_calls import publish
from test_sync_forgery import add_row, cell, forge, set_cells

from hubdesk import clock
from hubdesk.cli import main
from hubdesk.i18n.formatting import format_date
from hubdesk.services import calls, calls_received, fund
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle


def drafted(muni: ServiceContext, call_id: str, title: str) -> str:
    """A proposal ready to submit, answering the call (open when it is written)."""
    proposal = fund.create_proposal(muni, {"title": title, "summary": "…", "call_id": call_id})
    line = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 500}
    fund.add_budget_line(muni, proposal.id, line)
    fill_sections(muni, proposal.id)
    return proposal.id


def changes_requested(net: Network, muni: ServiceContext, hub: ServiceContext, pid: str) -> None:
    """The proposal reaches the hub, which asks for changes; the city hears of it."""
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    fund.record_decision(hub, pid, {"outcome": "changes_requested", "comments": "Fit it."})
    net.deliver(hub, muni)


def closed_everywhere(net: Network, hub: ServiceContext, call_id: str, *pcs: Any) -> None:
    calls.close_call(hub, call_id)
    for pc in pcs:
        net.deliver(hub, pc)
    assert all(calls.get_call(pc, call_id).status == "closed" for pc in pcs)


def test_the_city_answers_a_request_for_changes_after_the_call_closed(
    world: dict[str, Any],  # noqa: F811
) -> None:
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    proposal = submitted(muni, call_id, "Youth corner")
    changes_requested(net, muni, hub, proposal)
    (first,) = calls_received.received_proposals(hub, call_id)
    closed_everywhere(net, hub, call_id, muni)
    fund.update_proposal(muni, proposal, {"title": "Youth corner, smaller"})
    fund.transition(muni, proposal, "submitted")
    assert held(muni, proposal).status == "submitted"
    assert net.deliver(muni, hub).status == "imported"
    assert held(hub, proposal).status == "submitted"
    assert calls_received.late_arrival(hub, held(hub, proposal)) is None
    (again,) = calls_received.received_proposals(hub, call_id)
    assert again.title == "Youth corner, smaller"
    assert (again.reached, again.late) == (first.reached, None)


def test_a_first_submission_to_a_closed_call_is_still_refused(
    world: dict[str, Any],  # noqa: F811
) -> None:
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    on_time = submitted(muni, call_id, "Youth corner")
    late = drafted(muni, call_id, "Late corner")
    changes_requested(net, muni, hub, on_time)
    closed_everywhere(net, hub, call_id, muni)
    with pytest.raises(ValidationError) as caught:
        fund.transition(muni, late, "submitted")
    message = caught.value.by_field()["call_id"]
    assert "cannot be submitted" in message
    closed = calls.get_call(muni, call_id).updated_at  # closed by hand before its closing date
    assert f"closed on {format_date(clock.local_day(closed))};" in message
    assert held(muni, late).status == "draft"


def test_a_resubmission_to_another_call_that_closed_is_refused(
    world: dict[str, Any],  # noqa: F811
) -> None:
    """Moved to a second call after the hub asked for changes, the proposal enters that call
    with its resubmission: not after the second call closed, though it was in time for the
    first."""
    net, muni, hub, first = world["net"], world["muni"], world["hub"], world["call"]
    second = publish(hub, "Safer schools")
    net.deliver(hub, muni)
    proposal = submitted(muni, first, "Youth corner")
    changes_requested(net, muni, hub, proposal)
    fund.update_proposal(muni, proposal, {"call_id": second})
    closed_everywhere(net, hub, second, muni)
    with pytest.raises(ValidationError) as caught:
        fund.transition(muni, proposal, "submitted")
    assert "Safer schools" in caught.value.by_field()["call_id"]
    assert held(muni, proposal).status == "changes_requested"


@pytest.mark.sqlite_only("the command opens the city's own database file")
def test_the_command_line_resubmits_after_the_call_closed(
    world: dict[str, Any],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    proposal = submitted(muni, call_id, "Youth corner")
    changes_requested(net, muni, hub, proposal)
    closed_everywhere(net, hub, call_id, muni)
    folder = str(muni.data_dir)
    move = ["proposals", "status", "--proposal", proposal, "--to", "submitted"]
    assert main(["--data-dir", folder, *move]) == 0
    assert held(muni, proposal).status == "submitted"
    assert "Traceback" not in capsys.readouterr().err


def _claims_changes_requested(tables: dict[str, Any]) -> None:
    """The city's bundle says its new proposal was sent back for changes and is resubmitted."""
    set_cells(tables["fund_proposals"], 0, status="changes_requested")
    changes = tables["proposal_status_changes"]
    set_cells(changes, 0, from_status="changes_requested")


def _forges_the_hubs_request(tables: dict[str, Any]) -> None:
    """... and adds the hub's request for changes in the city's own name."""
    changes = tables["proposal_status_changes"]
    version = cell(changes, "version")
    set_cells(changes, 0, from_status="changes_requested")
    add_row(changes, from_status="draft", to_status="changes_requested", version=version - 1)
    add_row(changes, from_status="draft", to_status="changes_requested", by_role="hub")


@pytest.mark.parametrize(
    ("forgery", "reason"),
    [(_claims_changes_requested, "locked_proposal"), (_forges_the_hubs_request, "out_of_scope")],
)
def test_a_late_proposal_claiming_to_answer_changes_is_refused_or_marked(
    world: dict[str, Any],  # noqa: F811
    forgery: Any,
    reason: str,
) -> None:
    """The hub judges by what it holds: it never received this proposal, nor asked for changes
    to it, so a bundle claiming a resubmission is refused; the honest bundle is marked late."""
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    calls.close_call(hub, call_id)  # Kumanovo has not heard of it: its copy is still open
    late = submitted(muni, call_id, "Late corner")
    before = dump(hub.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, forge(net, muni, hub, forgery))
    assert caught.value.reason == reason, caught.value.message
    assert dump(hub.db) == before
    assert net.deliver(muni, hub).status == "imported"
    assert calls_received.late_arrival(hub, held(hub, late)) is not None
