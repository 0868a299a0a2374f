"""Community engagement activities: gatherings with the adults of a community, counted by
gender and inclusion group (counts only, never names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from hubdesk.domain import CommunityActivity
from hubdesk.domain.pillars import INCLUSION_COLUMNS
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import normalised, not_in_future, pillar_match, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page, count, fetch, stream
from hubdesk.services.rules import community as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.twins import refuse_twin
from hubdesk.services.validation import Checker, unknown_fields
from hubdesk.services.youth import SAME_ACTIVITY

COUNTS = (*rules.COUNTS, *INCLUSION_COLUMNS)
ACTIVITY_FIELDS = (
    "title",
    "activity_type",
    "audiences",
    "starts_on",
    "ends_on",
    "place",
    "partners",
    "pillars",
    "themes",
    "outcome",
    *COUNTS,
)
ACTIVITY = N_("community activity")


def _stored(current: CommunityActivity | None) -> dict[str, Any]:
    if current is None:
        return dict.fromkeys(COUNTS, 0)
    return {name: getattr(current, name) for name in (*COUNTS, "starts_on", "ends_on")}


def check_activity(
    session: Session,
    ctx: ServiceContext,
    data: Mapping[str, Any],
    current: CommunityActivity | None,
) -> dict[str, Any]:
    """The values to store, or a ValidationError naming every problem (nothing is written)."""
    unknown_fields(data, ACTIVITY_FIELDS)
    # An empty count means nobody of that kind came.
    data = {k: (0 if k in COUNTS and v is None else v) for k, v in data.items()}
    check = Checker()
    required = ("title", "activity_type", "starts_on", "participants_total")
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.text(data, CommunityActivity)
    plain_text(check, data, "partners", "outcome")
    for name in ("audiences", "pillars", "themes"):
        check.choices(data, name)
    check.date(data, "starts_on")
    check.date(data, "ends_on")
    not_in_future(check, data, "starts_on")  # recorded with the people who came, as youth's
    for name in COUNTS:
        check.count(data, name)
    check.rules(rules.check_activity({**_stored(current), **data}, changed=data))
    key = ("title", "starts_on")
    refuse_twin(
        session, check, CommunityActivity, ctx.municipality_id, key, data, current, SAME_ACTIVITY
    )
    check.done()
    values = normalised(data, ("place", "partners", "outcome"))
    if values.get("audiences") is not None:
        values["audiences"] = sorted(values["audiences"])
    return values


def own_activity(session: Session, ctx: ServiceContext, activity_id: str) -> CommunityActivity:
    return records.owned(session, ctx, CommunityActivity, activity_id, ACTIVITY)


def create_activity(ctx: ServiceContext, data: Mapping[str, Any]) -> CommunityActivity:
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        values = check_activity(session, ctx, data, None)
        return records.create(
            session, ctx, CommunityActivity, {**values, "municipality_id": municipality_id}
        )


def update_activity(
    ctx: ServiceContext, activity_id: str, data: Mapping[str, Any]
) -> CommunityActivity:
    with ctx.transaction() as session:
        activity = own_activity(session, ctx, activity_id)
        records.change(session, ctx, activity, check_activity(session, ctx, data, activity))
        return activity


def delete_activity(ctx: ServiceContext, activity_id: str) -> None:
    with ctx.transaction() as session:
        records.tombstone(session, ctx, own_activity(session, ctx, activity_id))


def get_activity(ctx: ServiceContext, activity_id: str) -> CommunityActivity:
    with ctx.read() as session:
        return records.live(session, CommunityActivity, activity_id, ACTIVITY)


# --- lists and totals --------------------------------------------------------------------------


@dataclass(frozen=True)
class CommunityFilter:
    search: str | None = None  # in the title
    pillar: str | None = None
    theme: str | None = None
    audience: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    municipality_id: str | None = None  # for the hub, which sees every municipality


SORT = {
    "starts_on": CommunityActivity.starts_on,
    "title": CommunityActivity.title,
    "participants_total": CommunityActivity.participants_total,
}
DEFAULT_ORDER = (CommunityActivity.starts_on.desc(), CommunityActivity.id)


def activity_query(ctx: ServiceContext, f: CommunityFilter) -> Select[CommunityActivity]:
    query = select(CommunityActivity).where(~CommunityActivity.deleted)
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(CommunityActivity.municipality_id == municipality_id)
    if f.search:
        query = query.where(CommunityActivity.title.contains(f.search.strip(), autoescape=True))
    query = query.where(pillar_match(CommunityActivity.pillars, f.pillar))
    query = query.where(pillar_match(CommunityActivity.themes, f.theme))
    query = query.where(pillar_match(CommunityActivity.audiences, f.audience))
    if f.date_from is not None:
        query = query.where(CommunityActivity.starts_on >= f.date_from)
    if f.date_to is not None:
        query = query.where(CommunityActivity.starts_on <= f.date_to)
    return query


def count_activities(ctx: ServiceContext, f: CommunityFilter = CommunityFilter()) -> int:
    with ctx.read() as session:
        return count(session, activity_query(ctx, f))


def list_activities(
    ctx: ServiceContext,
    f: CommunityFilter = CommunityFilter(),
    page: Page = Page(order_by="starts_on", descending=True),
) -> list[CommunityActivity]:
    with ctx.read() as session:
        return fetch(session, activity_query(ctx, f), page, SORT, DEFAULT_ORDER)


def iter_activities(
    ctx: ServiceContext,
    f: CommunityFilter = CommunityFilter(),
    page: Page = Page(order_by="starts_on", descending=True),
) -> Iterator[CommunityActivity]:
    """``list_activities`` a batch at a time (``listing.stream``), for an export."""
    with ctx.read() as session:
        yield from stream(session, activity_query(ctx, f), page, SORT, DEFAULT_ORDER)


@dataclass(frozen=True)
class CommunityTotals:
    activities: int
    participants: int
    by_gender: dict[str, int]
    by_group: dict[str, int]  # inclusion group code -> participants (groups overlap)


def community_totals(
    ctx: ServiceContext, f: CommunityFilter = CommunityFilter()
) -> CommunityTotals:
    """Sums over every matching activity, computed by the database."""
    rows = activity_query(ctx, f).subquery()
    names = ("participants_total", *rules.GENDERS, *INCLUSION_COLUMNS)
    query = select(func.count(), *(func.coalesce(func.sum(rows.c[n]), 0) for n in names))
    with ctx.read() as session:
        activities, *sums = session.execute(query).one()
    values = dict(zip(names, map(int, sums), strict=True))
    return CommunityTotals(
        activities=int(activities),
        participants=values["participants_total"],
        by_gender={g.removeprefix("n_"): values[g] for g in rules.GENDERS},
        by_group={c.removeprefix("inc_"): values[c] for c in INCLUSION_COLUMNS},
    )


def totals_by_municipality(
    ctx: ServiceContext, f: CommunityFilter = CommunityFilter()
) -> dict[str, CommunityTotals]:
    """Per municipality (the hub's regional view)."""
    rows = activity_query(ctx, f).subquery()
    names = ("participants_total", *rules.GENDERS, *INCLUSION_COLUMNS)
    query = select(
        rows.c.municipality_id,
        func.count(),
        *(func.coalesce(func.sum(rows.c[n]), 0) for n in names),
    ).group_by(rows.c.municipality_id)
    out: dict[str, CommunityTotals] = {}
    with ctx.read() as session:
        for municipality_id, activities, *sums in session.execute(query):
            values = dict(zip(names, map(int, sums), strict=True))
            out[municipality_id] = CommunityTotals(
                activities=int(activities),
                participants=values["participants_total"],
                by_gender={g.removeprefix("n_"): values[g] for g in rules.GENDERS},
                by_group={c.removeprefix("inc_"): values[c] for c in INCLUSION_COLUMNS},
            )
    return out
