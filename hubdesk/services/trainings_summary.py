"""Lists and sums of the capacity-building register, computed by the database.

The hub's question "how many teachers were trained in the region this year, and by whom" is
``trained_by``: one row per municipality, organiser and trainer. ``profession_matrix`` is the
plain professions × gender matrix the reports print; it holds exact counts, and whoever prints
for readers outside (the regional report) passes it through small-cell suppression first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, case, extract, func, select
from sqlalchemy.orm import Session

from hubdesk.domain import Member, Municipality, Training, TrainingMember
from hubdesk.domain.enums import Gender, InclusionGroup, Profession
from hubdesk.domain.pillars import inclusion_column
from hubdesk.domain.trainings import PROFESSION_COLUMNS, TrainingRole, profession_column
from hubdesk.i18n import N_
from hubdesk.services.area import pillar_match
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.listing import Page, fetch, stream, text_match
from hubdesk.services.rules.base import FIRST_YEAR, LAST_YEAR


@dataclass(frozen=True)
class TrainingFilter:
    search: str | None = None
    year: int | None = None  # trainings starting in this calendar year
    pillar: str | None = None
    theme: str | None = None
    profession: str | None = None  # trainings with at least one participant of it
    train_the_trainer: bool | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    municipality_id: str | None = None  # for the hub, which sees every municipality


def profession_sum(profession: str | None) -> ColumnElement[int]:
    """The participants of one profession (all genders; every profession when None) of a
    training, in SQL."""
    professions = list(Profession) if profession is None else [Profession(profession)]
    cells = [Training.__table__.c[profession_column(p, g)] for p in professions for g in Gender]
    out: ColumnElement[int] = cells[0]
    for cell in cells[1:]:
        out = out + cell
    return out


def _where(ctx: ServiceContext, f: TrainingFilter) -> list[ColumnElement[bool]]:
    """The filter's conditions on ``trainings``."""
    out: list[ColumnElement[bool]] = [~Training.deleted]
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        out.append(Training.municipality_id == municipality_id)
    out.append(text_match(f.search, Training.search_text))
    out.append(pillar_match(Training.pillars, f.pillar))
    out.append(pillar_match(Training.themes, f.theme))
    if f.year is not None:
        if not FIRST_YEAR <= f.year <= LAST_YEAR:  # a typo is a clear message, not a traceback
            raise ValidationError.single(
                "year",
                N_("Enter a year between {first} and {last}."),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        out.append(Training.starts_on >= dt.date(f.year, 1, 1))
        out.append(Training.starts_on <= dt.date(f.year, 12, 31))
    if f.date_from is not None:
        out.append(Training.starts_on >= f.date_from)
    if f.date_to is not None:
        out.append(Training.starts_on <= f.date_to)
    if f.profession is not None:
        out.append(profession_sum(f.profession) > 0)
    if f.train_the_trainer is not None:
        out.append(Training.train_the_trainer == f.train_the_trainer)
    return out


TRAINING_SORT = {
    "starts_on": Training.starts_on,
    "title": Training.title,
    "organiser": Training.organiser,
    "format": Training.format,
}
DEFAULT_ORDER = (Training.starts_on.desc(), Training.title, Training.id)


def list_trainings(
    ctx: ServiceContext, f: TrainingFilter = TrainingFilter(), page: Page | None = None
) -> list[Training]:
    """Matching trainings, newest first (or one page of them, as a table loads them)."""
    query = select(Training).where(*_where(ctx, f))
    with ctx.read() as session:
        if page is None:
            return list(session.scalars(query.order_by(*DEFAULT_ORDER)))
        return fetch(session, query, page, TRAINING_SORT, DEFAULT_ORDER)


def iter_trainings(
    ctx: ServiceContext, f: TrainingFilter = TrainingFilter(), page: Page = Page()
) -> Iterator[Training]:
    """``list_trainings`` a batch at a time (``listing.stream``), for an export."""
    query = select(Training).where(*_where(ctx, f))
    with ctx.read() as session:
        yield from stream(session, query, page, TRAINING_SORT, DEFAULT_ORDER)


def training_years(ctx: ServiceContext) -> list[int]:
    """The years trainings are recorded in, newest first (for a year filter)."""
    years = extract("year", Training.starts_on)
    query = select(years).where(*_where(ctx, TrainingFilter())).distinct()
    with ctx.read() as session:
        return sorted({int(y) for y in session.scalars(query) if y}, reverse=True)


def count_trainings(ctx: ServiceContext, f: TrainingFilter = TrainingFilter()) -> int:
    with ctx.read() as session:
        query = select(func.count()).select_from(Training).where(*_where(ctx, f))
        return int(session.scalar(query) or 0)


def _total(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


@dataclass(frozen=True)
class TrainingTotals:
    trainings: int
    participants: int
    train_the_trainer: int  # trainings that trained trainers
    grid: dict[tuple[str, str], int]  # (profession, gender) -> participants
    by_profession: dict[str, int]
    by_gender: dict[str, int]
    inclusion: dict[str, int]


def training_totals(ctx: ServiceContext, f: TrainingFilter = TrainingFilter()) -> TrainingTotals:
    """Sums over every matching training, by the database."""
    inclusion = [inclusion_column(g) for g in InclusionGroup]
    query = select(
        func.count(),
        _total(case((Training.train_the_trainer, 1), else_=0)),
        *(_total(Training.__table__.c[name]) for name in PROFESSION_COLUMNS),
        *(_total(Training.__table__.c[name]) for name in inclusion),
    ).where(*_where(ctx, f))
    with ctx.read() as session:
        trainings, tot, *cells = session.execute(query).one()
    grid_cells, inclusion_cells = cells[: len(PROFESSION_COLUMNS)], cells[len(PROFESSION_COLUMNS) :]
    pairs = [(p.value, g.value) for p in Profession for g in Gender]
    grid = {pair: int(n) for pair, n in zip(pairs, grid_cells, strict=True)}
    return TrainingTotals(
        trainings=int(trainings),
        participants=sum(grid.values()),
        train_the_trainer=int(tot),
        grid=grid,
        by_profession={p.value: sum(grid[p.value, g.value] for g in Gender) for p in Profession},
        by_gender={g.value: sum(grid[p.value, g.value] for p in Profession) for g in Gender},
        inclusion={g.value: int(n) for g, n in zip(InclusionGroup, inclusion_cells, strict=True)},
    )


@dataclass(frozen=True)
class CountMatrix:
    """A plain matrix of exact counts with its labels (msgids, translated by whoever prints
    it, in the printout's language). The totals are not in it: a printer adds them after any
    suppression."""

    row_labels: list[str]
    column_labels: list[str]
    counts: list[list[int]]
    row_codes: list[str] = field(default_factory=list)
    column_codes: list[str] = field(default_factory=list)


def profession_matrix(ctx: ServiceContext, f: TrainingFilter = TrainingFilter()) -> CountMatrix:
    """Participants of the matching trainings, professions × gender."""
    totals = training_totals(ctx, f)
    return CountMatrix(
        row_labels=[Profession.labels()[p.value] for p in Profession],
        column_labels=[Gender.labels()[g.value] for g in Gender],
        counts=[[totals.grid[p.value, g.value] for g in Gender] for p in Profession],
        row_codes=[p.value for p in Profession],
        column_codes=[g.value for g in Gender],
    )


@dataclass(frozen=True)
class TrainedBy:
    """Participants of one profession trained in one municipality by one organiser / trainer."""

    municipality_id: str
    municipality: str
    organiser: str
    trainer: str
    trainings: int
    by_gender: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_gender.values())


def _trainer_expression() -> ColumnElement[str]:
    """The training's trainer: the name written down, else its trainer among the team."""
    member_trainer = (
        select(func.min(Member.name))
        .join(TrainingMember, TrainingMember.member_id == Member.id)
        .where(
            TrainingMember.training_id == Training.id,
            TrainingMember.role == TrainingRole.TRAINER.value,
            ~TrainingMember.deleted,
            ~Member.deleted,  # a member deleted (recorded by mistake) trained no one
        )
        .scalar_subquery()
    )
    return func.coalesce(func.nullif(Training.trainer_name, ""), member_trainer, "")


def trained_by(
    ctx: ServiceContext, profession: str | None, f: TrainingFilter = TrainingFilter()
) -> list[TrainedBy]:
    """How many of ``profession`` (everyone, when None) were trained, by municipality,
    organiser and trainer (the hub sees every municipality; a municipality its own)."""
    code = None if profession is None else Profession(profession).value
    professions = list(Profession) if code is None else [Profession(code)]
    trainer = _trainer_expression().label("trainer")
    c = Training.__table__.c

    def gender_sum(g: Gender) -> ColumnElement[int]:
        cells = [c[profession_column(p, g)] for p in professions]
        out: ColumnElement[int] = cells[0]
        for cell in cells[1:]:
            out = out + cell
        return out

    # Each training with its trainer first, then grouped: the trainer is a correlated
    # subquery, which a server database will not group by in the same query.
    each = (
        select(
            Training.municipality_id,
            Training.organiser,
            trainer,
            *(gender_sum(g).label(f"n_{g.value}") for g in Gender),
        )
        .where(*_where(ctx, f), profession_sum(code) > 0)
        .subquery()
    )
    query = (
        select(
            each.c.municipality_id,
            Municipality.name,
            each.c.organiser,
            each.c.trainer,
            func.count(),
            *(_total(each.c[f"n_{g.value}"]) for g in Gender),
        )
        .join(Municipality, Municipality.id == each.c.municipality_id)
        .group_by(each.c.municipality_id, Municipality.name, each.c.organiser, each.c.trainer)
        .order_by(Municipality.name, each.c.organiser, each.c.trainer)
    )
    with ctx.read() as session:
        return [
            TrainedBy(
                municipality_id=mid,
                municipality=name,
                organiser=organiser,
                trainer=who,
                trainings=int(n),
                by_gender={g.value: int(v) for g, v in zip(Gender, counts, strict=True)},
            )
            for mid, name, organiser, who, n, *counts in session.execute(query)
        ]


def trainers_of(session: Session, training_ids: list[str]) -> dict[str, str]:
    """The trainer shown for each training: the name written down, else the team's trainer."""
    query = select(Training.id, _trainer_expression()).where(Training.id.in_(training_ids))
    return {tid: who for tid, who in session.execute(query)}


def trainer_names(ctx: ServiceContext, training_ids: list[str]) -> dict[str, str]:
    with ctx.read() as session:
        return trainers_of(session, training_ids)


def trained_tile(ctx: ServiceContext, today: dt.date) -> Any:
    """The dashboard tile: people trained in the last twelve months, teachers among them (the
    hub: in the whole region)."""
    from hubdesk.i18n import _, ngettext
    from hubdesk.i18n.formatting import format_number
    from hubdesk.services.dashboard_summary import TileFigure

    since = today - dt.timedelta(days=365)
    totals = training_totals(ctx, TrainingFilter(date_from=since, date_to=today))
    teachers = totals.by_profession[Profession.TEACHER.value]

    def caption() -> str:
        text = ngettext(
            "person trained in twelve months", "people trained in twelve months",
            totals.participants,
        )  # fmt: skip
        return text + "; " + _("teachers: {count}").format(count=format_number(teachers))

    window = {"date_from": since, "date_to": today}  # the page shows what the tile counts
    return TileFigure(totals.participants, caption, False, "trainings", window)
