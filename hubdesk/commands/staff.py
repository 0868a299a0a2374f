"""``hubdesk staff``: who works on a hub whose database is on a server (services/staff.py).

The administrator creates each person's database login on the server first (createuser, see
the README); this command puts the login on the hub's staff list, with its role, and the
server then gives that login the rights its role needs (``storage/server_rights.py``).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk.commands.common import CliEnv
from hubdesk.domain.staff import StaffRole
from hubdesk.i18n import _
from hubdesk.services import staff


def register(sub: Any) -> None:
    group = sub.add_parser(
        "staff",
        help=_("the hub's staff logins and administrators (a hub on a database server)"),
        description=_(
            "The people who work on a hub whose database is on a PostgreSQL server: each has "
            "a database login of their own; administrators also manage peers, keys, restores "
            "and this list."
        ),
    )
    actions = group.add_subparsers(dest="staff_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("show the staff list"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)
    adding = actions.add_parser(
        "add", help=_("put a database login on the staff list (or change its name or role)")
    )
    adding.add_argument("login", metavar="LOGIN", help=_("the person's database login"))
    adding.add_argument("--name", required=True, metavar="NAME", help=_("the person's name"))
    adding.add_argument(
        "--admin", action="store_true", help=_("the person also administers the hub")
    )
    adding.set_defaults(handler=run_add)
    removing = actions.add_parser("remove", help=_("take a login off the staff list"))
    removing.add_argument("login", metavar="LOGIN", help=_("the person's database login"))
    removing.set_defaults(handler=run_remove)
    rights = actions.add_parser(
        "rights",
        help=_(
            "give every login on the list the server rights its role needs, and take them "
            "from logins not on it (after an upgrade)"
        ),
    )
    rights.set_defaults(handler=run_rights)


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    members = staff.list_staff(env.context())
    if args.json:
        rows = [
            {"login": m.login, "name": m.name, "role": m.role, "active": m.active} for m in members
        ]
        env.out(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for m in members:
        state = "" if m.active else " " + _("(removed)")
        env.out(f"{m.login:<20}  {StaffRole(m.role).label:<20}  {m.name}{state}")
    return 0


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    role = StaffRole.ADMIN if args.admin else StaffRole.STAFF
    member = staff.add_staff(env.context(), {"login": args.login, "name": args.name, "role": role})
    env.out(
        _("{name} ({login}) is on the staff list as {role}.").format(
            name=member.name, login=member.login, role=StaffRole(member.role).label
        )
    )
    return 0


def run_remove(args: argparse.Namespace, env: CliEnv) -> int:
    member = staff.remove_staff(env.context(), args.login)
    env.out(_("{login} is no longer on the staff list.").format(login=member.login))
    return 0


def run_rights(_args: argparse.Namespace, env: CliEnv) -> int:
    members = staff.bring_rights_in_line(env.context())
    for m in members:
        if m.active:
            env.out(f"{m.login:<20}  {StaffRole(m.role).label}")
    env.out(
        _(
            "The server's rights now follow the staff list; a login not on it has none on "
            "the hub's tables."
        )
    )
    return 0
