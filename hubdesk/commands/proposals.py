"""``hubdesk proposals``: the fund proposals a hub or municipality would script, and their
comment thread (``list``, ``thread``, ``comment``)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk.commands.common import CliEnv
from hubdesk.domain.enums import ProposalStatus, Role, Theme
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_datetime


def register(sub: Any) -> None:
    proposals = sub.add_parser(
        "proposals",
        help=_("list fund proposals, read and write their comment threads"),
        description=_(
            "Fund proposals and the comment thread between the municipality and the hub."
        ),
    )
    actions = proposals.add_subparsers(dest="proposals_action", metavar=_("ACTION"), required=True)

    listing = actions.add_parser(
        "list",
        help=_("list the fund proposals this installation sees"),
        description=_("List the fund proposals this installation sees, newest reference first."),
    )
    listing.add_argument(
        "--status",
        choices=[s.value for s in ProposalStatus],
        help=_("only proposals in this status"),
    )
    listing.add_argument(
        "--theme", choices=[t.value for t in Theme], metavar="CODE", help=_("only this theme")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    thread = actions.add_parser(
        "thread",
        help=_("print the comment thread of a proposal, oldest first"),
        description=_("Print the comment thread of a proposal, oldest first."),
    )
    thread.add_argument("--id", required=True, metavar="ID", help=_("the proposal's id"))
    thread.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    thread.set_defaults(handler=run_thread)

    comment = actions.add_parser(
        "comment",
        help=_("add a comment to a proposal's thread"),
        description=_(
            "Add a comment to a proposal's thread. It reaches the other side with the next "
            "bundle; a comment cannot be changed afterwards."
        ),
    )
    comment.add_argument("--id", required=True, metavar="ID", help=_("the proposal's id"))
    comment.add_argument("--text", required=True, metavar="TEXT", help=_("the comment"))
    comment.add_argument(
        "--name",
        metavar="NAME",
        help=_("who writes it (default: this installation's name)"),
    )
    comment.set_defaults(handler=run_comment)


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import fund
    from hubdesk.services.listing import Page

    ctx = env.context()
    found = fund.list_proposals(
        ctx,
        fund.ProposalFilter(status=args.status, theme=args.theme),
        Page(order_by="reference", descending=True, limit=None),
    )
    if args.json:
        rows = [
            {
                "id": p.id,
                "reference": p.reference,
                "title": p.title,
                "status": p.status,
                "municipality_id": p.municipality_id,
                "themes": p.themes,
            }
            for p in found
        ]
        env.out(json.dumps(rows, ensure_ascii=False))
        return 0
    if not found:
        env.out(_("No fund proposals."))
    for p in found:
        env.out(f"{p.id}  {p.reference}  {ProposalStatus(p.status).label}  {p.title}")
    return 0


def run_thread(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import thread

    ctx = env.context()
    entries = thread.proposal_thread(ctx, args.id)
    if args.json:
        rows = [
            {
                "id": e.id,
                "written_at": e.written_at.isoformat(),
                "author_role": e.author_role,
                "author_name": e.author_name,
                "body": e.body,
                "status": e.status,
                "on_status_change": e.on_change,
            }
            for e in entries
        ]
        env.out(json.dumps(rows, ensure_ascii=False))
        return 0
    if not entries:
        env.out(_("No comments on this proposal yet."))
    for e in entries:
        env.out(entry_heading(e.written_at, e.author_role, e.author_name, e.status))
        for line in e.body.splitlines() or [""]:
            env.out(f"    {line}")
    return 0


def entry_heading(written_at: Any, role: str, name: str, status: str | None) -> str:
    """``5 May 2026, 10:02 · Regional hub · Elira · with: Under review``."""
    parts = [format_datetime(written_at, fmt="short"), Role(role).label]
    if name:
        parts.append(name)
    if status:
        parts.append(_("with: {status}").format(status=ProposalStatus(status).label))
    return " · ".join(parts)


def run_comment(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import thread

    with env.locked():
        ctx = env.context()
        thread.add_comment(ctx, args.id, args.text, args.name)
    env.out(_("Comment added; it leaves with the next bundle."))
    return 0
