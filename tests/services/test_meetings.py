"""Meeting use cases: the meeting, attendance, guests and decisions, with their rules."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from service_helpers import refused
from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import (
    ActionItem,
    Attendance,
    AuditEntry,
    Decision,
    Meeting,
    MeetingGuest,
    Municipality,
    Team,
)
from hubdesk.domain.enums import Role
from hubdesk.domain.meetings import attendance_id
from hubdesk.i18n.formatting import format_date
from hubdesk.services import actions, meeting_save, meetings, records, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.listing import Page

NOON = dt.time(12)


def local(day: dt.date, time: dt.time = NOON) -> dt.datetime:
    """An aware datetime at ``time`` on this PC's clock (tests must not depend on the zone)."""
    return clock.from_wall(dt.datetime.combine(day, time))


def member(ctx: ServiceContext, team_id: str, name: str) -> str:
    data = {"name": name, "sector": "education", "role": "member", "gender": "female"}
    return team.create_member(ctx, {"team_id": team_id, **data}).id


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


@pytest.fixture
def people(ctx: ServiceContext, cat: str) -> list[str]:
    return [member(ctx, cat, name) for name in ("Ana", "Bujar", "Cvetan")]


def meeting_data(team_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "team_id": team_id,
        "starts_at": local(dt.date(2025, 5, 10)),
        "kind": "regular",
        **extra,
    }


@pytest.fixture
def meeting(ctx: ServiceContext, cat: str) -> Meeting:
    return meetings.create_meeting(ctx, meeting_data(cat, place="Town hall"))


def other_municipality_team(ctx: ServiceContext) -> str:
    """A team of another municipality, as a hub bundle could bring in."""
    with ctx.transaction() as session:
        other = records.create(
            session, ctx, Municipality, {"name": "Gostivar", "country": "MK", "currency": "MKD"}
        )
        session.flush()
        values = {"municipality_id": other.id, "name": "Other CAT", "kind": "cat"}
        return records.create(session, ctx, Team, values).id


# --- meetings ----------------------------------------------------------------------------------


def test_create_meeting_stamps_audits_and_normalises(ctx: ServiceContext, cat: str) -> None:
    twice = ["youth_engagement", "peer_learning", "peer_learning"]
    with pytest.raises(ValidationError) as refused:
        meetings.create_meeting(ctx, meeting_data(cat, pillars=twice))
    assert refused.value.field == "pillars"  # a code list names each code once
    created = meetings.create_meeting(
        ctx, meeting_data(cat, pillars=["youth_engagement", "peer_learning"])
    )
    assert created.municipality_id == ctx.municipality_id and created.version > 0
    stored = meetings.get_meeting(ctx, created.id)
    assert stored.pillars == ["peer_learning", "youth_engagement"]  # canonical order
    assert stored.starts_at == meeting_data(cat)["starts_at"]
    assert stored.starts_at.tzinfo is not None
    with ctx.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_id == created.id)).one()
    assert entry.action == "create" and json.loads(entry.changes)["kind"] == [None, "regular"]


INVALID_MEETINGS: list[tuple[dict[str, Any], str]] = [
    ({"team_id": None}, "team_id"),
    ({"team_id": "00000000-0000-4000-8000-000000000000"}, "team_id"),
    ({"starts_at": None}, "starts_at"),
    ({"starts_at": dt.datetime(2025, 5, 10, 12)}, "starts_at"),  # naive
    ({"starts_at": dt.date(2025, 5, 10)}, "starts_at"),
    ({"ends_at": local(dt.date(2025, 5, 10), dt.time(11))}, "ends_at"),  # before the start
    ({"kind": "party"}, "kind"),
    ({"kind": None}, "kind"),
    ({"pillars": ["peer_learning", "space"]}, "pillars"),
    ({"pillars": "peer_learning"}, "pillars"),
    ({"place": "x" * 201}, "place"),
    ({"agenda": 42}, "agenda"),
    ({"minutes_internal": "yes"}, "minutes_internal"),
    ({"municipality_id": "x"}, "municipality_id"),
    ({"version": 1}, "version"),
]


def test_invalid_meeting_is_refused_and_nothing_saved(ctx: ServiceContext, cat: str) -> None:
    for extra, field in INVALID_MEETINGS:
        refused(field, meetings.create_meeting, ctx, {**meeting_data(cat), **extra})
    assert meetings.count_meetings(ctx) == 0


def test_meeting_may_end_when_it_starts(ctx: ServiceContext, cat: str) -> None:
    start = local(dt.date(2025, 5, 10))
    assert meetings.create_meeting(ctx, meeting_data(cat, ends_at=start)).ends_at == start


def test_team_must_be_live_and_this_municipalitys(ctx: ServiceContext, cat: str) -> None:
    foreign = other_municipality_team(ctx)
    with pytest.raises(ValidationError) as caught:
        meetings.create_meeting(ctx, meeting_data(foreign))
    assert caught.value.field == "team_id"
    team.delete_team(ctx, cat)
    with pytest.raises(ValidationError) as caught:
        meetings.create_meeting(ctx, meeting_data(cat))
    assert caught.value.field == "team_id"


def test_update_checks_end_against_stored_start(ctx: ServiceContext, meeting: Meeting) -> None:
    with pytest.raises(ValidationError) as caught:
        meetings.update_meeting(ctx, meeting.id, {"ends_at": meeting.starts_at - dt.timedelta(1)})
    assert caught.value.field == "ends_at"
    later = meetings.update_meeting(
        ctx, meeting.id, {"ends_at": meeting.starts_at + dt.timedelta(hours=2)}
    )
    assert later.version > meeting.version and later.base_version == meeting.version
    same = meetings.update_meeting(ctx, meeting.id, {"place": "Town hall"})
    assert same.version == later.version  # nothing changed, nothing stamped


def test_meeting_keeps_its_team_once_attendance_is_recorded(
    ctx: ServiceContext, cat: str, meeting: Meeting, people: list[str]
) -> None:
    second = team.create_team(ctx, {"name": "Working group", "kind": "other"}).id
    meetings.update_meeting(ctx, meeting.id, {"team_id": second})  # nothing recorded yet: fine
    meetings.update_meeting(ctx, meeting.id, {"team_id": cat})
    meetings.set_attendance(ctx, meeting.id, {people[0]: "present"})
    with pytest.raises(ValidationError) as caught:
        meetings.update_meeting(ctx, meeting.id, {"team_id": second})
    assert caught.value.field == "team_id"


def test_delete_meeting_tombstones_everything_recorded_at_it(
    ctx: ServiceContext, meeting: Meeting, people: list[str]
) -> None:
    meetings.set_attendance(ctx, meeting.id, {people[0]: "present", people[1]: "absent"})
    meetings.set_guests(ctx, meeting.id, [("OSCE", 2)])
    meetings.add_decision(ctx, meeting.id, "Hold a youth forum in June.")
    actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": "Book the hall"})
    meetings.delete_meeting(ctx, meeting.id)
    with ctx.read() as session:
        for model in (Meeting, Attendance, MeetingGuest, Decision, ActionItem):
            rows = session.scalars(select(model)).all()
            assert rows and all(row.deleted for row in rows), model.__name__
        deletes = session.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).all()
    assert len(deletes) == 6
    with pytest.raises(NotFoundError):
        meetings.get_meeting(ctx, meeting.id)


def test_delete_meeting_is_all_or_nothing(
    ctx: ServiceContext, meeting: Meeting, people: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    meetings.set_attendance(ctx, meeting.id, {people[0]: "present"})
    actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": "Book the hall"})
    real = records.tombstone

    def failing(session: Any, context: Any, record: Any) -> None:
        if isinstance(record, ActionItem):
            raise RuntimeError("disk full")
        real(session, context, record)

    monkeypatch.setattr(records, "tombstone", failing)
    with pytest.raises(RuntimeError):
        meetings.delete_meeting(ctx, meeting.id)
    assert meetings.get_attendance(ctx, meeting.id) == {people[0]: "present"}
    assert meetings.count_meetings(ctx) == 1


def test_hub_records_no_meetings_but_sees_them(
    ctx: ServiceContext, meeting: Meeting, cat: str, people: list[str]
) -> None:
    decision = meetings.add_decision(ctx, meeting.id, "Hold a youth forum.")
    hub_view = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    assert meetings.count_meetings(hub_view) == 1
    assert meetings.count_meetings(hub_view, meetings.MeetingFilter(municipality_id="x")) == 0
    assert [d.text for d in meetings.list_decisions(hub_view, meeting.id)] == [decision.text]
    for attempt in (
        lambda: meetings.create_meeting(hub_view, meeting_data(cat)),
        lambda: meetings.update_meeting(hub_view, meeting.id, {"place": "Hub office"}),
        lambda: meetings.delete_meeting(hub_view, meeting.id),
        lambda: meetings.set_attendance(hub_view, meeting.id, {people[0]: "present"}),
        lambda: meetings.set_guests(hub_view, meeting.id, [("OSCE", 1)]),
        lambda: meetings.add_decision(hub_view, meeting.id, "Another"),
        lambda: meetings.update_decision(hub_view, decision.id, "Changed"),
        lambda: meetings.delete_decision(hub_view, decision.id),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert meetings.get_meeting(ctx, meeting.id).place == "Town hall"


def test_filters_search_and_paging(ctx: ServiceContext, cat: str) -> None:
    second = team.create_team(ctx, {"name": "Working group", "kind": "other"}).id
    rows = [
        (cat, dt.date(2025, 1, 31), "regular", ["peer_learning"], "Town hall"),
        (cat, dt.date(2025, 2, 1), "public", ["youth_engagement"], "Youth centre"),
        (cat, dt.date(2025, 2, 28), "regular", ["youth_engagement", "city_voices"], "School"),
        (second, dt.date(2025, 3, 1), "working_group", [], "Library"),
    ]
    for team_id, day, kind, pillars, place in rows:
        meetings.create_meeting(
            ctx,
            meeting_data(team_id, starts_at=local(day), kind=kind, pillars=pillars, place=place),
        )
    f = meetings.MeetingFilter
    assert meetings.count_meetings(ctx) == 4
    assert meetings.count_meetings(ctx, f(team_id=cat)) == 3
    assert meetings.count_meetings(ctx, f(kind="regular")) == 2
    assert meetings.count_meetings(ctx, f(pillar="youth_engagement")) == 2
    assert meetings.count_meetings(ctx, f(pillar="city_voices")) == 1
    february = f(date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 2, 28))
    assert [m.place for m in meetings.list_meetings(ctx, february)] == ["School", "Youth centre"]
    assert [m.place for m in meetings.list_meetings(ctx, f(search="YOUTH"))] == ["Youth centre"]
    page = meetings.list_meetings(ctx, f(), Page(offset=1, limit=2, order_by="starts_at"))
    assert [m.place for m in page] == ["Youth centre", "School"]


# --- attendance --------------------------------------------------------------------------------


def test_attendance_is_recorded_with_derived_ids(
    ctx: ServiceContext, meeting: Meeting, people: list[str]
) -> None:
    result = meetings.set_attendance(ctx, meeting.id, {people[0]: "present", people[1]: "excused"})
    assert result == {people[0]: "present", people[1]: "excused"}
    assert meetings.get_attendance(ctx, meeting.id) == result
    with ctx.read() as session:
        row = session.get(Attendance, attendance_id(meeting.id, people[0]))
    assert row is not None and row.status == "present"


def test_changing_attendance_stamps_only_what_changed(
    ctx: ServiceContext, meeting: Meeting, people: list[str]
) -> None:
    meetings.set_attendance(ctx, meeting.id, {people[0]: "present", people[1]: "absent"})
    with ctx.read() as session:
        before = {a.member_id: a.version for a in session.scalars(select(Attendance))}
    meetings.set_attendance(ctx, meeting.id, {people[0]: "present", people[1]: "excused"})
    with ctx.read() as session:
        after = {a.member_id: a for a in session.scalars(select(Attendance))}
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == after[people[1]].id)
        ).all()
    assert after[people[0]].version == before[people[0]]  # unchanged: untouched
    assert after[people[1]].version > before[people[1]]
    assert after[people[1]].base_version == before[people[1]]
    assert [e.action for e in audit] == ["create", "update"]
    assert json.loads(audit[1].changes) == {"status": ["absent", "excused"]}


def test_attendance_can_be_cleared_and_set_again(
    ctx: ServiceContext, meeting: Meeting, people: list[str]
) -> None:
    meetings.set_attendance(ctx, meeting.id, {people[0]: "present", people[1]: "absent"})
    assert meetings.set_attendance(ctx, meeting.id, {people[1]: None}) == {people[0]: "present"}
    again = meetings.set_attendance(ctx, meeting.id, {people[1]: "excused"})
    assert again == {people[0]: "present", people[1]: "excused"}
    with ctx.read() as session:
        assert len(session.scalars(select(Attendance)).all()) == 2  # revived, not duplicated


def test_unknown_member_in_attendance_is_refused(
    ctx: ServiceContext, cat: str, meeting: Meeting, people: list[str]
) -> None:
    other_team = team.create_team(ctx, {"name": "Working group", "kind": "other"}).id
    outsider = member(ctx, other_team, "Dita")
    gone = member(ctx, cat, "Elena")
    team.delete_member(ctx, gone)
    for stranger in (outsider, gone, "00000000-0000-4000-8000-000000000000"):
        with pytest.raises(ValidationError) as caught:
            meetings.set_attendance(ctx, meeting.id, {people[0]: "present", stranger: "present"})
        assert caught.value.field == "attendance"
        assert "Unknown member in attendance" in caught.value.message
        assert stranger in caught.value.message
    assert meetings.get_attendance(ctx, meeting.id) == {}  # nothing saved, not even people[0]


def test_attendance_status_must_be_a_known_one(
    ctx: ServiceContext, meeting: Meeting, people: list[str]
) -> None:
    for status in ("late", "", 1, "PRESENT"):
        refused("attendance", meetings.set_attendance, ctx, meeting.id, {people[0]: status})
    refused("attendance", meetings.set_attendance, ctx, meeting.id, [people[0]])
    assert meetings.get_attendance(ctx, meeting.id) == {}


def dated_member(
    ctx: ServiceContext, team_id: str, name: str, joined: dt.date | None, left: dt.date | None
) -> str:
    data = {"name": name, "sector": "police", "role": "member", "gender": "male"}
    values = {"team_id": team_id, "joined_on": joined, "left_on": left, **data}
    return team.create_member(ctx, values).id


def test_attendance_only_while_a_member_of_the_team(
    ctx: ServiceContext, cat: str, meeting: Meeting, people: list[str]
) -> None:
    """The meeting form lists the team on the meeting's day, but the service took a member who
    joined after the meeting (or had left by then) as present when called directly."""
    day = dt.date(2025, 5, 10)  # the meeting's
    later = dated_member(ctx, cat, "Zana Newcomer", dt.date(2025, 6, 1), None)
    gone = dated_member(ctx, cat, "Driton Ismaili", dt.date(2020, 1, 1), day)
    error = refused("attendance", meetings.set_attendance, ctx, meeting.id, {later: "present"})
    assert error.message == (
        f"Zana Newcomer joined the team on {format_date(dt.date(2025, 6, 1))}, after this "
        f"meeting ({format_date(day)}), so their attendance cannot be recorded at it."
    )
    error = refused(
        "attendance",
        meetings.set_attendance,
        ctx,
        meeting.id,
        {people[0]: "present", gone: "absent"},
    )
    assert error.message == (
        f"Driton Ismaili left the team on {format_date(day)}, on or before the day of this "
        f"meeting ({format_date(day)}), so their attendance cannot be recorded at it."
    )
    assert meetings.get_attendance(ctx, meeting.id) == {}  # nothing saved, not even people[0]
    changes = meeting_save.MeetingChanges(attendance={later: "present"})
    refused("attendance", meeting_save.save_meeting, ctx, meeting.id, changes)
    assert meetings.get_attendance(ctx, meeting.id) == {}
    # Joined on the meeting's day, left the day after, cleared: all fine.
    first_day = dated_member(ctx, cat, "Elena Stojanova", day, day + dt.timedelta(days=1))
    statuses = {first_day: "present", later: None, gone: None}
    assert meetings.set_attendance(ctx, meeting.id, statuses) == {first_day: "present"}


def test_attendance_recorded_stays_saveable_when_dates_change_later(
    ctx: ServiceContext, meeting: Meeting, people: list[str]
) -> None:
    """A member's dates corrected after the meeting do not make it impossible to save: the
    form lists a member already recorded whatever their dates, and so the service takes them."""
    ana, bujar = people[0], people[1]
    meetings.set_attendance(ctx, meeting.id, {ana: "present"})
    team.update_member(ctx, ana, {"joined_on": dt.date(2025, 9, 1)})
    again = meetings.set_attendance(ctx, meeting.id, {ana: "present", bujar: "absent"})
    assert again == {ana: "present", bujar: "absent"}
    changes = meeting_save.MeetingChanges(
        details={"place": "School"}, attendance={ana: "excused", bujar: "absent"}
    )
    assert meeting_save.save_meeting(ctx, meeting.id, changes).attendance[ana] == "excused"
    # Once cleared, the row is no longer there to keep: Ana is judged as anyone new.
    meetings.set_attendance(ctx, meeting.id, {ana: None})
    refused("attendance", meetings.set_attendance, ctx, meeting.id, {ana: "present"})


def test_attendance_rate(ctx: ServiceContext, cat: str, people: list[str]) -> None:
    assert meetings.attendance_rate(ctx) is None  # nothing recorded
    first = meetings.create_meeting(ctx, meeting_data(cat, kind="regular"))
    second = meetings.create_meeting(
        ctx, meeting_data(cat, kind="public", starts_at=local(dt.date(2025, 6, 1)))
    )
    meetings.set_attendance(ctx, first.id, {people[0]: "present", people[1]: "absent"})
    meetings.set_attendance(
        ctx, second.id, {people[0]: "present", people[1]: "present", people[2]: "excused"}
    )
    assert meetings.attendance_rate(ctx) == pytest.approx(3 / 5)
    assert meetings.attendance_rate(ctx, meetings.MeetingFilter(kind="regular")) == 0.5
    june = meetings.MeetingFilter(date_from=dt.date(2025, 6, 1))
    assert meetings.attendance_rate(ctx, june) == pytest.approx(2 / 3)
    assert meetings.attendance_rate(ctx, meetings.MeetingFilter(kind="training")) is None
    meetings.delete_meeting(ctx, first.id)
    assert meetings.attendance_rate(ctx) == pytest.approx(2 / 3)


# --- guests ------------------------------------------------------------------------------------


def test_guests_are_replaced_keeping_unchanged_lines(ctx: ServiceContext, meeting: Meeting) -> None:
    first = meetings.set_guests(ctx, meeting.id, [("OSCE", 2), ("UNICEF", 1)])
    assert [(g.organisation, g.count) for g in first] == [("OSCE", 2), ("UNICEF", 1)]
    osce = first[0]
    second = meetings.set_guests(ctx, meeting.id, [(" OSCE ", 2), ("Red Cross", 3)])
    assert [(g.organisation, g.count) for g in second] == [("OSCE", 2), ("Red Cross", 3)]
    assert second[0].id == osce.id and second[0].version == osce.version
    assert [g.organisation for g in meetings.list_guests(ctx, meeting.id)] == ["OSCE", "Red Cross"]
    assert meetings.set_guests(ctx, meeting.id, []) == []


INVALID_GUESTS: list[Any] = [
    [("", 2)],
    [("   ", 2)],
    [(None, 2)],
    [("OSCE", 0)],
    [("OSCE", -1)],
    [("OSCE", 1.5)],
    [("OSCE", True)],
    [("OSCE", "2")],
    [("x" * 201, 1)],
    [("OSCE", 1), ("OSCE", 2)],
    [("Red Cross", 1), ("red  cross", 2)],  # one organisation, however it is typed
    [("OSCE",)],
    5,
]


def test_invalid_guests_are_refused(ctx: ServiceContext, meeting: Meeting) -> None:
    meetings.set_guests(ctx, meeting.id, [("UNICEF", 1)])
    for guests in INVALID_GUESTS:
        refused("guests", meetings.set_guests, ctx, meeting.id, guests)
    assert [(g.organisation, g.count) for g in meetings.list_guests(ctx, meeting.id)] == [
        ("UNICEF", 1)
    ]


# --- decisions ---------------------------------------------------------------------------------


def test_decisions_in_order_edited_and_deleted(ctx: ServiceContext, meeting: Meeting) -> None:
    first = meetings.add_decision(ctx, meeting.id, "Hold a youth forum.")
    second = meetings.add_decision(ctx, meeting.id, "Invite the police.")
    assert [d.position for d in (first, second)] == [1, 2]
    edited = meetings.update_decision(ctx, first.id, "Hold a youth forum in June.")
    assert edited.version > first.version
    meetings.delete_decision(ctx, second.id)
    assert [d.text for d in meetings.list_decisions(ctx, meeting.id)] == [
        "Hold a youth forum in June."
    ]


def test_decision_needs_text(ctx: ServiceContext, meeting: Meeting) -> None:
    for text in ("", "  ", None, 7):
        refused("text", meetings.add_decision, ctx, meeting.id, text)
    assert meetings.list_decisions(ctx, meeting.id) == []
