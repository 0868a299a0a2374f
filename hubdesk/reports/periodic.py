"""The municipality's report to the hub for a period, across the five pillars: team and
meetings, action items, youth reached and the fund, as key figures, tables and charts."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from reportlab.platypus import Flowable, Table

from hubdesk.domain import Municipality
from hubdesk.domain.enums import MeetingKind, Pillar, ProposalStatus, Sector
from hubdesk.i18n import N_, pN_
from hubdesk.reports import blocks, charts, youth
from hubdesk.reports import needs as needs_report
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.community import periodic_section as community_section
from hubdesk.reports.data.overview import Overview, overview
from hubdesk.reports.data.scope import resolve_municipality
from hubdesk.reports.helpdesk import periodic_block as helpdesk_block
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.peers import periodic_section as peer_section
from hubdesk.reports.styles import INK
from hubdesk.reports.trainings import periodic_block as trainings_block

TITLE = N_("Periodic report to the regional hub")


def build(req: Request) -> Built:
    tr = req.tr
    municipality = resolve_municipality(req.ctx, req.record_id)
    scope = tr.period(req.period.start, req.period.end)
    with req.ctx.read() as session:
        o = overview(session, req.period, req.today, municipality.id).get(municipality.id)
    story: list[Flowable] = blocks.title_block(tr, TITLE, [tr.name(municipality), scope])
    if o is None or not o.has_activity:
        # The team's own records are not all: a period may hold only a training, a community
        # activity or a question to the Help Desk, and those are printed all the same.
        rest = community_section(req, municipality.id) + programme(req, municipality)
        story += blocks.no_data(tr, NOTHING_OF_THE_TEAM, blocks.NO_TEAM_ACTIVITY) + rest
        return Built(TITLE, tr.name(municipality), scope, story)
    m = o.meetings
    story.append(
        blocks.kpis(
            tr,
            [
                (N_("Meetings"), tr.number(m.meetings)),
                (N_("Attendance rate"), tr.percent(m.attendance_rate)),
                (N_("Action items done"), f"{tr.number(m.actions_done)} / {tr.number(m.actions)}"),
                (N_("Young people reached"), tr.number(o.youth.participants)),
                (N_("Proposals funded"), tr.number(o.fund.funded)),
            ],
        )
    )
    story += pillars(tr, o)
    story += team_and_meetings(tr, o)
    story += actions(tr, o, min(req.today, req.period.end))
    story += youth_section(tr, o)
    story += community_section(req, municipality.id)
    story += fund(tr, o)
    story += programme(req, municipality)
    return Built(TITLE, tr.name(municipality), scope, story)


NOTHING_OF_THE_TEAM = N_(
    "No meetings, youth activities or fund proposals are recorded in this period."
)


def programme(req: Request, municipality: Municipality) -> list[Flowable]:
    """Beside the team's own records: peer learning, engagements and the Help Desk,
    trainings and the needs assessment (issue 14), each empty when it has nothing."""
    story = peer_section(req, municipality.id)
    story += helpdesk_block(req, municipality.id)
    story += trainings_block(req, municipality.id)
    story += needs_report.periodic_block(req, municipality)
    return story


def pillars(tr: ReportLanguage, o: Overview) -> list[Flowable]:
    proposals = o.pillar_proposals()
    codes = [p.value for p in Pillar]
    rows = [
        [
            tr.label(Pillar, c),
            tr.number(o.meetings.by_pillar[c]),
            tr.number(o.youth.by_pillar[c]),
            tr.number(o.youth.pillar_participants[c]),
            tr.number(proposals[c]),
        ]
        for c in codes
    ]
    columns = [
        Column(N_("Pillar"), 4),
        Column(N_("Meetings"), 1.3, "R"),
        Column(N_("Youth activities"), 1.3, "R"),
        Column(N_("Young participants"), 1.4, "R"),
        Column(N_("Fund proposals"), 1.3, "R"),
    ]
    out: list[Flowable] = [
        blocks.heading(tr, N_("Work across the five pillars")),
        blocks.table(tr, columns, rows),
        blocks.note(tr("A meeting, activity or proposal counts under every pillar it serves.")),
    ]
    chart = charts.bar_chart(
        [tr.label(Pillar, c) for c in codes],
        [
            (tr.both("Meetings"), [o.meetings.by_pillar[c] for c in codes]),
            (tr.both("Youth activities"), [o.youth.by_pillar[c] for c in codes]),
            (tr.both("Fund proposals"), [proposals[c] for c in codes]),
        ],
        number=tr.number,
    )
    if chart is not None:
        out += [blocks.spacer(3), chart]
    return out


def _side_by_side(
    tr: ReportLanguage, left: list[tuple[str, int]], right: list[tuple[str, int]]
) -> Table:
    """Members by sector and meetings by kind next to each other in one table, which (unlike
    two tables in a frame) can split across pages."""
    rows: list[list[Cell]] = []
    for index in range(max(len(left), len(right), 1)):
        row: list[Cell] = []
        for pairs in (left, right):
            name, n = pairs[index] if index < len(pairs) else ("", None)
            row += [name, tr.number(n) if n is not None else ""]
        rows.append(row)
    if not right:  # an empty column would leave the reader wondering what is missing
        rows[0][2] = tr("No meetings in this period.")
    totals: list[list[Cell]] = [
        [
            tr("Total"),
            tr.number(sum(n for _, n in left)),
            tr("Total"),
            tr.number(sum(n for _, n in right)),
        ]
    ]
    columns = [
        Column(N_("Members by sector"), 3),
        Column(N_("Number"), 1, "R"),
        Column(N_("Meetings by kind"), 3),
        Column(N_("Number"), 1, "R"),
    ]
    table = blocks.table(tr, columns, rows, totals=totals)
    table.setStyle([("LINEAFTER", (1, 0), (1, -1), 0.8, INK)])
    return table


def team_and_meetings(tr: ReportLanguage, o: Overview) -> list[Flowable]:
    m = o.meetings
    out: list[Flowable] = [
        blocks.heading(tr, N_("Team and meetings")),
        blocks.facts(
            tr,
            [
                (N_("Teams"), tr.number(o.teams)),
                (N_("Members at the end of the period"), tr.number(o.member_count)),
                (N_("Meetings held"), tr.number(m.meetings)),
                (N_("Attendance rate"), tr.percent(m.attendance_rate)),
            ],
        ),
        blocks.spacer(2),
    ]
    sectors = [(tr.label(Sector, k), n) for k, n in o.members.most_common()]
    kinds = [(tr.label(MeetingKind, k), n) for k, n in m.by_kind.most_common()]
    out.append(_side_by_side(tr, sectors, kinds))
    out.append(blocks.note(tr("Attendance rate: members present out of all attendance recorded.")))
    return out


def actions(tr: ReportLanguage, o: Overview, on: dt.date) -> list[Flowable]:
    m = o.meetings
    columns = [
        Column(pN_("column header", "Done"), 1, "R"),
        Column(pN_("column header", "Open"), 1, "R"),
        Column(pN_("column header", "Overdue"), 1, "R"),
        Column(pN_("column header", "Cancelled"), 1, "R"),
        Column(N_("Total"), 1, "R"),
    ]
    values = (m.actions_done, m.actions_open, m.actions_overdue, m.actions_cancelled, m.actions)
    return [
        blocks.together(
            blocks.heading(tr, N_("Action items")),
            blocks.table(tr, columns, [[tr.number(v) for v in values]]),
            blocks.note(
                tr(
                    "Action items set at meetings in this period. Overdue on {date}: still open "
                    "after the due date.",
                    date=tr.date(on),
                )
            ),
        )
    ]


def youth_section(tr: ReportLanguage, o: Overview) -> list[Flowable]:
    out: list[Flowable] = [blocks.heading(tr, N_("Youth engagement"))]
    if not o.youth.activities:
        return [*out, *blocks.paragraphs(None, tr("No youth activities in this period."))]
    out += [youth.key_figures(tr, o.youth), blocks.spacer(3), *youth.grid_table(tr, o.youth)]
    chart = youth.age_chart(tr, o.youth)
    if chart is not None:
        out += [blocks.spacer(3), chart]
    return out


def fund(tr: ReportLanguage, o: Overview) -> list[Flowable]:
    out: list[Flowable] = [blocks.heading(tr, N_("Technical Support Fund"))]
    if not o.fund.proposals:
        return [*out, *blocks.paragraphs(None, tr("No fund proposals in this period."))]
    rows: list[list[Cell]] = []
    for data in o.fund.proposals:
        p, cur = data.proposal, data.proposal.currency
        approved = data.approved_minor
        rows.append(
            [
                p.reference,
                p.title,
                tr.label(ProposalStatus, data.status),
                tr.money(data.requested_minor, cur),
                tr.money(approved, cur) if approved is not None else "–",
                tr.money(data.spent_minor, cur),
            ]
        )
    totals: list[list[Cell]] = [
        [
            tr("Total"),
            "",
            "",
            money_sum(tr, o.fund.requested),
            money_sum(tr, o.fund.approved),
            money_sum(tr, o.fund.spent),
        ]
    ]
    columns = [
        Column(N_("Reference"), 1.5),
        Column(N_("Title"), 3.3),
        Column(N_("Status"), 1.6),
        Column(pN_("column header", "Requested"), 1.6, "R"),
        Column(pN_("column header", "Approved"), 1.6, "R"),
        Column(pN_("column header", "Spent"), 1.6, "R"),
    ]
    out.append(blocks.table(tr, columns, rows, totals=totals))
    return out


def money_sum(tr: ReportLanguage, amounts: Counter[str]) -> str:
    """Sums per currency ("–" for none); currencies are never added together."""
    parts = [tr.money(v, cur) for cur, v in sorted(amounts.items())]
    return "\n".join(parts) if parts else "–"


SPEC = ReportSpec(
    kind="periodic",
    title=TITLE,
    description=N_("The municipality's report to the hub for a period, across the five pillars."),
    build=build,
    record=N_("municipality"),
)
