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

from hubdesk.domain import FundProposal
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext

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
