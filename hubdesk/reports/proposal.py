"""A fund proposal as a printable application: every section, the budget with subtotals,
co-funding and total, its status and the hub's decision, and a place to sign and stamp."""

from __future__ import annotations

from itertools import groupby

from reportlab.platypus import Flowable

from hubdesk import clock
from hubdesk.domain import FundProposal
from hubdesk.domain.enums import BudgetCategory, Pillar, ProposalStatus, Role, municipality_term
from hubdesk.i18n import N_
from hubdesk.reports import blocks, proposal_money, proposal_thread
from hubdesk.reports import needs as needs_report
from hubdesk.reports import proposal_sections as sections
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.fund import ProposalData, proposal_data
from hubdesk.reports.data.scope import load_record
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.proposal_reviews import reviews_section
from hubdesk.services import calls_received
from hubdesk.services.fund_workflow import EDITABLE_STATUSES

TITLE = N_("Technical Support Fund application")


def load(req: Request) -> ProposalData:
    assert req.record_id is not None
    with req.ctx.read() as session:
        proposal = load_record(session, req.ctx, FundProposal, req.record_id, N_("proposal"))
        return proposal_data(session, proposal)


def header_facts(tr: ReportLanguage, data: ProposalData) -> Flowable:
    p = data.proposal
    period = (
        tr.period(p.period_start, p.period_end)
        if p.period_start and p.period_end
        else (tr.date(p.period_start or p.period_end))
    )
    return blocks.facts(
        tr,
        [
            (N_("Reference"), p.reference),
            (municipality_term(data.municipality.country), tr.name(data.municipality)),
            (N_("Status"), tr.label(ProposalStatus, p.status)),
            (N_("Implementation period"), period),
            (N_("Pillars"), "; ".join(tr.label(Pillar, c) for c in p.pillars)),
            (N_("Partners"), p.partners),
        ],
    )


def build(req: Request) -> Built:
    tr = req.tr
    data = load(req)
    p = data.proposal
    story: list[Flowable] = blocks.title_block(tr, TITLE, [p.title, tr.name(data.municipality)])
    story += [header_facts(tr, data), *late_mark(req, p), blocks.spacer(2)]
    story += blocks.section(tr, N_("Summary"), p.summary)
    story += sections.english_lines(tr, p)
    for label, value in (
        (N_("Problem addressed"), p.problem),
        (N_("Objectives"), p.objectives),
        (N_("Target groups"), p.target_groups),
    ):
        story += blocks.section(tr, label, value)
    story += needs_report.record_need(req, p)
    story += sections.review(tr, p, sections.load_sections(req, p))
    story += budget(tr, data)
    # The municipality signs its application; the hub's decision and the history follow.
    story.append(blocks.signatures(tr, [N_("Mayor or authorised person")], stamp=True))
    story += reviews_section(req, p.id)
    story += decision(tr, data, proposal_money.euro_facts(req, data))
    story += proposal_money.money_section(req, p.id)
    story += history(tr, data)
    story += proposal_thread.section(req, p.id)
    # Still being written (a draft, or sent back for changes): the text is not final.
    draft = p.status in EDITABLE_STATUSES
    return Built(TITLE, tr.name(data.municipality), p.reference, story, draft=draft)


def late_mark(req: Request, p: FundProposal) -> list[Flowable]:
    """Printed at the hub: a proposal whose first submission reached the hub after its call
    closed says so at the top, where its reader starts (``services/calls_received.py``)."""
    late = calls_received.late_arrival(req.ctx, p)
    if late is None:
        return []
    tr = req.tr
    closed, reached = tr.date(late.closed_on), tr.date(late.reached_on)
    return [blocks.heading(tr, calls_received.LATE, 2, closed=closed, reached=reached)]


def budget(tr: ReportLanguage, data: ProposalData) -> list[Flowable]:
    """Budget lines grouped by category, each category with its subtotal."""
    cur = data.proposal.currency
    out: list[Flowable] = [blocks.heading(tr, N_("Budget"))]
    rows: list[list[Cell]] = []
    subtotals: list[int] = []
    order = {c.value: i for i, c in enumerate(BudgetCategory)}
    lines = sorted(data.lines, key=lambda line: (order.get(line.category, 99), line.position))
    for category, group in groupby(lines, key=lambda line: line.category):
        items = list(group)
        for line in items:
            rows.append(
                [
                    line.description,
                    tr.label(BudgetCategory, category),
                    tr.number(line.quantity),
                    tr.money(line.unit_cost_minor, cur),
                    tr.money(line.total_minor, cur),
                ]
            )
        subtotals.append(len(rows))
        rows.append(
            [
                tr("Subtotal: {category}", category=tr.label(BudgetCategory, category)),
                "",
                "",
                "",
                tr.money(sum(line.total_minor for line in items), cur),
            ]
        )
    totals: list[list[Cell]] = [
        [tr("Total cost of the initiative"), "", "", "", tr.money(data.total_minor, cur)],
        [tr("Co-funding"), "", "", "", tr.money(data.proposal.cofunding_minor, cur)],
        [tr("Requested from the fund"), "", "", "", tr.money(data.requested_minor, cur)],
    ]
    columns = [
        Column(N_("Description"), 4.2),
        Column(N_("Category"), 2.2),
        Column(N_("Quantity"), 1, "R"),
        Column(N_("Unit cost"), 1.7, "R"),
        Column(N_("Amount"), 1.9, "R"),
    ]
    if not rows:
        out += blocks.paragraphs(None, tr("No budget lines yet."))
        rows = []
    out.append(blocks.table(tr, columns, rows, totals=totals, subtotal_rows=subtotals))
    return out


def decision(
    tr: ReportLanguage, data: ProposalData, euros: list[tuple[str, str]] | None = None
) -> list[Flowable]:
    d = data.decision
    if d is None:
        return []
    return [
        blocks.heading(tr, N_("Decision of the regional hub")),
        blocks.facts(
            tr,
            [
                (N_("Outcome"), tr.label(ProposalStatus, d.outcome)),
                (N_("Decided on"), tr.date(d.decided_on)),
                (
                    N_("Amount approved"),
                    tr.money(d.amount_approved_minor, data.proposal.currency)
                    if d.outcome == ProposalStatus.APPROVED.value
                    else "–",
                ),
                *(euros or []),
            ],
        ),
        *(blocks.section(tr, N_("Conditions"), d.conditions) if d.conditions.strip() else []),
        *(blocks.section(tr, N_("Comments"), d.comments) if d.comments.strip() else []),
    ]


def history(tr: ReportLanguage, data: ProposalData) -> list[Flowable]:
    if not data.history:
        return []
    rows = [
        [
            tr.date(clock.local_day(change.changed_at)),
            tr.label(ProposalStatus, change.from_status),
            tr.label(ProposalStatus, change.to_status),
            tr.label(Role, change.by_role),
            change.comment,
        ]
        for change in data.history
    ]
    columns = [
        Column(N_("Date"), 1.5),
        Column(N_("From"), 1.8),
        Column(N_("To"), 1.8),
        Column(N_("Changed by"), 1.6),
        Column(N_("Comment"), 4),
    ]
    return [blocks.heading(tr, N_("Status history"), 2), blocks.table(tr, columns, rows)]


SPEC = ReportSpec(
    kind="proposal",
    title=TITLE,
    description=N_("A fund proposal as a printable application, with budget and stamp box."),
    build=build,
    record=N_("proposal"),
    record_required=True,
    uses_period=False,
)
