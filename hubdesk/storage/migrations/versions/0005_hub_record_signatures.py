"""hub record signatures and the hub a field laptop trusts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00.000000

Records only the hub may write (fund decisions, the hub's status changes on proposals) carry the
hub's own Ed25519 signature over the whole row, so that a municipality relaying them to its field
laptops cannot alter or invent them. Rows written before this revision have no signature yet: the
hub signs its own when it next exports them (``hubdesk.sync.authority.sign_hub_rows``).

A field laptop never exchanges bundles with the hub, so the hub's public key it verifies those
signatures with is kept apart from its peers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hubdesk.domain.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNED_TABLES = ("proposal_status_changes", "fund_decisions")


def upgrade() -> None:
    for table in SIGNED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("hub_signature", sa.String(length=100), nullable=True))
    op.create_table(
        "sync_trusted_hubs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("signing_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=60), nullable=False),
        sa.Column("learnt_from", sa.String(length=20), nullable=False),
        sa.Column("learnt_at", hubdesk.domain.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_trusted_hubs")),
    )


def downgrade() -> None:
    op.drop_table("sync_trusted_hubs")
    for table in SIGNED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("hub_signature")
