"""the hub's staff, who made each change, and server column types

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 14:30:00.000000

A hub on a PostgreSQL server has several staff, each with a login of their own: ``staff`` says
who they are and whether they administer the hub, and every audit entry records the login that
made it (on a server the database fills it in itself; on a PC's own file there is one person,
so it stays empty).

On PostgreSQL only, two column kinds change: every integer column becomes 64-bit (a sum of
quantity times unit cost overflowed 32 bits; SQLite's integers are 64-bit already), and names
sort with ICU's root collation, which orders the region's alphabets (Latin letters with their
diacritics, Cyrillic) as people expect, rather than by code point. The integer columns are
found in the live schema, so every table made up to this revision is covered.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Columns people sort lists by; on a server they sort in the region's alphabets.
NAME_COLUMNS = {
    "municipalities": ("name", "name_other_script"),
    "teams": ("name", "name_other_script"),
    "members": ("name", "organisation"),
    "installation": ("name",),
    "sync_peers": ("name", "municipality_name"),
}
COLLATION = "und-x-icu"


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("login", sa.String(length=63), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=63), nullable=False, server_default=""),
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        with op.batch_alter_table("audit_log", schema=None) as batch_op:
            batch_op.add_column(sa.Column("person", sa.String(length=63), nullable=True))
        return
    op.add_column(
        "audit_log",
        sa.Column("person", sa.String(length=63), nullable=True, server_default=sa.text("current_user")),
    )
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        for column in inspector.get_columns(table):
            if isinstance(column["type"], sa.Integer) and not isinstance(column["type"], sa.BigInteger):
                op.alter_column(table, column["name"], type_=sa.BigInteger(), existing_type=column["type"])
                sequence = bind.execute(
                    sa.text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table, "c": column["name"]}
                ).scalar()
                if sequence:
                    op.execute(f"ALTER SEQUENCE {sequence} AS bigint")
    for table, columns in NAME_COLUMNS.items():
        lengths = {c["name"]: c["type"] for c in inspector.get_columns(table)}
        for name in columns:
            op.execute(
                f'ALTER TABLE {table} ALTER COLUMN {name} TYPE varchar({getattr(lengths[name], "length", 200)}) '
                f'COLLATE "{COLLATION}"'
            )


def downgrade() -> None:
    op.drop_table("staff")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("person")
