"""``hubdesk community``: community engagement activities from the command line.

A municipality records and lists its activities; the hub lists the region's, by municipality
and theme. Counts only, never names. The same services as the window's Community page.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, hub_towns, iso_date
from hubdesk.domain import CommunityActivity
from hubdesk.domain.community import Audience, CommunityActivityType
from hubdesk.domain.enums import InclusionGroup, Pillar, Theme
from hubdesk.domain.pillars import inclusion_column
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_date
from hubdesk.services import community
from hubdesk.services.community import CommunityFilter
from hubdesk.services.listing import Page


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _count(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number.").format(value=value)
        ) from None


def register(sub: Any) -> None:
    group = sub.add_parser(
        "community",
        help=_("community engagement activities with adults (counts only)"),
        description=_(
            "Community engagement activities: women's groups, religious communities, parents, "
            "minorities. Participants are counted by gender and inclusion group, never named."
        ),
    )
    actions = group.add_subparsers(dest="community_command", metavar=_("ACTION"), required=True)

    listing = actions.add_parser("list", help=_("list community activities"))
    listing.add_argument("--municipality", metavar="NAME", help=_("only this municipality (hub)"))
    listing.add_argument(
        "--theme", metavar="CODE", choices=[t.value for t in Theme], help=_("only this theme")
    )
    listing.add_argument(
        "--pillar", metavar="CODE", choices=[p.value for p in Pillar], help=_("only this pillar")
    )
    listing.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    listing.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help=_("record a community activity"))
    add.add_argument("--title", required=True, metavar="TEXT")
    add.add_argument(
        "--type",
        dest="activity_type",
        required=True,
        choices=[t.value for t in CommunityActivityType],
        help=_("kind of activity"),
    )
    add.add_argument("--date", dest="starts_on", required=True, type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--until", dest="ends_on", type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--place", default="", metavar="TEXT")
    add.add_argument("--partners", default="", metavar="TEXT")
    add.add_argument(
        "--audiences",
        type=_codes,
        default=[],
        metavar="A,B",
        help=_("who it was for: {codes}").format(codes=", ".join(a.value for a in Audience)),
    )
    add.add_argument("--pillars", type=_codes, default=[], metavar="A,B")
    add.add_argument(
        "--themes",
        type=_codes,
        default=[],
        metavar="A,B",
        help=_("themes: {codes}").format(codes=", ".join(t.value for t in Theme)),
    )
    for name in ("female", "male", "other"):
        add.add_argument(f"--{name}", type=_count, default=0, metavar="N")
    for group_code in InclusionGroup:
        add.add_argument(
            f"--{group_code.value.replace('_', '-')}",
            dest=inclusion_column(group_code),
            type=_count,
            default=0,
            metavar="N",
            help=_("participants counted in this inclusion group"),
        )
    add.add_argument("--outcome", default="", metavar="TEXT")
    add.set_defaults(handler=run_add, record_table="community_activities")


def as_json(a: CommunityActivity) -> dict[str, Any]:
    return {
        "id": a.id,
        "municipality_id": a.municipality_id,
        "title": a.title,
        "activity_type": a.activity_type,
        "audiences": a.audiences,
        "starts_on": a.starts_on.isoformat(),
        "ends_on": a.ends_on.isoformat() if a.ends_on else None,
        "place": a.place,
        "pillars": a.pillars,
        "themes": a.themes,
        "participants_total": a.participants_total,
        "by_gender": a.by_gender(),
        "inclusion": a.inclusion(),
        "outcome": a.outcome,
    }


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    municipality_id = None
    if args.municipality:
        if not ctx.is_hub:
            raise CliError(_("--municipality is for the hub, which sees every municipality."))
        from hubdesk.services.periods import find_municipality

        municipality_id = find_municipality(ctx, args.municipality)
    f = CommunityFilter(
        pillar=args.pillar,
        theme=args.theme,
        date_from=args.date_from,
        date_to=args.date_to,
        municipality_id=municipality_id,
    )
    rows = community.list_activities(ctx, f, Page(order_by="starts_on", descending=True))
    if args.json:
        env.out(json.dumps([as_json(a) for a in rows], ensure_ascii=False))
        return 0
    if not rows:
        env.out(_("No community activities recorded."))
        return 0
    whose = hub_towns(ctx)
    for a in rows:
        kind = CommunityActivityType(a.activity_type).label
        town = whose(a.municipality_id)
        env.out(f"{format_date(a.starts_on)}  {town}{a.title}  ({kind}, {a.participants_total})")
    return 0


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    data: dict[str, Any] = {
        "title": args.title,
        "activity_type": args.activity_type,
        "starts_on": args.starts_on,
        "ends_on": args.ends_on,
        "place": args.place,
        "partners": args.partners,
        "audiences": args.audiences,
        "pillars": args.pillars,
        "themes": args.themes,
        "n_female": args.female,
        "n_male": args.male,
        "n_other": args.other,
        "participants_total": args.female + args.male + args.other,
        "outcome": args.outcome,
    }
    for group_code in InclusionGroup:
        name = inclusion_column(group_code)
        data[name] = getattr(args, name)
    with env.locked():
        created = community.create_activity(ctx, data)
    env.out(_("Community activity recorded ({id}).").format(id=created.id))
    return 0
