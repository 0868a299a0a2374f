"""calls for proposals and guidance notes the hub publishes, and the call a proposal answers

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 14:30:00.000000

Two record kinds that belong to no municipality: the hub writes them, signs every row, and
sends the released ones to every municipality it enrolled (which relays them to its field
laptops). A proposal may name the call it answers; older proposals answer none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sync_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("round", sa.String(length=40), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("ceiling_minor", sa.Integer(), nullable=False),
        sa.Column("envelope_minor", sa.Integer(), nullable=False),
        sa.Column("pillars", hubdesk.domain.base.CodeList(length=200), nullable=False),
        sa.Column("themes", hubdesk.domain.base.CodeList(length=200), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("requirements", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calls_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_calls_version"), ["version"], unique=False)
    op.create_table(
        "guidance_notes",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guidance_notes")),
    )
    with op.batch_alter_table("guidance_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guidance_notes_version"), ["version"], unique=False)
    with op.batch_alter_table("fund_proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("call_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_fund_proposals_call_id"), ["call_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_fund_proposals_call_id_calls"), "calls", ["call_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("fund_proposals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_fund_proposals_call_id_calls"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_fund_proposals_call_id"))
        batch_op.drop_column("call_id")
    op.drop_table("guidance_notes")
    op.drop_table("calls")
