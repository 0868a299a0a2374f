"""``hubdesk reviews list`` and ``hubdesk reviews add``: the hub's reviews of fund proposals.

What a hub scripts when a review panel scored on paper or in a spreadsheet: one ``add`` per
reviewer, then ``list`` (``--json`` for scripts) to read the totals back. The rules are the
review form's (the same service), so a bad score changes nothing.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, iso_date
from hubdesk.i18n import _, ngettext
from hubdesk.i18n.formatting import format_date, format_number


def _score(value: str) -> tuple[str, int]:
    code, sep, number = value.partition("=")
    try:
        if not sep or not code.strip():
            raise ValueError(value)
        return code.strip(), int(number)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a score; write CODE=N, for example relevance=4.").format(
                value=value
            )
        ) from None


def register(sub: Any) -> None:
    reviews = sub.add_parser(
        "reviews",
        help=_("list or add the hub's reviews of a fund proposal"),
        description=_("The hub's reviews of fund proposals: scores per criterion and totals."),
    )
    actions = reviews.add_subparsers(dest="reviews_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser(
        "list",
        help=_("show a proposal's reviews, their weighted totals and the average"),
        description=_("Show a proposal's reviews, their weighted totals and the average."),
    )
    listing.add_argument(
        "--proposal", required=True, metavar="ID", help=_("the proposal's id or reference")
    )
    listing.add_argument(
        "--json", action="store_true", help=_("print one JSON object, for scripts")
    )
    listing.set_defaults(handler=run_list)

    add = actions.add_parser(
        "add",
        help=_("add one reviewer's scores (on the hub)"),
        description=_(
            "Add one reviewer's review of a submitted proposal or one under review. Score "
            "every criterion from 0 to 5; 'hubdesk reviews list' names the criteria."
        ),
    )
    add.add_argument(
        "--proposal", required=True, metavar="ID", help=_("the proposal's id or reference")
    )
    add.add_argument("--reviewer", required=True, metavar="NAME", help=_("the reviewer's name"))
    add.add_argument(
        "--score",
        action="append",
        type=_score,
        default=[],
        metavar="CODE=N",
        help=_("one criterion's score; repeat for every criterion"),
    )
    add.add_argument("--comment", default="", metavar="TEXT", help=_("the overall comment"))
    add.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("the day of the review (default: today)"),
    )
    add.set_defaults(handler=run_add, field_options={"reviewed_on": "--date", "scores": "--score"})


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import reviews

    ctx = env.context()
    proposal = reviews.find_proposal(ctx, args.proposal)
    summary = reviews.list_reviews(ctx, proposal)
    if args.json:
        out = {
            "proposal_id": proposal,
            "criteria": [asdict(c) for c in reviews.proposal_criteria(ctx, proposal)],
            "average": summary.average,
            "reviews": [
                {
                    "id": r.id,
                    "reviewer": r.reviewer,
                    "reviewed_on": r.reviewed_on.isoformat(),
                    "total": r.total,
                    "comment": r.comment,
                    "scores": [
                        {"code": s.code, "label": s.label, "weight": s.weight, "score": s.score}
                        for s in r.scores
                    ],
                }
                for r in summary.reviews
            ],
        }
        env.out(json.dumps(out, ensure_ascii=False))
        return 0
    count = len(summary.reviews)
    env.out(ngettext("{count} review", "{count} reviews", count).format(count=count))
    for r in summary.reviews:
        env.out(
            _("{reviewer}, {date}: {total} of 100").format(
                reviewer=r.reviewer,
                date=format_date(r.reviewed_on),
                total=format_number(r.total),
            )
        )
        for s in r.scores:
            env.out(
                "  "
                + _("{label} ({code}, weight {weight}): {score}").format(
                    label=_(s.label), code=s.code, weight=s.weight, score=s.score
                )
            )
        if r.comment:
            env.out("  " + " ".join(r.comment.split()))
    if summary.average is not None:
        env.out(_("Average: {total} of 100").format(total=format_number(summary.average)))
    else:
        criteria = reviews.proposal_criteria(ctx, proposal)
        env.out(
            _("Criteria: {codes}").format(codes=", ".join(f"{c.code}={c.weight}" for c in criteria))
        )
    return 0


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import reviews

    scores: dict[str, int] = {}
    for code, number in args.score:
        if code in scores:
            raise CliError(_("'{code}' is scored twice.").format(code=code))
        scores[code] = number
    with env.locked():
        ctx = env.context()
        proposal = reviews.find_proposal(ctx, args.proposal)
        data: dict[str, Any] = {
            "reviewer": args.reviewer,
            "scores": scores,
            "comment": args.comment,
        }
        if args.date is not None:
            data["reviewed_on"] = args.date
        review = reviews.add_review(ctx, proposal, data)
    env.out(
        _("Review by {reviewer} added: {total} of 100.").format(
            reviewer=review.reviewer, total=format_number(review.total)
        )
    )
    return 0
