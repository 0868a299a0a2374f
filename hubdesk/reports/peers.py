"""Peer learning in the periodic and regional reports: exchanges and published practices.

Periodic (one municipality): the exchanges it took part in that started in the period, and the
good practices the hub published in the period. Regional (the hub): how many exchanges each
city took part in, hosted and visited, and how many of those no other city confirmed.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from hubdesk.domain import Municipality, PublishedPractice
from hubdesk.domain.enums import Role, municipality_term_for
from hubdesk.domain.peers import ExchangeKind, ExchangeRole
from hubdesk.i18n import N_
from hubdesk.i18n.scripts import TWO_SCRIPT_COUNTRIES, name_for_language, script_of
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.scope import municipalities
from hubdesk.services import exchanges, practices
from hubdesk.services.exchanges import City, CityCount, Exchange, ExchangeFilter

MACEDONIAN_ONLY = frozenset("ЃѓЌќЅѕ")  # letters Serbian Cyrillic does not have


def _period(req: Request, municipality_id: str | None = None) -> ExchangeFilter:
    return ExchangeFilter(
        date_from=req.period.start, date_to=req.period.end, municipality_id=municipality_id
    )


def _name(
    req: Request, known: dict[str, Municipality], city: City | CityCount, country: str | None = None
) -> str:
    """A city's name in the report's script, as in the report's other tables (the hub holds
    "Куманово"; an Albanian or English report prints "Kumanovo"). A name typed for a city this
    installation does not know is written by the rules of ``country``, the country of the city
    that typed it ("Елбасан" typed in Kumanovo prints "Elbasan" in English); a Cyrillic name is
    never printed in a Latin report (its letters say whether Macedonian rules apply)."""
    municipality = known.get(city.municipality_id or "")
    if municipality is not None:
        return req.tr.name(municipality)
    if country not in TWO_SCRIPT_COUNTRIES and script_of(city.name) == "Cyrl":
        country = "MK" if any(ch in MACEDONIAN_ONLY for ch in city.name) else "RS"
    return name_for_language(city.name, "", req.tr.lang, country)


def _practice_city(req: Request, practice: PublishedPractice) -> str:
    """The city of a published practice in the report's script (the hub sends its name as
    the city wrote it; its country says how to write it in the other script)."""
    return name_for_language(practice.municipality_name, "", req.tr.lang, practice.country)


def _own_row(req: Request, e: Exchange, municipality_id: str, role: str, others: str) -> list[Cell]:
    """The city's own part of the exchange, as its report at home prints it: its day, kind and
    topic in its own words, and the people it sent or hosted ("participants from this
    municipality"). At the hub the exchange joins every city's part: its lead is the host's
    record, and its participants add up every city's. A city named by another that recorded
    no part of its own has no words or figures of its own: the exchange as the hub reads it,
    its participants "–"."""
    tr = req.tr
    own = [p for p in e.parts if p.municipality_id == municipality_id]
    part = own[0] if own else e.lead
    people = tr.number(sum(p.participants for p in own)) if own else "–"
    return [
        tr.date(part.starts_on), tr.label(ExchangeKind, part.kind), part.topic,
        tr.label(ExchangeRole, part.role if own else role), others, people,
    ]  # fmt: skip


def periodic_section(req: Request, municipality_id: str) -> list[Flowable]:
    """Exchanges of one municipality in the period, and the practices published in it."""
    tr = req.tr
    story: list[Flowable] = [blocks.heading(tr, N_("Peer learning between cities"))]
    found = exchanges.list_exchanges(req.ctx, _period(req, municipality_id))
    story.append(blocks.heading(tr, N_("Exchanges"), 2))
    if found:
        known = {m.id: m for m in municipalities(req.ctx)}
        own = known.get(municipality_id)
        country = own.country if own is not None else None
        rows: list[list[Cell]] = []
        for e in found:
            mine = next((c for c in e.cities if c.municipality_id == municipality_id), None)
            role = mine.role if mine is not None else ExchangeRole.VISITOR.value
            others = ", ".join(_name(req, known, c, country) for c in e.cities if c is not mine)
            rows.append(_own_row(req, e, municipality_id, role, others))
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
        rows = [[tr.date(p.published_on), _practice_city(req, p), p.title] for p in published]
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
    known = {m.id: m for m in municipalities(req.ctx)}
    rows: list[list[Cell]] = [
        [_name(req, known, c), tr.number(c.hosted), tr.number(c.visited), tr.number(c.total),
         tr.number(c.unconfirmed)]
        for c in counts
    ]  # fmt: skip
    heading = municipality_term_for({m.country for m in known.values()})
    columns = [
        Column(heading, 4), Column(N_("Hosted"), 2, "R"), Column(N_("Visited"), 2, "R"),
        Column(N_("Exchanges"), 2, "R"), Column(N_("Not confirmed by another city"), 3, "R"),
    ]  # fmt: skip
    total = exchanges.count_exchanges(req.ctx, _period(req))
    story.append(blocks.table(tr, columns, rows))
    story.append(
        blocks.note(
            tr(
                N_("Exchanges in the region in this period, each counted once: {count}"),
                count=tr.number(total),
            )
        )
    )
    return story
