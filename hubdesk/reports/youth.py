"""Youth engagement in a period: who took part (gender × age band), youth-led share,
and which activities fed into a local decision or plan."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from hubdesk.domain import YouthActivity
from hubdesk.domain.enums import ActivityType, AgeBand, Gender
from hubdesk.i18n import N_
from hubdesk.reports import blocks, charts
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Column
from hubdesk.reports.community import youth_groups
from hubdesk.reports.data.scope import resolve_municipality
from hubdesk.reports.data.youth import YouthSummary, youth_activities, youth_summary
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.styles import FRAME_WIDTH

TITLE = N_("Youth engagement report")


def build(req: Request) -> Built:
    tr = req.tr
    municipality = resolve_municipality(req.ctx, req.record_id)
    scope = tr.period(req.period.start, req.period.end)
    with req.ctx.read() as session:
        summary = youth_summary(session, req.period, municipality.id).get(municipality.id)
        activities = youth_activities(session, req.period, municipality.id)
    story: list[Flowable] = blocks.title_block(tr, TITLE, [tr.name(municipality), scope])
    if summary is None or not activities:
        story += blocks.no_data(tr, N_("No youth activities are recorded in this period."))
        return Built(TITLE, tr.name(municipality), scope, story)
    story.append(key_figures(tr, summary))
    story += participants_section(tr, summary)
    story += youth_groups(req, municipality.id)
    story += _activities(tr, activities)
    story += _outcomes(tr, activities)
    return Built(TITLE, tr.name(municipality), scope, story)


def key_figures(tr: ReportLanguage, s: YouthSummary) -> Table:
    return blocks.kpis(
        tr,
        [
            (N_("Activities"), tr.number(s.activities)),
            (N_("Participants"), tr.number(s.participants)),
            (N_("Youth-led activities"), tr.percent(s.youth_led_share)),
            (N_("From marginalised groups"), tr.number(s.marginalised)),
            (N_("Fed into a local decision"), tr.number(s.fed_into_decision)),
        ],
    )


def participants_section(tr: ReportLanguage, s: YouthSummary) -> list[Flowable]:
    """The gender × age-band grid as a table, then as a chart and two pies."""
    out: list[Flowable] = [blocks.heading(tr, N_("Participants by gender and age band"))]
    out += grid_table(tr, s)
    chart = age_chart(tr, s)
    if chart is not None:
        out += [blocks.spacer(3), chart]
    out.append(_pies(tr, s))
    return out


def grid_table(tr: ReportLanguage, s: YouthSummary) -> list[Flowable]:
    bands = list(AgeBand)
    columns = [Column(N_("Gender"), 2.2)] + [Column(b.labels()[b.value], 1, "R") for b in bands]
    columns.append(Column(N_("Total"), 1.1, "R"))
    rows = []
    for g in Gender:
        counts = [s.grid.get((g.value, b.value), 0) for b in bands]
        rows.append([tr.label(Gender, g.value), *map(tr.number, counts), tr.number(sum(counts))])
    band_totals = s.by_band()
    grid_sum = sum(band_totals.values())
    totals = [[tr("Total"), *(tr.number(band_totals[b.value]) for b in bands), tr.number(grid_sum)]]
    out: list[Flowable] = [blocks.table(tr, columns, rows, totals=totals)]
    if grid_sum != s.participants:
        out.append(
            blocks.note(
                tr(
                    "Head count from sign-in sheets: {total}; not every participant was "
                    "counted by gender and age.",
                    total=tr.number(s.participants),
                )
            )
        )
    return out


def age_chart(tr: ReportLanguage, s: YouthSummary) -> Flowable | None:
    bands = list(AgeBand)
    return charts.bar_chart(
        [tr.label(AgeBand, b.value) for b in bands],
        [
            (tr.label(Gender, g.value), [s.grid.get((g.value, b.value), 0) for b in bands])
            for g in Gender
        ],
        number=tr.number,
    )


def _pies(tr: ReportLanguage, s: YouthSummary) -> Flowable:
    genders = s.by_gender()
    total = sum(genders.values())

    def share(n: int, whole: int) -> str:
        return f"{tr.number(n)} ({tr.percent(n / whole if whole else None)})"

    titles = (tr.both("Participants by gender"), tr.both("Activities that were youth-led"))
    room = max(len(charts.pie_title_lines(t)) for t in titles)  # the pies start level
    gender_pie = charts.pie_chart(
        [(tr.label(Gender, g), n, share(n, total)) for g, n in genders.items()],
        title=titles[0],
        title_room=room,
    )
    led, other = s.youth_led, s.activities - s.youth_led
    led_pie = charts.pie_chart(
        [
            (tr.both("Youth-led"), led, share(led, s.activities)),
            (tr.both("Led by adults or institutions"), other, share(other, s.activities)),
        ],
        title=titles[1],
        title_room=room,
    )
    cells = [c if c is not None else "" for c in (gender_pie, led_pie)]
    return blocks.grid([cells], [FRAME_WIDTH / 2] * 2, [("VALIGN", (0, 0), (-1, -1), "TOP")])


def _activities(tr: ReportLanguage, activities: list[YouthActivity]) -> list[Flowable]:
    columns = [
        Column(N_("Date"), 1.5),
        Column(N_("Activity"), 3.1),
        Column(N_("Type"), 1.7),
        Column(N_("Place"), 1.7),
        Column(N_("Youth-led"), 1.3, "C"),
        Column(N_("Participants"), 1.4, "R"),
        Column(N_("Marginalised"), 1.5, "R"),
    ]
    rows = [
        [
            tr.date(a.starts_on),
            a.title,
            tr.label(ActivityType, a.activity_type),
            a.place,
            tr("Yes") if a.youth_led else tr("No"),
            tr.number(a.participants_total),
            tr.number(a.marginalised),
        ]
        for a in activities
    ]
    totals = [
        [
            tr("Total"),
            "",
            "",
            "",
            "",
            tr.number(sum(a.participants_total for a in activities)),
            tr.number(sum(a.marginalised for a in activities)),
        ]
    ]
    return [blocks.heading(tr, N_("Activities")), blocks.table(tr, columns, rows, totals=totals)]


def _outcomes(tr: ReportLanguage, activities: list[YouthActivity]) -> list[Flowable]:
    fed = [a for a in activities if a.fed_into_decision]
    out: list[Flowable] = [blocks.heading(tr, N_("Outcomes that fed into local decisions"))]
    if not fed:
        return [
            *out,
            *blocks.paragraphs(
                None, tr("No activity fed into a local decision or plan in this period.")
            ),
        ]
    columns = [
        Column(N_("Activity"), 3),
        Column(N_("Outcome"), 4),
        Column(N_("Decision or plan"), 3),
    ]
    rows = [[f"{a.title}\n{tr.date(a.starts_on)}", a.outcome, a.decision_note] for a in fed]
    out.append(blocks.table(tr, columns, rows))
    return out


SPEC = ReportSpec(
    kind="youth",
    title=TITLE,
    description=N_("Youth activities in a period: who took part, youth-led share, outcomes."),
    build=build,
    record=N_("municipality"),
)
