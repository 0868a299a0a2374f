"""Peer learning in the periodic and regional reports: exchanges and published practices.

Periodic (one municipality): the exchanges it took part in that started in the period, and the
good practices the hub published in the period. Regional (the hub): how many exchanges each
city took part in, hosted and visited, and how many of those no other city confirmed.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from hubdesk.domain.enums import Role
from hubdesk.domain.peers import ExchangeKind, ExchangeRole
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.services import exchanges, practices
from hubdesk.services.exchanges import ExchangeFilter


def _period(req: Request, municipality_id: str | None = None) -> ExchangeFilter:
    return ExchangeFilter(
        date_from=req.period.start, date_to=req.period.end, municipality_id=municipality_id
    )


def periodic_section(req: Request, municipality_id: str) -> list[Flowable]:
    """Exchanges of one municipality in the period, and the practices published in it."""
    tr = req.tr
    story: list[Flowable] = [blocks.heading(tr, N_("Peer learning between cities"))]
    found = exchanges.list_exchanges(req.ctx, _period(req, municipality_id))
    story.append(blocks.heading(tr, N_("Exchanges"), 2))
    if found:
        rows: list[list[Cell]] = []
        for e in found:
            mine = next((c for c in e.cities if c.municipality_id == municipality_id), None)
            role = mine.role if mine is not None else ExchangeRole.VISITOR.value
            others = ", ".join(c.name for c in e.cities if c is not mine)
            rows.append([
                tr.date(e.starts_on), tr.label(ExchangeKind, e.lead.kind), e.lead.topic,
                tr.label(ExchangeRole, role), others, tr.number(e.participants),
            ])  # fmt: skip
        columns = [
            Column(N_("First day"), 2), Column(N_("Kind"), 2), Column(N_("Topic"), 5),
            Column(N_("Part"), 2), Column(N_("Other municipalities"), 4),
            Column(N_("Participants"), 2, "R"),
        ]  # fmt: skip
        story.append(blocks.table(tr, columns, rows))
    else:
        story += blocks.paragraphs(tr(N_("No exchange in this period.")))
    published = [
        p
        for p in practices.list_published(req.ctx)
        if p.published_on is not None and req.period.start <= p.published_on <= req.period.end
    ]
    story.append(blocks.heading(tr, N_("Good practices published by the hub"), 2))
    if published:
        rows = [[tr.date(p.published_on), p.municipality_name, p.title] for p in published]
        columns = [Column(N_("Published on"), 2), Column(N_("Municipality"), 3),
                   Column(N_("Title"), 7)]  # fmt: skip
        story.append(blocks.table(tr, columns, rows))
    else:
        story += blocks.paragraphs(tr(N_("No good practice was published in this period.")))
    return story


def regional_section(req: Request) -> list[Flowable]:
    """Exchanges per city in the period (an exchange counts once for every city in it)."""
    if req.ctx.role is not Role.HUB:
        return []
    tr = req.tr
    story: list[Flowable] = [blocks.heading(tr, N_("Exchanges between cities"))]
    counts = exchanges.exchanges_per_city(req.ctx, _period(req))
    if not counts:
        return [*story, *blocks.paragraphs(tr(N_("No exchange in this period.")))]
    rows: list[list[Cell]] = [
        [c.name, tr.number(c.hosted), tr.number(c.visited), tr.number(c.total),
         tr.number(c.unconfirmed)]
        for c in counts
    ]  # fmt: skip
    columns = [
        Column(N_("Municipality"), 4), Column(N_("Hosted"), 2, "R"), Column(N_("Visited"), 2, "R"),
        Column(N_("Exchanges"), 2, "R"), Column(N_("Not confirmed by another city"), 3, "R"),
    ]  # fmt: skip
    total = exchanges.count_exchanges(req.ctx, _period(req))
    story.append(blocks.table(tr, columns, rows))
    story += blocks.paragraphs(
        tr(
            N_("Exchanges in the region in this period, each counted once: {count}"),
            count=tr.number(total),
        )
    )
    return story
