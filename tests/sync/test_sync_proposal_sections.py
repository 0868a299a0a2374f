"""The workplan and indicators travel like the proposal they belong to: from the field laptop
to the municipality to the hub, edits and deletions included, and the hub writes none of them."""

from __future__ import annotations

from typing import Any

import pytest
from proposal_filling import ACTIVITY, fill_sections
from sync_helpers import Network, table_rows

from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.sync import scope

LINE = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 90_000}
TABLES = ("proposal_activities", "proposal_indicators")


def test_sections_travel_from_laptop_to_municipality_to_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    proposal = fund.create_proposal(field, {"title": "Youth corner", "summary": "A room"}).id
    fund.add_budget_line(field, proposal, LINE)
    fill_sections(field, proposal)
    extra = proposal_sections.add_activity(field, proposal, {**ACTIVITY, "title": "Opening"})
    (indicator,) = proposal_sections.list_indicators(field, proposal)
    proposal_sections.update_indicator(field, indicator.id, {"target": 95, "gender": "female"})
    proposal_sections.delete_activity(field, extra.id)

    sent = net.send(field, muni)
    assert sent.counts["proposal_activities"] == 2 and sent.counts["proposal_indicators"] == 1
    net.deliver(field, muni)
    for table in TABLES:
        assert table_rows(muni.db, table) == table_rows(field.db, table)
    fund.transition(muni, proposal, "submitted")  # the municipality sees every section

    net.deliver(muni, hub)
    for table in TABLES:  # the tombstone travels too; the hub's copy is the same row for row
        assert table_rows(hub.db, table) == table_rows(muni.db, table)
    (arrived,) = proposal_sections.list_indicators(hub, proposal)
    assert (arrived.target, arrived.gender) == (95, "female")
    assert [a.title for a in proposal_sections.list_activities(hub, proposal)] == ["Workshops"]
    assert fund.get_proposal(hub, proposal).need == fund.get_proposal(field, proposal).need


def test_the_hub_writes_no_section_and_sends_none_back(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    proposal = seeded["proposal"]
    net.deliver(muni, hub)
    with pytest.raises(PermissionDenied):
        proposal_sections.add_activity(hub, proposal, ACTIVITY)
    assert not any(table in scope.HUB_TABLES for table in TABLES)
    assert all(scope.export_clause(table, hub.role, muni.role) is None for table in TABLES)
