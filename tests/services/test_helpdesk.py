"""Engagements and help desk requests: the services, the one overdue rule, and who may write
what (the hub answers; the city asks, follows up and closes)."""

from __future__ import annotations

import datetime as dt

import pytest

from hubdesk import clock
from hubdesk.domain import HelpdeskMessage, HelpdeskRequest
from hubdesk.domain.helpdesk import RequestState, answer_due, request_state
from hubdesk.services import engagements, helpdesk
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_tiles import follow_ups_tile, helpdesk_tile
from hubdesk.services.errors import PermissionDenied, ValidationError

TODAY = clock.today()
DAY = dt.timedelta(days=1)
QUESTION = {"topic": "fund", "urgency": "normal", "subject": "Co-funding",
            "question": "May the hall count?"}  # fmt: skip


def rows(ctx: ServiceContext, model: type) -> int:
    with ctx.read() as session:
        return session.query(model).count()


@pytest.mark.parametrize(
    ("asked", "urgency", "due"),
    [
        (dt.date(2026, 12, 4), "urgent", dt.date(2026, 12, 8)),  # Friday: Monday, Tuesday
        (dt.date(2026, 12, 1), "urgent", dt.date(2026, 12, 3)),  # Tuesday: Thursday
        (dt.date(2026, 12, 5), "urgent", dt.date(2026, 12, 8)),  # Saturday: Monday, Tuesday
        (dt.date(2026, 12, 4), "normal", dt.date(2026, 12, 14)),
        (dt.date(2026, 12, 4), "low", dt.date(2026, 12, 24)),
    ],
)
def test_the_response_time_is_written_down_once(asked: dt.date, urgency: str, due: dt.date) -> None:
    assert answer_due(asked, urgency) == due
    assert request_state(asked, urgency, False, due) is RequestState.OPEN
    assert request_state(asked, urgency, False, due + DAY) is RequestState.OVERDUE
    assert request_state(None, urgency, False, due + DAY) is RequestState.ANSWERED
    assert request_state(asked, urgency, True, due + DAY) is RequestState.CLOSED


def test_a_question_is_checked_and_nothing_half_written(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as refused:
        helpdesk.ask(ctx, {**QUESTION, "urgency": "tomorrow", "subject": " ", "question": ""})
    assert {e.field for e in refused.value.errors} == {"urgency", "subject", "question"}
    with pytest.raises(ValidationError, match="future"):
        helpdesk.ask(ctx, {**QUESTION, "asked_on": TODAY + DAY})
    with pytest.raises(ValidationError, match="cannot be set here"):
        helpdesk.ask(ctx, {**QUESTION, "closed_on": TODAY})
    assert rows(ctx, HelpdeskRequest) == 0
    request = helpdesk.ask(ctx, QUESTION)
    assert (request.asked_on, request.asked_by) == (TODAY, "Kumanovo")  # today, this PC


def test_the_hub_answers_and_the_city_follows_up(
    ctx: ServiceContext, hub_ctx: ServiceContext
) -> None:
    request = helpdesk.ask(ctx, {**QUESTION, "asked_on": TODAY - 30 * DAY})
    with pytest.raises(PermissionDenied):
        helpdesk.answer(ctx, request.id, "I answer myself")
    with pytest.raises(PermissionDenied):
        helpdesk.ask(hub_ctx, QUESTION)
    with pytest.raises(ValidationError):
        helpdesk.follow_up(ctx, request.id, "   ")
    # A follow-up while the city still waits does not restart the hub's time.
    helpdesk.follow_up(ctx, request.id, "Any news?")
    view, said = helpdesk.get_request(ctx, request.id)
    assert view.state is RequestState.OVERDUE and view.waiting_since == TODAY - 30 * DAY
    assert [m.author_role for m in said] == ["municipality"]
    helpdesk.close(ctx, request.id)
    assert helpdesk.get_request(ctx, request.id)[0].state is RequestState.CLOSED
    with pytest.raises(ValidationError, match="closed"):
        helpdesk.follow_up(ctx, request.id, "One more thing")
    with pytest.raises(ValidationError, match="closed"):
        helpdesk.close(ctx, request.id)
    assert rows(ctx, HelpdeskMessage) == 1


def test_states_counts_and_the_queue_order(ctx: ServiceContext) -> None:
    late = helpdesk.ask(ctx, {**QUESTION, "asked_on": TODAY - 40 * DAY})
    later = helpdesk.ask(ctx, {**QUESTION, "asked_on": TODAY - 12 * DAY, "subject": "Later"})
    waiting = helpdesk.ask(ctx, {**QUESTION, "urgency": "low", "subject": "Low"})
    queue = helpdesk.list_requests(ctx)
    assert [v.id for v in queue] == [late.id, later.id, waiting.id]  # oldest overdue first
    assert helpdesk.state_counts(ctx) == {"open": 1, "overdue": 2, "answered": 0, "closed": 0}
    assert [v.id for v in helpdesk.list_requests(ctx, state="open")] == [waiting.id]
    with pytest.raises(ValidationError):
        helpdesk.list_requests(ctx, state="forgotten")
    tile = helpdesk_tile(ctx, TODAY)
    assert (tile.value, tile.alert, tile.caption()) == (
        3, True, "help desk questions waiting for the hub; 2 overdue"
    )  # fmt: skip
    assert tile.criteria == {"state": "waiting"}  # the list of the three it counts
    listed = helpdesk.list_requests(ctx, state=tile.criteria["state"])
    assert [v.id for v in listed] == [late.id, later.id, waiting.id]


def test_engagements_and_their_follow_ups(ctx: ServiceContext, hub_ctx: ServiceContext) -> None:
    base = {"counterpart": "Ministry of Justice", "level": "national", "kind": "meeting",
            "engaged_on": TODAY - 20 * DAY}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        engagements.create_engagement(
            ctx, {**base, "level": "galactic", "follow_up_on": TODAY - 30 * DAY}
        )
    assert {e.field for e in refused.value.errors} == {"level", "follow_up_on"}
    with pytest.raises(PermissionDenied):
        engagements.create_engagement(hub_ctx, base)
    soon = engagements.create_engagement(ctx, {**base, "follow_up_on": TODAY + 3 * DAY})
    late = engagements.create_engagement(
        ctx,
        {**base, "engaged_on": TODAY - 19 * DAY, "follow_up_on": TODAY - 2 * DAY,
         "themes": ["polarisation", "hate_speech"]},
    )  # fmt: skip
    engagements.create_engagement(
        ctx, {**base, "engaged_on": TODAY - 18 * DAY, "follow_up_on": TODAY + 60 * DAY}
    )
    # One engagement per counterpart and day: the key a spreadsheet matches engagements by.
    with pytest.raises(ValidationError) as twin:
        engagements.create_engagement(ctx, {**base, "counterpart": " ministry of  JUSTICE"})
    assert twin.value.field == "counterpart"
    assert late.themes == ["hate_speech", "polarisation"]  # in the code list's order
    assert [e.id for e in engagements.follow_ups_due(ctx)] == [late.id, soon.id]
    tile = follow_ups_tile(ctx, TODAY)
    assert tile is not None and (tile.value, tile.caption()) == (
        2, "engagement follow-ups due; 1 overdue"
    )  # fmt: skip
    assert follow_ups_tile(hub_ctx, TODAY) is None
    engagements.update_engagement(ctx, late.id, {"follow_up_done": True})
    assert [e.id for e in engagements.follow_ups_due(ctx)] == [soon.id]
    totals = engagements.engagement_totals(ctx)
    assert (totals.engagements, totals.by_level["national"], totals.follow_ups_due) == (3, 3, 1)
    f = engagements.EngagementFilter(theme="polarisation")
    assert [e.id for e in engagements.list_engagements(ctx, f)] == [late.id]
    engagements.delete_engagement(ctx, soon.id)
    assert engagements.count_engagements(ctx) == 2
    assert engagements.per_municipality(ctx) == [("Kumanovo", 2)]


def test_an_engagement_is_recorded_once_it_happened_and_done_once_followed_up(
    ctx: ServiceContext,
) -> None:
    """An engagement (what was raised, the answer) dated in 2029 was recorded, and the form or a
    sheet marked "Followed up" one that had no follow-up (``engagements done`` refused that)."""
    base = {"counterpart": "Ombudsman", "level": "national", "kind": "meeting",
            "engaged_on": TODAY - 5 * DAY}  # fmt: skip
    with pytest.raises(ValidationError) as ahead:
        engagements.create_engagement(ctx, {**base, "engaged_on": TODAY + DAY})
    assert (ahead.value.field, ahead.value.message) == ("engaged_on", "This date is in the future.")
    with pytest.raises(ValidationError) as undone:
        engagements.create_engagement(ctx, {**base, "follow_up_done": True})
    assert undone.value.field == "follow_up_done"
    made = engagements.create_engagement(ctx, base)
    with pytest.raises(ValidationError):
        engagements.update_engagement(ctx, made.id, {"follow_up_done": True})
    assert engagements.count_engagements(ctx) == 1 and not made.follow_up_done
    engagements.update_engagement(
        ctx, made.id, {"follow_up_on": TODAY + 3 * DAY, "follow_up_done": True}
    )
    assert engagements.get_engagement(ctx, made.id).follow_up_done
