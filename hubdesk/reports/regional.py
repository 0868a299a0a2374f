"""Hub only: every municipality side by side for a period, with charts."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from hubdesk.domain import Municipality
from hubdesk.domain.enums import Pillar, Theme, municipality_term_for
from hubdesk.i18n import N_, pN_
from hubdesk.reports import blocks, charts
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.inclusion import PeopleCounts
from hubdesk.reports.data.overview import Overview, overview
from hubdesk.reports.data.scope import municipalities, owner_name
from hubdesk.reports.fund import regional_block as fund_money_block
from hubdesk.reports.helpdesk import regional_block as helpdesk_block
from hubdesk.reports.inclusion import PeopleShown, people_counts, people_shown
from hubdesk.reports.inclusion import regional_blocks as inclusion_blocks
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.needs import regional_block as needs_block
from hubdesk.reports.peers import regional_section as peer_section
from hubdesk.reports.periodic import money_sum
from hubdesk.reports.suppression import FOOTNOTE, Shown
from hubdesk.reports.trainings import regional_block as trainings_block

TITLE = N_("Regional report")

Rows = list[tuple[Municipality, Overview]]


def build(req: Request) -> Built:
    tr = req.tr
    owner = owner_name(req.ctx, req.tr)
    scope = tr.period(req.period.start, req.period.end)
    with req.ctx.read() as session:
        figures = overview(session, req.period, req.today)
    rows: Rows = [(m, figures.get(m.id, Overview())) for m in municipalities(req.ctx)]
    if req.theme:
        return themed(req, owner, scope, [m for m, _ in rows])
    story: list[Flowable] = blocks.title_block(tr, TITLE, [owner, scope])
    with req.ctx.read() as session:
        people = people_counts(session, req.period)
    if not any(o.has_activity for _, o in rows):
        # The community's engagement, the inclusion tables and the hub's programme may still
        # have something to say about a period without the teams' own records.
        places = [m for m, _ in rows]
        shown_apart = inclusion_blocks(tr, places, people) if places else []  # none: a new hub
        rest = shown_apart + programme(req, places)
        story += blocks.no_data(tr, NOTHING_IN_THE_REGION, blocks.NO_TEAM_ACTIVITY) + rest
        return Built(TITLE, owner, scope, story)
    present = sum(o.meetings.present for _, o in rows)
    recorded = sum(o.meetings.recorded for _, o in rows)
    # Every count of people below is suppressed as one system (reports/suppression.py): the
    # head counts of the youth table are the row totals of the gender and age-band tables,
    # and the headline is their grand total.
    shown = people_shown(
        [people.get(m.id, PeopleCounts()) for m, _ in rows],
        youth=[[o.youth.participants, o.youth.marginalised] for _, o in rows],
        youth_reached=True,
    )
    reached = shown.youth_reached or Shown(None, "complement")
    story.append(
        blocks.kpis(
            tr,
            [
                (
                    N_("Municipalities with activity"),
                    f"{tr.number(sum(o.has_activity for _, o in rows))} / {tr.number(len(rows))}",
                ),
                (N_("Meetings"), tr.number(sum(o.meetings.meetings for _, o in rows))),
                (N_("Attendance rate"), tr.percent(present / recorded if recorded else None)),
                (N_("Young people reached"), reached.text(tr.number, tr)),
                (N_("Proposals funded"), tr.number(sum(o.fund.funded for _, o in rows))),
            ],
        )
    )
    if reached.masked:
        story.append(blocks.note(tr(FOOTNOTE)))
    story += side_by_side(tr, rows, shown)
    story += _charts(tr, rows, shown)
    story += pillar_matrix(tr, rows)
    story += inclusion_blocks(tr, [m for m, _ in rows], people, shown)
    story += fund(tr, rows)
    story += fund_money_block(req, [m for m, _ in rows])
    story += programme(req, [m for m, _ in rows])
    return Built(TITLE, owner, scope, story)


NOTHING_IN_THE_REGION = N_(
    "No municipality has meetings, youth activities or fund proposals recorded in this period."
)


def programme(req: Request, places: list[Municipality]) -> list[Flowable]:
    """The hub's programme beside the teams' own records (issue 14): printed even in a period
    without meetings, youth activities or proposals, since a region may have trained, met its
    ministries or assessed its needs all the same. Each block is empty when it has nothing."""
    story = peer_section(req)  # exchanges between cities, good practices published
    story += helpdesk_block(req, places)  # engagements and the Help Desk
    story += trainings_block(req)  # trainings by profession
    story += needs_block(req, places)  # the needs map
    return story


def themed(req: Request, owner: str, scope: str, places: list[Municipality]) -> Built:
    """The region narrowed to one theme: its records per municipality and the people they
    reached (suppressed)."""
    from hubdesk.reports.data.inclusion import records_by_theme
    from hubdesk.reports.donor import theme_table

    tr = req.tr
    theme = tr("Theme: {theme}", theme=tr.label(Theme, req.theme or ""))
    with req.ctx.read() as session:
        people = people_counts(session, req.period, req.theme)
        themes = records_by_theme(session, req.period, req.theme)
    story: list[Flowable] = blocks.title_block(tr, TITLE, [owner, scope, theme])
    # The sections that carry no theme are left out; the reader is told so, not left to guess.
    story.append(
        blocks.note(
            tr(
                "Only the records that carry this theme (meetings, youth and community "
                "activities, fund proposals). The team, its members and the fund's money carry "
                "no theme: they are in the report without a theme."
            )
        )
    )
    blocks_ = theme_table(tr, places, themes) + inclusion_blocks(tr, places, people)
    if not blocks_:
        blocks_ = blocks.no_data(tr, N_("No records of this theme in this period."))
    return Built(TITLE, owner, scope, story + blocks_)


def _total(rows: Rows, value: Callable[[Overview], int]) -> int:
    return sum(value(o) for _, o in rows)


def side_by_side(tr: ReportLanguage, rows: Rows, shown: PeopleShown) -> list[Flowable]:
    """Two tables with the municipalities as rows: team and meetings, then youth (its counts
    of people as ``people_shown`` suppressed them, with the report's other tables)."""
    meetings = [
        Column(_municipality(rows), 2.6),
        Column(N_("Members"), 1.1, "R"),
        Column(N_("Meetings"), 1.1, "R"),
        Column(N_("Attendance rate"), 1.3, "R"),
        Column(N_("Action items done"), 1.2, "R"),
        Column(pN_("column header", "Open"), 1.1, "R"),
        Column(pN_("column header", "Overdue"), 1.1, "R"),
    ]
    meeting_rows: list[list[Cell]] = [
        [
            tr.name(m),
            tr.number(o.member_count),
            tr.number(o.meetings.meetings),
            tr.percent(o.meetings.attendance_rate),
            tr.number(o.meetings.actions_done),
            tr.number(o.meetings.actions_open),
            tr.number(o.meetings.actions_overdue),
        ]
        for m, o in rows
    ]
    present = _total(rows, lambda o: o.meetings.present)
    recorded = _total(rows, lambda o: o.meetings.recorded)
    meeting_total: list[list[Cell]] = [
        [
            tr("Total"),
            tr.number(_total(rows, lambda o: o.member_count)),
            tr.number(_total(rows, lambda o: o.meetings.meetings)),
            tr.percent(present / recorded if recorded else None),
            tr.number(_total(rows, lambda o: o.meetings.actions_done)),
            tr.number(_total(rows, lambda o: o.meetings.actions_open)),
            tr.number(_total(rows, lambda o: o.meetings.actions_overdue)),
        ]
    ]
    youth = [
        Column(_municipality(rows), 2.6),
        Column(N_("Youth activities"), 1.2, "R"),
        Column(N_("Young participants"), 1.2, "R"),
        Column(N_("From marginalised groups"), 1.5, "R"),
        Column(N_("Youth-led activities"), 1.2, "R"),
        Column(N_("Fed into a local decision"), 1.3, "R"),
    ]
    people = shown.youth
    assert people is not None  # asked for by build
    youth_rows: list[list[Cell]] = [
        [
            tr.name(m),
            tr.number(o.youth.activities),
            *(s.text(tr.number, tr) for s in shown),
            tr.percent(o.youth.youth_led_share),
            tr.number(o.youth.fed_into_decision),
        ]
        for (m, o), shown in zip(rows, people.cells, strict=True)
    ]
    people_totals = [s.text(tr.number, tr) for s in people.column_totals or []]
    activities = _total(rows, lambda o: o.youth.activities)
    led = _total(rows, lambda o: o.youth.youth_led)
    youth_total: list[list[Cell]] = [
        [
            tr("Total"),
            tr.number(activities),
            *people_totals,
            tr.percent(led / activities if activities else None),
            tr.number(_total(rows, lambda o: o.youth.fed_into_decision)),
        ]
    ]
    return [
        blocks.heading(tr, N_("Team and meetings")),
        blocks.table(tr, meetings, meeting_rows, totals=meeting_total),
        blocks.note(
            tr(
                "Members on the last day of the period; action items set at meetings in "
                "the period; overdue: still open after the due date."
            )
        ),
        blocks.heading(tr, N_("Youth engagement")),
        blocks.table(tr, youth, youth_rows, totals=youth_total),
        *([blocks.note(tr(FOOTNOTE))] if people.any_masked else []),
    ]


def _charts(tr: ReportLanguage, rows: Rows, shown: PeopleShown) -> list[Flowable]:
    names = [tr.name(m) for m, _ in rows]
    chart = charts.bar_charts(
        names,
        [
            (tr.both("Meetings"), [o.meetings.meetings for _, o in rows]),
            (tr.both("Youth activities"), [o.youth.activities for _, o in rows]),
        ],
        number=tr.number,
    )
    # Bars are labelled with their counts: left out when one of them is masked in the tables
    # (a small count, or one hidden to protect another).
    masked = shown.youth is None or any(row[0].masked for row in shown.youth.cells)
    reached = (
        []
        if masked or any(0 < o.youth.participants < 5 for _, o in rows)
        else charts.bar_charts(
            names,
            [(tr.both("Young participants"), [o.youth.participants for _, o in rows])],
            number=tr.number,
        )
    )
    out: list[Flowable] = []
    for title, parts in ((N_("Meetings and youth activities"), chart),
                         (N_("Young people reached"), reached)):  # fmt: skip
        if parts:  # the heading stays with the first part; the others follow on their own
            out.append(blocks.together(blocks.heading(tr, title, 2), parts[0]))
            out += parts[1:]
    return out


def pillar_matrix(tr: ReportLanguage, rows: Rows) -> list[Flowable]:
    codes = [p.value for p in Pillar]
    columns = [Column(_municipality(rows), 2.2)] + [
        Column(Pillar.labels()[c], 1.5, "R") for c in codes
    ]
    body: list[list[Cell]] = []
    for municipality, o in rows:
        proposals = o.pillar_proposals()
        body.append(
            [
                tr.name(municipality),
                *(
                    tr.number(o.meetings.by_pillar[c] + o.youth.by_pillar[c] + proposals[c])
                    for c in codes
                ),
            ]
        )
    return [
        blocks.heading(tr, N_("Work across the five pillars")),
        blocks.table(tr, columns, body),
        blocks.note(tr("Meetings, youth activities and fund proposals serving each pillar.")),
    ]


def fund(tr: ReportLanguage, rows: Rows) -> list[Flowable]:
    columns = [
        Column(_municipality(rows), 2.4),
        Column(N_("Proposals"), 1.3, "R"),
        Column(pN_("column header", "Funded"), 1.5, "R"),
        Column(pN_("column header", "Requested"), 2, "R"),
        Column(pN_("column header", "Approved"), 2, "R"),
        Column(pN_("column header", "Spent"), 2, "R"),
    ]
    body: list[list[Cell]] = [
        [
            tr.name(m),
            tr.number(len(o.fund.proposals)),
            tr.number(o.fund.funded),
            money_sum(tr, o.fund.requested),
            money_sum(tr, o.fund.approved),
            money_sum(tr, o.fund.spent),
        ]
        for m, o in rows
    ]
    return [
        blocks.heading(tr, N_("Technical Support Fund")),
        blocks.table(tr, columns, body),
        blocks.note(tr("Amounts in each municipality's own currency.")),
    ]


SPEC = ReportSpec(
    kind="regional",
    title=TITLE,
    description=N_("Hub only: every municipality side by side for a period, with charts."),
    build=build,
    hub_only=True,
)


def _municipality(rows: Rows) -> str:
    """The heading of the municipality column: the word of their country, or of several."""
    return municipality_term_for({m.country for m, _ in rows})
