"""The hub's reviews travel signed: hub → municipality → field laptop, and nobody else writes them.

Reviews go to the municipality on purpose (co-design: the municipality improves its proposal with
the reviewers' scores in hand). Every forged bundle here is correctly signed by its sender; only
the review rows lie, and each must be refused whole with the receiver's database unchanged.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sync_helpers import Network
from test_sync_forgery import Rows, _row, cell, empty, forge, refused, set_cells

from hubdesk.services import fund, reviews, team
from hubdesk.services.context import ServiceContext

SCORES = {c.code: 3 for c in reviews.DEFAULT_CRITERIA}


def review_row(proposal: str, by: str, version: int) -> list[Any]:
    items = [
        {"code": c.code, "label": c.label, "weight": c.weight, "score": 5}
        for c in reviews.DEFAULT_CRITERIA
    ]
    return _row(
        proposal_id=proposal,
        reviewer="Ghost reviewer",
        scores=json.dumps(items),
        comment="",
        reviewed_on="2024-05-01",
        by=by,
        version=version,
    )


@pytest.fixture
def world(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> dict[str, Any]:
    """Kumanovo's submitted proposal reviewed by two of the hub's reviewers, the reviews
    delivered to Kumanovo and on to its field laptop."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    net.deliver(muni, hub)
    proposal = seeded["proposal"]
    fund.transition(hub, proposal, "under_review")
    reviews.add_review(hub, proposal, {"reviewer": "Ana Petrova", "scores": SCORES})
    reviews.add_review(
        hub, proposal, {"reviewer": "Ilir Hoxha", "scores": {**SCORES, "relevance": 5}}
    )
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, **seeded}


def test_reviews_reach_the_municipality_and_its_laptop(world: dict[str, Any]) -> None:
    hub_view = reviews.list_reviews(world["hub"], world["proposal"])
    for ctx in (world["muni"], world["laptop"]):
        seen = reviews.list_reviews(ctx, world["proposal"])
        assert seen == hub_view
        assert [r.reviewer for r in seen.reviews] == ["Ana Petrova", "Ilir Hoxha"]
        assert seen.average == 65.0  # 60 and 70


def test_a_corrected_review_follows(world: dict[str, Any]) -> None:
    net, hub, muni = world["net"], world["hub"], world["muni"]
    first = reviews.list_reviews(hub, world["proposal"]).reviews[0]
    reviews.update_review(hub, first.id, {"comment": "Add a Do No Harm mitigation."})
    net.deliver(hub, muni)
    assert reviews.list_reviews(muni, world["proposal"]).reviews[0].comment.startswith("Add")


def test_laptop_forging_a_review_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    team.update_team(laptop, world["team"], {"name": "CAT north"})

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("proposal_reviews", empty("proposal_reviews"))
        version = cell(tables["teams"], "version")
        data["rows"].append(review_row(world["proposal"], hub.installation_id, version))

    refused(muni, forge(net, laptop, muni, change), "forged_author", "signature")


def test_municipality_writing_a_review_of_its_own_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    team.update_team(muni, world["team"], {"name": "CAT north"})

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("proposal_reviews", empty("proposal_reviews"))
        version = cell(tables["teams"], "version")
        data["rows"].append(review_row(world["proposal"], muni.installation_id, version))

    refused(laptop, forge(net, muni, laptop, change), "out_of_scope", "only the hub")
    refused(hub, forge(net, muni, hub, change), "out_of_scope")


def test_municipality_relaying_a_review_to_the_hub_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    team.update_team(muni, world["team"], {"name": "CAT north"})

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("proposal_reviews", empty("proposal_reviews"))
        version = cell(tables["teams"], "version")
        data["rows"].append(review_row(world["proposal"], hub.installation_id, version))

    refused(hub, forge(net, muni, hub, change), "out_of_scope")


@pytest.mark.parametrize("how", ["invented", "altered", "unsigned", "rescored"])
def test_municipality_relaying_a_forged_review_to_its_laptop_is_refused(
    world: dict[str, Any], how: str
) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    team.update_team(muni, world["team"], {"name": "CAT north"})  # something new to send

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("proposal_reviews", empty("proposal_reviews"))
        version = cell(tables["teams"], "version") + 1
        if how == "invented":
            data["rows"] = [review_row(world["proposal"], hub.installation_id, version)]
            return
        # The hub's real review, sent again with a newer version.
        data["rows"] = [cell_row(world, hub)]
        data["columns"] = empty("proposal_reviews")["columns"]
        if how == "altered":
            set_cells(data, 0, reviewer="Someone else", version=version)
        elif how == "unsigned":
            set_cells(data, 0, hub_signature=None, version=version)
        else:
            items = json.loads(cell(data, "scores"))
            items[0]["score"] = 0
            set_cells(data, 0, scores=json.dumps(items), version=version)

    refused(laptop, forge(net, muni, laptop, change), "forged_author", "signature")


def cell_row(world: dict[str, Any], hub: ServiceContext) -> list[Any]:
    """The hub's first review exactly as the hub holds it, as a bundle row."""
    from hubdesk.domain import ProposalReview
    from hubdesk.sync.codec import encode_record

    first = reviews.list_reviews(hub, world["proposal"]).reviews[0]
    with hub.read() as session:
        record = session.get(ProposalReview, first.id)
        assert record is not None
        values = encode_record(record)
    return [*values.values(), [], []]
