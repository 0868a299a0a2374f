"""a comment thread on each fund proposal

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 14:20:00.000000

Comments go back and forth between a municipality (and its field laptops) and the hub, each a
record of its own; the hub's carry its signature like its status changes. The single comment a
status change held stays where it is and is shown in the thread as it was written: moving the
hub's into new rows would need the hub's key, so nothing is copied here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "proposal_comments",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("author_role", sa.String(length=20), nullable=False),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("written_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status_change_id", sa.String(length=36), nullable=True),
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
            name=op.f("fk_proposal_comments_proposal_id_fund_proposals"),
        ),
        sa.ForeignKeyConstraint(
            ["status_change_id"],
            ["proposal_status_changes.id"],
            name=op.f("fk_proposal_comments_status_change_id_proposal_status_changes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_comments")),
    )
    with op.batch_alter_table("proposal_comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_comments_proposal_id"), ["proposal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_proposal_comments_status_change_id"), ["status_change_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_proposal_comments_version"), ["version"], unique=False)


def downgrade() -> None:
    op.drop_table("proposal_comments")
