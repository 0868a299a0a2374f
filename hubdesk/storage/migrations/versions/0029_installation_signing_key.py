"""the installation keeps the public half of its signing key

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05 15:20:00.000000

The database did not know its own keys, so a backup could not say which keys it belongs to: a
restore over a lost database beside keys that name nobody (``storage/key_owner.py``) could not
tell another installation's backup from its own. The installation now keeps its signing key's
public half (base64, as its peers enrol it), written when the data folder is opened beside its
keys (``services/installation.name_keys``); a restore compares it with the folder's keys
(``storage/restore_keys.py``). Existing rows stay empty until that opening: nothing here reads
the keys.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE (as in 0026): a nullable column needs no copy of the table.
    op.add_column("installation", sa.Column("signing_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("installation", schema=None) as batch_op:
        batch_op.drop_column("signing_key")
