"""``hubdesk periods``: quarters submitted to the hub, from the command line.

A municipality lists, submits and reopens its quarters; the hub lists every municipality's and
accepts or returns a submitted one. The same services as the window's Periods page.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk.commands.common import CliEnv
from hubdesk.i18n import _, current_language
from hubdesk.i18n.formatting import format_datetime
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import periods
from hubdesk.services.periods import MunicipalityPeriods, QuarterState


def register(sub: Any) -> None:
    group = sub.add_parser(
        "periods",
        help=_("submit quarters to the hub; accept or return them on the hub"),
        description=_(
            "Quarters of records submitted to the hub. A submitted or accepted quarter is "
            "locked until the municipality reopens it with a reason."
        ),
    )
    actions = group.add_subparsers(dest="periods_command", metavar=_("ACTION"), required=True)

    listing = actions.add_parser(
        "list",
        help=_("show each quarter and its state"),
        description=_("Show each quarter and its state (per municipality on the hub)."),
    )
    listing.add_argument("--municipality", metavar="NAME", help=_("only this municipality"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    def step(name: str, help_text: str, hub: bool, comment_help: str, needs: bool) -> None:
        parser = actions.add_parser(name, help=help_text, description=help_text)
        parser.add_argument(
            "--quarter", required=True, metavar="YYYY-Qn", help=_("the quarter, e.g. 2026-Q3")
        )
        if hub:
            parser.add_argument(
                "--municipality", required=True, metavar="NAME", help=_("the municipality")
            )
        parser.add_argument(
            "--comment", required=needs, default="", metavar="TEXT", help=comment_help
        )
        parser.set_defaults(handler=run_step, step=name)

    step("submit", _("submit an ended quarter to the hub"), False, _("a note for the hub"), False)
    step(
        "accept",
        _("accept a submitted quarter (hub)"),
        True,
        _("a note for the municipality"),
        False,
    )
    step(
        "return",
        _("return a submitted quarter with a comment (hub)"),
        True,
        _("what the municipality must correct"),
        True,
    )
    step(
        "reopen",
        _("reopen a submitted or accepted quarter to correct it"),
        False,
        _("why it is reopened (the hub sees it)"),
        True,
    )


def _row(q: QuarterState) -> dict[str, Any]:
    return {
        "quarter": q.quarter,
        "state": q.state,
        "at": q.at.isoformat() if q.at else None,
        "comment": q.comment,
        "locked": q.locked,
    }


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    if ctx.is_hub:
        towns = periods.hub_overview(ctx)
        if args.municipality:
            wanted = periods.find_municipality(ctx, args.municipality)
            towns = [t for t in towns if t.municipality_id == wanted]
    else:
        name = ctx.municipality_id or ""
        towns = [MunicipalityPeriods(name, "", periods.own_quarters(ctx))]
    if args.json:
        data = [
            {
                "municipality_id": t.municipality_id,
                "name": t.name,
                "quarters": list(map(_row, t.quarters)),
            }
            for t in towns
        ]
        env.out(json.dumps(data if ctx.is_hub else data[0]["quarters"], ensure_ascii=False))
        return 0
    lang = current_language()
    for town in towns:
        if ctx.is_hub:  # as the window names it: "Kumanovo" in English, "Куманово" in Macedonian
            env.out(name_for_language(town.name, town.name_other_script, lang, town.country))
        if not town.quarters:
            env.out("  " + _("No quarter to show yet."))
        for q in town.quarters:
            when = format_datetime(q.at) if q.at else ""
            line = f"  {q.quarter}  {q.label:<22} {when}"
            env.out((line + (f"  {q.comment}" if q.comment else "")).rstrip())
    return 0


def run_step(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        if args.step == "submit":
            step = periods.submit(ctx, args.quarter, args.comment)
            env.out(_("Quarter {quarter} submitted to the hub; its records are locked.").format(
                quarter=step.quarter))  # fmt: skip
        elif args.step == "reopen":
            step = periods.reopen(ctx, args.quarter, args.comment)
            env.out(
                _("Quarter {quarter} reopened; submit it again when it is corrected.").format(
                    quarter=step.quarter
                )
            )
        else:
            town = periods.find_municipality(ctx, args.municipality)
            if args.step == "accept":
                step = periods.accept(ctx, town, args.quarter, args.comment)
                text = _("Quarter {quarter} of {name} accepted.")
            else:
                step = periods.return_quarter(ctx, town, args.quarter, args.comment)
                text = _("Quarter {quarter} of {name} returned to the municipality.")
            # The town as its list names it, not as typed ("нови пазар", " 2026-q3").
            env.out(text.format(quarter=step.quarter, name=periods.shown_name(ctx, town)))
    return 0
