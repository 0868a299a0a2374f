"""a staff login appends to the audit trail and the bundle log without choosing the numbers

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 11:40:00.000000

Revision 0027 let a staff login add to ``audit_log`` and ``sync_bundles`` but not change them;
it could still give a new row's ``id`` itself. From ``psql`` a staff member could then take the
numbers the server would hand out next, and every change anyone saved after that failed with the
database's own error, for as many numbers as were taken; or put an entry among the old ones of
the history. The ids come from the server's sequences only, in commit order (``sync/select.py``
relies on it): a staff login now inserts every column of the two logs but ``id`` (and, as
before, not the audit trail's ``person``). The function that gives a login its rights is made
again with that one change, and every login is brought in line. Nothing changes on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0027's function, but for the two logs' columns a staff login may insert (the ``id`` left out).
RESTRICTED = (
    "'alembic_version', 'audit_log', 'installation', 'staff', 'sync_bundles', 'sync_peers', "
    "'sync_trusted_hubs'"
)
PEER_COUNTERS = (
    "next_out_sequence, last_out_at, last_in_sequence, last_in_at, acked_out_sequence, "
    "acked_audit_mark"
)

LOGIN_RIGHTS = """
CREATE OR REPLACE FUNCTION hubdesk_login_rights(who text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
  here text := current_schema();
  member_role text;
  tbl text;
  columns text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
    RETURN;  -- a login the server no longer has (dropped): nothing to give or take
  END IF;
  IF pg_has_role(who, current_user, 'MEMBER')
     OR (SELECT rolsuper FROM pg_roles WHERE rolname = who) THEN
    RETURN;  -- the owner of the schema (or a superuser) keeps every right
  END IF;
  -- only a login gets rights: a group role named on the list would pass them to its members
  SELECT s.role INTO member_role FROM staff s JOIN pg_roles r ON r.rolname = s.login
  WHERE s.login = who AND s.active AND r.rolcanlogin;
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', here, who);
  EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', here, who);
  EXECUTE format('REVOKE ALL ON FUNCTION %I.hubdesk_staff_rights() FROM %I', here, who);
  IF member_role IS NULL THEN
    RETURN;
  END IF;
  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', here, who);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', here, who);
  FOR tbl IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = here AND tablename <> ALL (ARRAY[{restricted}])
  LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.%I TO %I', here, tbl, who);
  END LOOP;
  FOR tbl IN SELECT unnest(ARRAY['audit_log', 'sync_bundles']) LOOP
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute
    WHERE attrelid = format('%I.%I', here, tbl)::regclass
      AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('id', 'person');
    EXECUTE format('GRANT INSERT (%s) ON %I.%I TO %I', columns, here, tbl, who);
  END LOOP;
  EXECUTE format(
    'GRANT UPDATE (hlc_last, language, name) ON %I.installation TO %I', here, who);
  EXECUTE format('GRANT UPDATE ({counters}) ON %I.sync_peers TO %I', here, who);
  IF member_role = 'hub_admin' THEN
    EXECUTE format(
      'GRANT INSERT, UPDATE ON %I.staff, %I.sync_peers, %I.sync_trusted_hubs TO %I',
      here, here, here, who);
    EXECUTE format('GRANT DELETE ON %I.sync_trusted_hubs TO %I', here, who);
    EXECUTE format('GRANT UPDATE ON %I.installation TO %I', here, who);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.hubdesk_staff_rights() TO %I', here, who);
  END IF;
END
$fn$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    quote = bind.dialect.identifier_preparer.quote_identifier
    schema = quote(str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()))
    # CREATE OR REPLACE keeps the function's owner and grants, not its settings: the fixed
    # search path of 0027 is set again.
    op.execute(LOGIN_RIGHTS.format(restricted=RESTRICTED, counters=PEER_COUNTERS))
    op.execute(
        f"ALTER FUNCTION {schema}.hubdesk_login_rights(text) SET search_path = {schema}, pg_temp"
    )
    op.execute("SELECT hubdesk_staff_rights()")


def downgrade() -> None:
    """The rights stay as they are: 0027's function gave more, never less."""
