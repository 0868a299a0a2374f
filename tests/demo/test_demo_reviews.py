"""The hub's reviews in both demos: one received by the municipality, two reviewers at the hub."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demo_support import Demo
from hub_demo_copy import hub_demo
from sqlalchemy import select

from hubdesk.domain import FundProposal, Municipality, ProposalReview
from hubdesk.services import reviews
from hubdesk.services.demo_reviews import COMMENTS
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID
from hubdesk.services.installation import load_context
from hubdesk.services.rules import check


def test_the_municipality_demo_holds_one_review_from_the_hub(demo: Demo) -> None:
    ctx = demo.context()
    with ctx.read() as session:
        found = list(session.scalars(select(ProposalReview)))
        assert len(found) == 1
        review = found[0]
        assert review.updated_by == review.origin == DEMO_HUB_INSTALLATION_ID
        proposal = session.get(FundProposal, review.proposal_id)
        assert proposal is not None and proposal.status == "under_review"
        values = {c.name: getattr(review, c.name) for c in ProposalReview.__table__.columns}
    assert check("proposal_reviews", values) == []
    summary = reviews.list_reviews(ctx, review.proposal_id)
    assert summary.average is not None and 40 <= summary.average <= 100
    assert review.comment in COMMENTS["MK"]


def test_the_hub_demo_has_two_reviewers_on_every_waiting_proposal(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    db = hub_demo(folder, today=dt.date(2025, 6, 1))
    try:
        hub = load_context(db, folder)
        query = (
            select(FundProposal.id, Municipality.country)
            .join(Municipality, Municipality.id == FundProposal.municipality_id)
            .where(FundProposal.status.in_(reviews.REVIEW_STATUSES))
        )
        with hub.read() as session:
            waiting = list(session.execute(query))
        assert len(waiting) >= 6  # a submitted and an under-review one in each municipality
        for proposal_id, country in waiting:
            summary = reviews.list_reviews(hub, proposal_id)
            assert len(summary.reviews) == 2, country
            assert all(r.comment in COMMENTS[country] for r in summary.reviews)
        assert {country for _p, country in waiting} == {"MK", "AL", "RS"}
    finally:
        db.close()
