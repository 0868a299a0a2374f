"""covering indexes for the dashboard's attendance and action item counts

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 14:45:00.000000

On a hub of about a million records the dashboard's heaviest question is attendance per
meeting over twelve months (a third of some 700,000 attendance rows): through the index on
``meeting_id`` alone SQLite reads every one of those rows from the table to see its status and
deleted flag. With ``(meeting_id, status, deleted)`` it counts them in the index. The same for
open, overdue and done action items, read by status with their deleted flag and dates. Only
indexes: no value changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_attendance_meeting_status", "attendance", ["meeting_id", "status", "deleted"]
    )
    op.create_index(
        "ix_action_items_status_dates", "action_items", ["status", "deleted", "due_on", "done_on"]
    )


def downgrade() -> None:
    op.drop_index("ix_action_items_status_dates", table_name="action_items")
    op.drop_index("ix_attendance_meeting_status", table_name="attendance")
