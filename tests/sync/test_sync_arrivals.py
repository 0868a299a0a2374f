"""The hub judges a city's dates by when its words reached the hub, never by the days the city
typed or its PC stamped.

A proposal whose first submission reached the hub after the call closed is imported (refusing
it would stop the city's whole sync) and marked wherever the hub lists or reviews it; a help
desk question dated back is counted from the day it reached the hub. What a refused bundle
brought leaves no arrival behind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from proposal_filling import fill_sections
from sync_helpers import Network, dump, real_parts
from test_sync_calls import publish
from test_sync_forgery import cell, forge, set_cells

from hubdesk import clock
from hubdesk.domain import Call
from hubdesk.domain.helpdesk import answer_due
from hubdesk.services import arrivals, calls, calls_received, fund, helpdesk
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync.codec import TABLE_ORDER
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle

TODAY = clock.today()
DAY = dt.timedelta(days=1)


def submitted(muni: ServiceContext, call_id: str, title: str) -> str:
    """A proposal of ``muni`` answering the call, submitted there (the call open there)."""
    proposal = fund.create_proposal(muni, {"title": title, "summary": "…", "call_id": call_id})
    fund.add_budget_line(
        muni,
        proposal.id,
        {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 50_000},
    )
    fill_sections(muni, proposal.id)
    fund.transition(muni, proposal.id, "submitted")
    return proposal.id


def held(ctx: ServiceContext, proposal_id: str) -> Any:
    return fund.get_proposal(ctx, proposal_id)


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """The hub published a call; Kumanovo holds it, open."""
    call_id = publish(hub)
    net.deliver(hub, muni)
    return {"net": net, "muni": muni, "hub": hub, "call": call_id}


def test_a_proposal_reaching_the_hub_after_it_closed_the_call_is_kept_and_marked(
    world: dict[str, Any],
) -> None:
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    on_time = submitted(muni, call_id, "Youth corner")
    net.deliver(muni, hub)
    calls.close_call(hub, call_id)  # Kumanovo does not know yet: its copy is still open
    with hub.read() as session:
        call = session.get(Call, call_id)
        assert call is not None
        closed_at = call.updated_at
    late = submitted(muni, call_id, "Late corner")  # allowed there: the call is open there
    result = net.deliver(muni, hub)  # not refused: the city's other records must arrive too
    assert result.status == "imported"
    assert held(hub, late).status == "submitted"
    mark = calls_received.late_arrival(hub, held(hub, late))
    assert mark is not None
    assert mark.closed_on == clock.local_day(closed_at) and mark.reached > closed_at
    assert calls_received.late_arrival(hub, held(hub, on_time)) is None
    received = calls_received.received_proposals(hub, call_id)
    assert [(r.title, r.late is not None) for r in received] == [
        ("Youth corner", False),
        ("Late corner", True),
    ]
    assert received[1].municipality == "Kumanovo" and received[1].reached == mark.reached
    # Only the hub knows when a proposal reached it.
    assert calls_received.late_arrival(muni, held(muni, late)) is None
    assert calls_received.received_proposals(muni, call_id) == []


def test_a_resubmission_to_another_call_is_judged_against_that_call(
    world: dict[str, Any],
) -> None:
    """Kumanovo's proposal reached the hub in time for the first call; the hub asked for
    changes, and the city moved it to a second call, which the hub closed before the
    resubmission reached it (Kumanovo had not heard of the closing yet). The resubmission is
    judged against the second call: late there, and listed there, no longer under the first."""
    net, muni, hub, first = world["net"], world["muni"], world["hub"], world["call"]
    second = publish(hub, "Safer schools")
    net.deliver(hub, muni)
    proposal = submitted(muni, first, "Youth corner")
    net.deliver(muni, hub)
    fund.transition(hub, proposal, "under_review")
    fund.record_decision(hub, proposal, {"outcome": "changes_requested", "comments": "Fit it."})
    net.deliver(hub, muni)
    calls.close_call(hub, second)
    with hub.read() as session:
        call = session.get(Call, second)
        assert call is not None
        closed_at = call.updated_at
    fund.update_proposal(muni, proposal, {"call_id": second})
    fund.transition(muni, proposal, "submitted")  # allowed there: the call is open there
    net.deliver(muni, hub)
    assert held(hub, proposal).status == "submitted"
    mark = calls_received.late_arrival(hub, held(hub, proposal))
    assert mark is not None
    assert mark.closed_on == clock.local_day(closed_at) and mark.reached > closed_at
    received = calls_received.received_proposals(hub, second)
    assert [(r.title, r.late is not None, r.reached) for r in received] == [
        ("Youth corner", True, mark.reached)
    ]
    assert calls_received.received_proposals(hub, first) == []


def _ask_changes(net: Network, muni: ServiceContext, hub: ServiceContext, pid: str) -> None:
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    fund.record_decision(hub, pid, {"outcome": "changes_requested", "comments": "Fit it."})
    net.deliver(hub, muni)


def _there_and_back(world: dict[str, Any]) -> str:
    """Kumanovo's proposal entered the first call in time, then moved to a second call with a
    resubmission (listed there); asked for changes again, the city moved it back to the first
    call, which the hub then closed."""
    net, muni, hub, first = world["net"], world["muni"], world["hub"], world["call"]
    second = publish(hub, "Safer schools")
    net.deliver(hub, muni)
    proposal = submitted(muni, first, "Youth corner")
    _ask_changes(net, muni, hub, proposal)
    fund.update_proposal(muni, proposal, {"call_id": second})
    fund.transition(muni, proposal, "submitted")
    _ask_changes(net, muni, hub, proposal)
    fund.update_proposal(muni, proposal, {"call_id": first})
    calls.close_call(hub, first)
    return proposal


def test_a_proposal_moved_back_to_a_closed_call_enters_it_late(world: dict[str, Any]) -> None:
    """Resubmitted to the first call after it closed (the city had not heard of the closing):
    a new entry into it, marked late at the hub, never counted from its first entry."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    proposal = _there_and_back(world)
    fund.transition(muni, proposal, "submitted")
    net.deliver(muni, hub)
    assert held(hub, proposal).status == "submitted"
    assert calls_received.late_arrival(hub, held(hub, proposal)) is not None
    assert [r.late is not None for r in calls_received.received_proposals(hub, world["call"])] == [
        True
    ]


def test_the_city_refuses_to_resubmit_into_a_call_it_left_once_closed(
    world: dict[str, Any],
) -> None:
    """Its answer to the hub's request is no entry into a call the proposal had left."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    proposal = _there_and_back(world)
    net.deliver(hub, muni)
    with pytest.raises(ValidationError, match="closed"):
        fund.transition(muni, proposal, "submitted")
    assert held(muni, proposal).status == "changes_requested"


def test_a_resubmission_the_hub_asked_for_is_not_a_late_entry(world: dict[str, Any]) -> None:
    """The hub asks for changes after the call closed; the answer to its own request is not
    judged as a new entry into the call: the proposal came in on time."""
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    proposal = submitted(muni, call_id, "Youth corner")
    net.deliver(muni, hub)
    reached = calls_received.late_arrival(hub, held(hub, proposal))
    assert reached is None
    (first,) = calls_received.received_proposals(hub, call_id)
    fund.transition(hub, proposal, "under_review")
    fund.record_decision(hub, proposal, {"outcome": "changes_requested", "comments": "Fit it."})
    net.deliver(hub, muni)
    calls.close_call(hub, call_id)
    fund.update_proposal(muni, proposal, {"title": "Youth corner, smaller"})
    fund.transition(muni, proposal, "submitted")  # the city has not heard of the closing
    net.deliver(muni, hub)
    assert calls_received.late_arrival(hub, held(hub, proposal)) is None
    (again,) = calls_received.received_proposals(hub, call_id)
    assert again.reached == first.reached and again.late is None


def test_a_backdated_submission_after_the_closing_date_is_marked_by_its_arrival(
    world: dict[str, Any],
) -> None:
    """The call's closing date passed at the hub; Kumanovo, by a wrong clock or a dishonest
    hand, sends a submission stamped days before it. The hub imports it and marks it late."""
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    calls.update_call(hub, call_id, {"closes_on": TODAY - DAY})  # the date has passed here
    proposal = submitted(muni, call_id, "Backdated corner")
    backdated = dt.datetime.combine(TODAY - 4 * DAY, dt.time(10), dt.UTC)

    def back(tables: dict[str, Any]) -> None:
        changes = tables["proposal_status_changes"]
        for row in range(len(changes["rows"])):
            if cell(changes, "to_status", row) == "submitted":
                set_cells(changes, row, changed_at=backdated.isoformat())

    result = import_bundle(hub, forge(net, muni, hub, back))
    assert result.status == "imported"
    history = fund.status_history(hub, proposal)
    assert [c.changed_at for c in history if c.to_status == "submitted"] == [backdated]
    mark = calls_received.late_arrival(hub, held(hub, proposal))
    assert mark is not None and mark.closed_on == TODAY - DAY
    assert mark.reached_on in (TODAY, TODAY + DAY)  # the real clock's day (the test pins its own)


def test_a_refused_bundle_leaves_no_arrival(world: dict[str, Any]) -> None:
    """All or nothing: a refused bundle's question and submission reached the hub only with
    the bundle that is imported, and count from then."""
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    proposal = submitted(muni, call_id, "Youth corner")
    request = helpdesk.ask(
        muni,
        {"topic": "fund", "urgency": "normal", "subject": "Co-funding",
         "question": "Does the hall count?", "asked_on": TODAY - 30 * DAY},
    )  # fmt: skip

    def forged(tables: dict[str, Any]) -> None:
        set_cells(tables["helpdesk_requests"], 0, origin=hub.installation_id)

    before = dump(hub.db)
    with pytest.raises(SyncError):
        import_bundle(hub, forge(net, muni, hub, forged))
    assert dump(hub.db) == before
    with hub.read() as session:
        assert arrivals.first_reached(session, "helpdesk_requests", [request.id]) == {}
        assert arrivals.submissions_reached(session, [proposal]) == {}
    net.deliver(muni, hub)
    with hub.read() as session:
        assert set(arrivals.first_reached(session, "helpdesk_requests", [request.id])) == {
            request.id
        }
        assert set(arrivals.submissions_reached(session, [proposal])) == {proposal}


def test_a_backdated_question_counts_from_the_day_it_reached_the_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """Kumanovo types a question as asked 30 days ago: overdue at home, but the hub could not
    know of it before it arrived, so there it waits from the day it arrived, on time."""
    request = helpdesk.ask(
        muni,
        {"topic": "fund", "urgency": "normal", "subject": "Co-funding in kind",
         "question": "Does the hall count?", "asked_on": TODAY - 30 * DAY},
    )  # fmt: skip
    assert helpdesk.get_request(muni, request.id)[0].state.value == "overdue"
    net.deliver(muni, hub)
    view = helpdesk.get_request(hub, request.id)[0]
    assert view.asked_on == TODAY - 30 * DAY
    assert view.reached_hub in (TODAY, TODAY + DAY)  # the hub's real clock
    assert view.counted_from == view.reached_hub
    assert view.state.value == "open" and view.due == answer_due(view.reached_hub, "normal")
    assert helpdesk.state_counts(hub)["overdue"] == 0  # the dashboard tile's figure
    helpdesk.answer(hub, request.id, "Yes, at its usual rent.")
    times = helpdesk.response_times(hub)[-1]
    assert (times.answered, times.on_time, times.median_days) == (1, 1, 0.0)
    # At the municipality nothing reached anything: its own days count, as before.
    home = helpdesk.get_request(muni, request.id)[0]
    assert home.reached_hub is None and home.counted_from == TODAY - 30 * DAY


def test_a_follow_up_stamped_days_back_waits_from_its_arrival(
    net: Network, muni: ServiceContext, hub: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hub answered ten days ago; the city's follow-up is stamped eight days ago (a slow
    clock, or a bundle sent late) and reaches the hub today: the hub waits from today."""
    request = helpdesk.ask(
        muni,
        {"topic": "team", "urgency": "urgent", "subject": "Quorum",
         "question": "How many members make a quorum?", "asked_on": TODAY - 12 * DAY},
    )  # fmt: skip
    net.deliver(muni, hub)
    now = dt.datetime.now(dt.UTC)
    monkeypatch.setattr(helpdesk, "utcnow", lambda: now - 10 * DAY)
    helpdesk.answer(hub, request.id, "Half the members and one.")
    net.deliver(hub, muni)
    monkeypatch.setattr(helpdesk, "utcnow", lambda: now - 8 * DAY)
    helpdesk.follow_up(muni, request.id, "Counting the chair?")
    monkeypatch.undo()
    stamped = clock.local_day(now - 8 * DAY)
    assert helpdesk.get_request(muni, request.id)[0].waiting_since == stamped
    net.deliver(muni, hub)
    view, said = helpdesk.get_request(hub, request.id)
    assert [m.author_role for m in said] == ["hub", "municipality"]
    assert said[1].reached_on in (TODAY, TODAY + DAY)
    assert view.state.value == "open" and view.waiting_since == said[1].reached_on


def test_arrivals_never_travel_and_no_bundle_can_set_one(world: dict[str, Any]) -> None:
    """The moment a record reached the hub is the hub's own audit entry: no bundle carries one
    either way, and a bundle that tries (to make a late proposal look timely) is refused."""
    net, muni, hub, call_id = world["net"], world["muni"], world["hub"], world["call"]
    proposal = submitted(muni, call_id, "Youth corner")
    assert "audit_log" not in TABLE_ORDER
    for sender, receiver in ((muni, hub), (hub, muni)):
        parts = real_parts(sender, receiver)
        assert not [name for name in parts if "audit" in name]

    def timely(tables: dict[str, Any]) -> None:
        tables["audit_log"] = {
            "columns": ["at", "table_name", "record_id", "action"],
            "rows": [["2020-01-01T00:00:00+00:00", "fund_proposals", proposal, "sync"]],
        }

    before = dump(hub.db)
    with pytest.raises(SyncError):
        import_bundle(hub, forge(net, muni, hub, timely))
    assert dump(hub.db) == before
