"""A city's engagements with other levels of government and multilateral bodies (pillar 3:
national-local cooperation), with the follow-ups they call for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Engagement, Municipality
from hubdesk.domain.enums import Theme
from hubdesk.domain.helpdesk import EngagementKind, EngagementLevel
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import flags, normalised, not_in_future, pillar_match, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.listing import Page, count, fetch, stream, text_match
from hubdesk.services.rules import helpdesk as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.twins import refuse_twin
from hubdesk.services.validation import Checker, unknown_fields

ENGAGEMENT_FIELDS = (
    "counterpart",
    "level",
    "kind",
    "engaged_on",
    "pillars",
    "themes",
    "raised",
    "answer",
    "follow_up_on",
    "follow_up_done",
)
ENGAGEMENT = N_("engagement")
# A follow-up is shown as due this many days before its day (and every day after it, until done).
FOLLOW_UP_NOTICE_DAYS = 14


SAME_ENGAGEMENT = N_(
    "An engagement with this counterpart on the same day is already recorded. Open it to change it."
)


def check_engagement(
    session: Session, ctx: ServiceContext, data: Mapping[str, Any], current: Engagement | None
) -> dict[str, Any]:
    unknown_fields(data, ENGAGEMENT_FIELDS)
    check = Checker()
    required = ("counterpart", "level", "kind", "engaged_on")
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.text(data, Engagement)
    plain_text(check, data, "raised", "answer")
    check.choice(data, "level", EngagementLevel)
    check.choice(data, "kind", EngagementKind)
    check.choices(data, "pillars")
    check.choices(data, "themes")
    check.date(data, "engaged_on")
    not_in_future(check, data, "engaged_on")  # recorded once it happened, with its answer
    check.date(data, "follow_up_on")
    flags(check, data, "follow_up_done")
    stored: dict[str, Any] = {}
    if current is not None:
        stored = {"engaged_on": current.engaged_on, "follow_up_on": current.follow_up_on}
    elif "follow_up_on" not in data:
        stored = {"follow_up_on": None}
    after = {"follow_up_done": current.follow_up_done if current else False, **stored, **data}
    if after["follow_up_done"] and after["follow_up_on"] is None and check.ok("follow_up_on"):
        # as `hubdesk engagements done` says: the form and a sheet marked it all the same
        check.add("follow_up_done", N_("This engagement has no follow-up to mark as done."))
    check.rules(rules.check_engagement({**stored, **data}, changed=data))
    key = ("counterpart", "engaged_on")
    refuse_twin(
        session, check, Engagement, ctx.municipality_id, key, data, current, SAME_ENGAGEMENT
    )
    check.done()
    values = normalised(data, ("raised", "answer"), ("follow_up_done",))
    if "themes" in values:
        chosen = set(values["themes"] or ())
        values["themes"] = [t.value for t in Theme if t.value in chosen]
    return values


def own_engagement(session: Session, ctx: ServiceContext, engagement_id: str) -> Engagement:
    municipality_id = require_municipality(ctx)
    engagement = records.live(session, Engagement, engagement_id, ENGAGEMENT)
    if engagement.municipality_id != municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return engagement


def create_engagement(ctx: ServiceContext, data: Mapping[str, Any]) -> Engagement:
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        values = check_engagement(session, ctx, data, None)
        return records.create(
            session, ctx, Engagement, {**values, "municipality_id": municipality_id}
        )


def update_engagement(
    ctx: ServiceContext, engagement_id: str, data: Mapping[str, Any]
) -> Engagement:
    with ctx.transaction() as session:
        engagement = own_engagement(session, ctx, engagement_id)
        records.change(session, ctx, engagement, check_engagement(session, ctx, data, engagement))
        return engagement


def delete_engagement(ctx: ServiceContext, engagement_id: str) -> None:
    with ctx.transaction() as session:
        records.tombstone(session, ctx, own_engagement(session, ctx, engagement_id))


def get_engagement(ctx: ServiceContext, engagement_id: str) -> Engagement:
    with ctx.read() as session:
        engagement = records.live(session, Engagement, engagement_id, ENGAGEMENT)
        if not ctx.is_hub and engagement.municipality_id != ctx.municipality_id:
            raise PermissionDenied(N_("This record belongs to another municipality."))
        return engagement


# --- lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngagementFilter:
    search: str | None = None
    level: str | None = None
    kind: str | None = None
    pillar: str | None = None
    theme: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    follow_up_due: bool = False  # only those whose follow-up is due (see ``follow_up_due``)
    municipality_id: str | None = None  # for the hub, which sees every municipality
    today: dt.date | None = None


ENGAGEMENT_SORT = {
    "engaged_on": Engagement.engaged_on,
    "counterpart": Engagement.counterpart,
    "level": Engagement.level,
    "kind": Engagement.kind,
    "follow_up_on": Engagement.follow_up_on,
}
DEFAULT_ORDER = (Engagement.engaged_on.desc(), Engagement.id)


def due_limit(today: dt.date | None = None) -> dt.date:
    """Follow-ups on or before this day are due."""
    return (today or clock.today()) + dt.timedelta(days=FOLLOW_UP_NOTICE_DAYS)


def engagement_query(ctx: ServiceContext, f: EngagementFilter) -> Select[Any]:
    query = select(Engagement).where(~Engagement.deleted)
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(Engagement.municipality_id == municipality_id)
    query = query.where(text_match(f.search, Engagement.search_text))
    if f.level is not None:
        query = query.where(Engagement.level == f.level)
    if f.kind is not None:
        query = query.where(Engagement.kind == f.kind)
    query = query.where(pillar_match(Engagement.pillars, f.pillar))
    query = query.where(pillar_match(Engagement.themes, f.theme))
    if f.date_from is not None:
        query = query.where(Engagement.engaged_on >= f.date_from)
    if f.date_to is not None:
        query = query.where(Engagement.engaged_on <= f.date_to)
    if f.follow_up_due:
        query = query.where(
            Engagement.follow_up_on.is_not(None),
            Engagement.follow_up_on <= due_limit(f.today),
            ~Engagement.follow_up_done,
        )
    return query


def count_engagements(ctx: ServiceContext, f: EngagementFilter = EngagementFilter()) -> int:
    with ctx.read() as session:
        return count(session, engagement_query(ctx, f))


def list_engagements(
    ctx: ServiceContext,
    f: EngagementFilter = EngagementFilter(),
    page: Page = Page(order_by="engaged_on", descending=True),
) -> list[Engagement]:
    with ctx.read() as session:
        return fetch(session, engagement_query(ctx, f), page, ENGAGEMENT_SORT, DEFAULT_ORDER)


def iter_engagements(
    ctx: ServiceContext,
    f: EngagementFilter = EngagementFilter(),
    page: Page = Page(order_by="engaged_on", descending=True),
) -> Iterator[Engagement]:
    """``list_engagements`` a batch at a time (``listing.stream``), for an export."""
    with ctx.read() as session:
        yield from stream(session, engagement_query(ctx, f), page, ENGAGEMENT_SORT, DEFAULT_ORDER)


def follow_ups_due(ctx: ServiceContext, today: dt.date | None = None) -> list[Engagement]:
    """Engagements whose follow-up is due, the earliest first (the dashboard's list)."""
    f = EngagementFilter(follow_up_due=True, today=today)
    page = Page(order_by="follow_up_on")
    with ctx.read() as session:
        return fetch(session, engagement_query(ctx, f), page, ENGAGEMENT_SORT, DEFAULT_ORDER)


@dataclass(frozen=True)
class EngagementTotals:
    engagements: int
    by_level: dict[str, int]
    by_kind: dict[str, int]
    follow_ups_due: int


def engagement_totals(
    ctx: ServiceContext, f: EngagementFilter = EngagementFilter()
) -> EngagementTotals:
    """Counts by level and kind over the matching engagements (for reports and the window)."""
    rows = engagement_query(ctx, f).subquery()
    with ctx.read() as session:
        pairs = session.execute(
            select(rows.c.level, rows.c.kind, func.count()).group_by(rows.c.level, rows.c.kind)
        ).all()
        due = count(session, engagement_query(ctx, _due(f)))
    by_level = {code.value: 0 for code in EngagementLevel}
    by_kind = {code.value: 0 for code in EngagementKind}
    for level, kind, n in pairs:
        by_level[level] = by_level.get(level, 0) + int(n)
        by_kind[kind] = by_kind.get(kind, 0) + int(n)
    return EngagementTotals(sum(by_level.values()), by_level, by_kind, due)


def _due(f: EngagementFilter) -> EngagementFilter:
    return EngagementFilter(municipality_id=f.municipality_id, follow_up_due=True, today=f.today)


def per_municipality(
    ctx: ServiceContext, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[tuple[str, int]]:
    """(municipality name, engagements) for every municipality this database holds."""
    query = (
        select(Municipality.name, func.count(Engagement.id))
        .join(Engagement, Engagement.municipality_id == Municipality.id)
        .where(~Engagement.deleted)
        .group_by(Municipality.id, Municipality.name)
        .order_by(Municipality.name)
    )
    if date_from is not None:
        query = query.where(Engagement.engaged_on >= date_from)
    if date_to is not None:
        query = query.where(Engagement.engaged_on <= date_to)
    with ctx.read() as session:
        return [(name, int(n)) for name, n in session.execute(query)]
