"""The euro side of the hub's decision: the rate it entered, the approved amount in euros, and
the reporting schedule whose dates become the reports the municipality owes.

Kept apart from :mod:`hubdesk.services.fund_money` so that the decision workflow
(:mod:`hubdesk.services.fund_workflow`) can use it without importing the tranche services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import FundDecision, FundProposal
from hubdesk.domain.enums import ProposalStatus
from hubdesk.domain.fund_money import FundReportDue, ReportKind
from hubdesk.domain.money import MoneyError, eur_minor, parse_rate, rate_text
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.rules.fund_money import RATE_MESSAGE, REPORT_AFTER_DECISION
from hubdesk.services.validation import Checker

S = ProposalStatus
DECISION_MONEY_FIELDS = ("eur_rate", "interim_report_due", "final_report_due")


def decision_money(
    check: Checker, proposal: FundProposal, data: Mapping[str, Any], amount: int, outcome: Any
) -> dict[str, Any]:
    """The euro side of a decision being recorded: the rate as entered (a euro proposal's is
    always 1), the approved amount in euro cents at that rate, and the reporting schedule.

    A rate is optional, as it was before issue 13; without one the decision has no euro amount
    and the hub can add the rate later (:func:`set_decision_rate`)."""
    check.date(data, "interim_report_due")
    check.date(data, "final_report_due")
    raw = data.get("eur_rate")
    rate: Decimal | None = None
    if proposal.currency == "EUR":
        rate = Decimal(1)
        if raw not in (None, "") and _parsed(check, raw) not in (None, Decimal(1)):
            check.add("eur_rate", N_("A proposal in euros has the rate 1."))
    elif raw not in (None, ""):
        rate = _parsed(check, raw)
    decided = data.get("decided_on") or clock.today()
    for name in ("interim_report_due", "final_report_due"):
        due = data.get(name)
        if isinstance(due, dt.date) and isinstance(decided, dt.date) and due <= decided:
            check.add(name, REPORT_AFTER_DECISION)
    if outcome != S.APPROVED:
        for name in ("interim_report_due", "final_report_due"):
            if data.get(name) is not None:
                check.add(name, N_("Only an approval sets a reporting schedule."))
    euros = None
    if rate is not None and isinstance(amount, int) and check.ok("eur_rate"):
        euros = eur_minor(amount, proposal.currency, rate)
    return {
        "eur_rate": rate_text(rate) if rate is not None and euros is not None else None,
        "amount_approved_eur_minor": euros,
        "interim_report_due": data.get("interim_report_due"),
        "final_report_due": data.get("final_report_due"),
    }


def _parsed(check: Checker, raw: Any) -> Decimal | None:
    try:
        return parse_rate(raw)
    except MoneyError:
        check.add("eur_rate", RATE_MESSAGE)
        return None


def schedule_reports(
    session: Session, ctx: ServiceContext, decision: FundDecision
) -> list[FundReportDue]:
    """The reports due a new decision's schedule makes (none without a schedule)."""
    made = []
    for kind, due in (
        (ReportKind.INTERIM, decision.interim_report_due),
        (ReportKind.FINAL, decision.final_report_due),
    ):
        if due is not None:
            values = {"proposal_id": decision.proposal_id, "kind": kind.value, "due_on": due}
            made.append(records.create(session, ctx, FundReportDue, values))
    return made
