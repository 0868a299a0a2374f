"""The regional needs map: municipalities × pillars, this year's score against last year's.

Only submitted assessments count (a draft is still being written, and never reaches the hub).
A municipality sees its own row; the hub sees every municipality it knows, with a row even for
those that have not answered, so that a missing answer shows as missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hubdesk.domain import Municipality
from hubdesk.domain.enums import Pillar
from hubdesk.domain.needs import AssessmentStatus, NeedsAssessment
from hubdesk.i18n import N_
from hubdesk.services.context import ServiceContext

UP, DOWN, SAME, NEW, MISSING = "up", "down", "same", "new", "missing"
TREND_LABELS: dict[str, str] = {
    UP: N_("up"),
    DOWN: N_("down"),
    SAME: N_("same"),
    NEW: N_("first score"),
    MISSING: N_("missing"),
}
# A sign for each trend, so the map reads without colour too.
TREND_SIGNS: dict[str, str] = {UP: "▲", DOWN: "▼", SAME: "=", NEW: "•", MISSING: "–"}


@dataclass(frozen=True)
class Cell:
    score: int | None
    previous: int | None

    @property
    def trend(self) -> str:
        if self.score is None:
            return MISSING
        if self.previous is None:
            return NEW
        if self.score > self.previous:
            return UP
        return DOWN if self.score < self.previous else SAME


@dataclass  # not frozen: a report prints its name through ``ReportLanguage.name``
class MapRow:
    municipality_id: str
    name: str
    name_other_script: str
    country: str
    answered: bool  # a submitted assessment for the year
    cells: dict[str, Cell]


@dataclass(frozen=True)
class NeedsMap:
    year: int
    rows: list[MapRow]

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.answered)

    def average(self, pillar: str) -> float | None:
        scores = [s for row in self.rows if (s := row.cells[pillar].score) is not None]
        return sum(scores) / len(scores) if scores else None


def needs_map(ctx: ServiceContext, year: int, municipality_id: str | None = None) -> NeedsMap:
    """The map for ``year`` (with last year's scores beside), for every municipality known
    here, or only ``municipality_id`` (a municipality's own installation: always its own)."""
    if not ctx.is_hub:
        municipality_id = ctx.municipality_id
    with ctx.read() as session:
        places = select(Municipality).where(~Municipality.deleted)
        if municipality_id is not None:
            places = places.where(Municipality.id == municipality_id)
        municipalities = list(session.scalars(places.order_by(Municipality.name)))
        found = select(NeedsAssessment).where(
            ~NeedsAssessment.deleted,
            NeedsAssessment.status == AssessmentStatus.SUBMITTED.value,
            NeedsAssessment.year.in_((year, year - 1)),
        )
        by_key = {(a.municipality_id, a.year): a for a in session.scalars(found)}
    rows = []
    for m in municipalities:
        now, before = by_key.get((m.id, year)), by_key.get((m.id, year - 1))
        cells = {
            p.value: Cell(
                None if now is None else now.score(p),
                None if before is None else before.score(p),
            )
            for p in Pillar
        }
        rows.append(MapRow(m.id, m.name, m.name_other_script, m.country, now is not None, cells))
    return NeedsMap(year, rows)


def answered_count(ctx: ServiceContext, year: int) -> tuple[int, int]:
    """(municipalities with a submitted assessment for ``year``, municipalities known)."""
    result = needs_map(ctx, year)
    return result.answered, len(result.rows)


def as_json(result: NeedsMap) -> dict[str, object]:
    """The map as plain data (``hubdesk needs map --json``)."""
    return {
        "year": result.year,
        "answered": result.answered,
        "municipalities": [
            {
                "id": row.municipality_id,
                "name": row.name,
                "answered": row.answered,
                "pillars": {
                    pillar: {"score": c.score, "previous": c.previous, "trend": c.trend}
                    for pillar, c in row.cells.items()
                },
            }
            for row in result.rows
        ],
    }
