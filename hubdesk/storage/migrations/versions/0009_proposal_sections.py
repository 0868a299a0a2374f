"""the sections a reviewer reads on a fund proposal: need, workplan, indicators, Do No Harm

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 14:15:00.000000

A proposal gains the texts the hub's application form asks for (the need it answers,
beneficiaries, sustainability, partners' roles, the Do No Harm screening and an English
summary) and two child tables: the workplan's activities and the indicators with baseline,
target and result. Every new text defaults to "" so proposals written before this revision
(submitted ones included) stay valid data; the sections are required only when a proposal is
submitted from now on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_TEXTS = (
    "need",
    "beneficiaries",
    "sustainability",
    "partner_roles",
    "dnh_risks",
    "dnh_sensitive_groups",
    "dnh_stigma",
    "dnh_data_protection",
    "dnh_mitigation",
    "summary_en",
)


def _sync_columns() -> list[sa.Column]:
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
    with op.batch_alter_table("fund_proposals", schema=None) as batch_op:
        for name in NEW_TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "proposal_activities",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["fund_proposals.id"],
            name=op.f("fk_proposal_activities_proposal_id_fund_proposals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_activities")),
    )
    with op.batch_alter_table("proposal_activities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_activities_proposal_id"), ["proposal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_proposal_activities_version"), ["version"], unique=False
        )

    op.create_table(
        "proposal_indicators",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("gender", sa.String(length=20), nullable=True),
        sa.Column("age_band", sa.String(length=20), nullable=True),
        sa.Column("baseline", sa.Integer(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("result", sa.Integer(), nullable=True),
        sa.Column("verification", sa.String(length=300), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["fund_proposals.id"],
            name=op.f("fk_proposal_indicators_proposal_id_fund_proposals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_indicators")),
    )
    with op.batch_alter_table("proposal_indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_indicators_proposal_id"), ["proposal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_proposal_indicators_version"), ["version"], unique=False
        )


def downgrade() -> None:
    for table in ("proposal_indicators", "proposal_activities"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_version"))
            batch_op.drop_index(batch_op.f(f"ix_{table}_proposal_id"))
        op.drop_table(table)
    with op.batch_alter_table("fund_proposals", schema=None) as batch_op:
        for name in reversed(NEW_TEXTS):
            batch_op.drop_column(name)
