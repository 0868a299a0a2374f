"""names of municipalities and teams in both scripts

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00.000000

Serbia, Montenegro, Bosnia and Herzegovina and North Macedonia write names in Cyrillic and in
Latin letters; reports print the one their language writes (``hubdesk.i18n.scripts``). The
second form is kept beside the name as typed. Existing rows get an empty one, which the program
reads as "make it by transliteration", so this revision changes no synced value.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LENGTHS = {"municipalities": 120, "teams": 200}  # those of the name beside it


def upgrade() -> None:
    for table, length in LENGTHS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "name_other_script",
                    sa.String(length=length),
                    nullable=False,
                    server_default="",
                )
            )


def downgrade() -> None:
    for table in LENGTHS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("name_other_script")
