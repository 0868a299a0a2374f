"""The comment thread on a fund proposal: co-design between a municipality and the hub.

Each comment is one record written by one side. The municipality (its own PC or one of its
field laptops) writes ``author_role`` municipality or field; the hub writes ``author_role``
hub, and such rows are the hub's alone, signed by the hub like its status changes
(``sync.scope.hub_written``). A comment may accompany a status change (``status_change_id``):
the transition buttons write their comment here since the thread replaced the single comment
a status change carried before (old ones are still shown, read from the change itself).
"""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, Synced

AUTHOR_NAME_LENGTH = 120


class ProposalComment(Synced, Base):
    __tablename__ = "proposal_comments"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    author_role: Mapped[str] = mapped_column(String(20))
    # The person who wrote it, as they gave their name (free text; the thread shows it).
    author_name: Mapped[str] = mapped_column(String(AUTHOR_NAME_LENGTH), default="")
    written_at: Mapped[dt.datetime]
    body: Mapped[str]
    status_change_id: Mapped[str | None] = mapped_column(
        ForeignKey("proposal_status_changes.id"), index=True
    )
    # The hub's Ed25519 signature over the whole row (``author_role = "hub"`` only), as on
    # the hub's status changes: every receiver checks the hub wrote it, whoever relays it.
    hub_signature: Mapped[str | None] = mapped_column(String(100))
