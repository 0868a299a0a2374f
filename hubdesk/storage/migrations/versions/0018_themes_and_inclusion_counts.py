"""themes on meetings, youth activities and proposals; youth participants by inclusion group

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 17:20:00.000000

The hub filters the region by theme (hate speech, interreligious dialogue, ...) beside the
pillars, and counts who the teams reach by inclusion group. Existing records get no theme and
zero counts: nothing was recorded about them before, and zero is what a report shows for that.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INCLUSION = ("roma", "disability", "returnee", "rural_border", "women")


def upgrade() -> None:
    # Plain ALTER TABLE on both databases: a batch would copy fund_proposals, which its
    # children's foreign keys refuse.
    for table in ("meetings", "youth_activities", "fund_proposals"):
        op.add_column(table, sa.Column("themes", sa.String(200), nullable=False, server_default=""))
    count = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    for code in INCLUSION:
        op.add_column(
            "youth_activities",
            sa.Column(f"inc_{code}", count, nullable=False, server_default="0"),
        )


def downgrade() -> None:
    for code in INCLUSION:
        op.drop_column("youth_activities", f"inc_{code}")
    for table in ("meetings", "youth_activities", "fund_proposals"):
        op.drop_column(table, "themes")
