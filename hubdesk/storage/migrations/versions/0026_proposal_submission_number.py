"""a fund proposal counts its submissions

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-05 12:15:00.000000

A proposal's ``submission`` grows by one with each submission (and resubmission after the hub
asked for changes); the merge ranks it above the clock, so a field laptop's late edit of a draft
its office has since submitted loses instead of blocking the laptop. Older proposals count the
submissions their history holds: the live status changes to "submitted" (0 for a draft). Every
PC holding a proposal with the same history counts the same, so the copies of a version agree.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE (as in 0025): a batch would copy fund_proposals, which the foreign keys
    # of its budget lines and status changes refuse.
    op.add_column(
        "fund_proposals",
        sa.Column(
            "submission",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
            server_default="0",
        ),
    )
    op.execute(
        "UPDATE fund_proposals SET submission = ("
        "SELECT count(*) FROM proposal_status_changes AS s "
        "WHERE s.proposal_id = fund_proposals.id AND s.to_status = 'submitted' AND NOT s.deleted)"
    )


def downgrade() -> None:
    op.drop_column("fund_proposals", "submission")
