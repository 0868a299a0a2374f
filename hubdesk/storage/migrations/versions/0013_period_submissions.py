"""quarterly periods submitted to the hub and the hub's answers

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 14:30:00.000000

A municipality submits a quarter of its records to the hub and may reopen it; the hub accepts
or returns it. Each of these is one synced row of ``period_submissions`` (never edited); the
hub's rows carry its signature, like its decisions on proposals. New table only: no existing
row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "period_submissions",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answers", sa.String(length=36), nullable=True),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_period_submissions_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_submissions")),
    )
    with op.batch_alter_table("period_submissions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_period_submissions_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_period_submissions_quarter"), ["quarter"], unique=False)
        batch_op.create_index(batch_op.f("ix_period_submissions_version"), ["version"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("period_submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_period_submissions_version"))
        batch_op.drop_index(batch_op.f("ix_period_submissions_quarter"))
        batch_op.drop_index(batch_op.f("ix_period_submissions_municipality_id"))
    op.drop_table("period_submissions")
