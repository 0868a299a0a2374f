"""A funded proposal's implementation report: budget against spending, line by line, and
the results achieved."""

from __future__ import annotations

from collections import defaultdict

from reportlab.platypus import Flowable

from hubdesk.domain.enums import BudgetCategory, ProposalStatus
from hubdesk.i18n import N_, _, pN_
from hubdesk.reports import blocks, charts
from hubdesk.reports import proposal_sections as sections
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Column
from hubdesk.reports.data.fund import FUNDED, ProposalData
from hubdesk.reports.errors import ReportError
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.proposal import header_facts, load

TITLE = N_("Implementation report")


def build(req: Request) -> Built:
    tr = req.tr
    data = load(req)
    p = data.proposal
    if p.status not in FUNDED:
        raise ReportError(
            _(
                "Proposal {ref} has not been funded (status: {status}); "
                "there is no implementation to report."
            ).format(ref=p.reference, status=ProposalStatus(p.status).label)
        )
    cur = p.currency
    story: list[Flowable] = blocks.title_block(tr, TITLE, [p.title, tr.name(data.municipality)])
    story += [header_facts(tr, data), blocks.spacer(3)]
    approved = data.approved_minor
    spent = data.spent_minor
    budget = data.total_minor
    story.append(
        blocks.kpis(
            tr,
            [
                (N_("Amount approved"), tr.money(approved, cur) if approved is not None else "–"),
                (N_("Total budget"), tr.money(budget, cur)),
                (N_("Spent"), tr.money(spent, cur)),
                (N_("Share of the budget used"), tr.percent(spent / budget if budget else None)),
            ],
        )
    )
    story += _lines(tr, data)
    story += _chart(tr, data)
    story += sections.indicators(tr, sections.load_sections(req, p), results=True)
    # The results and the signatures under them stay on one page.
    closing = blocks.section(tr, N_("Results achieved"), p.results)
    if p.report_submitted_on:
        closing.append(
            blocks.note(tr("Report submitted on: {date}", date=tr.date(p.report_submitted_on)))
        )
    roles = [N_("Mayor or authorised person"), N_("Focal point")]
    story.append(blocks.together(*closing, blocks.signatures(tr, roles, stamp=True)))
    return Built(TITLE, tr.name(data.municipality), p.reference, story)


def _lines(tr: ReportLanguage, data: ProposalData) -> list[Flowable]:
    cur = data.proposal.currency
    rows = []
    for line in data.lines:
        spent = line.spent_minor
        rows.append(
            [
                line.description,
                tr.label(BudgetCategory, line.category),
                tr.money(line.total_minor, cur),
                tr.money(spent, cur) if spent is not None else tr("Not reported"),
                tr.money(line.total_minor - (spent or 0), cur),
                tr.percent(spent / line.total_minor)
                if spent is not None and line.total_minor
                else "–",
            ]
        )
    budgeted, spent_total = data.total_minor, data.spent_minor
    totals = [
        [
            tr("Total"),
            "",
            tr.money(budgeted, cur),
            tr.money(spent_total, cur),
            tr.money(budgeted - spent_total, cur),
            tr.percent(spent_total / budgeted if budgeted else None),
        ]
    ]
    columns = [
        Column(N_("Description"), 3.4),
        Column(N_("Category"), 2),
        Column(N_("Budgeted"), 1.7, "R"),
        Column(pN_("column header", "Spent"), 1.7, "R"),
        Column(N_("Remaining"), 1.7, "R"),
        Column(N_("Used"), 1, "R"),
    ]
    return [
        blocks.heading(tr, N_("Budget and spending")),
        blocks.table(tr, columns, rows, totals=totals),
    ]


def _chart(tr: ReportLanguage, data: ProposalData) -> list[Flowable]:
    cur = data.proposal.currency
    planned: dict[str, int] = defaultdict(int)
    spent: dict[str, int] = defaultdict(int)
    reported: set[str] = set()  # categories with spending reported on at least one line
    for line in data.lines:
        planned[line.category] += line.total_minor
        spent[line.category] += line.spent_minor or 0
        if line.spent_minor is not None:
            reported.add(line.category)
    cats = [c.value for c in BudgetCategory if c.value in planned]
    chart = charts.bar_chart(
        [tr.label(BudgetCategory, c) for c in cats],
        [
            (tr.both("Budgeted"), [planned[c] for c in cats]),
            (tr.both("Spent"), [spent[c] for c in cats]),
        ],
        number=tr.number,
        value_text=[
            [tr.money(planned[c], cur) for c in cats],
            # as the table says: a category nobody has reported on yet is not "0,00 spent"
            [tr.money(spent[c], cur) if c in reported else tr("Not reported") for c in cats],
        ],
    )
    if chart is None:
        return []
    return [blocks.together(blocks.heading(tr, N_("Budgeted and spent by category"), 2), chart)]


SPEC = ReportSpec(
    kind="implementation",
    title=TITLE,
    description=N_("A funded proposal's report: budget against spending per line, results."),
    build=build,
    record=N_("proposal"),
    record_required=True,
    uses_period=False,
)
