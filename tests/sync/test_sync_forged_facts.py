"""Bundles cannot state what the services never write: records that contradict the records
they belong to (a proposal in another currency than its municipality's, a report answering
another proposal's due), words dated
ahead, a part of an exchange naming its own city.

Each bundle is correctly signed by an enrolled municipality and encrypted to the hub; it must be
refused whole with the hub's database unchanged, and the genuine bundle still goes in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from proposal_filling import backdate_submission, fill_sections
from sync_helpers import Network
from test_helpdesk_import import tamper
from test_sync_forgery import forge, refused, set_cells

from hubdesk import clock
from hubdesk.domain import (
    ActionItem,
    ExchangePart,
    FundProposal,
    FundReport,
    HelpdeskMessage,
    HelpdeskRequest,
    Meeting,
    Member,
    ProposalComment,
    YouthActivity,
)
from hubdesk.i18n.formatting import format_date
from hubdesk.services import (
    actions,
    exchanges,
    fund,
    fund_money,
    helpdesk,
    meetings,
    records,
    team,
    thread,
    youth,
)
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError

Rows = dict[str, Any]


@pytest.fixture
def world(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> dict[str, Any]:
    """Kumanovo (seeded: a team, members, a meeting, a proposal) and its hub, in step."""
    net.deliver(muni, hub)
    return {"net": net, "muni": muni, "hub": hub, **seeded}


def row_of(data: Rows, record_id: str) -> int:
    return [r[data["columns"].index("id")] for r in data["rows"]].index(record_id)


def test_a_proposal_in_another_currency_than_its_municipalitys_is_refused(
    world: dict[str, Any],
) -> None:
    """Kumanovo keeps denars: a draft said to be in euros would be read 60 times too big."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    draft = fund.create_proposal(muni, {"title": "Youth corner", "summary": "A room"})
    assert draft.currency == "MKD"

    def in_euros(tables: dict[str, Rows]) -> None:
        data = tables["fund_proposals"]
        set_cells(data, row_of(data, draft.id), currency="EUR")

    refused(hub, forge(net, muni, hub, in_euros), "invalid_record", "EUR", "MKD")
    net.deliver(muni, hub)  # the bundle as written goes in
    with hub.read() as session:
        held = session.get(FundProposal, draft.id)
        assert held is not None and held.currency == "MKD"


def test_an_office_moving_a_meeting_while_its_laptop_adds_an_item_both_sync(
    net: Network, muni: ServiceContext, field: ServiceContext, seeded: dict[str, Any]
) -> None:
    """Both steps allowed where they were taken: the office moves a meeting with no items to
    another team while the laptop, offline, adds an item under the team it knew. An item is
    not held to its meeting's team (``inherited``): the two PCs sync both ways, for good."""
    other = team.create_team(muni, {"name": "Youth council", "kind": "cat"})
    moment = dt.datetime(2024, 5, 5, 9, tzinfo=dt.UTC)
    meeting = meetings.create_meeting(
        muni, {"team_id": seeded["team"], "starts_at": moment, "kind": "regular"}
    ).id
    net.deliver(muni, field)
    meetings.update_meeting(muni, meeting, {"team_id": other.id})
    item = actions.create_action_item(field, {"meeting_id": meeting, "title": "Call the school"})
    net.deliver(field, muni)
    net.deliver(muni, field)
    net.deliver(field, muni)
    with muni.read() as session:
        held = session.get(ActionItem, item.id)
        assert held is not None and held.team_id == seeded["team"]


def test_a_meeting_moved_once_its_items_are_deleted_goes_in(world: dict[str, Any]) -> None:
    """The same move the service allows: the items deleted first, then the meeting moved, all
    in one bundle."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    other = team.create_team(muni, {"name": "Youth council", "kind": "cat"})
    item = actions.create_action_item(muni, {"meeting_id": world["meeting"], "title": "Call"})
    net.deliver(muni, hub)
    actions.delete_action_item(muni, item.id)
    meetings.set_attendance(muni, world["meeting"], {world["member"]: None})
    meetings.update_meeting(muni, world["meeting"], {"team_id": other.id})
    net.deliver(muni, hub)
    with hub.read() as session:
        held = session.get(Meeting, world["meeting"])
        assert held is not None and held.team_id == other.id


# --- written behind the window's back on the city's own PC, then sent ---------------------------

TODAY = clock.today()
DAY = dt.timedelta(days=1)


def _decided(net: Network, muni: ServiceContext, hub: ServiceContext, title: str) -> str:
    """A proposal approved with an interim report due two days ago."""
    proposal = fund.create_proposal(muni, {"title": title, "summary": "A room"}).id
    line = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 90_000}
    fund.add_budget_line(muni, proposal, line)
    fill_sections(muni, proposal)
    fund.transition(muni, proposal, "submitted")
    backdate_submission(muni, proposal, TODAY - 30 * DAY)
    net.deliver(muni, hub)
    fund.transition(hub, proposal, "under_review")
    decision = {
        "outcome": "approved",
        "eur_rate": "61.5",
        "decided_on": TODAY - 20 * DAY,
        "interim_report_due": TODAY - 2 * DAY,
        "final_report_due": TODAY + 120 * DAY,
    }
    fund.record_decision(hub, proposal, decision)
    net.deliver(hub, muni)
    return proposal


def test_a_report_answering_another_proposals_due_is_refused(world: dict[str, Any]) -> None:
    """One proposal's report would take another's overdue report off the hub's list."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    running = _decided(net, muni, hub, "Youth corner")
    fund.transition(muni, running, "in_implementation")
    idle = _decided(net, muni, hub, "Sports hall")  # approved, never started
    net.deliver(muni, hub)
    dues = {(d.proposal_id, d.kind): d for d in fund_money.list_reports_due(muni)}
    with pytest.raises(ValidationError):
        fund_money.submit_due_report(muni, dues[(idle, "interim")].id, "All done")
    with muni.transaction() as session:
        records.create(session, muni, FundReport, {
            "proposal_id": running, "due_id": dues[(idle, "interim")].id, "kind": "interim",
            "submitted_on": TODAY, "results": "All done"})  # fmt: skip
    refused(hub, net.send(muni, hub).path, "invalid_record", "report due of another proposal")
    assert {d.proposal_id for d in fund_money.overdue_reports(hub)} == {running, idle}


def test_a_help_desk_question_dated_ahead_is_refused(world: dict[str, Any]) -> None:
    """Dated a year ahead, an urgent question would never be overdue at the hub."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    question = {"topic": "team", "urgency": "urgent", "subject": "Quorum", "question": "How?"}
    with pytest.raises(ValidationError, match="future"):
        helpdesk.ask(muni, {**question, "asked_on": TODAY + 365 * DAY})
    asked = helpdesk.ask(muni, question)
    tamper(muni, HelpdeskRequest, asked.id, {"asked_on": TODAY + 365 * DAY})
    refused(hub, net.send(muni, hub).path, "invalid_record", "after today")


def test_a_help_desk_follow_up_dated_ahead_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    question = {"topic": "team", "urgency": "urgent", "subject": "Quorum", "question": "How?"}
    request = helpdesk.ask(muni, question)
    net.deliver(muni, hub)
    helpdesk.answer(hub, request.id, "Half and one.")
    net.deliver(hub, muni)
    said = helpdesk.follow_up(muni, request.id, "And the chair?")
    ahead = dt.datetime.now(dt.UTC) + 365 * DAY
    tamper(muni, HelpdeskMessage, said.id, {"written_at": ahead})
    refused(hub, net.send(muni, hub).path, "invalid_record", "after today")
    tamper(muni, HelpdeskMessage, said.id, {"written_at": dt.datetime.now(dt.UTC)})
    net.deliver(muni, hub)  # dated now, as the service writes it: in


@pytest.mark.parametrize("closed", [TODAY + 365 * DAY, TODAY - 3650 * DAY])
def test_a_help_desk_request_closed_ahead_or_before_it_was_asked_is_refused(
    world: dict[str, Any], closed: dt.date
) -> None:
    """The closing day says how long the city waited: moved a year ahead, or ten years before
    the question, it would misstate it."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    question = {"topic": "team", "urgency": "urgent", "subject": "Quorum", "question": "How?"}
    request = helpdesk.ask(muni, question)
    helpdesk.close(muni, request.id)
    tamper(muni, HelpdeskRequest, request.id, {"closed_on": closed})
    refused(hub, net.send(muni, hub).path, "invalid_record")
    tamper(muni, HelpdeskRequest, request.id, {"closed_on": TODAY})
    net.deliver(muni, hub)  # closed today, as the service writes it: in


def test_a_proposal_comment_dated_ahead_is_refused(world: dict[str, Any]) -> None:
    """A comment is stamped with the moment it is written: dated a year ahead, it would head
    the thread's times at the hub."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    said = thread.add_comment(muni, world["proposal"], "The venue is booked.", "Ana")
    tamper(muni, ProposalComment, said.id, {"written_at": dt.datetime.now(dt.UTC) + 365 * DAY})
    refused(hub, net.send(muni, hub).path, "invalid_record", "after today")
    tamper(muni, ProposalComment, said.id, {"written_at": dt.datetime.now(dt.UTC)})
    net.deliver(muni, hub)  # dated now, as the service writes it: in


def test_an_exchange_part_naming_its_own_city_is_refused(world: dict[str, Any]) -> None:
    """A visit Kumanovo made, said to be hosted by Kumanovo, would count as one it hosted."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    visit = {"role": "visitor", "kind": "study_visit", "topic": "Youth councils",
             "starts_on": TODAY - 10 * DAY, "pillar": "peer_learning"}  # fmt: skip
    with pytest.raises(ValidationError, match="itself"):
        exchanges.create_part(muni, {**visit, "host_name": "Kumanovo"})
    part = exchanges.create_part(muni, {**visit, "host_name": "Ohrid"})
    tamper(muni, ExchangePart, part.id, {"host_name": "KUMANOVO"})
    refused(hub, net.send(muni, hub).path, "invalid_record", "KUMANOVO")
    tamper(muni, ExchangePart, part.id, {"host_name": "Ohrid"})
    net.deliver(muni, hub)
    counts = {c.name: (c.hosted, c.visited) for c in exchanges.exchanges_per_city(hub)}
    assert counts["Kumanovo"] == (0, 1)


def test_a_municipality_copy_that_changes_nothing_says_nothing_of_its_currency(
    world: dict[str, Any],
) -> None:
    """The municipality's record sent under the stamp held, its currency changed: the merge
    passes over it, so the proposals are still judged by the denars held."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    fund.create_proposal(muni, {"title": "Youth corner", "summary": "A room"})

    def in_euros(tables: dict[str, Rows]) -> None:
        set_cells(tables["municipalities"], 0, currency="EUR")
        data = tables["fund_proposals"]
        for row in range(len(data["rows"])):
            set_cells(data, row, currency="EUR")

    refused(hub, forge(net, muni, hub, in_euros), "invalid_record", "EUR", "MKD")


@pytest.mark.parametrize("written", [" Kumanovo", "Kumanovo\u00a0", "KUMANOVO"])
def test_an_exchange_part_naming_its_own_city_another_way_is_refused(
    world: dict[str, Any], written: str
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    visit = {"role": "visitor", "kind": "study_visit", "topic": "Youth councils",
             "starts_on": TODAY - 10 * DAY, "pillar": "peer_learning"}  # fmt: skip
    part = exchanges.create_part(muni, {**visit, "host_name": "Ohrid"})
    with pytest.raises(ValidationError, match="itself"):
        exchanges.update_part(muni, part.id, {"host_name": written})

    def renamed_and_named(tables: dict[str, Rows]) -> None:
        # the municipality's copy under its held stamp names it otherwise: it changes nothing
        set_cells(tables["municipalities"], 0, name="Somewhere", name_other_script="")
        data = tables["exchange_parts"]
        set_cells(data, row_of(data, part.id), host_name=written)

    refused(hub, forge(net, muni, hub, renamed_and_named), "invalid_record", written.strip())


def test_a_member_joining_ahead_is_refused(world: dict[str, Any]) -> None:
    """Written behind the window's back: a member joining next year. The same member joining
    today goes in."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    ahead = clock.today() + 3 * DAY
    team.update_member(muni, world["member"], {"joined_on": TODAY})
    tamper(muni, Member, world["member"], {"joined_on": ahead})
    refused(hub, net.send(muni, hub).path, "invalid_record", format_date(ahead))
    tamper(muni, Member, world["member"], {"joined_on": clock.today()})
    net.deliver(muni, hub)


def test_a_youth_activity_saved_ahead_before_the_rule_still_travels(
    world: dict[str, Any],
) -> None:
    """Saved with a future day before its form refused one (a planned activity): every full
    bundle carries it, so it is not refused there (``sync/dated.py`` says why)."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    planned = youth.create_activity(muni, {"title": "Debate", "activity_type": "workshop",
                                           "starts_on": TODAY, "participants_total": 5,
                                           "n_female_15_19": 5})  # fmt: skip
    tamper(muni, YouthActivity, planned.id, {"starts_on": TODAY + 30 * DAY})
    net.deliver(muni, hub, full=True)
