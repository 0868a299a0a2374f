"""community engagement activities

Revision ID: 0023
Revises: 0019
Create Date: 2026-12-04 17:45:00.000000

Gatherings with the adults of a community (women's groups, religious communities, parents,
minorities): counted by gender and by inclusion group, never named.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0023"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INCLUSION = ("roma", "disability", "returnee", "rural_border", "women")


def upgrade() -> None:
    count = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "community_activities",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("activity_type", sa.String(length=40), nullable=False),
        sa.Column("audiences", hubdesk.domain.base.CodeList(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("partners", sa.Text(), nullable=False),
        sa.Column("pillars", hubdesk.domain.base.CodeList(length=200), nullable=False),
        sa.Column("participants_total", count, nullable=False),
        sa.Column("n_female", count, nullable=False),
        sa.Column("n_male", count, nullable=False),
        sa.Column("n_other", count, nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("themes", hubdesk.domain.base.CodeList(length=200), nullable=False),
        *(sa.Column(f"inc_{code}", count, nullable=False) for code in INCLUSION),
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
            name=op.f("fk_community_activities_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_activities")),
    )
    with op.batch_alter_table("community_activities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_community_activities_municipality_id"), ["municipality_id"]
        )
        batch_op.create_index(batch_op.f("ix_community_activities_starts_on"), ["starts_on"])
        batch_op.create_index(batch_op.f("ix_community_activities_version"), ["version"])


def downgrade() -> None:
    op.drop_table("community_activities")
