"""peer exchanges between cities and good practices

Revision ID: 0021
Revises: 0018
Create Date: 2026-12-04 17:10:53.938290

Each city's own part of an exchange, its good practices, the hub's answers to them and the
practices the hub publishes to every city are synced records; ``exchange_links`` holds the
hub's hand decisions joining or separating parts, a table of the hub's own that never travels.
New tables only: no existing row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base


revision: str = "0021"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exchange_links",
        sa.Column("part_id", sa.String(length=36), nullable=False),
        sa.Column("exchange_key", sa.String(length=36), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=63), nullable=False),
        sa.PrimaryKeyConstraint("part_id", name=op.f("pk_exchange_links")),
    )
    with op.batch_alter_table("exchange_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exchange_links_exchange_key"), ["exchange_key"], unique=False
        )

    op.create_table(
        "published_practices",
        sa.Column("source_id", sa.String(length=36), nullable=False),
        sa.Column("municipality_name", sa.String(length=120), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("pillar", sa.String(length=40), nullable=False),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("partners", sa.Text(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column(
            "cost_minor", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("adapt", sa.Text(), nullable=False),
        sa.Column("contact_role", sa.String(length=200), nullable=False),
        sa.Column("summary_en", sa.Text(), nullable=False),
        sa.Column("summary_local", sa.Text(), nullable=False),
        sa.Column("summary_language", sa.String(length=10), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        sa.Column("themes", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_practices")),
    )
    with op.batch_alter_table("published_practices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_published_practices_source_id"), ["source_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_published_practices_version"), ["version"], unique=False
        )

    op.create_table(
        "exchange_parts",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("host_name", sa.String(length=120), nullable=False),
        sa.Column("partner_names", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("pillar", sa.String(length=40), nullable=False),
        sa.Column(
            "participants", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "participants_women",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("learned", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("themes", sa.String(length=200), nullable=False),
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
            name=op.f("fk_exchange_parts_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_parts")),
    )
    with op.batch_alter_table("exchange_parts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exchange_parts_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_exchange_parts_starts_on"), ["starts_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_exchange_parts_version"), ["version"], unique=False)

    op.create_table(
        "good_practices",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("proposal_id", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("pillar", sa.String(length=40), nullable=False),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("partners", sa.Text(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column(
            "cost_minor", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("adapt", sa.Text(), nullable=False),
        sa.Column("contact_role", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column(
            "submission", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("themes", sa.String(length=200), nullable=False),
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
            name=op.f("fk_good_practices_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["fund_proposals.id"],
            name=op.f("fk_good_practices_proposal_id_fund_proposals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_good_practices")),
    )
    with op.batch_alter_table("good_practices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_good_practices_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_good_practices_proposal_id"), ["proposal_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_good_practices_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_good_practices_version"), ["version"], unique=False)

    op.create_table(
        "practice_curations",
        sa.Column("practice_id", sa.String(length=36), nullable=False),
        sa.Column(
            "submission", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["good_practices.id"],
            name=op.f("fk_practice_curations_practice_id_good_practices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_curations")),
    )
    with op.batch_alter_table("practice_curations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_curations_practice_id"), ["practice_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_practice_curations_version"), ["version"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_curations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_curations_version"))
        batch_op.drop_index(batch_op.f("ix_practice_curations_practice_id"))

    op.drop_table("practice_curations")
    with op.batch_alter_table("good_practices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_good_practices_version"))
        batch_op.drop_index(batch_op.f("ix_good_practices_status"))
        batch_op.drop_index(batch_op.f("ix_good_practices_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_good_practices_municipality_id"))

    op.drop_table("good_practices")
    with op.batch_alter_table("exchange_parts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_parts_version"))
        batch_op.drop_index(batch_op.f("ix_exchange_parts_starts_on"))
        batch_op.drop_index(batch_op.f("ix_exchange_parts_municipality_id"))

    op.drop_table("exchange_parts")
    with op.batch_alter_table("published_practices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_published_practices_version"))
        batch_op.drop_index(batch_op.f("ix_published_practices_source_id"))

    op.drop_table("published_practices")
    with op.batch_alter_table("exchange_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_links_exchange_key"))

    op.drop_table("exchange_links")
