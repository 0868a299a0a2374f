"""the fund's money flow: the decision in euros with a reporting schedule, tranches, reports

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 14:20:00.000000

A fund decision gains the rate the hub entered (kept as decimal text), the approved amount in
euro cents computed at that rate, and the due dates of the interim and final reports. Older
decisions keep these empty: no rate was ever entered for them, and none is invented.

Three new record kinds: the hub's tranches (planned and paid disbursements) and reports due,
both signed by the hub like its decisions, and the municipality's implementation reports. The
one final report a proposal held so far (``results``, ``report_submitted_on``) stays where it
is and still counts as the final report.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def _proposal_link(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["proposal_id"], ["fund_proposals.id"], name=op.f(f"fk_{table}_proposal_id_fund_proposals")
    )


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in ("version", *columns):
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("fund_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("eur_rate", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("amount_approved_eur_minor", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("interim_report_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("final_report_due", sa.Date(), nullable=True))

    op.create_table(
        "fund_tranches",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("amount_eur_minor", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_minor", sa.Integer(), nullable=True),
        sa.Column("paid_eur_minor", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        *_synced_columns(),
        _proposal_link("fund_tranches"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_tranches")),
    )
    _indexes("fund_tranches", "proposal_id")

    op.create_table(
        "fund_reports_due",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("hub_signature", sa.String(length=100), nullable=True),
        *_synced_columns(),
        _proposal_link("fund_reports_due"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_reports_due")),
    )
    _indexes("fund_reports_due", "proposal_id")

    op.create_table(
        "fund_reports",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("due_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        *_synced_columns(),
        _proposal_link("fund_reports"),
        sa.ForeignKeyConstraint(
            ["due_id"], ["fund_reports_due.id"], name=op.f("fk_fund_reports_due_id_fund_reports_due")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_reports")),
    )
    _indexes("fund_reports", "due_id", "proposal_id")


def downgrade() -> None:
    op.drop_table("fund_reports")
    op.drop_table("fund_reports_due")
    op.drop_table("fund_tranches")
    with op.batch_alter_table("fund_decisions", schema=None) as batch_op:
        batch_op.drop_column("final_report_due")
        batch_op.drop_column("interim_report_due")
        batch_op.drop_column("amount_approved_eur_minor")
        batch_op.drop_column("eur_rate")
