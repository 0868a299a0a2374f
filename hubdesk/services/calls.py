"""Calls for proposals and guidance notes: what the hub publishes to every municipality.

Only the hub writes them (a municipality or field laptop reads what the hub's bundle brought
and is refused any edit here, as its bundle would be refused by every receiver). A call moves
draft → published → closed; a note is a draft until it is published (given a date). Drafts
stay at the hub; ``sync.scope.PUBLISHED`` sends the rest to every municipality.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Call, FundProposal, GuidanceNote
from hubdesk.domain.calls import CallStatus
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.services import records
from hubdesk.services.area import normalised, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.meanwhile import ACT_CHANGED, require_unchanged
from hubdesk.services.rules import calls as rules
from hubdesk.services.validation import Checker, unknown_fields

CALL = N_("call for proposals")
NOTE = N_("guidance note")
CALL_FIELDS = (
    "title", "round", "opens_on", "closes_on", "ceiling_minor", "envelope_minor", "pillars",
    "themes", "eligibility", "requirements", "criteria",
)  # fmt: skip
NOTE_FIELDS = ("title", "body")
CALL_TEXTS = ("eligibility", "requirements")
CURRENCY = "EUR"  # a call's money: the hub's fund is in euros


@dataclass(frozen=True)
class Criterion:
    """One review criterion of a call: a stable code, its name and its weight (1–100)."""

    code: str
    label: str
    weight: int


def hub_only(ctx: ServiceContext) -> None:
    """Refuse any edit outside the hub, with a message saying where calls come from."""
    if not ctx.is_hub:
        raise PermissionDenied(
            N_(
                "Calls for proposals and guidance notes are written by the regional hub; "
                "here they can only be read and printed."
            )
        )


def limit_text(amount_minor: int) -> str:
    """A call's ceiling or envelope as the window and the command line show it: none (empty)
    for 0, which means the call sets none and is never checked against
    (``calls_fund.check_approval``), so "€0.00" would read as nothing may be approved."""
    return format_money(amount_minor, CURRENCY) if amount_minor else ""


# --- criteria ----------------------------------------------------------------------------------


def parse_criteria(text: str) -> list[Criterion]:
    """The criteria stored on a call (an invalid text, which the rule book never lets in,
    reads as none)."""
    if rules.criteria_problem(text) is not None:
        return []
    return [Criterion(r["code"], r["label"], r["weight"]) for r in json.loads(text)]


def criteria_text(criteria: Sequence[Criterion | Mapping[str, Any]]) -> str:
    """The stored form of a list of criteria (Criterion objects or plain mappings)."""
    rows = [
        {"code": c.code, "label": c.label, "weight": c.weight}
        if isinstance(c, Criterion)
        else {"code": c["code"], "label": c["label"], "weight": c["weight"]}
        for c in criteria
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def criteria_for(session: Session, proposal: FundProposal) -> list[Criterion]:
    """The review criteria a proposal is scored on: those of the call it answers, in the
    call's order; none when it answers no call (or the call is not held here)."""
    if proposal.call_id is None:
        return []
    call = session.get(Call, proposal.call_id)
    return [] if call is None else parse_criteria(call.criteria)


# --- calls -------------------------------------------------------------------------------------


def _check_call(given: Mapping[str, Any], current: Call | None) -> dict[str, Any]:
    unknown_fields(given, CALL_FIELDS)
    data = dict(given)
    if isinstance(data.get("criteria"), list | tuple):  # rows as a form or a script gives them
        try:
            data["criteria"] = criteria_text(data["criteria"])
        except (KeyError, TypeError):
            raise ValidationError.single(
                "criteria", N_("The review criteria are not a valid list.")
            ) from None
    check = Checker()
    if current is None or "title" in data:
        check.required(data, "title")
    check.text(data, Call)
    plain_text(check, data, *CALL_TEXTS)
    check.choices(data, "pillars")
    check.choices(data, "themes")
    check.date(data, "opens_on")
    check.date(data, "closes_on")
    check.count(data, "ceiling_minor")
    check.count(data, "envelope_minor")
    merged: dict[str, Any] = {"opens_on": None, "closes_on": None}
    merged.update(ceiling_minor=0, envelope_minor=0)
    if current is not None:
        merged = {k: getattr(current, k) for k in merged}
    values = {**merged, **data}
    if "pillars" in values and values["pillars"] is not None:
        values["pillars"] = list(values["pillars"])
    if "themes" in values and values["themes"] is not None:
        values["themes"] = [str(t).strip() for t in values["themes"]]
    check.rules(rules.check_call(values, changed=data))
    check.done()
    out = normalised(data, CALL_TEXTS)
    if "themes" in out:
        out["themes"] = values["themes"]
    return out


def create_call(ctx: ServiceContext, data: Mapping[str, Any]) -> Call:
    """A new draft call; nobody sees it until it is published."""
    hub_only(ctx)
    with ctx.transaction() as session:
        values = _check_call(data, None)
        values["status"] = CallStatus.DRAFT.value
        return records.create(session, ctx, Call, values)


def update_call(
    ctx: ServiceContext, call_id: str, data: Mapping[str, Any], seen: int | None = None
) -> Call:
    """Change a call; a published call changed here reaches every municipality again. With
    ``seen`` (the version a form read) only if nobody changed it since."""
    hub_only(ctx)
    with ctx.transaction() as session:
        call = records.live(session, Call, call_id, CALL)
        require_unchanged(session, call, seen)
        if call.status == CallStatus.CLOSED:
            raise ValidationError.single(
                "status", N_("This call is closed and can no longer be changed.")
            )
        values = _check_call(data, call)
        if call.status == CallStatus.PUBLISHED:
            merged = {"closes_on": call.closes_on, "criteria": call.criteria, **values}
            _check_publishable(merged, published=True)
        records.change(session, ctx, call, values)
        return call


def _check_publishable(values: Mapping[str, Any], published: bool = False) -> None:
    """What a call needs to be published, and keeps while it is: a closing date (after which
    no proposal answering it is submitted) and the criteria its proposals are reviewed on."""
    check = Checker()
    if values["closes_on"] is None:
        check.add(
            "closes_on",
            N_("A published call keeps its closing date.")
            if published
            else N_("Give the call a closing date before publishing it."),
        )
    if not parse_criteria(values["criteria"]):
        check.add(
            "criteria",
            N_("A published call keeps its review criteria.")
            if published
            else N_("Give the call its review criteria before publishing."),
        )
    check.done()


def _check_not_closed(closes_on: dt.date | None, today: dt.date) -> None:
    if closes_on is not None and closes_on < today:
        raise ValidationError.single(
            "closes_on",
            N_("The closing date {date} has passed: give the call a later one to publish it."),
            date=format_date(closes_on),
        )


def publish_call(
    ctx: ServiceContext, call_id: str, seen: int | None = None, *, today: dt.date | None = None
) -> Call:
    """Release a draft to every municipality (sent with the next bundle to each). With
    ``seen`` (the version the person looked at) only if nobody changed it since: a colleague's
    edit is never published unread. A draft whose closing day has passed (``today``: the day
    it is published, the region's today unless the demo back-dates it) is refused: every
    municipality would receive a call that nobody can answer."""
    return _move(ctx, call_id, CallStatus.DRAFT, CallStatus.PUBLISHED, seen, today)


def close_call(ctx: ServiceContext, call_id: str, seen: int | None = None) -> Call:
    """Close a published call: proposals answering it can no longer be submitted."""
    return _move(ctx, call_id, CallStatus.PUBLISHED, CallStatus.CLOSED, seen)


def _move(
    ctx: ServiceContext,
    call_id: str,
    before: CallStatus,
    after: CallStatus,
    seen: int | None,
    today: dt.date | None = None,
) -> Call:
    hub_only(ctx)
    with ctx.transaction() as session:
        call = records.live(session, Call, call_id, CALL)
        if call.status != before:
            why = (
                N_("Only a draft call can be published; this call is '{status}'.")
                if after is CallStatus.PUBLISHED
                else N_("Only a published call can be closed; this call is '{status}'.")
            )
            raise ValidationError.single("status", why, status=CallStatus(call.status).label)
        require_unchanged(session, call, seen, ACT_CHANGED)
        if after is CallStatus.PUBLISHED:
            _check_publishable({"closes_on": call.closes_on, "criteria": call.criteria})
            _check_not_closed(call.closes_on, today or clock.today())
        records.change(session, ctx, call, {"status": after.value})
        return call


def delete_call(ctx: ServiceContext, call_id: str) -> None:
    """Only a draft can be deleted: a published call is already at the municipalities."""
    hub_only(ctx)
    with ctx.transaction() as session:
        call = records.live(session, Call, call_id, CALL)
        if call.status != CallStatus.DRAFT:
            raise ValidationError.single(
                "status", N_("Only a draft call can be deleted; close a published call instead.")
            )
        records.tombstone(session, ctx, call)


def get_call(ctx: ServiceContext, call_id: str) -> Call:
    with ctx.read() as session:
        return records.live(session, Call, call_id, CALL)


def list_calls(ctx: ServiceContext, status: str | None = None) -> list[Call]:
    """Every live call held here, the newest closing date first (drafts exist only at the hub)."""
    with ctx.read() as session:
        query = select(Call).where(~Call.deleted)
        if status is not None:
            query = query.where(Call.status == status)
        order = (Call.closes_on.desc().nulls_first(), Call.title, Call.id)
        return list(session.scalars(query.order_by(*order)))


def is_open(call: Call, today: dt.date | None = None) -> bool:
    """Published, and today lies between its opening and closing dates."""
    day = today or clock.today()
    return (
        call.status == CallStatus.PUBLISHED
        and (call.opens_on is None or call.opens_on <= day)
        and (call.closes_on is None or day <= call.closes_on)
    )


def open_calls(ctx: ServiceContext, today: dt.date | None = None) -> list[Call]:
    """Calls a municipality can answer today (what the proposal editor offers)."""
    return [c for c in list_calls(ctx, CallStatus.PUBLISHED.value) if is_open(c, today)]


# --- guidance notes ----------------------------------------------------------------------------


def _check_note(data: Mapping[str, Any], current: GuidanceNote | None) -> dict[str, Any]:
    unknown_fields(data, NOTE_FIELDS)
    check = Checker()
    if current is None or "title" in data:
        check.required(data, "title")
    check.text(data, GuidanceNote)
    plain_text(check, data, "body")
    check.rules(rules.check_note(dict(data), changed=data))
    check.done()
    return normalised(data, ("body",))


def create_note(ctx: ServiceContext, data: Mapping[str, Any]) -> GuidanceNote:
    hub_only(ctx)
    with ctx.transaction() as session:
        return records.create(session, ctx, GuidanceNote, _check_note(data, None))


def update_note(
    ctx: ServiceContext, note_id: str, data: Mapping[str, Any], seen: int | None = None
) -> GuidanceNote:
    hub_only(ctx)
    with ctx.transaction() as session:
        note = records.live(session, GuidanceNote, note_id, NOTE)
        require_unchanged(session, note, seen)
        records.change(session, ctx, note, _check_note(data, note))
        return note


def publish_note(
    ctx: ServiceContext, note_id: str, on: dt.date | None = None, seen: int | None = None
) -> GuidanceNote:
    """Give the note its publication date: from now on it goes to every municipality (with
    ``seen``, only as the person read it, as ``publish_call``)."""
    hub_only(ctx)
    with ctx.transaction() as session:
        note = records.live(session, GuidanceNote, note_id, NOTE)
        if note.published_on is not None:
            raise ValidationError.single(
                "published_on", N_("This guidance note is already published.")
            )
        require_unchanged(session, note, seen, ACT_CHANGED)
        records.change(session, ctx, note, {"published_on": on or clock.today()})
        return note


def get_note(ctx: ServiceContext, note_id: str) -> GuidanceNote:
    with ctx.read() as session:
        return records.live(session, GuidanceNote, note_id, NOTE)


def list_notes(ctx: ServiceContext) -> list[GuidanceNote]:
    """Every live note here, the newest first (drafts, at the hub, first of all)."""
    with ctx.read() as session:
        query = select(GuidanceNote).where(~GuidanceNote.deleted)
        order = (GuidanceNote.published_on.desc().nulls_first(), GuidanceNote.title)
        return list(session.scalars(query.order_by(*order)))
