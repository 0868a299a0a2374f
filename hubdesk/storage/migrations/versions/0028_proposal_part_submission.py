"""a fund proposal's parts carry the submission they were written under

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-05 13:00:00.000000

A budget line, workplan activity or indicator carries the ``submission`` number its proposal had
when the part was written; the merge ranks it above the clock, so a field laptop's late edit or
addition of a part of a draft its office has since submitted loses instead of blocking the
laptop. Existing parts take their proposal's number (0026): every PC holding the same proposal
sets the same number, so the copies of a version agree.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PARTS = ("budget_lines", "proposal_activities", "proposal_indicators")


def upgrade() -> None:
    # Plain ALTER TABLE (as in 0026): a batch would copy the tables.
    for table in PARTS:
        op.add_column(
            table,
            sa.Column(
                "submission",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=False,
                server_default="0",
            ),
        )
        op.execute(
            f"UPDATE {table} SET submission = ("
            "SELECT p.submission FROM fund_proposals AS p "
            f"WHERE p.id = {table}.proposal_id)"
        )


def downgrade() -> None:
    for table in PARTS:
        op.drop_column(table, "submission")
