"""no indexes on the deleted flags

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 14:04:42.267158

Nearly every row has deleted = 0, so an index on the flag narrows nothing, yet without table
statistics SQLite took it for a good join path: the dashboard's attendance rate read the whole
attendance table once per meeting (55 ms on a small demo, growing with meetings x attendance).
Dropping the indexes lets the planner join through meeting_id and the other real keys.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "municipalities",
    "teams",
    "members",
    "meetings",
    "attendance",
    "meeting_guests",
    "decisions",
    "action_items",
    "youth_activities",
    "fund_proposals",
    "budget_lines",
    "proposal_status_changes",
    "fund_decisions",
)


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_deleted", table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_deleted", table, ["deleted"], unique=False)
