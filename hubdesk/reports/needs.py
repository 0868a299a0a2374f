"""The City Needs Assessment in print: the needs map (municipalities × pillars, this year
against last) and each assessment in full, for a year.

The hub prints the whole region; a municipality prints its own assessment. The map's cells are
tinted by score but say everything in characters too (the score, an arrow or sign for the
change, last year's score in brackets), so a black-and-white copy loses nothing. The regional
and periodic reports take their needs section from here (``regional_block``,
``periodic_block``), and the proposal print and the trainings report the need a record answers
(``record_need``, ``needs_named``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from reportlab.lib import colors
from reportlab.platypus import Flowable

from hubdesk.domain import Municipality
from hubdesk.domain.enums import Pillar, municipality_term_for
from hubdesk.domain.needs import AssessmentStatus, NeedsAssessment, Structure
from hubdesk.i18n import N_, pN_
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.scope import owner_name
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services import needs
from hubdesk.services.needs_link import NeedChoice, need_of
from hubdesk.services.needs_map import TREND_SIGNS, MapRow, NeedsMap, needs_map

TITLE = N_("City Needs Assessment")


class NeedNaming(Protocol):
    """A record that may name the need it answers (a proposal, a training)."""

    @property
    def id(self) -> str: ...
    @property
    def need_assessment_id(self) -> str | None: ...
    @property
    def need_pillar(self) -> str: ...


# Light tints for scores 1–4 (weakest to strongest), dark enough to tell apart on screen,
# light enough for black text; the characters in the cell carry the same information.
TINTS = {
    1: colors.Color(0.98, 0.80, 0.78),
    2: colors.Color(0.99, 0.90, 0.75),
    3: colors.Color(0.93, 0.96, 0.78),
    4: colors.Color(0.80, 0.93, 0.80),
}


def year_of(req: Request) -> int:
    """The assessment year a report covers: the year of the period's last day."""
    return req.period.end.year


def build(req: Request) -> Built:
    tr = req.tr
    year = year_of(req)
    owner = owner_name(req.ctx, req.tr)
    scope = tr("Year {year}", year=year)
    story: list[Flowable] = blocks.title_block(tr, TITLE, [owner, scope])
    start, end = req.period.start, req.period.end
    if start.year != end.year:  # said, not silently narrowed: an assessment is yearly
        story.append(
            blocks.note(
                tr(
                    "Needs are assessed once a year: this report is for {year}, the year in "
                    "which the period {period} ends.",
                    year=year,
                    period=tr.period(start, end),
                )
            )
        )
    result = needs_map(req.ctx, year)
    if not any(row.answered or _any_previous(row) for row in result.rows):
        story += blocks.no_data(
            tr, N_("No needs assessment has been submitted for this year or the year before.")
        )
        return Built(TITLE, owner, scope, story)
    if req.ctx.is_hub:
        story.append(
            blocks.kpis(
                tr,
                [
                    (
                        N_("Municipalities that answered"),
                        f"{tr.number(result.answered)} / {tr.number(len(result.rows))}",
                    ),
                    *((Pillar.labels()[p.value], _average(tr, result, p.value)) for p in Pillar),
                ],
            )
        )
    story += map_block(tr, result)
    for row in result.rows:
        found = needs.assessment_for(req.ctx, row.municipality_id, year)
        if found is not None and found.status == AssessmentStatus.SUBMITTED:
            story += assessment_block(req, found, row)
    return Built(TITLE, owner, scope, story)


def _any_previous(row: MapRow) -> bool:
    return any(cell.previous is not None for cell in row.cells.values())


def _average(tr: ReportLanguage, result: NeedsMap, pillar: str) -> str:
    """To one decimal, half up as a reader checks it by hand: round() printed four towns'
    2.25 as 2.2 beside 1.75 as 1.8 (it rounds a half to the even digit)."""
    value = result.average(pillar)
    if value is None:
        return "–"
    return tr.number(float(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)), 1)


def _cell(tr: ReportLanguage, row: MapRow, pillar: str) -> str:
    cell = row.cells[pillar]
    sign = TREND_SIGNS[cell.trend]
    if cell.score is None:
        before = "" if cell.previous is None else f" ({tr.number(cell.previous)})"
        return f"{sign}{before}"
    before = "" if cell.previous is None else f" ({tr.number(cell.previous)})"
    return f"{tr.number(cell.score)} {sign}{before}"


def map_block(tr: ReportLanguage, result: NeedsMap, level: int = 1) -> list[Flowable]:
    """The map as a table: a row per municipality, a column per pillar."""
    codes = [p.value for p in Pillar]
    countries = {row.country for row in result.rows}
    columns = [Column(municipality_term_for(countries), 2.2)] + [
        Column(Pillar.labels()[c], 1.5, "C") for c in codes
    ]
    body: list[list[Cell]] = [
        [tr.name(row), *(_cell(tr, row, c) for c in codes)] for row in result.rows
    ]
    table = blocks.table(tr, columns, body)
    tints: list[tuple[object, ...]] = []
    for r, row in enumerate(result.rows, start=1):
        for c, code in enumerate(codes, start=1):
            score = row.cells[code].score
            if score in TINTS:
                tints.append(("BACKGROUND", (c, r), (c, r), TINTS[score]))
    table.setStyle(tints)
    return [
        blocks.heading(tr, N_("Needs map {year}"), level, year=result.year),
        table,
        blocks.note(
            tr(
                "Score from 1 (weakest) to 4 (strongest), then its change since the year "
                "before: ▲ up, ▼ down, = same, • first score; last year's score in brackets; "
                "– no submitted assessment."
            )
        ),
    ]


def assessment_block(req: Request, found: NeedsAssessment, row: MapRow) -> list[Flowable]:
    """One municipality's assessment in full: per pillar the score and what it means, last
    year's score, the needs and the priorities; then what it builds on."""
    tr = req.tr
    questions = needs.questions_of(req.ctx, found, tr)
    out: list[Flowable] = [
        blocks.heading(tr, N_("Needs assessment of {name}"), 1, name=tr.name(row)),
        blocks.facts(
            tr,
            [
                (N_("Year"), str(found.year)),
                (N_("Submitted on"), tr.date(found.submitted_on)),
                (N_("Questionnaire"), questions.title),
            ],
        ),
        blocks.spacer(2),
    ]
    columns = [
        Column(N_("Pillar"), 1.8),
        Column(pN_("column header", "Score"), 2.4),
        Column(pN_("column header", "Last year"), 0.9, "C"),
        Column(N_("Needs"), 2.6),
        Column(N_("Priorities"), 2.6),
    ]
    body: list[list[Cell]] = []
    for p in Pillar:
        score = found.score(p)
        meaning = questions.level(p.value, score)
        shown = "–" if score is None else f"{tr.number(score)} – {meaning}"
        previous = row.cells[p.value].previous
        body.append(
            [
                tr.label(Pillar, p.value),
                shown,
                "–" if previous is None else tr.number(previous),
                found.needs(p) or "–",
                found.priorities(p) or "–",
            ]
        )
    out.append(blocks.table(tr, columns, body))
    structures = [tr.label(Structure, code) for code in found.structures]
    if found.structures_other.strip():
        structures.append(found.structures_other.strip())
    out += blocks.section(tr, N_("Structures and policies to build on"), "\n".join(structures))
    return out


def regional_block(req: Request, rows: list[Municipality]) -> list[Flowable]:
    """The regional report's needs section: the map for the period's year."""
    if not rows:
        return []
    result = needs_map(req.ctx, year_of(req))
    if not any(row.answered or _any_previous(row) for row in result.rows):
        return []
    return map_block(req.tr, result)


def periodic_block(req: Request, municipality: Municipality) -> list[Flowable]:
    """The periodic report's needs section: the municipality's own row of the map."""
    result = needs_map(req.ctx, year_of(req), municipality.id)
    if not any(row.answered or _any_previous(row) for row in result.rows):
        return [
            blocks.heading(req.tr, N_("City Needs Assessment")),
            *blocks.paragraphs(
                None, req.tr("No needs assessment submitted for {year}.", year=year_of(req))
            ),
        ]
    return map_block(req.tr, result)


SPEC = ReportSpec(
    kind="needs",
    title=TITLE,
    description=N_(
        "The needs map and each assessment in full for a year (the one in which the period "
        "ends); a municipality prints its own."
    ),
    build=build,
)


def need_text(tr: ReportLanguage, need: NeedChoice) -> str:
    """ "2026 · Capacity-building (2/4)" in the report's language: a need named by a record."""
    score = "" if need.score is None else f" ({need.score}/4)"
    return tr("{year} · {pillar}{score}", year=need.year, pillar=tr.label(Pillar, need.pillar),
              score=score)  # fmt: skip


def needs_named(req: Request, records: Sequence[NeedNaming]) -> dict[str, NeedChoice]:
    """The need each of ``records`` (proposals, trainings) names, by record id; records naming
    none, or an assessment not held here, are left out."""
    out: dict[str, NeedChoice] = {}
    with req.ctx.read() as session:
        for record in records:
            found = need_of(session, record.need_assessment_id, record.need_pillar)
            if found is not None:
                out[record.id] = found
    return out


def record_need(req: Request, record: NeedNaming) -> list[Flowable]:
    """A print's lines on the assessed need a record answers (nothing when it names none): the
    year and pillar, the score with what it means, and the needs as the town wrote them."""
    if record.need_assessment_id is None or not record.need_pillar:
        return []
    tr = req.tr
    with req.ctx.read() as session:
        found = session.get(NeedsAssessment, record.need_assessment_id)
    if found is None or found.deleted:
        return []
    pillar = record.need_pillar
    score = found.score(pillar)
    meaning = needs.questions_of(req.ctx, found, tr).level(pillar, score)
    scored = "–" if score is None else tr("{score} of 4: {meaning}", score=score, meaning=meaning)
    return [
        blocks.heading(tr, N_("Assessed need it answers"), 2),
        blocks.facts(
            tr,
            [
                (N_("Needs assessment"), str(found.year)),
                (N_("Pillar"), tr.label(Pillar, pillar)),
                (pN_("column header", "Score"), scored),
                (N_("Needs"), found.needs(pillar)),
            ],
        ),
        blocks.spacer(2),
    ]
