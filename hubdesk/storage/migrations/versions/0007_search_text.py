"""a folded search text beside each searchable record

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 10:00:00.000000

Lists search with plain ``LIKE`` on one column kept folded for every script (case, Unicode
form, Serbian and Macedonian Cyrillic in Latin letters: ``hubdesk.domain.search``), instead of
``lower(col) LIKE lower(?)``, which folds only ASCII. The column is derived and never synced;
existing rows get theirs here, made by the same function the program uses, so this revision
changes no synced value.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from hubdesk.domain.search import fold

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000
# The fields searched in each table when this revision was written (hubdesk.domain.search).
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "members": ("name", "organisation"),
    "meetings": ("place", "agenda", "minutes"),
    "action_items": ("title",),
    "youth_activities": ("title", "place", "partners"),
    "fund_proposals": ("reference", "title", "summary"),
}


def upgrade() -> None:
    conn = op.get_bind()
    for table, fields in SEARCH_FIELDS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("search_text", sa.Text(), nullable=False, server_default="")
            )
        names = ", ".join(f'"{name}"' for name in fields)
        rows = conn.exec_driver_sql(f'SELECT "id", {names} FROM "{table}"').fetchall()
        for start in range(0, len(rows), BATCH):
            conn.exec_driver_sql(
                f'UPDATE "{table}" SET "search_text" = ? WHERE "id" = ?',
                [
                    ("\n".join(fold(value or "") for value in row[1:]), row[0])
                    for row in rows[start : start + BATCH]
                ],
            )


def downgrade() -> None:
    for table in SEARCH_FIELDS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("search_text")
