"""Counts of people as printed for readers outside the municipality and the hub: every table
goes through small-cell suppression (``suppression.suppress``), with the footnote saying why.

``suppressed_table`` is the one way such a table is printed; the regional report's blocks here
(youth by gender and age band, participants by inclusion group, community engagement) and the
donor summary use it, and any other block (trainings by profession ...) can.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from hubdesk.domain import Municipality
from hubdesk.domain.enums import AgeBand, Gender, InclusionGroup, municipality_term_for
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.inclusion import BANDS, GENDERS, GROUPS, PeopleCounts, people_counts
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.suppression import FOOTNOTE, Shown, Suppressed, suppress

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
) -> list[Flowable]:
    """A table of counts of people, suppressed, with its footnote when anything is masked.
    ``head`` is the first column's heading (already in the report's language or a msgid),
    ``row_labels`` are printed as given, ``column_msgids`` translated."""
    shown = suppress(counts, row_totals=row_totals, column_totals=column_totals)
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


def regional_blocks(
    tr: ReportLanguage,
    municipalities: Sequence[Municipality],
    counts: dict[str, PeopleCounts],
) -> list[Flowable]:
    """Youth by gender and by age band, participants by inclusion group, and community
    engagement, one row per municipality, suppressed."""
    head = municipality_term_for({m.country for m in municipalities})
    names = [tr.name(m) for m in municipalities]
    per = [counts.get(m.id, PeopleCounts()) for m in municipalities]
    out: list[Flowable] = []
    if any(p.youth_activities for p in per):
        out += [blocks.heading(tr, N_("Young participants by gender and age band"))]
        out += suppressed_table(
            tr,
            head,
            names,
            [Gender.labels()[g] for g in GENDERS],
            [p.youth_by_gender() for p in per],
        )
        out.append(blocks.spacer(3))
        out += suppressed_table(
            tr, head, names, [AgeBand.labels()[b] for b in BANDS], [p.youth_by_band() for p in per]
        )
    if any(any(p.groups()) for p in per):
        out += [blocks.heading(tr, N_("Participants by inclusion group"))]
        out += suppressed_table(
            tr,
            head,
            names,
            [InclusionGroup.labels()[g] for g in GROUPS],
            [p.groups() for p in per],
            row_totals=False,
        )
        out.append(
            blocks.note(
                tr(
                    "Young people and adults of community activities together. A person may "
                    "belong to several groups, so the groups are not added up per municipality."
                )
            )
        )
    if any(p.community_activities for p in per):
        out += [blocks.heading(tr, N_("Community engagement"))]
        out += suppressed_table(
            tr,
            head,
            names,
            [Gender.labels()[g] for g in GENDERS],
            [p.community_by_gender() for p in per],
        )
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


__all__ = ["people_counts", "regional_blocks", "render", "suppressed_table"]
