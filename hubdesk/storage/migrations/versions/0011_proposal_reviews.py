"""the hub's reviews of fund proposals

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 14:00:00.000000

One row per reviewer per proposal: the scores of the call's criteria (each with the label and
weight it had when scored, as a JSON list), a comment and the date. Only the hub writes them,
so they carry the hub's signature like its decisions.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "proposal_reviews",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("reviewer", sa.String(length=120), nullable=False),
        sa.Column("scores", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["fund_proposals.id"],
            name=op.f("fk_proposal_reviews_proposal_id_fund_proposals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_reviews")),
    )
    with op.batch_alter_table("proposal_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_reviews_proposal_id"), ["proposal_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_proposal_reviews_version"), ["version"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("proposal_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_reviews_version"))
        batch_op.drop_index(batch_op.f("ix_proposal_reviews_proposal_id"))
    op.drop_table("proposal_reviews")
