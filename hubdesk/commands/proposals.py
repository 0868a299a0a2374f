"""``hubdesk proposals``: the fund proposals a hub or municipality would script, and their
comment thread (``list``, ``thread``, ``comment``), their steps (``status``) and the hub's
decisions (``decide``), for a hub that records a committee's decisions from its minutes.

A proposal is named by its reference (MK-2026-003) or its id; the rules are the window's (the
same services), so a step or a decision the window would refuse changes nothing here either."""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk.commands.common import CliEnv, iso_date
from hubdesk.domain.enums import DECISION_OUTCOMES, ProposalStatus, Role, Theme
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
    thread.add_argument(
        "--id", required=True, metavar="ID", help=_("the proposal's id or reference")
    )
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
    comment.add_argument(
        "--id", required=True, metavar="ID", help=_("the proposal's id or reference")
    )
    comment.add_argument("--text", required=True, metavar="TEXT", help=_("the comment"))
    comment.add_argument(
        "--name",
        metavar="NAME",
        help=_("who writes it (default: this installation's name)"),
    )
    comment.set_defaults(
        handler=run_comment, field_options={"body": "--text", "author_name": "--name"}
    )

    status = actions.add_parser(
        "status",
        help=_("move a proposal to its next step (submit, review, implement, complete)"),
        description=_(
            "Move a proposal to its next step: the municipality submits it, starts its "
            "implementation and completes it; the hub starts its review. The hub's decisions "
            "are recorded with 'hubdesk proposals decide'."
        ),
    )
    status.add_argument(
        "--proposal", required=True, metavar="REF", help=_("the proposal's reference or id")
    )
    status.add_argument(
        "--to", required=True, choices=[s.value for s in ProposalStatus], help=_("the new status")
    )
    status.add_argument(
        "--comment", default="", metavar="TEXT", help=_("a comment for the thread, with the step")
    )
    status.set_defaults(handler=run_status, field_options={"body": "--comment"})

    decide = actions.add_parser(
        "decide",
        help=_("record the hub's decision on a proposal under review (the hub)"),
        description=_(
            "Record the hub's decision on a proposal under review: approve it (by default for "
            "the amount requested), reject it or ask for changes. It reaches the municipality "
            "with the next bundle."
        ),
    )
    decide.add_argument(
        "--proposal", required=True, metavar="REF", help=_("the proposal's reference or id")
    )
    decide.add_argument(
        "--outcome",
        required=True,
        choices=[str(ProposalStatus(o).value) for o in DECISION_OUTCOMES],
        help=_("the decision"),
    )
    decide.add_argument(
        "--amount",
        metavar="AMOUNT",
        help=_("the amount approved in the proposal's currency (default: the amount requested)"),
    )
    decide.add_argument("--rate", metavar="RATE", help=_("units of its currency for one euro"))
    decide.add_argument("--conditions", default="", metavar="TEXT", help=_("conditions"))
    decide.add_argument(
        "--comments", default="", metavar="TEXT", help=_("comments for the municipality")
    )
    decide.add_argument(
        "--on", dest="day", type=iso_date, metavar="YYYY-MM-DD", help=_("default: today")
    )
    decide.add_argument(
        "--interim-report-due", type=iso_date, metavar="YYYY-MM-DD", help=_("interim report due")
    )
    decide.add_argument(
        "--final-report-due", type=iso_date, metavar="YYYY-MM-DD", help=_("final report due")
    )
    decide.set_defaults(
        handler=run_decide,
        field_options={
            "amount_approved_minor": "--amount",
            "amount_approved_eur_minor": "--amount",
            "eur_rate": "--rate",
            "decided_on": "--on",
        },
    )


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
    from hubdesk.commands.money import named_proposal
    from hubdesk.services import thread

    ctx = env.context()
    proposal = named_proposal(ctx, args.id)
    assert proposal is not None
    entries = thread.proposal_thread(ctx, proposal.id)
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
    from hubdesk.commands.money import named_proposal
    from hubdesk.services import thread

    with env.locked():
        ctx = env.context()
        proposal = named_proposal(ctx, args.id)  # its reference, as 'status' takes, or its id
        assert proposal is not None
        thread.add_comment(ctx, proposal.id, args.text, args.name)
    env.out(_("Comment added; it leaves with the next bundle."))
    return 0


def run_status(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.commands.money import named_proposal
    from hubdesk.services import fund

    with env.locked():
        ctx = env.context()
        proposal = named_proposal(ctx, args.proposal)
        assert proposal is not None
        moved = fund.transition(ctx, proposal.id, args.to, args.comment)
    env.out(
        _("{reference} is now '{status}'.").format(
            reference=moved.reference, status=ProposalStatus(moved.status).label
        )
    )
    return 0


def run_decide(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.commands.money import named_proposal, typed_amount
    from hubdesk.i18n.formatting import format_money
    from hubdesk.services import fund

    with env.locked():
        ctx = env.context()
        proposal = named_proposal(ctx, args.proposal)
        assert proposal is not None
        data: dict[str, Any] = {
            "outcome": args.outcome,
            "conditions": args.conditions,
            "comments": args.comments,
        }
        optional = {
            "amount_approved_minor": None
            if args.amount is None
            else typed_amount(args.amount, proposal.currency),
            "eur_rate": args.rate,
            "decided_on": args.day,
            "interim_report_due": args.interim_report_due,
            "final_report_due": args.final_report_due,
        }
        data.update({name: value for name, value in optional.items() if value is not None})
        decision = fund.record_decision(ctx, proposal.id, data)
    outcome = ProposalStatus(decision.outcome).label
    if decision.outcome == ProposalStatus.APPROVED:  # an amount only where one was approved
        outcome += ", " + format_money(decision.amount_approved_minor, proposal.currency)
        if decision.amount_approved_eur_minor is not None and proposal.currency != "EUR":
            outcome += f" ({format_money(decision.amount_approved_eur_minor, 'EUR')})"
    env.out(
        _("{reference}: {outcome}. It reaches the municipality with the next bundle.").format(
            reference=proposal.reference, outcome=outcome
        )
    )
    return 0
