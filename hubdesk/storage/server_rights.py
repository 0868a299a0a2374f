"""What each staff login may do on a hub's PostgreSQL server: the rights follow the staff list.

HubDesk checks a person's role itself (``services/staff.py``), but a staff member can also open
``psql`` with their own login; so the server enforces it too. Migration 0027 made the functions
that do it: a trigger on ``staff`` gives each login added, changed or removed what its role
needs (and takes the rest away), and ``hubdesk_staff_rights()`` brings every login in line,
including any that still holds the GRANT ALL an older README asked for. A staff login reads
every table, writes the records, appends to the audit trail and the bundle log, and moves only
the clock and the exchange counters; an administrator also writes the staff list, the peers and
the installation. The owner of the schema (the login that set the hub up) keeps every right:
it alone migrates and restores. Logins are passed as bound values and quoted as identifiers by
the server (``format('%I')``), never formatted into SQL here.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from hubdesk.storage.db import Database

_HAS_FUNCTION = text("SELECT to_regproc('hubdesk_staff_rights') IS NOT NULL")


def login_exists(session: Session, login: str) -> bool:
    """Whether the server has this login (its administrator creates it with createuser)."""
    found = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login})
    return found.first() is not None


def bring_in_line(connection: Connection | Session) -> None:
    """Every login's rights as the staff list says (a database from before 0027 has no such
    function: then there is nothing to bring in line yet)."""
    if connection.execute(_HAS_FUNCTION).scalar():
        connection.execute(text("SELECT hubdesk_staff_rights()"))


def connected_login(db: Database) -> str:
    """The login this PC connects with, as the server sees it (no table right is needed)."""
    with db.engine.connect() as connection:
        return str(connection.execute(text("SELECT current_user")).scalar_one())
