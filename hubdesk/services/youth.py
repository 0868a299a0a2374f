"""Youth engagement activities and their participant counts (counts only, never names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from hubdesk.domain import Team, YouthActivity
from hubdesk.domain.enums import COUNT_COLUMNS, AgeBand, Gender
from hubdesk.domain.pillars import INCLUSION_COLUMNS
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import flags, normalised, not_in_future, pillar_match, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page, count, fetch, stream, text_match
from hubdesk.services.rules import youth as rules
from hubdesk.services.rules.youth import COUNTS
from hubdesk.services.team import require_municipality
from hubdesk.services.twins import refuse_twin
from hubdesk.services.validation import Checker, unknown_fields

ACTIVITY_FIELDS = (
    "team_id",
    "title",
    "activity_type",
    "starts_on",
    "ends_on",
    "place",
    "partners",
    "pillars",
    "youth_led",
    "participants_total",
    "marginalised",
    "outcome",
    "fed_into_decision",
    "decision_note",
    "themes",
    *COUNT_COLUMNS,
    *INCLUSION_COLUMNS,
)
ACTIVITY = N_("youth activity")


def _stored_counts(current: YouthActivity | None) -> dict[str, Any]:
    if current is None:
        return dict.fromkeys((*COUNTS, *INCLUSION_COLUMNS), 0)
    names = (*COUNTS, *INCLUSION_COLUMNS, "starts_on", "ends_on")
    return {name: getattr(current, name) for name in names}


def check_activity(
    session: Session, ctx: ServiceContext, data: Mapping[str, Any], current: YouthActivity | None
) -> dict[str, Any]:
    unknown_fields(data, ACTIVITY_FIELDS)
    # An empty grid cell means nobody of that gender and age came.
    empty_is_zero = (*COUNT_COLUMNS, *INCLUSION_COLUMNS)
    data = {k: (0 if k in empty_is_zero and v is None else v) for k, v in data.items()}
    check = Checker()
    required = ("title", "activity_type", "starts_on", "participants_total")
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.required(data, *[k for k in ("marginalised",) if k in data])
    check.text(data, YouthActivity)
    plain_text(check, data, "partners", "outcome", "decision_note")
    check.choices(data, "pillars")
    check.choices(data, "themes")
    check.date(data, "starts_on")
    check.date(data, "ends_on")
    # An activity is recorded with the people who came: one that has not started has none yet
    # (and "1.1.45" read as 2045 would count in reports for years).
    not_in_future(check, data, "starts_on")
    flags(check, data, "youth_led", "fed_into_decision")
    for name in (*COUNTS, *INCLUSION_COLUMNS):
        check.count(data, name)
    check.rules(rules.check_activity({**_stored_counts(current), **data}, changed=data))
    team_id = data.get("team_id")
    if team_id is not None and check.ok("team_id"):
        team = session.get(Team, team_id) if isinstance(team_id, str) else None
        if team is None or team.deleted or team.municipality_id != ctx.municipality_id:
            check.add("team_id", N_("Choose one of this municipality's teams."))
    key = ("title", "starts_on")
    refuse_twin(
        session, check, YouthActivity, ctx.municipality_id, key, data, current, SAME_ACTIVITY
    )
    check.done()
    texts = ("place", "partners", "outcome", "decision_note")
    return normalised(data, texts, ("youth_led", "fed_into_decision"))


SAME_ACTIVITY = N_(
    "An activity with this title that started on the same day is already recorded. Open it "
    "to change it, or give this one a title of its own."
)


def own_activity(session: Session, ctx: ServiceContext, activity_id: str) -> YouthActivity:
    return records.owned(session, ctx, YouthActivity, activity_id, ACTIVITY)


def create_activity(ctx: ServiceContext, data: Mapping[str, Any]) -> YouthActivity:
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        values = check_activity(session, ctx, data, None)
        return records.create(
            session, ctx, YouthActivity, {**values, "municipality_id": municipality_id}
        )


def update_activity(
    ctx: ServiceContext, activity_id: str, data: Mapping[str, Any]
) -> YouthActivity:
    with ctx.transaction() as session:
        activity = own_activity(session, ctx, activity_id)
        records.change(session, ctx, activity, check_activity(session, ctx, data, activity))
        return activity


def delete_activity(ctx: ServiceContext, activity_id: str) -> None:
    with ctx.transaction() as session:
        records.tombstone(session, ctx, own_activity(session, ctx, activity_id))


def get_activity(ctx: ServiceContext, activity_id: str) -> YouthActivity:
    with ctx.read() as session:
        return records.live(session, YouthActivity, activity_id, ACTIVITY)


# --- lists and totals --------------------------------------------------------------------------


@dataclass(frozen=True)
class YouthFilter:
    search: str | None = None
    team_id: str | None = None
    activity_type: str | None = None
    pillar: str | None = None
    theme: str | None = None
    youth_led: bool | None = None
    date_from: dt.date | None = None  # activities starting on or after this day
    date_to: dt.date | None = None  # ... and on or before this day
    municipality_id: str | None = None  # for the hub, which sees every municipality


ACTIVITY_SORT = {
    "starts_on": YouthActivity.starts_on,
    "title": YouthActivity.title,
    "activity_type": YouthActivity.activity_type,
    "participants_total": YouthActivity.participants_total,
}
DEFAULT_ORDER = (YouthActivity.starts_on.desc(), YouthActivity.id)


def activity_query(ctx: ServiceContext, f: YouthFilter) -> Select[YouthActivity]:
    query = select(YouthActivity).where(~YouthActivity.deleted)
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(YouthActivity.municipality_id == municipality_id)
    query = query.where(text_match(f.search, YouthActivity.search_text))
    for column, value in (
        (YouthActivity.team_id, f.team_id),
        (YouthActivity.activity_type, f.activity_type),
        (YouthActivity.youth_led, f.youth_led),
    ):
        if value is not None:
            query = query.where(column == value)
    query = query.where(pillar_match(YouthActivity.pillars, f.pillar))
    query = query.where(pillar_match(YouthActivity.themes, f.theme))
    if f.date_from is not None:
        query = query.where(YouthActivity.starts_on >= f.date_from)
    if f.date_to is not None:
        query = query.where(YouthActivity.starts_on <= f.date_to)
    return query


def count_activities(ctx: ServiceContext, f: YouthFilter = YouthFilter()) -> int:
    with ctx.read() as session:
        return count(session, activity_query(ctx, f))


def list_activities(
    ctx: ServiceContext,
    f: YouthFilter = YouthFilter(),
    page: Page = Page(order_by="starts_on", descending=True),
) -> list[YouthActivity]:
    with ctx.read() as session:
        return fetch(session, activity_query(ctx, f), page, ACTIVITY_SORT, DEFAULT_ORDER)


def iter_activities(
    ctx: ServiceContext,
    f: YouthFilter = YouthFilter(),
    page: Page = Page(order_by="starts_on", descending=True),
) -> Iterator[YouthActivity]:
    """``list_activities`` a batch at a time (``listing.stream``), for an export."""
    with ctx.read() as session:
        yield from stream(session, activity_query(ctx, f), page, ACTIVITY_SORT, DEFAULT_ORDER)


@dataclass(frozen=True)
class YouthTotals:
    activities: int
    participants: int
    by_gender: dict[str, int]
    by_age: dict[str, int]
    grid: dict[tuple[str, str], int]
    marginalised: int
    youth_led: int  # activities led by young people
    fed_into_decision: int  # activities that fed into a local decision or plan
    by_group: dict[str, int] = field(default_factory=dict)  # inclusion group -> participants


def youth_totals(ctx: ServiceContext, f: YouthFilter = YouthFilter()) -> YouthTotals:
    """Sums over every matching activity, computed by the database (reports cover years)."""
    rows = activity_query(ctx, f).subquery()

    def total(column: Any) -> Any:
        return func.coalesce(func.sum(column), 0)

    query = select(
        func.count(),
        total(rows.c.participants_total),
        total(rows.c.marginalised),
        total(case((rows.c.youth_led, 1), else_=0)),
        total(case((rows.c.fed_into_decision, 1), else_=0)),
        *(total(rows.c[name]) for name in COUNT_COLUMNS),
        *(total(rows.c[name]) for name in INCLUSION_COLUMNS),
    )
    with ctx.read() as session:
        activities, participants, marginalised, youth_led, fed, *sums = session.execute(query).one()
    cells, groups = sums[: len(COUNT_COLUMNS)], sums[len(COUNT_COLUMNS) :]
    grid = {
        (g.value, b.value): int(n)
        for (g, b), n in zip(((g, b) for g in Gender for b in AgeBand), cells, strict=True)
    }
    return YouthTotals(
        activities=int(activities),
        participants=int(participants),
        by_gender={g.value: sum(grid[g.value, b.value] for b in AgeBand) for g in Gender},
        by_age={b.value: sum(grid[g.value, b.value] for g in Gender) for b in AgeBand},
        grid=grid,
        marginalised=int(marginalised),
        youth_led=int(youth_led),
        fed_into_decision=int(fed),
        by_group={
            c.removeprefix("inc_"): int(n) for c, n in zip(INCLUSION_COLUMNS, groups, strict=True)
        },
    )
