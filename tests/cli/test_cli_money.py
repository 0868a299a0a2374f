"""``hubdesk tranches`` and ``hubdesk reports-due``, as a hub scripts them, on the demo hub."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_demo_copy import hub_demo
from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain.fund import FundProposal
from hubdesk.domain.money import eur_minor
from hubdesk.i18n.formatting import format_money
from hubdesk.services.fund_workflow import budget_total

Run = Callable[..., Any]  # the ``hubdesk`` fixture of tests/cli/conftest.py

TODAY = clock.today().isoformat()


def test_a_hub_lists_plans_and_pays_tranches(hubdesk: Run, folder: Path) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    listed = json.loads(hubdesk("tranches", "list", "--json").out)
    planned = [t for t in listed if t["state"] == "planned"]
    assert planned and any(t["state"] == "paid" for t in listed)
    first = planned[0]
    ref = first["proposal"]

    # Everything approved is already planned: one more is refused on one line, nothing added.
    refused = hubdesk("tranches", "add", "--proposal", ref, "--amount", "1", "--on", TODAY)
    assert "cannot exceed" in refused.one_line_error()
    # An absurd amount is refused on one line too (it stopped with a traceback converting to
    # euros, beyond Decimal's default 28 digits).
    huge = "1" + "0" * 30
    absurd = hubdesk("tranches", "add", "--proposal", ref, "--amount", huge, "--on", TODAY)
    line = absurd.one_line_error()  # named by the option typed, once for its two stored fields
    assert "--amount: Too large an amount" in line and line.count("--amount") == 1
    assert "_minor" not in line and "1000000000000" not in line  # no limit in minor units
    assert len(json.loads(hubdesk("tranches", "list", "--json").out)) == len(listed)

    # Paying beyond what is planned is refused; paying the planned amount works.
    too_much = str(first["amount_minor"] + 10**6)
    over = hubdesk(
        "tranches", "pay", "--proposal", ref, "--number", str(first["number"]), "--amount", too_much
    )
    assert over.code != 0 and len(over.err_lines) == 1
    paid = hubdesk("tranches", "pay", "--proposal", ref, "--number", str(first["number"]))
    assert paid.code == 0, paid.err
    assert f"Tranche {first['number']} of {ref} paid" in paid.out
    again = json.loads(hubdesk("tranches", "list", "--proposal", ref, "--json").out)
    assert all(t["state"] == "paid" for t in again)

    # A paid tranche stays on record; a planned one can be dropped.
    kept = hubdesk("tranches", "remove", "--proposal", ref, "--number", str(first["number"]))
    assert "stays on record" in kept.one_line_error()
    other = next(t for t in planned if t["proposal"] != ref)
    gone = hubdesk("tranches", "remove", "--proposal", other["proposal"], "--number", "2")
    assert gone.code == 0, gone.err
    left = json.loads(hubdesk("tranches", "list", "--json").out)
    assert len(left) == len(listed) - 1

    overdue = json.loads(hubdesk("reports-due", "--overdue", "--json").out)
    assert len(overdue) == 3 and all(d["days_overdue"] > 0 for d in overdue)
    assert "Overdue" in hubdesk("reports-due").out
    stats = json.loads(hubdesk("stats", "--json").out)
    assert stats["tranches"] == len(listed) - 1

    unknown = hubdesk("tranches", "list", "--proposal", "XX-0000-000")
    assert "no fund proposal" in unknown.one_line_error()


def test_a_municipality_reads_but_does_not_plan(hubdesk: Run) -> None:
    assert hubdesk("demo").code == 0
    listed = json.loads(hubdesk("tranches", "list", "--json").out)
    assert {t["state"] for t in listed} == {"paid", "planned"}
    ref = listed[0]["proposal"]
    refused = hubdesk("tranches", "add", "--proposal", ref, "--amount", "1", "--on", TODAY)
    # The demo municipality is Kumanovo's: the command speaks its installation's Macedonian.
    assert "Само регионалниот центар планира" in refused.one_line_error()
    assert len(json.loads(hubdesk("tranches", "list", "--json").out)) == len(listed)
    bad = hubdesk("tranches", "add", "--proposal", ref, "--amount", "1.2.3", "--on", TODAY)
    assert "не е износ во MKD" in bad.one_line_error()


def test_a_rate_given_later_keeps_to_the_calls_ceiling(hubdesk: Run, folder: Path) -> None:
    """The demo's submitted Macedonian proposal asks denars of a call with a ceiling of €8,000:
    approved without a rate, a rate that makes its request more than €8,000 is refused as
    deciding at it would be, on one line, and the decision keeps no rate; the rate 61.5 is
    taken. (The demo's amounts follow the day it is made: the figures are read, not fixed.)"""
    db = hub_demo(folder)  # as `hubdesk demo --role hub` makes it
    try:
        with db.transaction() as session:
            [proposal] = session.scalars(
                select(FundProposal).where(
                    FundProposal.status == "submitted", FundProposal.reference.startswith("MK-")
                )
            )
            ref, cofunding = proposal.reference, proposal.cofunding_minor
            asked = budget_total(session, proposal.id) - cofunding
    finally:
        db.close()
    assert 8000 * 30 * 100 < asked < 8000 * 61 * 100  # 30 denars a euro is over, 61.5 within
    steps = (
        ("proposals", "status", "--proposal", ref, "--to", "under_review"),
        ("proposals", "decide", "--proposal", ref, "--outcome", "approved"),
    )
    for step in steps:
        done = hubdesk(*step)
        assert done.code == 0, done.err
    over = hubdesk("tranches", "rate", "--proposal", ref, "--rate", "30")
    line = over.one_line_error()
    euros = format_money(eur_minor(asked, "MKD", "30"), "EUR", "en")
    assert f"{euros} is more than the call's ceiling per proposal of €8,000.00" in line
    no_rate = hubdesk("tranches", "add", "--proposal", ref, "--amount", "1", "--on", TODAY)
    assert "no euro rate yet" in no_rate.one_line_error()
    within = hubdesk("tranches", "rate", "--proposal", ref, "--rate", "61.5")
    assert within.code == 0, within.err
    assert f"{format_money(eur_minor(asked, 'MKD', '61.5'), 'EUR', 'en')} at 61.5" in within.out


def test_amounts_are_typed_as_the_window_reads_them(hubdesk: Run, folder: Path) -> None:
    """A thousands comma was taken for a decimal point: "1,000" planned MKD 1.00 without a
    word, and "12,501.50", the way the list prints it, was no amount at all. The command
    reads amounts by the window's one rule (``hubdesk.i18n.amounts.read_amount``)."""
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    ref = "MK-2026-006"  # under review, in denars: approved here for the four tranches below
    approved = hubdesk(
        "proposals", "decide", "--proposal", ref, "--outcome", "approved",
        "--amount", "14,512.00", "--rate", "61.5",
    )  # fmt: skip
    assert approved.code == 0, approved.err
    assert "14,512.00" in approved.out

    def plan(amount: str) -> Any:
        return hubdesk("tranches", "add", "--proposal", ref, "--amount", amount, "--on", TODAY)

    def pay(number: int, amount: str) -> Any:
        return hubdesk(
            "tranches", "pay", "--proposal", ref, "--number", str(number), "--amount", amount
        )

    assert "'abc' is not an amount in MKD" in plan("abc").one_line_error()
    assert "more decimals than an amount in MKD" in plan("0.125").one_line_error()
    for typed in ("1,000", "12.501,50", "1000", "10.5"):
        planned = plan(typed)
        assert planned.code == 0, (typed, planned.err)
    listed = json.loads(hubdesk("tranches", "list", "--proposal", ref, "--json").out)
    assert [t["amount_minor"] for t in listed] == [100000, 1250150, 100000, 1050]

    assert "'abc' is not an amount in MKD" in pay(2, "abc").one_line_error()
    for number, typed in ((1, "1,000"), (2, "12,501.50"), (3, "1000"), (4, "10.5")):
        paid = pay(number, typed)
        assert paid.code == 0, (typed, paid.err)
    listed = json.loads(hubdesk("tranches", "list", "--proposal", ref, "--json").out)
    assert [t["paid_minor"] for t in listed] == [100000, 1250150, 100000, 1050]
