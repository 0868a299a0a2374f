"""Bundles cannot state what the services never write: records that contradict the records
they belong to (a proposal in another currency than its municipality's, an action item of
another team than its meeting's, a quarter's step the services would refuse).

Each bundle is correctly signed by an enrolled municipality and encrypted to the hub; it must be
refused whole with the hub's database unchanged, and the genuine bundle still goes in.
"""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import Network
from test_sync_forgery import forge, refused, set_cells

from hubdesk.domain import ActionItem, FundProposal, Meeting
from hubdesk.services import actions, fund, meetings, team
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


def test_an_action_item_filed_under_another_team_than_its_meetings_is_refused(
    world: dict[str, Any],
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    other = team.create_team(muni, {"name": "Youth council", "kind": "cat"})
    item = actions.create_action_item(muni, {"meeting_id": world["meeting"], "title": "Call"})
    assert item.team_id == world["team"]

    def filed_elsewhere(tables: dict[str, Rows]) -> None:
        data = tables["action_items"]
        set_cells(data, row_of(data, item.id), team_id=other.id)

    refused(hub, forge(net, muni, hub, filed_elsewhere), "invalid_record", "team")
    net.deliver(muni, hub)
    with hub.read() as session:
        held = session.get(ActionItem, item.id)
        assert held is not None and held.team_id == world["team"]


def test_a_meeting_moved_away_from_its_action_items_is_refused(world: dict[str, Any]) -> None:
    """The service keeps a meeting with action items on its team; a bundle that moves it
    anyway would leave the hub's items under the team it left."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    other = team.create_team(muni, {"name": "Youth council", "kind": "cat"})
    actions.create_action_item(muni, {"meeting_id": world["meeting"], "title": "Call"})
    net.deliver(muni, hub)
    with pytest.raises(ValidationError):
        meetings.update_meeting(muni, world["meeting"], {"team_id": other.id})
    meetings.update_meeting(muni, world["meeting"], {"place": "Hall"})

    def moved(tables: dict[str, Rows]) -> None:
        data = tables["meetings"]
        set_cells(data, row_of(data, world["meeting"]), team_id=other.id)

    refused(hub, forge(net, muni, hub, moved), "invalid_record", "action items")


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
