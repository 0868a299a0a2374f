"""the server enforces what each staff login may write

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-05 12:30:00.000000

On a hub's PostgreSQL server each staff member has a login of their own. Until now the README
had the administrator GRANT ALL on every table to each login, so anyone could open psql and
write what HubDesk refuses (put themselves on the staff list as administrator, rewrite the audit
trail, change the peers). From here the server's rights follow HubDesk's staff list:

- ``hubdesk_login_rights(login)`` gives one login what its place on the list allows, and takes
  everything else away: SELECT on every table; INSERT, UPDATE, DELETE on the records and the
  hub's working tables; the audit trail and the bundle log append-only (the audit trail's
  ``person`` is never written by hand: the server fills it in); on ``installation`` only the
  clock, the language and the name; on ``sync_peers`` only the exchange counters an import or
  export moves. An administrator may also write the staff list, the peers and the installation
  row, and run ``hubdesk_staff_rights()``. A login that is not (or no longer) an active member,
  or a role that cannot log in, has no right on any table. The owner of the schema and superusers are left alone.
- A trigger on ``staff`` runs it for every login added, changed or removed, whoever writes the
  list, so the rights always follow it. The functions are SECURITY DEFINER (they run as the
  schema's owner, so every grant has one grantor and a later REVOKE removes it) with a fixed
  search path; the login is quoted as an identifier (``format('%I')``).
- ``hubdesk_staff_rights()`` brings every login in line: those on the list, and any other login
  holding a right on the schema's tables (the GRANT ALL of the old README). This migration
  runs it once; it is run again after every later migration (``server.open_server_database``)
  and by ``hubdesk staff rights``.

Nothing changes on SQLite, where one person works on the file.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables staff may not freely write; every other table of the schema is INSERT/UPDATE/DELETE.
RESTRICTED = (
    "alembic_version",
    "audit_log",
    "installation",
    "staff",
    "sync_bundles",
    "sync_peers",
    "sync_trusted_hubs",
)
PEER_COUNTERS = (
    "next_out_sequence",
    "last_out_at",
    "last_in_sequence",
    "last_in_at",
    "acked_out_sequence",
    "acked_audit_mark",
)

LOGIN_RIGHTS = """
CREATE OR REPLACE FUNCTION hubdesk_login_rights(who text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
  here text := current_schema();
  member_role text;
  tbl text;
  audit_columns text;
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
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO audit_columns
  FROM pg_attribute
  WHERE attrelid = format('%I.audit_log', here)::regclass
    AND attnum > 0 AND NOT attisdropped AND attname <> 'person';
  EXECUTE format('GRANT INSERT (%s) ON %I.audit_log TO %I', audit_columns, here, who);
  EXECUTE format('GRANT INSERT ON %I.sync_bundles TO %I', here, who);
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

STAFF_RIGHTS = """
CREATE OR REPLACE FUNCTION hubdesk_staff_rights() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
  here oid := (SELECT oid FROM pg_namespace WHERE nspname = current_schema());
  who text;
BEGIN
  FOR who IN
    SELECT login FROM staff
    UNION
    SELECT r.rolname FROM pg_class c
      CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
      WHERE c.relnamespace = here
    UNION
    SELECT r.rolname FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid
      CROSS JOIN LATERAL aclexplode(t.attacl) a JOIN pg_roles r ON r.oid = a.grantee
      WHERE c.relnamespace = here
  LOOP
    PERFORM hubdesk_login_rights(who);
  END LOOP;
END
$fn$
"""

STAFF_CHANGED = """
CREATE OR REPLACE FUNCTION hubdesk_staff_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM hubdesk_login_rights(OLD.login);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM hubdesk_login_rights(NEW.login);
  END IF;
  RETURN NULL;
END
$fn$
"""

FUNCTIONS = ("hubdesk_login_rights(text)", "hubdesk_staff_rights()", "hubdesk_staff_changed()")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    quote = bind.dialect.identifier_preparer.quote_identifier
    schema = quote(str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()))
    restricted = ", ".join(f"'{name}'" for name in RESTRICTED)
    # The function bodies refer to each other, so make them all before fixing their path.
    op.execute(STAFF_RIGHTS)
    op.execute(LOGIN_RIGHTS.format(restricted=restricted, counters=", ".join(PEER_COUNTERS)))
    op.execute(STAFF_CHANGED)
    for function in FUNCTIONS:
        # Run as the owner: only with the schema on the path (no object a login made first
        # elsewhere can stand in), and nobody but the owner calls them unless granted.
        op.execute(f"ALTER FUNCTION {schema}.{function} SET search_path = {schema}, pg_temp")
        op.execute(f"REVOKE ALL ON FUNCTION {schema}.{function} FROM PUBLIC")
    op.execute(
        "CREATE TRIGGER staff_rights AFTER INSERT OR UPDATE OR DELETE ON staff "
        "FOR EACH ROW EXECUTE FUNCTION hubdesk_staff_changed()"
    )
    op.execute("SELECT hubdesk_staff_rights()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS staff_rights ON staff")
    for function in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
