"""Action items agreed at meetings: who does what by when, and what is overdue.

An item belongs to the meeting that agreed it and, through it, to that meeting's team; its
owner is a member of that team. ``done_on`` is set exactly when the status is "done".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, not_, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import ActionItem, Meeting
from hubdesk.domain.enums import ActionStatus
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.listing import Page, count, fetch, stream, text_match
from hubdesk.services.meetings import MEETING, meeting_day, own_meeting, team_member_ids
from hubdesk.services.rules import meetings as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.validation import Checker, unknown_fields

ACTION_FIELDS = ("meeting_id", "title", "owner_member_id", "due_on", "status")
# An item stays with the meeting that agreed it.
ACTION_UPDATE_FIELDS = tuple(name for name in ACTION_FIELDS if name != "meeting_id")
ACTION_ITEM = N_("action item")
OPEN_STATUSES: tuple[str, ...] = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def check_item(
    session: Session,
    ctx: ServiceContext,
    data: Mapping[str, Any],
    meeting: Meeting | None,
    current: ActionItem | None,
) -> dict[str, Any]:
    check = Checker()
    if current is None:
        check.required(data, "meeting_id", "title")
        if meeting is None and check.ok("meeting_id"):
            check.add("meeting_id", N_("Choose one of this municipality's meetings."))
    else:
        check.required(data, *[k for k in ("title", "status") if k in data])
    check.text(data, ActionItem)
    check.date(data, "due_on")
    check.rules(rules.check_action_item(data))
    owner = data.get("owner_member_id")
    if (
        meeting is not None
        and owner is not None
        and check.ok("owner_member_id")
        and owner not in team_member_ids(session, meeting.team_id, [owner])
    ):
        check.add("owner_member_id", N_("Choose a member of this meeting's team."))
    values = dict(data)
    status = data.get("status")
    if meeting is not None and status is not None and check.ok("status"):
        if status == ActionStatus.DONE:
            if current is None or current.status != ActionStatus.DONE:
                values["done_on"] = clock.today()
                _check_done_on(check, meeting, values["done_on"], "status")
        else:
            values["done_on"] = None
    check.done()
    return values


def _check_done_on(check: Checker, meeting: Meeting, done_on: Any, field: str) -> None:
    if not isinstance(done_on, dt.date) or isinstance(done_on, dt.datetime):
        check.add(field, N_("Enter a date."))
    elif done_on > clock.today():
        check.add(field, N_("This date is in the future."))
    elif done_on < meeting_day(meeting):
        check.add(
            field,
            N_("An action item cannot be done before the meeting that agreed it ({date})."),
            date=meeting_day(meeting).isoformat(),
        )


def _meeting_for(session: Session, ctx: ServiceContext, meeting_id: Any) -> Meeting | None:
    """The meeting an item is being added to, or None when it is not one we may write to."""
    if not isinstance(meeting_id, str) or not meeting_id:
        return None
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted or meeting.municipality_id != ctx.municipality_id:
        return None
    return meeting


def create_action_item(ctx: ServiceContext, data: Mapping[str, Any]) -> ActionItem:
    require_municipality(ctx)
    unknown_fields(data, ACTION_FIELDS)
    with ctx.transaction() as session:
        meeting = _meeting_for(session, ctx, data.get("meeting_id"))
        values = check_item(session, ctx, data, meeting, None)
        assert meeting is not None  # check_item refused the item otherwise
        values.setdefault("status", ActionStatus.OPEN.value)
        values.update(team_id=meeting.team_id, municipality_id=meeting.municipality_id)
        return records.create(session, ctx, ActionItem, values)


def own_item(
    session: Session, ctx: ServiceContext, item_id: str, *, meeting_gone: bool = False
) -> tuple[ActionItem, Meeting]:
    """The item and its meeting. With ``meeting_gone`` the meeting may have been deleted: on
    another PC, by someone who had not seen this item yet (the sync keeps an item nobody who
    deleted knew of). Such an item can still be completed or deleted, never left overdue."""
    municipality_id = require_municipality(ctx)
    item = records.live(session, ActionItem, item_id, ACTION_ITEM)
    meeting = session.get(Meeting, item.meeting_id)
    if not meeting_gone or meeting is None or not meeting.deleted:
        return item, own_meeting(session, ctx, item.meeting_id)
    if meeting.municipality_id != municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return item, meeting


def update_action_item(ctx: ServiceContext, item_id: str, data: Mapping[str, Any]) -> ActionItem:
    unknown_fields(data, ACTION_UPDATE_FIELDS)
    with ctx.transaction() as session:
        item, meeting = own_item(session, ctx, item_id)
        records.change(session, ctx, item, check_item(session, ctx, data, meeting, item))
        return item


def delete_action_item(ctx: ServiceContext, item_id: str) -> None:
    with ctx.transaction() as session:
        item, _meeting = own_item(session, ctx, item_id, meeting_gone=True)
        records.tombstone(session, ctx, item)


def get_action_item(ctx: ServiceContext, item_id: str) -> ActionItem:
    with ctx.read() as session:
        return records.live(session, ActionItem, item_id, ACTION_ITEM)


def complete_action_item(
    ctx: ServiceContext, item_id: str, done_on: dt.date | None = None
) -> ActionItem:
    """Mark done on ``done_on`` (today by default): not before the meeting, not in the future."""
    with ctx.transaction() as session:
        item, meeting = own_item(session, ctx, item_id, meeting_gone=True)
        day = clock.today() if done_on is None else done_on
        check = Checker()
        _check_done_on(check, meeting, day, "done_on")
        check.done()
        records.change(session, ctx, item, {"status": ActionStatus.DONE.value, "done_on": day})
        return item


def reopen_action_item(ctx: ServiceContext, item_id: str) -> ActionItem:
    with ctx.transaction() as session:
        item, _meeting = own_item(session, ctx, item_id)
        records.change(session, ctx, item, {"status": ActionStatus.OPEN.value, "done_on": None})
        return item


# --- lists and queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItemFilter:
    search: str | None = None
    team_id: str | None = None
    meeting_id: str | None = None
    status: str | None = None
    overdue: bool | None = None  # True: only overdue; False: only not overdue; None: all
    still_open: bool = False  # only items open or in progress
    done_from: dt.date | None = None  # only items done on or after this day
    on: dt.date | None = None  # "overdue" is judged on this day (today when not given)
    municipality_id: str | None = None  # for the hub, which sees every municipality


ACTION_SORT = {
    "title": ActionItem.title,
    "due_on": ActionItem.due_on,
    "status": ActionItem.status,
    "done_on": ActionItem.done_on,
}
DEFAULT_ORDER = (ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.title, ActionItem.id)


def overdue_condition(on: dt.date | None = None) -> ColumnElement[bool]:
    """Still open or in progress, with a due date before ``on`` (today by default)."""
    day = on or clock.today()
    return and_(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_on < day)


def action_item_query(ctx: ServiceContext, f: ActionItemFilter) -> Select[ActionItem]:
    query = select(ActionItem).where(~ActionItem.deleted)
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(ActionItem.municipality_id == municipality_id)
    query = query.where(text_match(f.search, ActionItem.search_text))
    for column, value in (
        (ActionItem.team_id, f.team_id),
        (ActionItem.meeting_id, f.meeting_id),
        (ActionItem.status, f.status),
    ):
        if value is not None:
            query = query.where(column == value)
    if f.still_open:
        query = query.where(ActionItem.status.in_(OPEN_STATUSES))
    if f.done_from is not None:
        query = query.where(
            ActionItem.status == ActionStatus.DONE, ActionItem.done_on >= f.done_from
        )
    if f.overdue is True:
        query = query.where(overdue_condition(f.on))
    elif f.overdue is False:
        query = query.where(not_(overdue_condition(f.on)) | ActionItem.due_on.is_(None))
    return query


def count_action_items(ctx: ServiceContext, f: ActionItemFilter = ActionItemFilter()) -> int:
    with ctx.read() as session:
        return count(session, action_item_query(ctx, f))


def list_action_items(
    ctx: ServiceContext,
    f: ActionItemFilter = ActionItemFilter(),
    page: Page = Page(order_by="due_on"),
) -> list[ActionItem]:
    with ctx.read() as session:
        return fetch(session, action_item_query(ctx, f), page, ACTION_SORT, DEFAULT_ORDER)


def iter_action_items(
    ctx: ServiceContext,
    f: ActionItemFilter = ActionItemFilter(),
    page: Page = Page(order_by="due_on"),
) -> Iterator[ActionItem]:
    """``list_action_items`` a batch at a time (``listing.stream``), for an export."""
    with ctx.read() as session:
        yield from stream(session, action_item_query(ctx, f), page, ACTION_SORT, DEFAULT_ORDER)


def overdue_action_items(ctx: ServiceContext, on: dt.date | None = None) -> list[ActionItem]:
    """Every overdue item, the longest overdue first."""
    return list_action_items(ctx, ActionItemFilter(overdue=True, on=on), Page(order_by="due_on"))


def open_items_before(ctx: ServiceContext, meeting_id: str) -> list[ActionItem]:
    """Open and in-progress items of the same team's previous meeting: the follow-up list a
    chair reads out at the start of a meeting."""
    with ctx.read() as session:
        meeting = records.live(session, Meeting, meeting_id, MEETING)
        previous = session.scalars(
            select(Meeting)
            .where(
                Meeting.team_id == meeting.team_id,
                ~Meeting.deleted,
                Meeting.starts_at < meeting.starts_at,
            )
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        ).first()
        if previous is None:
            return []
        query = (
            select(ActionItem)
            .where(
                ActionItem.meeting_id == previous.id,
                ~ActionItem.deleted,
                ActionItem.status.in_(OPEN_STATUSES),
            )
            .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.title)
        )
        return list(session.scalars(query))
