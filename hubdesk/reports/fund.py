"""Hub only: the fund's overview in euros, and the same figures as a block of the regional report.

Committed (approved), disbursed (tranches paid) and spent (the budget lines' spent amounts),
in euros at the rate of each decision, per municipality and per pillar, each figure also in
the currencies it was approved in. Then what needs the hub's attention: reports overdue and
the tranches still to pay. The figures are as recorded on the day of printing; money is not
dated by period, so the report offers no period (the regional report, which has one, says so).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reportlab.platypus import Flowable

from hubdesk.domain import Municipality
from hubdesk.domain.enums import Pillar, municipality_term_for
from hubdesk.domain.fund_money import ReportKind
from hubdesk.i18n import N_, pN_
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.fund_money import (
    Amount,
    Flow,
    by_call,
    by_municipality,
    by_pillar,
    call_titles,
    funded_proposals,
    grouped,
    total,
)
from hubdesk.reports.data.scope import municipalities, owner_name
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.periodic import money_sum
from hubdesk.services import fund_money

TITLE = N_("Fund overview")


def build(req: Request) -> Built:
    tr = req.tr
    owner = owner_name(req.ctx, req.tr)
    scope = tr("As recorded on {date}", date=tr.date(req.today))
    story: list[Flowable] = blocks.title_block(tr, TITLE, [owner, scope])
    with req.ctx.read() as session:
        funded = funded_proposals(session)
    overdue = fund_money.overdue_reports(req.ctx, req.today)
    if not funded:
        story += blocks.no_data(
            tr, N_("The hub has approved no fund proposal yet."), blocks.NO_DATA_YET
        )
        return Built(TITLE, owner, scope, story)
    whole = total(funded)
    story.append(
        blocks.kpis(
            tr,
            [
                (N_("Proposals funded"), tr.number(whole.proposals)),
                (pN_("fund money", "Committed"), tr.money(whole.committed.eur, "EUR")),
                (pN_("fund money", "Disbursed"), tr.money(whole.disbursed.eur, "EUR")),
                (pN_("fund money", "Spent"), tr.money(whole.spent.eur, "EUR")),
                (N_("Reports overdue"), tr.number(len(overdue))),
            ],
        )
    )
    story += money_flow(tr, municipalities(req.ctx), grouped(funded, by_municipality), whole)
    story += pillar_flow(tr, grouped(funded, by_pillar))
    by_calls = grouped(funded, by_call)
    with req.ctx.read() as session:
        story += call_flow(tr, by_calls, call_titles(session, list(by_calls)))
    region = municipalities(req.ctx)
    names = {m.name: tr.name(m) for m in region}
    term = municipality_term_for({m.country for m in region})
    story += overdue_block(tr, overdue, names, term)
    story += planned_block(tr, req, names, term)
    return Built(TITLE, owner, scope, story)


def _amount(tr: ReportLanguage, amount: Amount) -> str:
    """Euros first, then each currency it was in (the euro line alone for euro proposals)."""
    euros = tr.money(amount.eur, "EUR")
    own = Counter({c: v for c, v in amount.own.items() if c != "EUR"})
    return euros if not own else f"{euros}\n{money_sum(tr, own)}"


def _flow_cells(tr: ReportLanguage, flow: Flow) -> list[Cell]:
    return [
        tr.number(flow.proposals),
        _amount(tr, flow.committed),
        _amount(tr, flow.disbursed),
        _amount(tr, flow.spent),
    ]


def _money_columns(first: str) -> list[Column]:
    return [
        Column(first, 2.4),
        Column(pN_("column header", "Funded"), 1.1, "R"),
        Column(pN_("fund money", "Committed"), 2.1, "R"),
        Column(pN_("fund money", "Disbursed"), 2.1, "R"),
        Column(pN_("fund money", "Spent"), 2.1, "R"),
    ]


def _rate_note(tr: ReportLanguage, whole: Flow) -> list[Flowable]:
    notes = [
        tr(
            "Euro amounts at the rate the hub entered with each decision; under each, the "
            "amount in the currency it was approved in."
        ),
        # Budget lines do not say who paid them: spending can pass what the fund committed.
        tr(
            "The spending shown covers every budget line of the funded initiatives, the "
            "municipalities' co-funding included, so it can be more than the fund committed."
        ),
    ]
    if whole.without_rate:
        notes.append(
            tr(
                "Approvals without a euro rate are left out of the euro totals: {count}.",
                count=tr.number(whole.without_rate),
            )
        )
    return [blocks.note(" ".join(notes))]


def money_flow(
    tr: ReportLanguage, rows: Sequence[Municipality], by: dict[str, Flow], whole: Flow
) -> list[Flowable]:
    """Committed, disbursed and spent per municipality, with a total row."""
    body: list[list[Cell]] = [[tr.name(m), *_flow_cells(tr, by.get(m.id, Flow()))] for m in rows]
    term = municipality_term_for({m.country for m in rows})
    return [
        blocks.heading(tr, N_("Fund money per municipality")),
        blocks.table(
            tr, _money_columns(term), body, totals=[[tr("Total"), *_flow_cells(tr, whole)]]
        ),
        *_rate_note(tr, whole),
    ]


def pillar_flow(tr: ReportLanguage, by: dict[str, Flow]) -> list[Flowable]:
    """The same per pillar (no total row: a proposal counts under each of its pillars)."""
    body: list[list[Cell]] = [
        [tr.label(Pillar, p.value), *_flow_cells(tr, by.get(p.value, Flow()))] for p in Pillar
    ]
    return [
        blocks.heading(tr, N_("Fund money per pillar")),
        blocks.table(tr, _money_columns(N_("Pillar")), body),
        blocks.note(
            tr(
                "A proposal serving several pillars counts under each of them, so the pillars "
                "add up to more than the whole."
            )
        ),
    ]


def call_flow(tr: ReportLanguage, by: dict[str, Flow], titles: dict[str, str]) -> list[Flowable]:
    """The same per call for proposals (older proposals answer none)."""
    if not by:
        return []
    order = sorted(by, key=lambda cid: (cid == "", titles.get(cid, cid)))
    body: list[list[Cell]] = [
        [titles.get(cid, cid) if cid else tr("No call"), *_flow_cells(tr, by[cid])] for cid in order
    ]
    return [
        blocks.heading(tr, N_("Fund money per call for proposals")),
        blocks.table(tr, _money_columns(N_("Call for proposals")), body),
    ]


def overdue_block(
    tr: ReportLanguage, overdue: Sequence[fund_money.DueLine], names: dict[str, str], term: str
) -> list[Flowable]:
    """Reports past their due date, the oldest first; ``names`` puts municipalities' names in
    the report's script."""
    if not overdue:
        return [blocks.heading(tr, N_("Reports overdue")), blocks.note(tr("None."))]
    columns = [
        Column(N_("Proposal"), 1.6),
        Column(term, 2.0),
        Column(N_("Report"), 1.6),
        Column(N_("Due on"), 1.5, "R"),
        Column(N_("Days overdue"), 1.2, "R"),
    ]
    body: list[list[Cell]] = [
        [
            d.reference,
            names.get(d.municipality, d.municipality),
            tr.label(ReportKind, d.kind),
            tr.date(d.due_on),
            tr.number(d.days_overdue),
        ]
        for d in overdue
    ]
    return [blocks.heading(tr, N_("Reports overdue")), blocks.table(tr, columns, body)]


def planned_block(
    tr: ReportLanguage, req: Request, names: dict[str, str], term: str
) -> list[Flowable]:
    planned = [t for t in fund_money.list_tranches(req.ctx) if t.paid_on is None]
    if not planned:
        return []
    planned.sort(key=lambda t: (t.planned_on, t.reference, t.number))
    columns = [
        Column(N_("Proposal"), 1.6),
        Column(term, 2.0),
        Column(N_("Tranche"), 0.9, "R"),
        Column(N_("Planned for"), 1.5, "R"),
        Column(N_("Amount"), 2.2, "R"),
    ]
    body: list[list[Cell]] = [
        [
            t.reference,
            names.get(t.municipality, t.municipality),
            tr.number(t.number),
            tr.date(t.planned_on),
            f"{tr.money(t.amount_eur_minor, 'EUR')}\n{tr.money(t.amount_minor, t.currency)}"
            if t.currency != "EUR"
            else tr.money(t.amount_minor, t.currency),
        ]
        for t in planned
    ]
    return [blocks.heading(tr, N_("Tranches still to pay")), blocks.table(tr, columns, body)]


def regional_block(req: Request, rows: Sequence[Municipality]) -> list[Flowable]:
    """The regional report's section on the fund's money (committed, disbursed, spent)."""
    with req.ctx.read() as session:
        funded = funded_proposals(session)
        if not funded:
            return []
        whole = total(funded)
        by_calls = grouped(funded, by_call)
        # The report around this block is of a period; its money is not, so it says so.
        recorded = req.tr(
            "The fund's money in every period, as recorded on {date}: money is not dated by "
            "period.",
            date=req.tr.date(req.today),
        )
        heading, *money = money_flow(req.tr, rows, grouped(funded, by_municipality), whole)
        return [
            heading,
            blocks.note(recorded),
            *money,
            *pillar_flow(req.tr, grouped(funded, by_pillar)),
            *call_flow(req.tr, by_calls, call_titles(session, list(by_calls))),
        ]


SPEC = ReportSpec(
    kind="fund",
    title=TITLE,
    description=N_(
        "Hub only: the fund's money in euros, committed, disbursed and spent, per "
        "municipality and pillar, with reports overdue and tranches to pay."
    ),
    build=build,
    hub_only=True,
    uses_period=False,  # money as recorded on the day of printing, in every period
)
