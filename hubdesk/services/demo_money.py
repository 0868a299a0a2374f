"""The demo's money flow: every approved demo proposal gets a euro rate, a reporting schedule,
tranches and reports due, in states a person can try everything on.

- approved, not started: the first tranche paid, the second planned; both reports still due;
- in implementation: first tranche paid, second planned; the interim report overdue (the
  dashboards' line), the final one due;
- completed: both tranches paid, both reports submitted on time.

Rows the hub writes are stamped with the demo hub's id, like the demo's decisions, so that
``hubdesk demo --role hub`` claims them as its own.
"""

from __future__ import annotations

import datetime as dt

from hubdesk.domain.enums import ProposalStatus as S
from hubdesk.domain.money import eur_minor, parse_rate
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, Row

# Rounded rates of late 2025, as a hub would enter them: units of the currency for one euro.
RATES = {"MKD": "61.5", "EUR": "1", "ALL": "98.6", "RSD": "117.2", "BAM": "1.95583"}
INTERIM_TEXT = (
    "First half of the activities held as planned; the venue and materials are paid for and "
    "the second half is being prepared with the youth council."
)
FINAL_TEXT = "All activities held; the results and the spending per budget line are attached."
DAY = dt.timedelta(days=1)


def add_money_flow(block: Block, proposal: Row, decision: Row) -> None:
    """Complete an approval in the demo: its euro side, its schedule, tranches and reports."""
    status = S(proposal["status"])
    decision.update(
        eur_rate=None,
        amount_approved_eur_minor=None,
        interim_report_due=None,
        final_report_due=None,
    )
    if decision["outcome"] != S.APPROVED or status not in (
        S.APPROVED,
        S.IN_IMPLEMENTATION,
        S.COMPLETED,
    ):
        return
    today, decided = block.plan.today, decision["decided_on"]
    currency, rate = proposal["currency"], RATES[proposal["currency"]]
    approved = decision["amount_approved_minor"]
    decision["eur_rate"] = rate
    decision["amount_approved_eur_minor"] = eur_minor(approved, currency, parse_rate(rate))
    if status is S.APPROVED:
        interim, final = today + 45 * DAY, today + 200 * DAY
    elif status is S.IN_IMPLEMENTATION:
        interim, final = today - 12 * DAY, proposal["period_end"] + 30 * DAY
    else:
        interim, final = decided + 100 * DAY, proposal["report_submitted_on"] + 10 * DAY
    interim = max(interim, decided + DAY)
    decision["interim_report_due"], decision["final_report_due"] = interim, final

    first = approved * 6 // 10
    first_paid = min(decided + 14 * DAY, today - DAY)
    second_paid = min(interim + 15 * DAY, today - DAY) if status is S.COMPLETED else None
    second_on = second_paid or max(today + 20 * DAY, interim + 15 * DAY)
    for number, (amount, planned, paid) in enumerate(
        ((first, first_paid, first_paid), (approved - first, second_on, second_paid)), 1
    ):
        _tranche(block, proposal, number, amount, (planned, paid, decided), rate)

    for kind, due in (("interim", interim), ("final", final)):
        block.add(
            "fund_reports_due",
            block.later(decided),
            {"proposal_id": proposal["id"], "kind": kind, "due_on": due, "hub_signature": None},
            author=DEMO_HUB_INSTALLATION_ID,
        )
        if status is S.COMPLETED:
            submitted = proposal["report_submitted_on"] if kind == "final" else due - 3 * DAY
            block.add(
                "fund_reports",
                block.later(submitted),
                {
                    "proposal_id": proposal["id"],
                    # None: the hub's demo imports these before it holds its own reports
                    # due; a report names its due date by proposal and kind then.
                    "due_id": None,
                    "kind": kind,
                    "submitted_on": submitted,
                    "results": proposal["results"] if kind == "final" else INTERIM_TEXT,
                },
            )


def _tranche(
    block: Block,
    proposal: Row,
    number: int,
    amount: int,
    days: tuple[dt.date, dt.date | None, dt.date],
    rate: str,
) -> None:
    """One tranche: planned on a day, paid on another (or not yet), written by the hub when it
    paid it or else on the day of the decision."""
    planned, paid, decided = days
    currency = proposal["currency"]
    euros = eur_minor(amount, currency, parse_rate(rate))
    block.add(
        "fund_tranches",
        block.later(paid or decided),
        {
            "proposal_id": proposal["id"],
            "number": number,
            "planned_on": planned,
            "amount_minor": amount,
            "amount_eur_minor": euros,
            "paid_on": paid,
            "paid_minor": amount if paid else None,
            "paid_eur_minor": euros if paid else None,
            "note": "",
            "hub_signature": None,
        },
        author=DEMO_HUB_INSTALLATION_ID,
    )
