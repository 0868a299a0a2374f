"""The hub's Help Desk: a city asks, the hub answers by bundle, the city follows up or closes.

The question is the municipality's record (``HelpdeskRequest``); everything said afterwards is
a message (``HelpdeskMessage``) written by one side, append-only like a proposal's comments.
The hub writes only its answers (signed at export); a municipality (or its field laptop) only
its questions, follow-ups and the closing. A request's state is derived, never stored, with the
one rule of ``hubdesk.domain.helpdesk`` (``request_state``), from who spoke last:

- waiting for the hub since the city's first word after the hub's last answer (the question, or
  a follow-up): *open*, or *overdue* once the urgency's response time has passed;
- the newest word is the hub's: *answered*;
- closed by the city: *closed*.

At the hub the city's days are not the whole story: "asked on" is typed at the municipality
and a follow-up is stamped by its PC's clock, either of which may lie in the past. The hub
counts its response time from the later of that day and the day the word first reached the hub
(``services/arrivals.py``: the import that brought it), so a backdated question is never
overdue before the hub could know of it. For the same reason a conversation is ordered by the
messages' version stamps (``said_order``), not by the moments their PCs gave them: a reply
comes after what it answers on every PC, and each still shows its own PC's moment.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import HelpdeskMessage, HelpdeskRequest, Installation, Municipality
from hubdesk.domain.base import said_order, utcnow
from hubdesk.domain.enums import Role
from hubdesk.domain.helpdesk import (
    HelpdeskTopic,
    RequestState,
    Urgency,
    answer_due,
    request_state,
)
from hubdesk.i18n import N_
from hubdesk.services import arrivals, records
from hubdesk.services.area import not_in_future, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.rules import helpdesk as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.validation import Checker, unknown_fields

REQUEST = N_("help desk request")
REQUEST_FIELDS = ("topic", "urgency", "subject", "question", "asked_on", "asked_by")
# The hub's queue: what waits longest past its time first, then what waits, then the rest.
STATE_ORDER = {
    RequestState.OVERDUE: 0,
    RequestState.OPEN: 1,
    RequestState.ANSWERED: 2,
    RequestState.CLOSED: 3,
}


@dataclass(frozen=True)
class Message:
    """One word on a request as the window, the report and the command line show it."""

    id: str
    written_at: dt.datetime
    author_role: str  # municipality, field or hub
    author_name: str
    body: str
    reached_on: dt.date | None = None  # at the hub: the day a city's word first reached it

    @property
    def by_hub(self) -> bool:
        return self.author_role == Role.HUB.value


@dataclass(frozen=True)
class RequestView:
    """A request with its derived state, for lists, tiles and reports."""

    id: str
    municipality_id: str
    municipality: str
    topic: str
    urgency: str
    subject: str
    question: str
    asked_on: dt.date
    asked_by: str
    closed_on: dt.date | None
    # At the hub: the day the question first reached it (None elsewhere). The hub's response
    # time counts from ``counted_from``, the later of the two days.
    reached_hub: dt.date | None
    counted_from: dt.date
    state: RequestState
    waiting_since: dt.date | None  # since when the city waits for the hub (None: nobody waits)
    due: dt.date | None  # the last day an answer is on time (None: nobody waits)
    answers: int
    first_answer_on: dt.date | None
    last_answer_on: dt.date | None

    @property
    def days_to_first_answer(self) -> int | None:
        if self.first_answer_on is None:
            return None
        return max(0, (self.first_answer_on - self.counted_from).days)


# --- checks ------------------------------------------------------------------------------------


def check_request(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown_fields(data, REQUEST_FIELDS)
    check = Checker()
    check.required(data, "topic", "urgency", "subject", "question")
    check.text(data, HelpdeskRequest)
    check.choice(data, "topic", HelpdeskTopic)
    check.choice(data, "urgency", Urgency)
    check.date(data, "asked_on")
    not_in_future(check, data, "asked_on")
    values = dict(data)  # as typed: the bundle path judges the same text the same way
    values.setdefault("asked_on", clock.today())
    values["asked_by"] = values.get("asked_by") or ""
    check.rules(rules.check_request(values))
    check.done()
    return values


def checked_message(body: object, author_name: object) -> tuple[str, str]:
    """The message's text and author as stored, or a ValidationError naming each problem."""
    data = {"body": body, "author_name": author_name}
    check = Checker()
    check.required(data, "body")
    plain_text(check, data, "body", "author_name")
    text = body.strip() if isinstance(body, str) else body
    name = " ".join(author_name.split()) if isinstance(author_name, str) else author_name
    if check.ok("body"):
        check.rules(rules.check_message({"body": text, "author_name": name}))
    else:
        check.rules(rules.check_message({"author_name": name}))
    check.done()
    assert isinstance(text, str) and isinstance(name, str)
    return text, name


def _default_author(session: Session, ctx: ServiceContext) -> str:
    installation = session.get(Installation, ctx.installation_id)
    return installation.name if installation is not None else ""


# --- the city's side ---------------------------------------------------------------------------


def ask(ctx: ServiceContext, data: Mapping[str, Any]) -> HelpdeskRequest:
    """A municipality (or its field laptop) asks the hub a question."""
    municipality_id = require_municipality(ctx)
    values = check_request(data)
    with ctx.transaction() as session:
        if not values["asked_by"]:
            values["asked_by"] = _default_author(session, ctx)
        return records.create(
            session,
            ctx,
            HelpdeskRequest,
            {**values, "municipality_id": municipality_id, "closed_on": None},
        )


def _request(session: Session, ctx: ServiceContext, request_id: str) -> HelpdeskRequest:
    """A live request this installation may see: any at the hub, its own at a municipality."""
    request = records.live(session, HelpdeskRequest, request_id, REQUEST)
    if not ctx.is_hub and request.municipality_id != ctx.municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return request


def _own_request(session: Session, ctx: ServiceContext, request_id: str) -> HelpdeskRequest:
    require_municipality(ctx)
    return _request(session, ctx, request_id)


def _write(
    session: Session, ctx: ServiceContext, request: HelpdeskRequest, body: str, name: str
) -> HelpdeskMessage:
    return records.create(
        session,
        ctx,
        HelpdeskMessage,
        {
            "request_id": request.id,
            "author_role": ctx.role.value,
            "author_name": name or _default_author(session, ctx),
            "written_at": utcnow(),
            "body": body,
            "hub_signature": None,
        },
    )


def _not_closed(request: HelpdeskRequest) -> None:
    if request.closed_on is not None:
        raise ValidationError.single(
            "request",
            N_("This request was closed by the municipality; a new question is a new request."),
        )


def follow_up(
    ctx: ServiceContext, request_id: str, body: str, author_name: str | None = None
) -> HelpdeskMessage:
    """The city writes again on its own request (after an answer, or to add a detail)."""
    text, name = checked_message(body, author_name or "")
    with ctx.transaction() as session:
        request = _own_request(session, ctx, request_id)
        _not_closed(request)
        return _write(session, ctx, request, text, name)


def close(ctx: ServiceContext, request_id: str, today: dt.date | None = None) -> HelpdeskRequest:
    """The city is satisfied: the request is closed (nobody waits for anything any more)."""
    with ctx.transaction() as session:
        request = _own_request(session, ctx, request_id)
        _not_closed(request)
        records.change(session, ctx, request, {"closed_on": today or clock.today()}, "close")
        return request


# --- the hub's side ----------------------------------------------------------------------------


def answer(
    ctx: ServiceContext, request_id: str, body: str, author_name: str | None = None
) -> HelpdeskMessage:
    """The hub answers a city's request; the answer travels back, signed, in the next bundle."""
    if not ctx.is_hub:
        raise PermissionDenied(N_("Only the hub answers help desk requests."))
    text, name = checked_message(body, author_name or "")
    with ctx.transaction() as session:
        request = _request(session, ctx, request_id)
        _not_closed(request)
        return _write(session, ctx, request, text, name)


# --- reading -----------------------------------------------------------------------------------


def _messages_of(
    session: Session, request_ids: Iterable[str], hub: bool
) -> dict[str, list[Message]]:
    out: dict[str, list[Message]] = defaultdict(list)
    ids = list(request_ids)
    for start in range(0, len(ids), 500):
        query = select(HelpdeskMessage).where(
            HelpdeskMessage.request_id.in_(ids[start : start + 500]), ~HelpdeskMessage.deleted
        )
        found = sorted(session.scalars(query), key=said_order)
        reached = _reached(session, HelpdeskMessage, [m.id for m in found], hub)
        for m in found:
            out[m.request_id].append(
                Message(m.id, m.written_at, m.author_role, m.author_name, m.body, reached.get(m.id))
            )
    return out


def _reached(
    session: Session,
    model: type[HelpdeskRequest] | type[HelpdeskMessage],
    ids: list[str],
    hub: bool,
) -> dict[str, dt.date]:
    """At the hub: the day each record first reached it (the hub's clock, never the city's)."""
    if not hub:
        return {}
    found = arrivals.first_reached(session, model.__tablename__, ids)
    return {record_id: clock.local_day(moment) for record_id, moment in found.items()}


def _counted_from(said: dt.date, reached: dt.date | None) -> dt.date:
    """The day the hub's response time starts: not before the word reached the hub."""
    return said if reached is None else max(said, reached)


def view_of(
    request: HelpdeskRequest,
    town: str,
    messages: list[Message],
    today: dt.date,
    reached: dt.date | None = None,
) -> RequestView:
    """The derived state of one request (the rule of the module docstring); ``reached``, at
    the hub, the day the question first reached it."""
    counted_from = _counted_from(request.asked_on, reached)
    waiting: dt.date | None = counted_from
    answers = [clock.local_day(m.written_at) for m in messages if m.by_hub]
    for m in messages:
        if m.by_hub:
            waiting = None
        elif waiting is None:
            waiting = _counted_from(clock.local_day(m.written_at), m.reached_on)
    closed = request.closed_on is not None
    state = request_state(waiting, request.urgency, closed, today)
    if closed:
        waiting = None
    return RequestView(
        id=request.id,
        municipality_id=request.municipality_id,
        municipality=town,
        topic=request.topic,
        urgency=request.urgency,
        subject=request.subject,
        question=request.question,
        asked_on=request.asked_on,
        asked_by=request.asked_by,
        closed_on=request.closed_on,
        reached_hub=reached,
        counted_from=counted_from,
        state=state,
        waiting_since=waiting,
        due=answer_due(waiting, request.urgency) if waiting is not None else None,
        answers=len(answers),
        first_answer_on=min(answers, default=None),
        last_answer_on=max(answers, default=None),
    )


WAITING = "waiting"  # a state to list by: open or overdue, both still waiting for the hub


def list_requests(
    ctx: ServiceContext,
    state: str | None = None,
    today: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    municipality_id: str | None = None,
) -> list[RequestView]:
    """The requests this installation sees (its own, or at the hub every city's), in the
    queue's order: overdue first (the longest past its time first), then waiting, then the
    answered and closed ones, newest first."""
    if state is not None and state != WAITING and state not in {s.value for s in RequestState}:
        raise ValidationError.single(
            "state", N_("'{value}' is not one of the allowed choices."), value=state
        )
    today = today or clock.today()
    query = (
        select(HelpdeskRequest, Municipality.name)
        .join(Municipality, Municipality.id == HelpdeskRequest.municipality_id)
        .where(~HelpdeskRequest.deleted)
    )
    town = ctx.municipality_id or municipality_id
    if town is not None:
        query = query.where(HelpdeskRequest.municipality_id == town)
    if date_from is not None:
        query = query.where(HelpdeskRequest.asked_on >= date_from)
    if date_to is not None:
        query = query.where(HelpdeskRequest.asked_on <= date_to)
    with ctx.read() as session:
        rows = session.execute(query).all()
        ids = [r.id for r, _name in rows]
        messages = _messages_of(session, ids, ctx.is_hub)
        reached = _reached(session, HelpdeskRequest, ids, ctx.is_hub)
    views = [view_of(r, name, messages.get(r.id, []), today, reached.get(r.id)) for r, name in rows]
    if state == WAITING:
        views = [v for v in views if v.state in (RequestState.OPEN, RequestState.OVERDUE)]
    elif state is not None:
        views = [v for v in views if v.state.value == state]
    views.sort(key=_queue_key)
    return views


def _queue_key(v: RequestView) -> tuple[int, int, str]:
    waiting = v.due.toordinal() if v.due is not None else -v.asked_on.toordinal()
    return STATE_ORDER[v.state], waiting, v.id


def get_request(
    ctx: ServiceContext, request_id: str, today: dt.date | None = None
) -> tuple[RequestView, list[Message]]:
    """One request and its messages in the order they were said (``said_order``)."""
    with ctx.read() as session:
        request = _request(session, ctx, request_id)
        town = session.get(Municipality, request.municipality_id)
        messages = _messages_of(session, [request.id], ctx.is_hub).get(request.id, [])
        reached = _reached(session, HelpdeskRequest, [request.id], ctx.is_hub).get(request.id)
        name = town.name if town else ""
        view = view_of(request, name, messages, today or clock.today(), reached)
    return view, messages


def state_counts(
    ctx: ServiceContext, today: dt.date | None = None, views: list[RequestView] | None = None
) -> dict[str, int]:
    """How many requests are in each state (every state named, zero included)."""
    counts = {s.value: 0 for s in RequestState}
    for v in views if views is not None else list_requests(ctx, today=today):
        counts[v.state.value] += 1
    return counts


@dataclass(frozen=True)
class ResponseTimes:
    """How fast the hub answered one municipality's (or everyone's) requests."""

    municipality: str
    requests: int
    answered: int  # requests with at least one answer
    on_time: int  # first answer on or before its due day
    median_days: float | None  # days from question (or its arrival at the hub) to first answer
    waiting: int  # open or overdue now
    overdue: int


def response_times(
    ctx: ServiceContext,
    today: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[ResponseTimes]:
    """Per municipality, then one line for all (named ""), over requests asked in the period."""
    views = list_requests(ctx, today=today, date_from=date_from, date_to=date_to)
    by_town: dict[str, list[RequestView]] = defaultdict(list)
    for v in views:
        by_town[v.municipality].append(v)
    lines = [_times(name, by_town[name]) for name in sorted(by_town)]
    return [*lines, _times("", views)] if views else []


def _times(name: str, views: list[RequestView]) -> ResponseTimes:
    days = [v.days_to_first_answer for v in views if v.days_to_first_answer is not None]
    on_time = sum(
        1
        for v in views
        if v.first_answer_on is not None
        and v.first_answer_on <= answer_due(v.counted_from, v.urgency)
    )
    return ResponseTimes(
        municipality=name,
        requests=len(views),
        answered=len(days),
        on_time=on_time,
        median_days=float(statistics.median(days)) if days else None,
        waiting=sum(1 for v in views if v.state in (RequestState.OPEN, RequestState.OVERDUE)),
        overdue=sum(1 for v in views if v.state is RequestState.OVERDUE),
    )
