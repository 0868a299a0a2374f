"""The hub's reviews of fund proposals: one row per reviewer per proposal.

A review scores the criteria of the call the proposal answers (or HubDesk's default fund
criteria for a proposal that answers none). Each score is kept together with the criterion's
label and weight *as they were when the reviewer scored*, in one JSON list (``scores``), so a
later change to the call never rewrites an old review, and the whole review is one row the hub
signs (see ``hubdesk.sync.authority``). The weighted total is computed from that list
(``hubdesk.services.reviews``), never stored.
"""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, Synced


class ProposalReview(Synced, Base):
    """One reviewer's scores and comment on one proposal. Only a hub installation writes these."""

    __tablename__ = "proposal_reviews"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(120))
    # JSON list of {"code", "label", "weight", "score"}, in the criteria's order.
    scores: Mapped[str] = mapped_column(default="[]")
    comment: Mapped[str] = mapped_column(default="")
    reviewed_on: Mapped[dt.date]
    # The hub's Ed25519 signature over the whole row, as on FundDecision.
    hub_signature: Mapped[str | None] = mapped_column(String(100))
