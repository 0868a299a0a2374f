"""A spreadsheet marked public (for readers outside the municipality and the hub): counts of
people go through small-cell suppression like the printed reports (``reports/suppression``).

Per row of youth activities the gender × age grid is a table whose one printed total is the
head count, so it is suppressed as one row of fifteen cells with that total: a small cell is
"<5", and a partner cell "x" keeps it from being worked out as head count minus the rest.
A training's profession × gender grid and a community activity's three gender counts are
suppressed the same way with their head count. The other counts of people (marginalised,
inclusion groups) stand alone and only read "<5" when small; women as an inclusion group are
left out (``REPEATS_GENDER``). Rows are independent and no exported column is the sum of other
columns besides the head count, so nothing links one row's table to another's (the regional
report links its tables, ``suppress_linked``). Private fields are never in a public export.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hubdesk.domain.enums import COUNT_COLUMNS, InclusionGroup
from hubdesk.domain.pillars import INCLUSION_COLUMNS, inclusion_column
from hubdesk.domain.trainings import PROFESSION_COLUMNS
from hubdesk.reports.suppression import shown_count, suppress
from hubdesk.services.rules.community import GENDERS
from hubdesk.tables.columns import Column

GRIDS: dict[str, tuple[tuple[str, ...], str]] = {
    # kind -> (cells that add up to the total, the total's column)
    "youth_activities": (COUNT_COLUMNS, "participants_total"),
    "trainings": (PROFESSION_COLUMNS, "participants_total"),
    "community_activities": (GENDERS, "participants_total"),
}
LONE_COUNTS: dict[str, tuple[str, ...]] = {
    "youth_activities": ("marginalised", *INCLUSION_COLUMNS),
    "trainings": INCLUSION_COLUMNS,
    "community_activities": INCLUSION_COLUMNS,
}


# Women as an inclusion group are the women the counts by gender give (a reader takes them so):
# printed beside a gender hidden as "x" they let it be worked out (26 people, men "<5", women
# 22: the men are 4). What leaves the municipality and the hub gives women by gender only.
REPEATS_GENDER = inclusion_column(InclusionGroup.WOMEN)


def public_columns(columns: Sequence[Column]) -> list[Column]:
    """The columns a public export writes: all but the inclusion count that repeats a gender."""
    return [c for c in columns if c.key != REPEATS_GENDER]


def has_people_counts(kind: str) -> bool:
    return kind in GRIDS or kind in LONE_COUNTS


def public_values(kind: str, columns: Sequence[Column], values: list[list[Any]]) -> list[list[Any]]:
    """``values`` (rows of cells, as an export writes them) with counts of people suppressed."""
    index = {c.key: n for n, c in enumerate(columns)}
    out: list[list[Any]] = []
    for row in values:
        row = list(row)
        if kind in GRIDS:
            cells, total = GRIDS[kind]
            at = [index[c] for c in cells if c in index]
            if total in index and at:
                shown = suppress(
                    [[int(row[n] or 0) for n in at]], row_totals=True, column_totals=False
                )
                for n, s in zip(at, shown.cells[0], strict=True):
                    row[n] = s.text() if s.masked else row[n]
                total_shown = (shown.row_totals or [])[0]
                row[index[total]] = total_shown.text() if total_shown.masked else row[index[total]]
        for name in LONE_COUNTS.get(kind, ()):
            if name in index and row[index[name]] is not None:
                s = shown_count(int(row[index[name]]))
                row[index[name]] = s.text() if s.masked else row[index[name]]
        out.append(row)
    return out
