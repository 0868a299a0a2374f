"""Submitting quarters, and the lock on a submitted or accepted quarter's records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hubdesk import clock
from hubdesk.domain.periods import Quarter
from hubdesk.services import actions, meetings, periods, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError

Q1 = "2024-Q1"  # the seeded meeting: 5 March 2024
Q2 = "2024-Q2"  # the seeded youth activity: 2 April 2024


@pytest.fixture
def town(ctx: ServiceContext) -> dict[str, Any]:
    cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
    ana = team.create_member(
        ctx,
        {
            "team_id": cat.id,
            "name": "Ana",
            "sector": "education",
            "role": "member",
            "gender": "female",
        },
    )
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": cat.id,
            "starts_at": dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC),
            "kind": "regular",
        },
    )
    meetings.set_attendance(ctx, meeting.id, {ana.id: "present"})
    meetings.set_guests(ctx, meeting.id, [("Red Cross", 2)])
    decision = meetings.add_decision(ctx, meeting.id, "Hold a youth forum")
    item = actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": "Book the hall"})
    done = actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": "Invite schools"})
    actions.complete_action_item(ctx, done.id, dt.date(2024, 3, 20))
    activity = youth.create_activity(
        ctx,
        {
            "title": "Youth forum",
            "activity_type": "dialogue",
            "starts_on": dt.date(2024, 4, 2),
            "participants_total": 1,
            "n_female_15_19": 1,
        },
    )
    return {
        "team": cat.id,
        "member": ana.id,
        "meeting": meeting.id,
        "decision": decision.id,
        "item": item.id,
        "done": done.id,
        "activity": activity.id,
    }


def locked(call: Callable[[], object], quarter: str = Q1) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    message = caught.value.message
    assert quarter in message and "reopen" in message, message
    return caught.value


def test_quarters_parse_and_span_their_months() -> None:
    q = Quarter.parse("2026-q3")
    assert (str(q), q.first_day, q.last_day) == (
        "2026-Q3",
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
    )
    assert Quarter.of(dt.date(2026, 12, 31)).next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)
    for bad in ("2026-Q5", "2026Q3", "Q3-2026", ""):
        with pytest.raises(ValueError):
            Quarter.parse(bad)


def test_submit_refuses_what_cannot_be_submitted(ctx: ServiceContext, town: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        periods.submit(ctx, "2024-Q9")
    assert caught.value.field == "quarter"
    current = str(Quarter.of(clock.today()))
    with pytest.raises(ValidationError, match="not ended"):
        periods.submit(ctx, current)
    periods.submit(ctx, Q1)
    with pytest.raises(ValidationError, match="already submitted"):
        periods.submit(ctx, Q1)
    with pytest.raises(ValidationError, match="Say why"):
        periods.reopen(ctx, Q1, "  ")
    with pytest.raises(ValidationError, match="open already"):
        periods.reopen(ctx, Q2, "typo")
    with pytest.raises(PermissionDenied):
        periods.accept(ctx, ctx.municipality_id or "", Q1)


def test_submit_refuses_a_quarter_before_the_first_records(
    ctx: ServiceContext, town: dict[str, Any]
) -> None:
    """A mistyped year ("1926-Q1", "2023-Q4" before the first meeting of March 2024 on a PC
    set up today) is refused and nothing is written; the first records' quarter is taken."""
    for early in ("1926-Q1", "2023-Q4"):
        with pytest.raises(
            ValidationError, match=r"before this municipality's first records here \(2024-Q1\)"
        ):
            periods.submit(ctx, early)
        assert periods.history(ctx, ctx.municipality_id or "", early) == []
    assert periods.submit(ctx, Q1).quarter == Q1


@pytest.mark.parametrize("typed", ["0000-Q1", "9999-Q4"])
def test_a_year_no_date_is_in_is_refused_in_words(
    ctx: ServiceContext, hub_ctx: ServiceContext, town: dict[str, Any], typed: str
) -> None:
    """A quarter of a year with no date in it (0, 10000 after its last day) is refused as
    any mistyped quarter is, on both sides: its first or last day was read before the year
    was judged, and the command line printed a traceback."""
    town_id = ctx.municipality_id or ""
    steps: list[Callable[[], object]] = [
        lambda: periods.submit(ctx, typed),
        lambda: periods.reopen(ctx, typed, "typo"),
        lambda: periods.history(ctx, town_id, typed),
        lambda: periods.accept(hub_ctx, town_id, typed),
        lambda: periods.return_quarter(hub_ctx, town_id, typed, "typo"),
    ]
    for step in steps:
        with pytest.raises(ValidationError, match=r"e\.g\. 2026-Q3") as caught:
            step()
        assert caught.value.field == "quarter"
    assert periods.history(ctx, town_id, Q1) == []


def test_hub_neither_submits_nor_reopens(hub_ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        periods.submit(hub_ctx, Q1)
    with pytest.raises(PermissionDenied):
        periods.reopen(hub_ctx, Q1, "why")


LOCKED_CHANGES: dict[str, Callable[[ServiceContext, dict[str, Any]], object]] = {
    "meeting edit": lambda c, t: meetings.update_meeting(c, t["meeting"], {"place": "Hall"}),
    "meeting delete": lambda c, t: meetings.delete_meeting(c, t["meeting"]),
    "meeting moved out": lambda c, t: meetings.update_meeting(
        c, t["meeting"], {"starts_at": dt.datetime(2024, 5, 5, 9, tzinfo=dt.UTC)}
    ),
    "meeting created": lambda c, t: meetings.create_meeting(
        c,
        {
            "team_id": t["team"],
            "starts_at": dt.datetime(2024, 2, 1, 9, tzinfo=dt.UTC),
            "kind": "regular",
        },
    ),
    "attendance": lambda c, t: meetings.set_attendance(c, t["meeting"], {t["member"]: "absent"}),
    "attendance cleared": lambda c, t: meetings.set_attendance(
        c, t["meeting"], {t["member"]: None}
    ),
    "guests": lambda c, t: meetings.set_guests(c, t["meeting"], [("Red Cross", 3)]),
    "decision added": lambda c, t: meetings.add_decision(c, t["meeting"], "Another"),
    "decision edited": lambda c, t: meetings.update_decision(c, t["decision"], "Changed"),
    "decision deleted": lambda c, t: meetings.delete_decision(c, t["decision"]),
    "done item edited": lambda c, t: actions.update_action_item(c, t["done"], {"title": "X"}),
    "done item reopened": lambda c, t: actions.reopen_action_item(c, t["done"]),
    "item closed into the quarter": lambda c, t: actions.complete_action_item(
        c, t["item"], dt.date(2024, 3, 25)
    ),
    "done item deleted": lambda c, t: actions.delete_action_item(c, t["done"]),
}


@pytest.mark.parametrize("name", sorted(LOCKED_CHANGES))
def test_every_kind_is_locked_in_a_submitted_quarter(
    ctx: ServiceContext, town: dict[str, Any], name: str
) -> None:
    from sync_free_dump import dump

    periods.submit(ctx, Q1)
    before = dump(ctx)
    error = locked(lambda: LOCKED_CHANGES[name](ctx, town))
    assert "submitted" in error.message
    assert dump(ctx) == before
    periods.reopen(ctx, Q1, "A late correction")
    LOCKED_CHANGES[name](ctx, town)  # allowed once reopened


YOUTH_CHANGES: dict[str, Callable[[ServiceContext, dict[str, Any]], object]] = {
    "edit": lambda c, t: youth.update_activity(c, t["activity"], {"place": "Library"}),
    "delete": lambda c, t: youth.delete_activity(c, t["activity"]),
    "create": lambda c, t: youth.create_activity(
        c,
        {
            "title": "Debate",
            "activity_type": "dialogue",
            "starts_on": dt.date(2024, 6, 30),
            "participants_total": 0,
        },
    ),
    "moved in": lambda c, t: youth.update_activity(
        c, t["activity"], {"starts_on": dt.date(2024, 3, 31)}
    ),
}


@pytest.mark.parametrize("name", sorted(YOUTH_CHANGES))
def test_youth_activities_are_locked_by_their_first_day(
    ctx: ServiceContext, town: dict[str, Any], name: str
) -> None:
    quarter = Q1 if name == "moved in" else Q2
    periods.submit(ctx, quarter)
    locked(lambda: YOUTH_CHANGES[name](ctx, town), quarter)


def test_open_items_and_other_quarters_stay_editable(
    ctx: ServiceContext, town: dict[str, Any]
) -> None:
    periods.submit(ctx, Q1)
    actions.update_action_item(ctx, town["item"], {"title": "Book the big hall"})
    actions.complete_action_item(ctx, town["item"], dt.date(2024, 4, 3))  # done in Q2
    youth.update_activity(ctx, town["activity"], {"place": "Library"})
    team.update_team(ctx, town["team"], {"name": "CAT north"})  # not period-bound


def test_own_quarters_show_each_state_and_the_tile(
    ctx: ServiceContext, town: dict[str, Any]
) -> None:
    states = {q.quarter: q.state for q in periods.own_quarters(ctx)}
    assert states[Q1] == states[Q2] == "due"
    assert "2023-Q4" not in states  # before the municipality's first record
    today = Quarter.of(clock.today())
    assert str(today) not in states and str(today.previous()) in states
    due = periods.to_submit(ctx)
    assert due == len(states)
    periods.submit(ctx, Q1)
    periods.submit(ctx, Q2)
    periods.reopen(ctx, Q2, "One activity missing")
    states = {q.quarter: q for q in periods.own_quarters(ctx)}
    assert states[Q1].state == "submitted" and states[Q1].locked
    assert states[Q2].state == "reopened" and states[Q2].comment == "One activity missing"
    assert periods.to_submit(ctx) == due - 1
    events = periods.history(ctx, ctx.municipality_id or "", Q2)
    assert [e.action for e in events] == ["submitted", "reopened"]


def test_a_town_without_meetings_still_sees_its_quarters_since_set_up(ctx: ServiceContext) -> None:
    """Its records are trainings and help desk questions, which no quarter locks: the list
    said "no quarter to show" (and the dashboard nothing to submit) while submitting the
    quarter was accepted. The quarters run from the day HubDesk was set up here."""
    set_up = clock.local_day(dt.datetime.now(dt.UTC))
    next_quarter = Quarter.of(set_up).next().first_day
    assert periods.own_quarters(ctx, set_up) == []  # nothing has ended yet
    (due,) = periods.own_quarters(ctx, next_quarter)
    assert (due.quarter, due.state) == (str(Quarter.of(set_up)), periods.DUE)
    assert periods.to_submit(ctx, next_quarter) == 1
