"""Engagements and the Help Desk in the periodic report (one municipality) and the regional
report (every municipality, with how fast the hub answered).

The states and the due days come from the help desk service, which applies the one rule of
``hubdesk.domain.helpdesk``; a request's state is the state on the day the report is made.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from hubdesk.domain import Municipality
from hubdesk.domain.enums import municipality_term_for
from hubdesk.domain.helpdesk import (
    RESPONSE_DAYS,
    EngagementKind,
    EngagementLevel,
    HelpdeskTopic,
    RequestState,
    Urgency,
)
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services import engagements, helpdesk


def periodic_block(req: Request, municipality_id: str) -> list[Flowable]:
    """The periodic report's sections: engagements in the period, requests asked in it."""
    return engagements_section(req, municipality_id) + requests_section(req, municipality_id)


def engagements_section(req: Request, municipality_id: str) -> list[Flowable]:
    tr = req.tr
    f = engagements.EngagementFilter(
        municipality_id=municipality_id, date_from=req.period.start, date_to=req.period.end
    )
    found = sorted(engagements.list_engagements(req.ctx, f), key=lambda e: (e.engaged_on, e.id))
    out: list[Flowable] = [blocks.heading(tr, N_("National-local cooperation"))]
    if not found:
        return [*out, *blocks.paragraphs(None, tr("No engagements in this period."))]
    rows: list[list[Cell]] = [
        [
            tr.date(e.engaged_on),
            e.counterpart,
            tr.label(EngagementLevel, e.level),
            tr.label(EngagementKind, e.kind),
            e.raised,
            e.answer,
            _follow_up(tr, e.follow_up_on, e.follow_up_done),
        ]
        for e in found
    ]
    columns = [
        Column(N_("Date"), 1.3),
        Column(N_("Counterpart"), 2.2),
        Column(N_("Level"), 1.2),
        Column(N_("Kind"), 1.3),
        Column(N_("What the city raised"), 2.6),
        Column(N_("The answer received"), 2.6),
        Column(N_("Follow-up"), 1.3),
    ]
    totals = engagements.engagement_totals(req.ctx, f)
    levels = ", ".join(
        f"{tr.label(EngagementLevel, code)} {tr.number(n)}"
        for code, n in totals.by_level.items()
        if n
    )
    out += [
        blocks.table(tr, columns, rows),
        blocks.note(tr("Engagements by level: {levels}.", levels=levels)),
    ]
    return out


def _follow_up(tr: ReportLanguage, day: object, done: bool) -> str:
    if day is None:
        return ""
    return tr("done") if done else tr.date(day)  # type: ignore[arg-type]


def requests_section(req: Request, municipality_id: str) -> list[Flowable]:
    tr = req.tr
    views = helpdesk.list_requests(
        req.ctx,
        today=req.today,
        date_from=req.period.start,
        date_to=req.period.end,
        municipality_id=municipality_id,
    )
    out: list[Flowable] = [blocks.heading(tr, N_("Questions to the hub's Help Desk"))]
    if not views:
        return [*out, *blocks.paragraphs(None, tr("No questions to the Help Desk in this period."))]
    views.sort(key=lambda v: (v.asked_on, v.id))
    hub = req.ctx.is_hub  # the hub prints beside the city's day the day the question reached it
    rows: list[list[Cell]] = [
        [
            tr.date(v.asked_on),
            *([tr.date(v.reached_hub) if v.reached_hub else "–"] if hub else []),
            v.subject,
            tr.label(HelpdeskTopic, v.topic),
            tr.label(Urgency, v.urgency),
            tr.label(RequestState, v.state.value),
            tr.date(v.first_answer_on) if v.first_answer_on else "–",
        ]
        for v in views
    ]
    columns = [
        Column(N_("Asked on"), 1.3),
        *([Column(N_("Reached the hub"), 1.3)] if hub else []),
        Column(N_("Subject"), 3.2),
        Column(N_("Topic"), 1.8),
        Column(N_("Urgency"), 1.1),
        Column(N_("State"), 1.5),
        Column(N_("First answer"), 1.3),
    ]
    counts = helpdesk.state_counts(req.ctx, views=views)
    summary = ", ".join(
        f"{tr.label(RequestState, code)} {tr.number(n)}" for code, n in counts.items() if n
    )
    out += [
        blocks.table(tr, columns, rows),
        blocks.note(
            tr("Requests by state on {date}: {states}.", date=tr.date(req.today), states=summary)
        ),
        blocks.note(rule_note(tr)),
    ]
    if hub:
        out.append(
            blocks.note(
                tr(
                    "The hub's response time counts from the later of the day a question was "
                    "asked and the day it reached the hub."
                )
            )
        )
    return out


def rule_note(tr: ReportLanguage) -> str:
    """The response times, in words, from the one table that sets them."""
    urgent, _w = RESPONSE_DAYS[Urgency.URGENT.value]
    normal, _n = RESPONSE_DAYS[Urgency.NORMAL.value]
    low, _l = RESPONSE_DAYS[Urgency.LOW.value]
    return tr(
        "A question is overdue when the hub has not answered it within {urgent} working days "
        "(urgent), {normal} days (normal) or {low} days (low urgency).",
        urgent=tr.number(urgent),
        normal=tr.number(normal),
        low=tr.number(low),
    )


def regional_block(req: Request, municipalities: Sequence[Municipality]) -> list[Flowable]:
    """Per municipality: engagements in the period, help desk requests asked in it and how fast
    the hub answered them."""
    tr = req.tr
    start, end = req.period.start, req.period.end
    counted = dict(engagements.per_municipality(req.ctx, start, end))
    times = {
        t.municipality: t
        for t in helpdesk.response_times(req.ctx, today=req.today, date_from=start, date_to=end)
    }
    if not counted and not times:
        return []
    rows: list[list[Cell]] = []
    for m in municipalities:
        t = times.get(m.name)
        rows.append(
            [
                tr.name(m),
                tr.number(counted.get(m.name, 0)),
                *_times_cells(tr, t),
            ]
        )
    whole = times.get("")
    totals: list[list[Cell]] = [
        [tr("Total"), tr.number(sum(counted.values())), *_times_cells(tr, whole)]
    ]
    countries = {m.country for m in municipalities}
    columns = [
        Column(municipality_term_for(countries), 2.4),
        Column(N_("Engagements"), 1.3, "R"),
        Column(N_("Help desk requests"), 1.3, "R"),
        Column(N_("Answered"), 1.1, "R"),
        Column(N_("Answered on time"), 1.2, "R"),
        Column(N_("Median days to answer"), 1.3, "R"),
        Column(N_("Overdue now"), 1.1, "R"),
    ]
    return [
        blocks.heading(tr, N_("Cooperation and the Help Desk")),
        blocks.table(tr, columns, rows, totals=totals),
        blocks.note(rule_note(tr)),
    ]


def _times_cells(tr: ReportLanguage, t: helpdesk.ResponseTimes | None) -> list[Cell]:
    if t is None:
        return [tr.number(0), tr.number(0), tr.number(0), "–", tr.number(0)]
    median = tr.number(round(t.median_days, 1)) if t.median_days is not None else "–"
    return [
        tr.number(t.requests),
        tr.number(t.answered),
        tr.number(t.on_time),
        median,
        tr.number(t.overdue),
    ]
