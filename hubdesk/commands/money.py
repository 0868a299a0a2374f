"""``hubdesk tranches`` and ``hubdesk reports-due``: the fund's money flow for a hub's scripts.

A proposal is named by its reference (MK-2026-003) or its id; amounts are typed as a person
writes them (1500.50, 12,501.50, 12.501,50), read by the window's one rule
(``hubdesk.i18n.amounts``), and kept in the proposal currency's minor units.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk import clock
from hubdesk.commands.common import CliEnv, CliError, iso_date
from hubdesk.domain import FundProposal
from hubdesk.domain.fund_money import ReportKind
from hubdesk.domain.money import currency_digits, to_minor
from hubdesk.i18n import _
from hubdesk.i18n.amounts import amount_problem, read_amount
from hubdesk.i18n.formatting import format_date, format_money, format_rate
from hubdesk.services import fund_money
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError
from hubdesk.services.fund_money import DueLine, TrancheLine


def register(sub: Any) -> None:
    tranches = sub.add_parser(
        "tranches",
        help=_("list, plan and pay the fund's tranches"),
        description=_(
            "The disbursements of approved fund proposals: list them, plan one (the hub), "
            "record a payment (the hub)."
        ),
    )
    actions = tranches.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help=_("list the tranches"))
    listing.add_argument("--proposal", metavar="REF", help=_("only this proposal's"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help=_("plan a tranche (the hub)"))
    add.add_argument("--proposal", metavar="REF", required=True, help=_("the proposal"))
    add.add_argument("--amount", required=True, help=_("amount in the proposal's currency"))
    add.add_argument("--on", dest="day", type=iso_date, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--note", default="", help=_("a note for the municipality"))
    # The stored fields the options fill under other names (see ``cli.options_by_field``).
    add.set_defaults(
        handler=run_add,
        field_options={
            "amount_minor": "--amount",
            "amount_eur_minor": "--amount",
            "planned_on": "--on",
        },
    )

    pay = actions.add_parser("pay", help=_("record that a tranche was paid (the hub)"))
    pay.add_argument("--proposal", metavar="REF", required=True, help=_("the proposal"))
    pay.add_argument("--number", type=int, required=True, help=_("the tranche's number"))
    pay.add_argument(
        "--on", dest="day", type=iso_date, metavar="YYYY-MM-DD", help=_("default: today")
    )
    pay.add_argument("--amount", help=_("the amount paid (default: the amount planned)"))
    pay.set_defaults(
        handler=run_pay,
        field_options={"paid_minor": "--amount", "paid_eur_minor": "--amount", "paid_on": "--on"},
    )

    remove = actions.add_parser("remove", help=_("drop a tranche that is only planned (the hub)"))
    remove.add_argument("--proposal", metavar="REF", required=True, help=_("the proposal"))
    remove.add_argument("--number", type=int, required=True, help=_("the tranche's number"))
    remove.set_defaults(handler=run_remove)

    rate = actions.add_parser(
        "rate", help=_("give an approval recorded without a euro rate its rate (the hub)")
    )
    rate.add_argument("--proposal", metavar="REF", required=True, help=_("the proposal"))
    rate.add_argument("--rate", required=True, help=_("units of its currency for one euro"))
    rate.set_defaults(handler=run_rate, field_options={"eur_rate": "--rate"})

    due = sub.add_parser(
        "reports-due",
        help=_("list the implementation reports due"),
        description=_("The interim and final reports municipalities owe the hub, by due date."),
    )
    due.add_argument("--proposal", metavar="REF", help=_("only this proposal's"))
    due.add_argument("--overdue", action="store_true", help=_("only the overdue ones"))
    due.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    due.set_defaults(handler=run_due)


def named_proposal(ctx: ServiceContext, ref: str | None) -> FundProposal | None:
    """The proposal ``ref`` names (reference or id). At the hub two cities of one country
    may both have an ``MK-2026-001``: such a reference is refused (give the id), never taken
    for one of them at random."""
    if ref is None:
        return None
    from hubdesk.services.reviews import find_proposal

    try:
        proposal_id = find_proposal(ctx, ref)
    except NotFoundError:
        raise CliError(_("There is no fund proposal '{ref}'.").format(ref=ref)) from None
    with ctx.read() as session:
        found = session.get(FundProposal, proposal_id)
    assert found is not None  # found a moment ago, and proposals are never removed
    return found


def typed_amount(text: str, currency: str) -> int:
    """``text`` in ``currency``'s minor units, read as the window's money field reads it
    (``read_amount``): a comma turned into a point made "1,000" one denar, and refused the
    "12,501.50" this command prints."""
    digits = currency_digits(currency)
    problem = amount_problem(text, digits, currency)
    if problem is not None:
        raise CliError(problem)
    amount = read_amount(text, digits)
    assert amount is not None  # read, or a problem said
    return to_minor(amount, currency)  # exact: no more decimals than the currency has


def _tranche_json(t: TrancheLine) -> dict[str, Any]:
    return {
        "id": t.id,
        "proposal": t.reference,
        "municipality": t.municipality,
        "number": t.number,
        "currency": t.currency,
        "planned_on": t.planned_on.isoformat(),
        "amount_minor": t.amount_minor,
        "amount_eur_minor": t.amount_eur_minor,
        "paid_on": t.paid_on.isoformat() if t.paid_on else None,
        "paid_minor": t.paid_minor,
        "paid_eur_minor": t.paid_eur_minor,
        "state": t.state.value,
    }


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    proposal = named_proposal(ctx, args.proposal)
    lines = fund_money.list_tranches(ctx, proposal.id if proposal else None)
    if args.json:
        env.out(json.dumps([_tranche_json(t) for t in lines], ensure_ascii=False, indent=2))
        return 0
    if not lines:
        env.out(_("No tranches."))
    for t in lines:
        paid = (
            _("paid {amount} on {date}").format(
                amount=format_money(t.paid_minor or 0, t.currency), date=format_date(t.paid_on)
            )
            if t.paid_on
            else t.state.label
        )
        env.out(
            f"{t.reference}  #{t.number}  {format_date(t.planned_on)}  "
            f"{format_money(t.amount_minor, t.currency)}  "
            f"({format_money(t.amount_eur_minor, 'EUR')})  {paid}  {t.municipality}"
        )
    return 0


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        proposal = named_proposal(ctx, args.proposal)
        assert proposal is not None
        data = {
            "planned_on": args.day,
            "amount_minor": typed_amount(args.amount, proposal.currency),
            "note": args.note,
        }
        tranche = fund_money.add_tranche(ctx, proposal.id, data)
    env.out(
        _("Tranche {number} of {reference} planned: {amount} ({euros}) on {date}.").format(
            number=tranche.number,
            reference=proposal.reference,
            amount=format_money(tranche.amount_minor, proposal.currency),
            euros=format_money(tranche.amount_eur_minor, "EUR"),
            date=format_date(tranche.planned_on),
        )
    )
    return 0


def run_pay(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        proposal = named_proposal(ctx, args.proposal)
        assert proposal is not None
        found = _numbered(ctx, proposal, args.number)
        data: dict[str, Any] = {"paid_on": args.day or clock.today()}
        if args.amount is not None:
            data["paid_minor"] = typed_amount(args.amount, proposal.currency)
        tranche = fund_money.pay_tranche(ctx, found.id, data)
    env.out(
        _("Tranche {number} of {reference} paid: {amount} ({euros}) on {date}.").format(
            number=tranche.number,
            reference=proposal.reference,
            amount=format_money(tranche.paid_minor or 0, proposal.currency),
            euros=format_money(tranche.paid_eur_minor or 0, "EUR"),
            date=format_date(tranche.paid_on),
        )
    )
    return 0


def _numbered(ctx: ServiceContext, proposal: FundProposal, number: int) -> TrancheLine:
    for line in fund_money.list_tranches(ctx, proposal.id):
        if line.number == number:
            return line
    raise CliError(
        _("{reference} has no tranche {number}.").format(
            reference=proposal.reference, number=number
        )
    )


def run_remove(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        proposal = named_proposal(ctx, args.proposal)
        assert proposal is not None
        fund_money.remove_tranche(ctx, _numbered(ctx, proposal, args.number).id)
    env.out(
        _("Tranche {number} of {reference} removed.").format(
            number=args.number, reference=proposal.reference
        )
    )
    return 0


def run_rate(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        proposal = named_proposal(ctx, args.proposal)
        assert proposal is not None
        decision = fund_money.set_decision_rate(ctx, proposal.id, args.rate)
    env.out(
        _("{reference}: approved {amount}, {euros} at {rate}.").format(
            reference=proposal.reference,
            amount=format_money(decision.amount_approved_minor, proposal.currency),
            euros=format_money(decision.amount_approved_eur_minor or 0, "EUR"),
            rate=format_rate(decision.eur_rate or "0"),
        )
    )
    return 0


def _due_json(d: DueLine) -> dict[str, Any]:
    return {
        "id": d.id,
        "proposal": d.reference,
        "municipality": d.municipality,
        "kind": d.kind,
        "due_on": d.due_on.isoformat(),
        "state": d.state.value,
        "submitted_on": d.submitted_on.isoformat() if d.submitted_on else None,
        "days_overdue": d.days_overdue,
    }


def run_due(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    proposal = named_proposal(ctx, args.proposal)
    lines = fund_money.list_reports_due(
        ctx, proposal.id if proposal else None, only_overdue=args.overdue
    )
    if args.json:
        env.out(json.dumps([_due_json(d) for d in lines], ensure_ascii=False, indent=2))
        return 0
    if not lines:
        env.out(_("No reports due."))
    for d in lines:
        env.out(
            f"{d.reference}  {ReportKind(d.kind).label}  {format_date(d.due_on)}  "
            f"{d.state.label}  {d.municipality}"
        )
    return 0
