"""Hub only: the region's results for a funder. Everything a donor reads leaves the hub, so every
count of people in it goes through small-cell suppression (``reports/suppression.py``)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from hubdesk.domain import Municipality
from hubdesk.domain.enums import Theme, municipality_term_for
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.inclusion import PeopleCounts, people_counts, records_by_theme
from hubdesk.reports.data.overview import overview
from hubdesk.reports.data.scope import municipalities, owner_name
from hubdesk.reports.inclusion import people_shown, regional_blocks
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.suppression import FOOTNOTE, Shown

TITLE = N_("Donor summary")


def build(req: Request) -> Built:
    tr = req.tr
    owner = owner_name(req.ctx, req.tr)
    scope = tr.period(req.period.start, req.period.end)
    lines = [owner, scope]
    if req.theme:
        lines.append(tr("Theme: {theme}", theme=tr.label(Theme, req.theme)))
    places = municipalities(req.ctx)
    with req.ctx.read() as session:
        people = people_counts(session, req.period, req.theme)
        themes = records_by_theme(session, req.period, req.theme)
        figures = overview(session, req.period, req.today)
    story: list[Flowable] = blocks.title_block(tr, TITLE, lines)
    story.append(
        blocks.note(
            tr(
                "Results of the region's municipalities for this period. Counts of people from "
                "1 to 4 are shown as <5, so that nobody can be recognised."
            )
        )
    )
    per = [people.get(m.id, PeopleCounts()) for m in places]
    if not any(p.youth_activities or p.community_activities for p in per) and not themes:
        story += blocks.no_data(
            tr, N_("No youth or community activities are recorded in this period.")
        )
        return Built(TITLE, owner, scope, story)
    # The headline figures are the grand totals of the tables below: suppressed with them.
    shown = people_shown(per, youth_reached=True, adults_reached=True)
    youth = shown.youth_reached or Shown(None, "complement")
    adults = shown.adults_reached or Shown(None, "complement")
    funded = 0 if req.theme else sum(f.fund.funded for f in figures.values())
    kpis = [
        (N_("Municipalities"), tr.number(len(places))),
        (N_("Youth activities"), tr.number(sum(p.youth_activities for p in per))),
        (N_("Young people reached"), youth.text(tr.number, tr)),
        (N_("Community activities"), tr.number(sum(p.community_activities for p in per))),
        (N_("Adults reached"), adults.text(tr.number, tr)),
    ]
    if not req.theme:
        kpis.append((N_("Proposals funded"), tr.number(funded)))
    story.append(blocks.kpis(tr, kpis))
    if youth.masked or adults.masked:
        story.append(blocks.note(tr(FOOTNOTE)))
    story += theme_table(tr, places, themes)
    story += regional_blocks(tr, places, people, shown)
    return Built(TITLE, owner, scope, story)


def theme_table(
    tr: ReportLanguage, places: list[Municipality], themes: dict[str, dict[str, int]]
) -> list[Flowable]:
    """Records per municipality and theme (records, not people: printed as they are)."""
    codes = [t.value for t in Theme if any(t.value in c for c in themes.values())]
    if not codes:
        return []
    head = municipality_term_for({m.country for m in places})
    columns = [Column(head, 2.4)] + [Column(Theme.labels()[c], 1.3, "R") for c in codes]
    body: list[list[Cell]] = [
        [tr.name(m), *(tr.number(themes.get(m.id, {}).get(c, 0)) for c in codes)] for m in places
    ]
    return [
        blocks.heading(tr, N_("Work by theme")),
        blocks.table(tr, columns, body),
        blocks.note(
            tr("Meetings, youth activities, community activities and fund proposals per theme.")
        ),
    ]


SPEC = ReportSpec(
    kind="donor",
    title=TITLE,
    description=N_(
        "Hub only: the region's results for a funder, with small counts of people hidden."
    ),
    build=build,
    hub_only=True,
)
