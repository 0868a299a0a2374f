"""the City Needs Assessment: the hub's questionnaires, yearly assessments, a proposal's need

Revision ID: 0019
Revises: 0020
Create Date: 2026-12-04 17:40:00.000000

Two new record kinds: the questionnaire the hub publishes to every municipality (signed like a
call) and each municipality's yearly assessment, one row with a score, needs and priorities per
pillar. A proposal may name the need it answers (an assessment and a pillar); older proposals
name none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0019"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PILLARS = ("peer_learning", "capacity_building", "cooperation", "city_voices", "youth_engagement")


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


def _answers() -> list[sa.Column[object]]:
    count = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    out: list[sa.Column[object]] = []
    for pillar in PILLARS:
        out.append(sa.Column(f"score_{pillar}", count, nullable=True))
        out.append(sa.Column(f"needs_{pillar}", sa.Text(), nullable=False))
        out.append(sa.Column(f"priorities_{pillar}", sa.Text(), nullable=False))
    return out


def upgrade() -> None:
    count = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "needs_questionnaires",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("year", count, nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needs_questionnaires")),
    )
    op.create_index(
        op.f("ix_needs_questionnaires_version"), "needs_questionnaires", ["version"], unique=False
    )
    op.create_table(
        "needs_assessments",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("year", count, nullable=False),
        sa.Column("questionnaire_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("structures", hubdesk.domain.base.CodeList(length=200), nullable=False),
        sa.Column("structures_other", sa.Text(), nullable=False),
        *_answers(),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_needs_assessments_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["needs_questionnaires.id"],
            name=op.f("fk_needs_assessments_questionnaire_id_needs_questionnaires"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needs_assessments")),
    )
    for column in ("municipality_id", "year", "questionnaire_id", "version"):
        op.create_index(
            op.f(f"ix_needs_assessments_{column}"), "needs_assessments", [column], unique=False
        )
    # Plain ALTER TABLE (as in 0018): a batch would copy fund_proposals, which its children's
    # foreign keys refuse. SQLite adds the link with the column (it cannot add a constraint
    # later); a server adds the named constraint after it.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE fund_proposals ADD COLUMN need_assessment_id VARCHAR(36) "
            "REFERENCES needs_assessments (id)"
        )
    else:
        op.add_column(
            "fund_proposals", sa.Column("need_assessment_id", sa.String(length=36), nullable=True)
        )
        op.create_foreign_key(
            op.f("fk_fund_proposals_need_assessment_id_needs_assessments"),
            "fund_proposals",
            "needs_assessments",
            ["need_assessment_id"],
            ["id"],
        )
    op.add_column(
        "fund_proposals",
        sa.Column("need_pillar", sa.String(length=40), nullable=False, server_default=""),
    )
    op.create_index(
        op.f("ix_fund_proposals_need_assessment_id"),
        "fund_proposals",
        ["need_assessment_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_fund_proposals_need_assessment_id"), table_name="fund_proposals")
    op.drop_column("fund_proposals", "need_pillar")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(
            op.f("fk_fund_proposals_need_assessment_id_needs_assessments"),
            "fund_proposals",
            type_="foreignkey",
        )
    op.drop_column("fund_proposals", "need_assessment_id")
    for column in ("municipality_id", "year", "questionnaire_id", "version"):
        op.drop_index(op.f(f"ix_needs_assessments_{column}"), table_name="needs_assessments")
    op.drop_table("needs_assessments")
    op.drop_index(op.f("ix_needs_questionnaires_version"), table_name="needs_questionnaires")
    op.drop_table("needs_questionnaires")
