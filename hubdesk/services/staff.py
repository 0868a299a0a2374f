"""The staff of a hub on a PostgreSQL server, and what only its administrators may do.

Each staff member connects with a database login of their own (created by the server's
administrator, README "A hub on a PostgreSQL server"); HubDesk keeps which logins belong to the
hub and which of them administer it. Administrators manage peers, keys, restores and the staff
list; everyone on the list works with records, imports and exports. The login of each change is
written into the audit trail by the database itself. On a PC's own file there is one person, who
may do everything.

The server enforces the same rights (``storage/server_rights.py``): writing the list makes the
server give each login what its role needs and take away the rest, so no one can write with
``psql`` what HubDesk would refuse them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from hubdesk.domain.staff import StaffMember, StaffRole
from hubdesk.i18n import N_
from hubdesk.services.context import NOT_ON_STAFF, ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.storage.server_errors import NoRights
from hubdesk.storage.server_rights import bring_in_line, login_exists

LOGIN = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")


def current_login(session: Session) -> str:
    return str(session.execute(text("SELECT current_user")).scalar_one())


def identify(ctx: ServiceContext) -> None:
    """Who is working, for a context on a server database; refuses a login not on the list.

    While the list is empty (the hub is being set up) the person setting it up is treated as
    its administrator, and is the first one ``add_first_admin`` writes."""
    if ctx.db.is_sqlite:
        return
    with ctx.read() as session:
        login = current_login(session)
        try:
            member = session.get(StaffMember, login)
            anyone = session.scalar(select(func.count()).select_from(StaffMember))
        except NoRights:  # the server gives a login off the list no right at all
            raise PermissionDenied(NOT_ON_STAFF, login=login) from None
    if not anyone:
        ctx.person, ctx.staff_role = login, StaffRole.ADMIN
        return
    if member is None or not member.active:
        raise PermissionDenied(NOT_ON_STAFF, login=login)
    ctx.person, ctx.staff_role = login, StaffRole(member.role)


def add_first_admin(ctx: ServiceContext, name: str = "") -> None:
    """On a new hub's server database: the login that set it up administers it (named by its
    login until an administrator writes the person's name with ``hubdesk staff add``)."""
    if ctx.db.is_sqlite:
        return
    with ctx.transaction() as session:
        if session.scalar(select(func.count()).select_from(StaffMember)):
            return
        login = current_login(session)
        session.add(
            StaffMember(login=login, name=name or login, role=StaffRole.ADMIN, added_by=login)
        )
    ctx.person, ctx.staff_role = login, StaffRole.ADMIN


def require_admin(ctx: ServiceContext) -> None:
    """Peers, keys, restores and the staff list are for the hub's administrators. The role is
    read again on a server: a window opened before an administrator was made staff (or taken
    off the list) has no rights left from then."""
    if ctx.db.is_sqlite:
        return
    identify(ctx)
    if ctx.staff_role is StaffRole.ADMIN:
        return
    raise PermissionDenied(N_("Only the hub's administrators may do this; ask one of them."))


def _require_server(ctx: ServiceContext) -> None:
    if ctx.db.is_sqlite:
        raise ValidationError.single(
            "login", N_("A staff list is kept only for a hub on a database server.")
        )


def list_staff(ctx: ServiceContext) -> list[StaffMember]:
    _require_server(ctx)
    with ctx.read() as session:
        return list(session.scalars(select(StaffMember).order_by(StaffMember.name)))


def add_staff(ctx: ServiceContext, data: Mapping[str, str]) -> StaffMember:
    """Put a database login on the staff list (the login itself is the server's to create)."""
    _require_server(ctx)
    require_admin(ctx)
    login, name = data.get("login", "").strip(), data.get("name", "").strip()
    role = data.get("role", StaffRole.STAFF)
    if not LOGIN.match(login):
        raise ValidationError.single(
            "login", N_("A login is lower-case letters, digits, '_', '.' or '-' (at most 63).")
        )
    if not name or len(name) > 200:
        raise ValidationError.single("name", N_("Write the person's name (at most 200 letters)."))
    if role not in {r.value for r in StaffRole}:
        raise ValidationError.single("role", N_("Unknown role."))
    with ctx.transaction() as session:
        if not login_exists(session, login):
            raise ValidationError.single(
                "login",
                N_(
                    "The database server has no login {login}. Create it on the server first "
                    "(createuser {login}), then add it here."
                ),
                login=login,
            )
        member = session.get(StaffMember, login)
        if member is None:
            member = StaffMember(login=login, name=name, role=role, added_by=ctx.person or "")
            session.add(member)
        else:
            if role != StaffRole.ADMIN:
                _stays_admin(session, member)  # named again without --admin: not demoted away
            member.name, member.role, member.active = name, role, True
        return member


def remove_staff(ctx: ServiceContext, login: str) -> StaffMember:
    """Take someone off the list (kept inactive, so the history still names them); the last
    administrator stays, or nobody could manage the hub."""
    _require_server(ctx)
    require_admin(ctx)
    with ctx.transaction() as session:
        member = session.get(StaffMember, login)
        if member is None or not member.active:
            raise NotFoundError(N_("staff member"), login)
        _stays_admin(session, member)
        member.active = False
        return member


def _stays_admin(session: Session, member: StaffMember) -> None:
    """Refuse taking ``member`` off the list or out of the administrators when the hub would
    be left without one, or when it is the login that owns the database: HubDesk then
    refused the owner everything, and only the owner can restore a backup."""
    if not member.active or member.role != StaffRole.ADMIN:
        return
    owner = session.scalar(
        text("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
    )
    if member.login == owner:
        raise ValidationError.single(
            "login",
            N_(
                "{login} owns the hub's database: it stays an administrator (it alone can "
                "restore a backup)."
            ),
            login=member.login,
        )
    admins = session.scalar(
        select(func.count())
        .select_from(StaffMember)
        .where(StaffMember.active, StaffMember.role == StaffRole.ADMIN)
    )
    if (admins or 0) <= 1:
        raise ValidationError.single("login", N_("The hub needs at least one administrator."))


def bring_rights_in_line(ctx: ServiceContext) -> list[StaffMember]:
    """Give every login on the list the server rights its role needs, and take every right
    from the logins that are not on it (after an upgrade from the GRANT ALL of an older
    README, or once the server's administrator has made a login again)."""
    _require_server(ctx)
    require_admin(ctx)
    with ctx.transaction() as session:
        bring_in_line(session)
    return list_staff(ctx)


def staff_names(ctx: ServiceContext) -> dict[str, str]:
    """login -> name, for showing who made a change."""
    if ctx.db.is_sqlite:
        return {}
    with ctx.read() as session:
        return {m.login: m.name for m in session.scalars(select(StaffMember))}
