"""a training names the need it answers

Revision ID: 0025
Revises: 0023
Create Date: 2026-12-04 18:30:00.000000

A training may name the need it answers, as a proposal does since 0019: one pillar of one of
its municipality's needs assessments. Older trainings name none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = "fk_trainings_need_assessment_id_needs_assessments"


def upgrade() -> None:
    # Plain ALTER TABLE (as in 0019): a batch would copy trainings, which the foreign keys of
    # training_members refuse. SQLite adds the link with the column; a server adds the named
    # constraint after it.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE trainings ADD COLUMN need_assessment_id VARCHAR(36) "
            "REFERENCES needs_assessments (id)"
        )
    else:
        op.add_column(
            "trainings", sa.Column("need_assessment_id", sa.String(length=36), nullable=True)
        )
        op.create_foreign_key(
            op.f(FK), "trainings", "needs_assessments", ["need_assessment_id"], ["id"]
        )
    op.add_column(
        "trainings",
        sa.Column("need_pillar", sa.String(length=40), nullable=False, server_default=""),
    )
    op.create_index(
        op.f("ix_trainings_need_assessment_id"), "trainings", ["need_assessment_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_trainings_need_assessment_id"), table_name="trainings")
    op.drop_column("trainings", "need_pillar")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(FK), "trainings", type_="foreignkey")
    op.drop_column("trainings", "need_assessment_id")
