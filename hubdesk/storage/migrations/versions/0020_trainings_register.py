"""the capacity-building register: trainings and the team members who took part

Revision ID: 0020
Revises: 0022
Create Date: 2026-12-04 17:30:00.000000

A training counts its participants by profession and gender (one integer column per pair, so the
hub sums them in SQL) and by inclusion group; team members who took part are linked to it, one
row each. New tables only: no existing row changes (a member's old free-text trainings stay as
they were and are shown as earlier notes).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0020"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROFESSIONS = (
    "teacher", "school_psychologist", "social_worker", "health_worker", "municipal_official",
    "elected_official", "police", "religious_leader", "youth_worker", "civil_society", "media",
    "other",
)  # fmt: skip
GENDERS = ("female", "male", "other")
INCLUSION = ("roma", "disability", "returnee", "rural_border", "women")


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
    count = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "trainings",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("pillars", hubdesk.domain.base.CodeList(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=False),
        sa.Column("trainer_name", sa.String(length=200), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("train_the_trainer", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False, server_default=""),
        *(
            sa.Column(f"p_{p}_{g}", count, nullable=False)
            for p in PROFESSIONS
            for g in GENDERS
        ),
        sa.Column("themes", hubdesk.domain.base.CodeList(length=200), nullable=False),
        *(sa.Column(f"inc_{code}", count, nullable=False) for code in INCLUSION),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_trainings_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainings")),
    )
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_trainings_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_trainings_starts_on"), ["starts_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_trainings_version"), ["version"], unique=False)
    op.create_table(
        "training_members",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["training_id"], ["trainings.id"], name=op.f("fk_training_members_training_id_trainings")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_training_members_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_members")),
        sa.UniqueConstraint(
            "training_id", "member_id", name=op.f("uq_training_members_training_id")
        ),
    )
    with op.batch_alter_table("training_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_members_training_id"), ["training_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_members_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_training_members_version"), ["version"], unique=False)


def downgrade() -> None:
    op.drop_table("training_members")
    op.drop_table("trainings")
