"""engagements with other levels of government, and help desk requests with their thread

Revision ID: 0022
Revises: 0024
Create Date: 2026-12-04 17:30:00.000000

Three new tables, no existing row changes: a city's engagements (its record), its questions to
the hub's Help Desk (its record), and the messages on each question (the hub's answers, signed
like its comments on proposals, and the city's follow-ups).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0022"
down_revision: str | None = "0024"
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
        "engagements",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("counterpart", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("engaged_on", sa.Date(), nullable=False),
        sa.Column("pillars", sa.String(length=200), nullable=False),
        sa.Column("raised", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("follow_up_done", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("themes", sa.String(length=200), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_engagements_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
    )
    op.create_table(
        "helpdesk_requests",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("asked_by", sa.String(length=120), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_helpdesk_requests_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_helpdesk_requests")),
    )
    op.create_table(
        "helpdesk_messages",
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("author_role", sa.String(length=20), nullable=False),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("written_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["helpdesk_requests.id"],
            name=op.f("fk_helpdesk_messages_request_id_helpdesk_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_helpdesk_messages")),
    )
    for table, columns in (
        ("engagements", ("municipality_id", "engaged_on", "version")),
        ("helpdesk_requests", ("municipality_id", "asked_on", "version")),
        ("helpdesk_messages", ("request_id", "version")),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def downgrade() -> None:
    for table in ("helpdesk_messages", "helpdesk_requests", "engagements"):
        op.drop_table(table)
