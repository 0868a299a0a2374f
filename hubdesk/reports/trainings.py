"""Trainings in a period: participants by profession and gender, who trained them, and the
trainings themselves. The hub prints it for the region (or one municipality, ``--id``); a
municipality for its own trainings. ``--profession`` narrows "who trained them" to one
profession: "how many teachers were trained in the region this year, and by whom".

The blocks the periodic and regional reports add are here too; the regional one prints a
``CountMatrix`` and is the place where counts for readers outside are suppressed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from hubdesk.domain import Training
from hubdesk.domain.enums import (
    MUNICIPALITY_OF_SEVERAL_COUNTRIES,
    Gender,
    InclusionGroup,
    Profession,
)
from hubdesk.domain.trainings import TrainingFormat, TrainingRole
from hubdesk.i18n import N_, pN_
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.scope import municipalities, owner_name, resolve_municipality
from hubdesk.reports.errors import ReportError
from hubdesk.reports.inclusion import suppressed_table
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.needs import need_text, needs_named
from hubdesk.services import trainings_summary as summary
from hubdesk.services.context import ServiceContext
from hubdesk.services.trainings_summary import CountMatrix, TrainedBy, TrainingFilter

TITLE = N_("Trainings report")


def _filter(req: Request, municipality_id: str | None = None) -> TrainingFilter:
    return TrainingFilter(
        date_from=req.period.start, date_to=req.period.end, municipality_id=municipality_id
    )


def build(req: Request) -> Built:
    tr = req.tr
    profession = req.profession
    if profession is not None and profession not in {p.value for p in Profession}:
        raise ReportError(
            tr(
                "Unknown profession '{code}'. Choose one of: {codes}.",
                code=profession,
                codes=", ".join(p.value for p in Profession),
            )
        )
    if req.ctx.is_hub and not req.record_id:
        owner = owner_name(req.ctx, req.tr)
        municipality_id, lines = None, [owner]
    else:
        municipality = resolve_municipality(req.ctx, req.record_id)
        owner, municipality_id = tr.name(municipality), municipality.id
        lines = [owner]
    scope = tr.period(req.period.start, req.period.end)
    f = _filter(req, municipality_id)
    story: list[Flowable] = blocks.title_block(tr, TITLE, [*lines, scope])
    totals = summary.training_totals(req.ctx, f)
    if not totals.trainings:
        story += blocks.no_data(tr, N_("No trainings are recorded in this period."))
        return Built(TITLE, owner, scope, story)
    focus = Profession(profession) if profession else Profession.TEACHER
    story.append(
        blocks.kpis(
            tr,
            [
                (N_("Trainings"), tr.number(totals.trainings)),
                (N_("Participants"), tr.number(totals.participants)),
                (N_("Training of trainers"), tr.number(totals.train_the_trainer)),
                (Profession.labels()[focus.value], tr.number(totals.by_profession[focus.value])),
            ],
        )
    )
    story += profession_section(tr, summary.profession_matrix(req.ctx, f))
    names = _municipality_names(req)
    story += trained_by_section(
        tr, summary.trained_by(req.ctx, profession, f), profession, names, municipality_id is None
    )
    story += inclusion_section(tr, totals.inclusion, totals.participants)
    found = summary.list_trainings(req.ctx, f)
    story += trainings_list(tr, found, req, several=municipality_id is None)
    return Built(TITLE, owner, scope, story)


def matrix_table(tr: ReportLanguage, matrix: CountMatrix, first: str) -> Flowable:
    """A matrix of counts with a total per row and per column (rows all zero left out)."""
    columns = [Column(first, 3.2)] + [Column(label, 1.2, "R") for label in matrix.column_labels]
    columns.append(Column(N_("Total"), 1.2, "R"))
    body: list[list[Cell]] = []
    for label, counts in zip(matrix.row_labels, matrix.counts, strict=True):
        if any(counts):
            body.append([tr(label), *map(tr.number, counts), tr.number(sum(counts))])
    sums = [sum(column) for column in zip(*matrix.counts, strict=True)]
    totals: list[list[Cell]] = [[tr("Total"), *map(tr.number, sums), tr.number(sum(sums))]]
    return blocks.table(tr, columns, body, totals=totals)


def profession_section(tr: ReportLanguage, matrix: CountMatrix) -> list[Flowable]:
    return [
        blocks.heading(tr, N_("Participants by profession and gender")),
        matrix_table(tr, matrix, pN_("column header", "Profession")),
    ]


def trained_by_section(
    tr: ReportLanguage,
    rows: list[TrainedBy],
    profession: str | None,
    names: dict[str, str],
    several: bool,
) -> list[Flowable]:
    if profession is None:
        heading = blocks.heading(tr, N_("Who trained them"))
    else:
        heading = blocks.heading(
            tr, N_("Who trained them: {profession}"), profession=tr.label(Profession, profession)
        )
    columns = [Column(_municipality_word(), 2.2)] if several else []
    columns += [
        Column(N_("Organiser"), 2.4),
        Column(N_("Trainer"), 2.4),
        Column(N_("Trainings"), 1.2, "R"),
        *(Column(Gender.labels()[g.value], 1.1, "R") for g in Gender),
        Column(N_("Total"), 1.1, "R"),
    ]
    body: list[list[Cell]] = []
    for r in rows:
        line: list[Cell] = [names.get(r.municipality_id, r.municipality)] if several else []
        line += [r.organiser or "–", r.trainer or "–", tr.number(r.trainings)]
        line += [tr.number(r.by_gender[g.value]) for g in Gender]
        body.append([*line, tr.number(r.total)])
    if not body:
        return [heading, blocks.note(tr("Nobody of this profession was trained in this period."))]
    pad: list[Cell] = [""] * (3 if several else 2)
    genders = [sum(r.by_gender[g.value] for r in rows) for g in Gender]
    totals: list[list[Cell]] = [
        [
            tr("Total"),
            *pad[1:],
            tr.number(sum(r.trainings for r in rows)),
            *map(tr.number, genders),
            tr.number(sum(genders)),
        ]
    ]
    return [heading, blocks.table(tr, columns, body, totals=totals)]


def inclusion_section(
    tr: ReportLanguage, inclusion: dict[str, int], participants: int
) -> list[Flowable]:
    if not any(inclusion.values()):
        return []
    columns = [Column(N_("Inclusion group"), 4), Column(N_("Participants"), 1.4, "R")]
    body: list[list[Cell]] = [
        [tr.label(InclusionGroup, code), tr.number(n)] for code, n in inclusion.items()
    ]
    return [
        blocks.heading(tr, N_("Participants by inclusion group")),
        blocks.table(tr, columns, body),
        blocks.note(
            tr(
                "A person may belong to several groups; participants in all: {total}.",
                total=tr.number(participants),
            )
        ),
    ]


def trainings_list(
    tr: ReportLanguage, found: list[Training], req: Request, several: bool
) -> list[Flowable]:
    trainers = summary.trainer_names(req.ctx, [t.id for t in found])
    names = _municipality_names(req)
    named = needs_named(req, found)  # the column shows when a training names a need
    columns = [Column(N_("Date"), 1.5), Column(N_("Training"), 3.2)]
    if several:
        columns.append(Column(_municipality_word(), 1.8))
    if named:
        columns.append(Column(N_("Need addressed"), 2.4))
    columns += [
        Column(N_("Format"), 1.4),
        Column(N_("Trainer"), 2),
        Column(N_("Training of trainers"), 1.3, "C"),
        Column(N_("Participants"), 1.4, "R"),
    ]
    body: list[list[Cell]] = []
    for t in found:
        line: list[Cell] = [tr.date(t.starts_on), t.title]
        if several:
            line.append(names.get(t.municipality_id, ""))
        if named:
            line.append(need_text(tr, named[t.id]) if t.id in named else "–")
        line += [
            tr.label(TrainingFormat, t.format),
            trainers.get(t.id) or "–",
            tr("Yes") if t.train_the_trainer else tr("No"),
            tr.number(t.grid_total()),
        ]
        body.append(line)
    return [blocks.heading(tr, N_("Trainings")), blocks.table(tr, columns, body)]


def _municipality_names(req: Request) -> dict[str, str]:
    return {m.id: req.tr.name(m) for m in municipalities(req.ctx)}


def _municipality_word() -> str:
    return MUNICIPALITY_OF_SEVERAL_COUNTRIES


@dataclass
class HeldTrainings:
    """One member's trainings from the register, one line each ("title (year)"): those the
    member took part in, and those the member gave as the trainer (a trainer received nothing
    from the training they gave)."""

    received: list[str] = field(default_factory=list)
    given: list[str] = field(default_factory=list)


def member_trainings(
    ctx: ServiceContext, member_ids: list[str], on: dt.date | None = None
) -> dict[str, HeldTrainings]:
    """Each member's trainings from the register, for the roster's columns. A roster of the
    team on ``on`` lists only the trainings begun by then: one held later was not the
    members' on that day."""
    from hubdesk.services import trainings

    out: dict[str, HeldTrainings] = {}
    for part in trainings.taking_part_of(ctx, sorted(set(member_ids))):
        if on is not None and part.starts_on > on:
            continue
        held = out.setdefault(part.member_id, HeldTrainings())
        line = f"{part.training_title} ({part.starts_on.year})"
        (held.given if part.role == TrainingRole.TRAINER else held.received).append(line)
    return out


# --- blocks of the periodic and regional reports ------------------------------------------------


def periodic_block(req: Request, municipality_id: str) -> list[Flowable]:
    """The periodic report's section: the municipality's trainings by profession and gender."""
    f = _filter(req, municipality_id)
    totals = summary.training_totals(req.ctx, f)
    if not totals.trainings:
        return []
    tr = req.tr
    return [
        blocks.heading(tr, N_("Capacity-building")),
        blocks.kpis(
            tr,
            [
                (N_("Trainings"), tr.number(totals.trainings)),
                (N_("Participants"), tr.number(totals.participants)),
                (N_("Training of trainers"), tr.number(totals.train_the_trainer)),
            ],
        ),
        matrix_table(tr, summary.profession_matrix(req.ctx, f), pN_("column header", "Profession")),
    ]


def regional_matrix(req: Request) -> CountMatrix:
    """The plain professions × gender matrix of the region's trainings in the period (exact
    counts: suppression for readers outside is applied to it before printing)."""
    return summary.profession_matrix(req.ctx, _filter(req))


def regional_block(req: Request) -> list[Flowable]:
    """The regional report's "trainings by profession" table. The regional report is read
    outside the hub, so its counts go through small-cell suppression (the trainings report
    itself, for the hub and the municipality, prints them exactly)."""
    matrix = regional_matrix(req)
    if not any(map(any, matrix.counts)):
        return []
    tr = req.tr
    kept = [(label, row) for label, row in zip(matrix.row_labels, matrix.counts, strict=True)
            if any(row)]  # fmt: skip
    return [
        blocks.heading(tr, N_("Trainings by profession")),
        *suppressed_table(
            tr,
            pN_("column header", "Profession"),
            [tr(label) for label, _row in kept],
            matrix.column_labels,
            [row for _label, row in kept],
            first_width=3.2,
        ),
        blocks.note(tr("Participants of every municipality's trainings in the period.")),
    ]


SPEC = ReportSpec(
    kind="trainings",
    title=TITLE,
    description=N_(
        "Trainings in a period: participants by profession and gender, who trained them, "
        "and the trainings themselves."
    ),
    build=build,
    record=N_("municipality"),
    region_wide=True,
)
