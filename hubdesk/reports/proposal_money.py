"""The money side of the proposal report: the approved amount in euros at the hub's rate, the
tranches planned and paid, and the reports due, so the paper copy of an approved proposal says
what the municipality will receive and owes, as the editor's "Tranches and reports" tab does.

Its own module so that the proposal report gains it by one line; every label is one the editor
and the fund overview already use.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from hubdesk.domain.enums import ProposalStatus
from hubdesk.domain.fund_money import ReportKind, ReportState, TrancheState
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_rate
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.fund import ProposalData
from hubdesk.services import fund_money


def euro_facts(req: Request, data: ProposalData) -> list[tuple[str, str]]:
    """The decision's euro amount and rate, for the decision's facts (none without a rate)."""
    d, tr = data.decision, req.tr
    if d is None or d.outcome != ProposalStatus.APPROVED.value:
        return []
    if d.amount_approved_eur_minor is None or d.eur_rate is None:
        return []
    facts = [(N_("Amount approved in euros"), tr.money(d.amount_approved_eur_minor, "EUR"))]
    if data.proposal.currency != "EUR":
        # Written in the report's language ("61,5" in Croatian), every digit kept.
        facts.append((N_("Euro rate"), format_rate(d.eur_rate, tr.lang)))
    return facts


def money_section(req: Request, proposal_id: str) -> list[Flowable]:
    """Nothing while the hub has planned no tranche and scheduled no report."""
    tr = req.tr
    tranches = fund_money.list_tranches(req.ctx, proposal_id)
    dues = fund_money.list_reports_due(req.ctx, proposal_id)
    if not tranches and not dues:
        return []
    out: list[Flowable] = [blocks.heading(tr, N_("Tranches and reports"))]
    if tranches:
        # Days are centred: a day set flush right ran into the status beside it
        # ("17 Feb 2026 Paid" read as one phrase).
        columns = [
            Column(N_("No."), 0.7, "R"),
            Column(N_("Planned for"), 1.5, "C"),
            Column(N_("Amount"), 2.0, "R"),
            Column(N_("In euros"), 1.6, "R"),
            Column(N_("Paid on"), 1.5, "C"),
            Column(N_("Status"), 1.4),
        ]
        rows: list[list[Cell]] = [
            [
                tr.number(t.number),
                tr.date(t.planned_on),
                tr.money(t.shown_minor, t.currency),
                tr.money(t.shown_eur_minor, "EUR"),
                tr.date(t.paid_on) if t.paid_on else "",
                tr.label(TrancheState, "paid" if t.paid_on else "planned"),
            ]
            for t in tranches
        ]
        out += [blocks.heading(tr, N_("Tranches"), 2), blocks.table(tr, columns, rows)]
    if dues:
        columns = [
            Column(N_("Report"), 2.0),
            Column(N_("Due on"), 1.5, "C"),
            Column(N_("Status"), 1.4),
            Column(N_("Submitted on"), 1.5, "C"),
        ]
        body: list[list[Cell]] = [
            [
                tr.label(ReportKind, d.kind),
                tr.date(d.due_on),
                tr.label(ReportState, d.state.value),
                tr.date(d.submitted_on) if d.submitted_on else "",
            ]
            for d in dues
        ]
        out += [blocks.heading(tr, N_("Reports due"), 2), blocks.table(tr, columns, body)]
    return out
