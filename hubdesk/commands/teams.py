"""``hubdesk teams``: a municipality's teams from the command line.

A municipality set up with ``hubdesk init`` has no team yet, and its members are imported into
one (``hubdesk table import members --team``): this lists the teams and adds one, through the
same service and rules as the window's Team page.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk.commands.common import CliEnv, iso_date
from hubdesk.domain.enums import TeamKind
from hubdesk.i18n import _, ngettext
from hubdesk.services import team


def register(sub: Any) -> None:
    group = sub.add_parser(
        "teams",
        help=_("list the municipality's teams, or add one"),
        description=_(
            "The municipality's teams (a Community Action Team, a local safety council...): "
            "members are imported into one of them."
        ),
    )
    actions = group.add_subparsers(dest="teams_command", metavar=_("ACTION"), required=True)

    listing = actions.add_parser("list", help=_("list the teams"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help=_("add a team"))
    add.add_argument("--name", required=True, metavar="TEXT")
    add.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in TeamKind],
        help=_("kind of team"),
    )
    add.add_argument("--established", dest="established_on", type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument(
        "--mandate",
        dest="mandate_ref",
        default="",
        metavar="TEXT",
        help=_("the decision that set the team up"),
    )
    add.set_defaults(handler=run_add)


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    teams = team.list_teams(ctx)
    counts = {t.id: team.count_members(ctx, team.MemberFilter(team_id=t.id)) for t in teams}
    if args.json:
        rows = [
            {"id": t.id, "name": t.name, "kind": t.kind, "members": counts[t.id]} for t in teams
        ]
        env.out(json.dumps(rows, ensure_ascii=False))
        return 0
    if not teams:
        env.out(_("No team yet. Add one: hubdesk teams add --name NAME --kind cat"))
        return 0
    for t in teams:
        kind = TeamKind(t.kind).label
        line = ngettext(
            "{name} ({kind}): {count} active member  [{id}]",
            "{name} ({kind}): {count} active members  [{id}]",
            counts[t.id],
        )
        env.out(line.format(name=t.name, kind=kind, count=counts[t.id], id=t.id))
    return 0


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    data: dict[str, Any] = {"name": args.name, "kind": args.kind, "mandate_ref": args.mandate_ref}
    if args.established_on is not None:
        data["established_on"] = args.established_on
    with env.locked():
        created = team.create_team(ctx, data)
    env.out(_("Team added ({id}).").format(id=created.id))
    return 0
