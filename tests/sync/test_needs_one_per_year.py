"""One needs assessment per municipality and year reaches the hub.

The office and its field laptop may each start the year's assessment while apart; once they
meet, the office holds two drafts of one year. Submitting the second is refused (it is a
correction of the first), and the hub refuses a bundle that would give it two submitted
assessments of one year, so the needs map never shows one of them by chance.
"""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import Network
from test_sync_forgery import add_row, forge, refused, set_cells

from hubdesk.services import needs, needs_map
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.needs import SCORE_COLUMNS

YEAR = 2026


def answers(score: int) -> dict[str, Any]:
    return {"year": YEAR, **dict.fromkeys(SCORE_COLUMNS, score)}


def test_the_second_draft_of_a_year_is_not_submitted(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    office = needs.create_assessment(muni, answers(1))
    laptop = needs.create_assessment(field, answers(4))
    net.deliver(field, muni)
    needs.submit_assessment(muni, office.id)
    with pytest.raises(ValidationError) as caught:
        needs.submit_assessment(muni, laptop.id)
    assert "already submitted its needs assessment for 2026" in str(caught.value)
    net.deliver(muni, hub)
    row = needs_map.needs_map(hub, YEAR).rows[0]
    assert {c.score for c in row.cells.values()} == {1}


def test_the_hub_refuses_a_second_submitted_assessment_of_a_year(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    first = needs.create_assessment(muni, answers(1))
    needs.submit_assessment(muni, first.id)
    net.deliver(muni, hub)
    needs.update_assessment(muni, first.id, {"needs_peer_learning": "More visits."})

    def change(tables: dict[str, Any]) -> None:
        add_row(tables["needs_assessments"], like=0, score_cooperation=4)

    refused(hub, forge(net, muni, hub, change), "invalid_record", "already holds", "2026")
    row = needs_map.needs_map(hub, YEAR).rows[0]
    assert {c.score for c in row.cells.values()} == {1}


def test_the_hub_refuses_a_draft(net: Network, muni: ServiceContext, hub: ServiceContext) -> None:
    first = needs.create_assessment(muni, answers(2))
    needs.submit_assessment(muni, first.id)
    net.deliver(muni, hub)
    needs.update_assessment(muni, first.id, {"needs_peer_learning": "More visits."})

    def change(tables: dict[str, Any]) -> None:
        add_row(tables["needs_assessments"], like=0, year=YEAR - 1, status="draft")

    refused(hub, forge(net, muni, hub, change), "invalid_record", "draft needs assessment")
    assert [a.year for a in needs.list_assessments(hub)] == [YEAR]


def test_the_hub_refuses_a_submitted_assessment_moved_to_another_day(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """A correction keeps the day the assessment was submitted: a bundle moving it back to
    1901 would misstate when the municipality answered."""
    first = needs.create_assessment(muni, answers(2))
    needs.submit_assessment(muni, first.id)
    net.deliver(muni, hub)
    corrected = needs.update_assessment(muni, first.id, {"needs_peer_learning": "More visits."})

    def change(tables: dict[str, Any]) -> None:
        set_cells(tables["needs_assessments"], 0, submitted_on="1901-01-01")

    refused(hub, forge(net, muni, hub, change), "invalid_record", "a correction keeps it")
    [held] = needs.list_assessments(hub)
    assert held.submitted_on == corrected.submitted_on
    net.deliver(muni, hub)  # the correction itself, on the day it was submitted: in
