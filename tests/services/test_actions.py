"""Action items: owners from the team, complete and reopen, overdue and follow-up lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from service_helpers import refused
from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import AuditEntry, Meeting
from hubdesk.domain.enums import Role
from hubdesk.services import actions, meetings, team
from hubdesk.services.actions import ActionItemFilter
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError

TODAY = clock.today()


def local(day: dt.date) -> dt.datetime:
    return clock.from_wall(dt.datetime.combine(day, dt.time(12)))


def member(ctx: ServiceContext, team_id: str, name: str) -> str:
    data = {"name": name, "sector": "youth", "role": "member", "gender": "male"}
    return team.create_member(ctx, {"team_id": team_id, **data}).id


def new_meeting(ctx: ServiceContext, team_id: str, day: dt.date) -> Meeting:
    return meetings.create_meeting(
        ctx, {"team_id": team_id, "starts_at": local(day), "kind": "regular"}
    )


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


@pytest.fixture
def owner(ctx: ServiceContext, cat: str) -> str:
    return member(ctx, cat, "Bujar")


@pytest.fixture
def meeting(ctx: ServiceContext, cat: str) -> Meeting:
    return new_meeting(ctx, cat, TODAY - dt.timedelta(days=30))


def item(ctx: ServiceContext, meeting_id: str, **extra: Any) -> str:
    return actions.create_action_item(ctx, {"meeting_id": meeting_id, "title": "Do", **extra}).id


def test_create_takes_team_from_the_meeting(
    ctx: ServiceContext, cat: str, meeting: Meeting, owner: str
) -> None:
    created = actions.create_action_item(
        ctx,
        {
            "meeting_id": meeting.id,
            "title": "Book the hall",
            "owner_member_id": owner,
            "due_on": TODAY + dt.timedelta(days=7),
        },
    )
    assert created.status == "open" and created.done_on is None
    assert created.team_id == cat and created.municipality_id == ctx.municipality_id
    with ctx.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_id == created.id)).one()
    assert entry.action == "create"


INVALID_ITEMS: list[tuple[dict[str, Any], str]] = [
    ({"title": ""}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"status": "someday"}, "status"),
    ({"due_on": "2025-01-01"}, "due_on"),
    ({"due_on": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)}, "due_on"),
    ({"owner_member_id": "00000000-0000-4000-8000-000000000000"}, "owner_member_id"),
    ({"meeting_id": None}, "meeting_id"),
    ({"meeting_id": "00000000-0000-4000-8000-000000000000"}, "meeting_id"),
    ({"done_on": TODAY}, "done_on"),
    ({"team_id": "x"}, "team_id"),
]


def test_invalid_item_is_refused_and_nothing_saved(ctx: ServiceContext, meeting: Meeting) -> None:
    for extra, field in INVALID_ITEMS:
        data = {"meeting_id": meeting.id, "title": "Do", **extra}
        refused(field, actions.create_action_item, ctx, data)
    assert actions.count_action_items(ctx) == 0


def test_owner_must_be_a_live_member_of_the_meetings_team(
    ctx: ServiceContext, cat: str, meeting: Meeting, owner: str
) -> None:
    other_team = team.create_team(ctx, {"name": "Working group", "kind": "other"}).id
    outsider = member(ctx, other_team, "Dita")
    data = {"meeting_id": meeting.id, "title": "Do"}
    refused(
        "owner_member_id", actions.create_action_item, ctx, {**data, "owner_member_id": outsider}
    )
    team.delete_member(ctx, owner)
    refused("owner_member_id", actions.create_action_item, ctx, {**data, "owner_member_id": owner})
    assert actions.get_action_item(ctx, item(ctx, meeting.id, owner_member_id=None)).title == "Do"


def test_item_stays_with_its_meeting(ctx: ServiceContext, cat: str, meeting: Meeting) -> None:
    other = new_meeting(ctx, cat, TODAY - dt.timedelta(days=3))
    item_id = item(ctx, meeting.id)
    with pytest.raises(ValidationError) as caught:
        actions.update_action_item(ctx, item_id, {"meeting_id": other.id})
    assert caught.value.field == "meeting_id"


def test_update_checks_and_stamps(ctx: ServiceContext, meeting: Meeting, owner: str) -> None:
    created = actions.get_action_item(ctx, item(ctx, meeting.id))
    updated = actions.update_action_item(ctx, created.id, {"owner_member_id": owner})
    assert updated.version > created.version and updated.owner_member_id == owner
    for bad, field in (({"title": None}, "title"), ({"status": None}, "status")):
        refused(field, actions.update_action_item, ctx, created.id, bad)
    refused("status", actions.update_action_item, ctx, created.id, {"status": "later"})


def test_complete_and_reopen(ctx: ServiceContext, meeting: Meeting) -> None:
    item_id = item(ctx, meeting.id)
    done = actions.complete_action_item(ctx, item_id)
    assert (done.status, done.done_on) == ("done", TODAY)
    yesterday = TODAY - dt.timedelta(days=1)
    assert actions.complete_action_item(ctx, item_id, yesterday).done_on == yesterday
    meeting_day = clock.local_day(meetings.get_meeting(ctx, meeting.id).starts_at)
    assert actions.complete_action_item(ctx, item_id, meeting_day).done_on == meeting_day
    reopened = actions.reopen_action_item(ctx, item_id)
    assert (reopened.status, reopened.done_on) == ("open", None)


def test_done_on_is_not_before_the_meeting_nor_in_the_future(
    ctx: ServiceContext, meeting: Meeting
) -> None:
    item_id = item(ctx, meeting.id)
    for done_on in (TODAY + dt.timedelta(days=1), TODAY - dt.timedelta(days=31), "yesterday"):
        refused("done_on", actions.complete_action_item, ctx, item_id, done_on)
    assert actions.get_action_item(ctx, item_id).status == "open"


def test_status_done_through_update_keeps_done_on_in_step(
    ctx: ServiceContext, cat: str, meeting: Meeting
) -> None:
    item_id = item(ctx, meeting.id)
    done = actions.update_action_item(ctx, item_id, {"status": "done"})
    assert done.done_on == TODAY
    back = actions.update_action_item(ctx, item_id, {"status": "in_progress"})
    assert back.done_on is None
    upcoming = new_meeting(ctx, cat, TODAY + dt.timedelta(days=10))
    with pytest.raises(ValidationError) as caught:
        item(ctx, upcoming.id, status="done")  # cannot be done before its meeting
    assert caught.value.field == "status"


def test_overdue(ctx: ServiceContext, meeting: Meeting) -> None:
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    late_open = item(ctx, meeting.id, title="Late open", due_on=yesterday - dt.timedelta(days=5))
    late_busy = item(ctx, meeting.id, title="Late busy", due_on=yesterday, status="in_progress")
    item(ctx, meeting.id, title="Due today", due_on=TODAY)
    item(ctx, meeting.id, title="Later", due_on=tomorrow)
    item(ctx, meeting.id, title="No date")
    item(ctx, meeting.id, title="Cancelled", due_on=yesterday, status="cancelled")
    finished = item(ctx, meeting.id, title="Finished", due_on=yesterday)
    actions.complete_action_item(ctx, finished)
    assert [i.id for i in actions.overdue_action_items(ctx)] == [late_open, late_busy]
    assert actions.count_action_items(ctx, ActionItemFilter(overdue=True)) == 2
    assert actions.count_action_items(ctx, ActionItemFilter(overdue=False)) == 5
    in_two_days = TODAY + dt.timedelta(days=2)
    assert len(actions.overdue_action_items(ctx, on=in_two_days)) == 4
    assert actions.count_action_items(ctx, ActionItemFilter(overdue=True, on=in_two_days)) == 4
    actions.reopen_action_item(ctx, finished)
    assert len(actions.overdue_action_items(ctx)) == 3


def test_list_filters(ctx: ServiceContext, cat: str, meeting: Meeting) -> None:
    other_team = team.create_team(ctx, {"name": "Working group", "kind": "other"}).id
    other = new_meeting(ctx, other_team, TODAY - dt.timedelta(days=2))
    item(ctx, meeting.id, title="Print leaflets")
    item(ctx, other.id, title="Call the school", status="in_progress")
    f = ActionItemFilter
    assert actions.count_action_items(ctx, f(team_id=cat)) == 1
    assert actions.count_action_items(ctx, f(meeting_id=other.id)) == 1
    assert actions.count_action_items(ctx, f(status="in_progress")) == 1
    assert [i.title for i in actions.list_action_items(ctx, f(search="leaf"))] == ["Print leaflets"]


def test_open_items_before(ctx: ServiceContext, cat: str) -> None:
    other_team = team.create_team(ctx, {"name": "Working group", "kind": "other"}).id
    first = new_meeting(ctx, cat, dt.date(2025, 1, 10))
    second = new_meeting(ctx, cat, dt.date(2025, 2, 10))
    between = new_meeting(ctx, other_team, dt.date(2025, 2, 20))  # another team's meeting
    third = new_meeting(ctx, cat, dt.date(2025, 3, 10))
    item(ctx, first.id, title="Old")
    item(ctx, second.id, title="Open", due_on=dt.date(2025, 2, 20))
    item(ctx, second.id, title="Busy", status="in_progress", due_on=dt.date(2025, 2, 15))
    item(ctx, second.id, title="Dropped", status="cancelled")
    actions.complete_action_item(ctx, item(ctx, second.id, title="Done"), dt.date(2025, 2, 11))
    item(ctx, between.id, title="Other team's")
    assert [i.title for i in actions.open_items_before(ctx, third.id)] == ["Busy", "Open"]
    assert [i.title for i in actions.open_items_before(ctx, second.id)] == ["Old"]
    assert actions.open_items_before(ctx, first.id) == []
    meetings.delete_meeting(ctx, second.id)
    assert [i.title for i in actions.open_items_before(ctx, third.id)] == ["Old"]


def test_hub_writes_no_action_items(ctx: ServiceContext, meeting: Meeting) -> None:
    item_id = item(ctx, meeting.id, due_on=TODAY - dt.timedelta(days=1))
    hub_view = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    with pytest.raises(PermissionDenied):
        actions.create_action_item(hub_view, {"meeting_id": meeting.id, "title": "Do"})
    with pytest.raises(PermissionDenied):
        actions.complete_action_item(hub_view, item_id)
    assert [i.id for i in actions.overdue_action_items(hub_view)] == [item_id]  # but sees them


def test_delete_item(ctx: ServiceContext, meeting: Meeting) -> None:
    item_id = item(ctx, meeting.id)
    actions.delete_action_item(ctx, item_id)
    assert actions.count_action_items(ctx) == 0
