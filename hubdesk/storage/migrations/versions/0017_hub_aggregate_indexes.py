"""covering indexes for the hub's aggregates, and the planner's statistics

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-04 15:35:00.000000

The regional report counts, per municipality, the meetings of a period, their attendance and
their action items. On a hub of about a million records SQLite had no statistics and read
every attendance row, looking its meeting up, to keep those of the period. With an index on
meetings by start (with municipality, deleted flag and id) the period's meetings are found in
the index alone, and their attendance (``ix_attendance_meeting_status``, migration 0014) and
action items (the index below: meeting, deleted flag, status, due date) are counted in indexes
too. ``ANALYZE`` (on SQLite, a bounded sample of each index) gives the planner the statistics
it needs to choose these plans; a large import refreshes them (``storage/planner_stats.py``).
Only indexes and statistics: no value changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_meetings_period", "meetings", ["starts_at", "municipality_id", "deleted", "id"]
    )
    op.create_index(
        "ix_action_items_meeting_state",
        "action_items",
        ["meeting_id", "deleted", "status", "due_on"],
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA analysis_limit=1000")
        op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_index("ix_action_items_meeting_state", table_name="action_items")
    op.drop_index("ix_meetings_period", table_name="meetings")
