"""Counts of people as printed for readers outside the municipality and the hub: every table
goes through small-cell suppression (``suppression.suppress``), with the footnote saying why.

``suppressed_table`` is the one way such a table is printed; the regional report's blocks here
(youth by gender and age band, participants by inclusion group, community engagement) and the
donor summary use it, and any other block (trainings by profession ...) can.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from hubdesk.domain import Municipality
from hubdesk.domain.enums import AgeBand, Gender, InclusionGroup, municipality_term_for
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.inclusion import BANDS, GENDERS, GROUPS, PeopleCounts, people_counts
from hubdesk.reports.disclosure import SMALL_MAX
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.suppression import (
    FOOTNOTE,
    Ref,
    Shown,
    Suppressed,
    Table,
    column_total,
    figure,
    grand_total,
    row_total,
    suppress_linked,
)
from hubdesk.reports.suppression import (
    cell as entry,
)

TOTAL = N_("Total")


def cell(tr: ReportLanguage, shown: Shown) -> str:
    return shown.text(tr.number, tr)


def suppressed_table(
    tr: ReportLanguage,
    head: str,
    row_labels: Sequence[str],
    column_msgids: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    first_width: float = 2.6,
    width: float = 1.2,
    row_at_most: Sequence[int | None] = (),
) -> list[Flowable]:
    """A table of counts of people, suppressed, with its footnote when anything is masked.
    ``head`` is the first column's heading (already in the report's language or a msgid),
    ``row_labels`` are printed as given, ``column_msgids`` translated; ``row_at_most``: what
    the report prints elsewhere that no count of the row can exceed (``Table.row_at_most``)."""
    table = Table(counts, row_totals, column_totals, row_at_most=row_at_most)
    shown = suppress_linked([table]).tables[0]
    columns = [Column(head, first_width)] + [Column(m, width, "R") for m in column_msgids]
    if shown.row_totals is not None:
        columns.append(Column(TOTAL, width, "R"))
    return render(tr, columns, row_labels, shown)


def render(
    tr: ReportLanguage, columns: Sequence[Column], row_labels: Sequence[str], shown: Suppressed
) -> list[Flowable]:
    body: list[list[Cell]] = []
    for n, label in enumerate(row_labels):
        row: list[Cell] = [label, *(cell(tr, s) for s in shown.cells[n])]
        if shown.row_totals is not None:
            row.append(cell(tr, shown.row_totals[n]))
        body.append(row)
    totals: list[list[Cell]] = []
    if shown.column_totals is not None:
        last: list[Cell] = [tr(TOTAL), *(cell(tr, s) for s in shown.column_totals)]
        if shown.grand_total is not None:
            last.append(cell(tr, shown.grand_total))
        totals.append(last)
    out: list[Flowable] = [blocks.table(tr, columns, body, totals=totals)]
    if shown.any_masked:
        out.append(blocks.note(tr(FOOTNOTE)))
    return out


# --- the regional report's sections ------------------------------------------------------------


@dataclass(frozen=True)
class PeopleShown:
    """The region's counts of people as they may be printed, suppressed as one system: the
    youth tables by gender and by age band share each municipality's head count (their row
    totals) and the region's (their grand totals); the optional youth table of the regional
    report ([participants, marginalised] per municipality, no row totals) repeats the head
    counts in its first column, and the headline figures repeat the grand totals."""

    gender: Suppressed
    band: Suppressed
    community: Suppressed
    youth: Suppressed | None = None
    youth_reached: Shown | None = None
    adults_reached: Shown | None = None


def people_shown(
    per: Sequence[PeopleCounts],
    *,
    youth: Sequence[Sequence[int]] | None = None,
    youth_reached: bool = False,
    adults_reached: bool = False,
) -> PeopleShown:
    """``per`` one municipality a row. ``youth``: the regional report's youth table, linked
    wherever its participants equal the grid's head counts; ``youth_reached`` and
    ``adults_reached``: whether the headline figures of young people and adults are printed."""
    gender = [p.youth_by_gender() for p in per]
    band = [p.youth_by_band() for p in per]
    community = [p.community_by_gender() for p in per]
    tables = [Table(gender), Table(band), Table(community)]
    links: list[list[Ref]] = [[grand_total(0), grand_total(1)]]
    links += [[row_total(0, m), row_total(1, m)] for m in range(len(per))]
    heads = [sum(row) for row in gender]
    reached = sum(heads)
    figures: list[int] = []
    if youth is not None:  # linked where it repeats the grid's head counts (it should)
        # a municipality's young people from marginalised groups are at most its young people
        at_most = [((m, 1), (m, 0)) for m, row in enumerate(youth) if len(row) > 1]
        tables.append(Table(youth, row_totals=False, at_most=at_most))
        links += [
            [row_total(0, m), entry(3, m, 0)] for m, row in enumerate(youth) if row[0] == heads[m]
        ]
        reached = sum(row[0] for row in youth)
        if reached == sum(heads):
            links.append([grand_total(0), column_total(3, 0)])
    if youth_reached:
        figures.append(reached)
        links.append([figure(0), column_total(3, 0) if youth is not None else grand_total(0)])
    if adults_reached:
        links.append([grand_total(2), figure(len(figures))])
        figures.append(sum(map(sum, community)))
    shown = suppress_linked(tables, figures, links)
    at = iter(shown.figures)
    return PeopleShown(
        shown.tables[0],
        shown.tables[1],
        shown.tables[2],
        shown.tables[3] if youth is not None else None,
        next(at) if youth_reached else None,
        next(at) if adults_reached else None,
    )


def _most(shown: Shown) -> int | None:
    """The most a printed entry can be to a reader: its value, 4 for "<5", nothing for "x"."""
    if shown.mark == "small":
        return SMALL_MAX
    return None if shown.masked else shown.value


def people_printed(shown: PeopleShown) -> list[int | None]:
    """Per municipality, the most its people (young people and adults of community
    activities) can be as the gender tables print them: no inclusion group is larger."""
    youth, adults = shown.gender.row_totals or [], shown.community.row_totals or []
    out: list[int | None] = []
    for y, a in zip(youth, adults, strict=True):
        most = [_most(y), _most(a)]
        out.append(None if None in most else sum(m for m in most if m is not None))
    return out


def regional_blocks(
    tr: ReportLanguage,
    municipalities: Sequence[Municipality],
    counts: dict[str, PeopleCounts],
    shown: PeopleShown | None = None,
) -> list[Flowable]:
    """Youth by gender and by age band, participants by inclusion group, and community
    engagement, one row per municipality, suppressed. ``shown``: the tables as suppressed
    together with the figures the report prints elsewhere (``people_shown``); by default the
    tables of this section alone, suppressed together."""
    head = municipality_term_for({m.country for m in municipalities})
    names = [tr.name(m) for m in municipalities]
    per = [counts.get(m.id, PeopleCounts()) for m in municipalities]
    if shown is None:
        shown = people_shown(per)
    out: list[Flowable] = []

    def table(msgids: Sequence[str], table: Suppressed) -> list[Flowable]:
        columns = [Column(head, 2.6)] + [Column(m, 1.2, "R") for m in msgids]
        return render(tr, [*columns, Column(TOTAL, 1.2, "R")], names, table)

    if any(p.youth_activities for p in per):
        out += [blocks.heading(tr, N_("Young participants by gender and age band"))]
        out += table([Gender.labels()[g] for g in GENDERS], shown.gender)
        out.append(blocks.spacer(3))
        out += table([AgeBand.labels()[b] for b in BANDS], shown.band)
    # Women as a group are left out: beside a gender hidden as "x" they would give it away
    # (``tables.public.REPEATS_GENDER``); the tables by gender count women.
    kept = [n for n, g in enumerate(GROUPS) if g != InclusionGroup.WOMEN]
    groups = [[p.groups()[n] for n in kept] for p in per]
    if any(map(any, groups)):
        out += [blocks.heading(tr, N_("Participants by inclusion group"))]
        out += suppressed_table(
            tr,
            head,
            names,
            [InclusionGroup.labels()[GROUPS[n]] for n in kept],
            groups,
            row_totals=False,
            row_at_most=people_printed(shown),
        )
        out.append(
            blocks.note(
                tr(
                    "Young people and adults of community activities together. A person may "
                    "belong to several groups, so the groups are not added up per municipality. "
                    "Women are counted in the tables by gender."
                )
            )
        )
    if any(p.community_activities for p in per):
        out += [blocks.heading(tr, N_("Community engagement"))]
        out += table([Gender.labels()[g] for g in GENDERS], shown.community)
        out.append(
            blocks.note(
                tr(
                    "Community activities in the period: {count} (women's groups, religious "
                    "communities, parents, minorities ...).",
                    count=tr.number(sum(p.community_activities for p in per)),
                )
            )
        )
    return out


__all__ = [
    "PeopleShown",
    "people_counts",
    "people_shown",
    "regional_blocks",
    "render",
    "suppressed_table",
]
