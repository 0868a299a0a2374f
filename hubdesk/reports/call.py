"""A call for proposals as a municipality prints it to prepare an application: dates, money in
EUR, pillars and themes, eligibility, what the application must contain and how it will be
scored. On the hub it also lists which municipalities have received the call's current version,
and the proposals the call received, marking those that reached the hub after it closed.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from hubdesk.domain import Call
from hubdesk.domain.calls import CallStatus
from hubdesk.domain.enums import Pillar, Role
from hubdesk.domain.sync import Peer, TrustedHub
from hubdesk.i18n import N_, _
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.scope import owner_name
from hubdesk.reports.errors import ReportError
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services import calls_received
from hubdesk.services.calls import CURRENCY, parse_criteria

TITLE = N_("Call for proposals")


def load(req: Request) -> Call:
    assert req.record_id is not None
    with req.ctx.read() as session:
        call = session.get(Call, req.record_id)
        if call is None or call.deleted:
            raise ReportError(
                _("No {what} with id {id}.").format(what=_(N_("call")), id=req.record_id)
            )
        return call


def hub_name(req: Request, call: Call) -> str:
    """The hub that published the call, by the name it goes by (its installation's name, as
    the municipality enrolled it), "Regional hub" only for a hub this PC does not know."""
    if call.origin == req.ctx.installation_id:
        return owner_name(req.ctx, req.tr)
    with req.ctx.read() as session:
        known = session.get(Peer, call.origin) or session.get(TrustedHub, call.origin)
        if known is not None and known.name.strip():
            return known.name
    return req.tr.label(Role, Role.HUB.value)


def facts(tr: ReportLanguage, call: Call) -> Flowable:
    dates = "–"
    if call.opens_on and call.closes_on:
        dates = tr.period(call.opens_on, call.closes_on)
    elif call.closes_on:
        dates = tr.date(call.closes_on)
    return blocks.facts(
        tr,
        [
            (N_("Round"), call.round),
            (N_("Status"), tr.label(CallStatus, call.status)),
            (N_("Open for applications"), dates),
            # 0 is none: an empty value ("–" on paper), as the window and the command line show
            # it (calls.limit_text), not €0.00
            (N_("Ceiling per proposal"), tr.money(call.ceiling_minor or None, CURRENCY)),
            (N_("Total envelope"), tr.money(call.envelope_minor or None, CURRENCY)),
            (N_("Pillars"), "; ".join(tr.label(Pillar, c) for c in call.pillars)),
            (N_("Themes"), "; ".join(call.themes)),
        ],
    )


def criteria(tr: ReportLanguage, call: Call) -> list[Flowable]:
    rows: list[list[Cell]] = [[c.label, tr.number(c.weight)] for c in parse_criteria(call.criteria)]
    out: list[Flowable] = [blocks.heading(tr, N_("Review criteria"))]
    if not rows:
        return [*out, *blocks.paragraphs(None)]
    total = sum(c.weight for c in parse_criteria(call.criteria))
    columns = [Column(N_("Criterion"), 8), Column(N_("Weight"), 2, "R")]
    totals: list[list[Cell]] = [[tr("Total"), tr.number(total)]]
    out.append(blocks.table(tr, columns, rows, totals=totals))
    return out


def receipts(req: Request, call: Call) -> list[Flowable]:
    """On the hub: which municipalities have acknowledged this version of the call."""
    from hubdesk.sync.published import receipts as find

    if not req.ctx.is_hub or call.status == CallStatus.DRAFT:
        return []
    tr = req.tr
    rows: list[list[Cell]] = [
        [name, tr("received") if done else tr("not yet received")]
        for name, done in find(req.ctx, "calls", call.id, req.tr.lang)
    ]
    if not rows:
        return []
    columns = [Column(N_("Municipality"), 6), Column(N_("This version"), 4)]
    return [blocks.heading(tr, N_("Received by"), 2), blocks.table(tr, columns, rows)]


def received(req: Request, call: Call) -> list[Flowable]:
    """On the hub: the proposals the call received, in the order they reached the hub; one
    that reached it after the call closed says so in full."""
    tr = req.tr
    found = calls_received.received_proposals(req.ctx, call.id, tr.lang)
    if not found:
        return []

    def reached(r: calls_received.Received) -> str:
        if r.late is None:
            return tr.date(r.reached_on)
        closed = tr.date(r.late.closed_on)
        return tr(calls_received.LATE, closed=closed, reached=tr.date(r.reached_on))

    rows: list[list[Cell]] = [
        [r.municipality, f"{r.reference} {r.title}", reached(r)] for r in found
    ]
    columns = [
        Column(N_("Municipality"), 2.2),
        Column(N_("Proposal"), 4.2),
        Column(N_("Reached the hub"), 3.6),
    ]
    return [blocks.heading(tr, N_("Proposals received"), 2), blocks.table(tr, columns, rows)]


def build(req: Request) -> Built:
    tr = req.tr
    call = load(req)
    owner = hub_name(req, call)
    story: list[Flowable] = blocks.title_block(tr, TITLE, [call.title, owner])
    story += [facts(tr, call), blocks.spacer(2)]
    story += blocks.section(tr, N_("Eligibility"), call.eligibility)
    story += blocks.section(tr, N_("What the application must contain"), call.requirements)
    story += criteria(tr, call)
    story += receipts(req, call)
    story += received(req, call)
    return Built(TITLE, owner, call.round or call.title, story, call.status == CallStatus.DRAFT)


SPEC = ReportSpec(
    kind="call",
    title=TITLE,
    description=N_("A call for proposals from the hub: dates, amounts, eligibility, criteria."),
    build=build,
    record=N_("call"),
    record_required=True,
    uses_period=False,
)
