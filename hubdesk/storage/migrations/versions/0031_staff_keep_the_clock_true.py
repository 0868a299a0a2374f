"""a staff login moves the hub's clock on, never back nor far past the server's time

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-09 10:15:00.000000

Every change a staff PC saves continues the hub's clock (``storage/server_clock.py``), so
revision 0027 let a staff login write ``installation.hlc_last``; from ``psql`` a staff member
could then set it a month ahead. Every change anyone saved after that was stamped a month ahead,
and a municipality refuses a stamp further ahead of its own clock than the allowed drift
(``HybridLogicalClock.observe``): every bundle of the hub would be refused everywhere. A
trigger on ``installation`` now refuses, to every login but the owner of the table (who
migrates and restores) and superusers, a clock that goes back, or whose time goes further past
the server's own time than that same drift. A clock already that far ahead (the server's time
set back since) is not moved further, but the counter within its millisecond still moves on,
so the staff's work goes on. The refusal has a SQLSTATE of HubDesk's own
(``server_errors.CLOCK_REFUSED``), which HubDesk shows as one line. Nothing changes on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSED = "HD001"  # server_errors.CLOCK_REFUSED
# As ``hubdesk.domain.hlc`` has them today, written out: a migration does what it did when it
# was written (tests/storage/test_migrations_frozen.py tells when a later one must remake this).
COUNTER_BITS = 16
DEFAULT_MAX_DRIFT_MS = 86_400_000

# Not SECURITY DEFINER: ``current_user`` is the login writing. The owner of the table stands for
# the schema's owner, as in 0027's functions (a restore makes the restoring owner's tables).
CLOCK_KEPT = """
CREATE OR REPLACE FUNCTION hubdesk_clock_kept() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  server_ms bigint;
BEGIN
  IF NEW.hlc_last IS NOT DISTINCT FROM OLD.hlc_last
     OR pg_has_role(current_user,
                    (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RETURN NEW;
  END IF;
  IF NEW.hlc_last < OLD.hlc_last THEN
    RAISE EXCEPTION 'hubdesk: the clock of the hub may not go back'
      USING ERRCODE = '{refused}';
  END IF;
  server_ms := CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS bigint);
  IF (NEW.hlc_last >> {bits}) > server_ms + {drift}
     AND (NEW.hlc_last >> {bits}) > (OLD.hlc_last >> {bits}) THEN
    RAISE EXCEPTION 'hubdesk: the clock of the hub may not go more than % ms past the server''s time',
      {drift} USING ERRCODE = '{refused}';
  END IF;
  RETURN NEW;
END
$fn$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    quote = bind.dialect.identifier_preparer.quote_identifier
    schema = quote(str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()))
    op.execute(CLOCK_KEPT.format(refused=REFUSED, bits=COUNTER_BITS, drift=DEFAULT_MAX_DRIFT_MS))
    # As 0027's functions: only the schema on the path, and nobody calls it but as a trigger.
    op.execute(f"ALTER FUNCTION {schema}.hubdesk_clock_kept() SET search_path = {schema}, pg_temp")
    op.execute(f"REVOKE ALL ON FUNCTION {schema}.hubdesk_clock_kept() FROM PUBLIC")
    op.execute(
        "CREATE TRIGGER installation_clock BEFORE UPDATE ON installation "
        "FOR EACH ROW EXECUTE FUNCTION hubdesk_clock_kept()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS installation_clock ON installation")
    op.execute("DROP FUNCTION IF EXISTS hubdesk_clock_kept()")
