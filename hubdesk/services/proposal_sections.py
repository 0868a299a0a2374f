"""A proposal's workplan (activities) and indicators: the two sections that are lists.

Both are child records of the proposal, owned by its municipality, and change only while the
proposal text may change (a draft, or sent back for changes). The one exception is an
indicator's ``result``, which the implementation report fills once the proposal is being
implemented, beside the target it is compared with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import FundProposal, ProposalActivity, ProposalIndicator
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import normalised, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.fund_workflow import (
    OPEN_LATER,
    own_proposal,
    proposal_in_scope,
    require_editable,
    status_label,
    writer,
)
from hubdesk.services.rules import fund as rules
from hubdesk.services.validation import Checker, unknown_fields

ACTIVITY = N_("workplan activity")
INDICATOR = N_("indicator")
ACTIVITY_FIELDS = ("title", "description", "starts_on", "ends_on", "responsible", "position")
INDICATOR_FIELDS = (
    "name",
    "unit",
    "gender",
    "age_band",
    "baseline",
    "target",
    "verification",
    "position",
)
Child = TypeVar("Child", ProposalActivity, ProposalIndicator)


# --- checks ------------------------------------------------------------------------------------


def check_activity(data: Mapping[str, Any], current: ProposalActivity | None) -> dict[str, Any]:
    unknown_fields(data, ACTIVITY_FIELDS)
    check = Checker()
    required = ("title", "starts_on")
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.text(data, ProposalActivity)
    plain_text(check, data, "description")
    check.date(data, "starts_on")
    check.date(data, "ends_on")
    check.count(data, "position")
    merged: dict[str, Any] = {}
    if current is not None:
        merged = {"starts_on": current.starts_on, "ends_on": current.ends_on}
    check.rules(rules.check_activity({**merged, **data}, changed=data))
    check.done()
    return normalised(data, ("description", "responsible"))


def check_indicator(data: Mapping[str, Any], creating: bool) -> dict[str, Any]:
    unknown_fields(data, (*INDICATOR_FIELDS, "result"))
    # An empty choice is "every gender" / "all ages", stored as None.
    data = {k: None if k in ("gender", "age_band") and v == "" else v for k, v in data.items()}
    check = Checker()
    required = ("name", "target")
    check.required(data, *(required if creating else [k for k in required if k in data]))
    check.text(data, ProposalIndicator)
    for name in ("baseline", "target", "result", "position"):
        check.count(data, name)
    check.rules(rules.check_indicator(data))
    check.done()
    values = normalised(data, ("unit", "verification"))
    if "baseline" in values and values["baseline"] is None:
        values["baseline"] = 0
    return values


# --- shared ------------------------------------------------------------------------------------


def _children(session: Session, model: type[Child], proposal_id: str) -> list[Child]:
    query = (
        select(model)
        .where(model.proposal_id == proposal_id, ~model.deleted)
        .order_by(model.position, model.id)
    )
    return list(session.scalars(query))


def _next_position(session: Session, model: type[Child], proposal_id: str) -> int:
    last = session.scalar(
        select(func.max(model.position)).where(model.proposal_id == proposal_id, ~model.deleted)
    )
    return int(last or 0) + 1


def own_part(
    session: Session, ctx: ServiceContext, model: type[Child], child_id: str
) -> tuple[Child, FundProposal]:
    """One of this municipality's live workplan activities or indicators, with its proposal
    (the conflict log's "keep the other version" checks it as an edit, ``history``)."""
    kind = ACTIVITY if model is ProposalActivity else INDICATOR
    return _own_child(session, ctx, model, child_id, kind)


def _own_child(
    session: Session, ctx: ServiceContext, model: type[Child], child_id: str, kind: str
) -> tuple[Child, FundProposal]:
    writer(ctx)
    child = records.live(session, model, child_id, kind)
    proposal = own_proposal(session, ctx, child.proposal_id)
    return child, proposal


def _add(
    ctx: ServiceContext, model: type[Child], proposal_id: str, values: dict[str, Any]
) -> Child:
    with ctx.transaction() as session:
        proposal = own_proposal(session, ctx, proposal_id)
        require_editable(ctx, proposal)
        if values.get("position") is None:
            values["position"] = _next_position(session, model, proposal.id)
        return records.create(session, ctx, model, {**values, "proposal_id": proposal.id})


# --- the workplan ------------------------------------------------------------------------------


def list_activities(ctx: ServiceContext, proposal_id: str) -> list[ProposalActivity]:
    """The workplan in its order (then by start)."""
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return _children(session, ProposalActivity, proposal_id)


def add_activity(
    ctx: ServiceContext, proposal_id: str, data: Mapping[str, Any]
) -> ProposalActivity:
    writer(ctx)
    return _add(ctx, ProposalActivity, proposal_id, check_activity(data, None))


def update_activity(
    ctx: ServiceContext, activity_id: str, data: Mapping[str, Any]
) -> ProposalActivity:
    with ctx.transaction() as session:
        activity, proposal = _own_child(session, ctx, ProposalActivity, activity_id, ACTIVITY)
        require_editable(ctx, proposal)
        records.change(session, ctx, activity, check_activity(data, activity))
        return activity


def delete_activity(ctx: ServiceContext, activity_id: str) -> None:
    with ctx.transaction() as session:
        activity, proposal = _own_child(session, ctx, ProposalActivity, activity_id, ACTIVITY)
        require_editable(ctx, proposal)
        records.tombstone(session, ctx, activity)


# --- indicators --------------------------------------------------------------------------------


def list_indicators(ctx: ServiceContext, proposal_id: str) -> list[ProposalIndicator]:
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return _children(session, ProposalIndicator, proposal_id)


def add_indicator(
    ctx: ServiceContext, proposal_id: str, data: Mapping[str, Any]
) -> ProposalIndicator:
    writer(ctx)
    unknown_fields(data, INDICATOR_FIELDS)
    return _add(ctx, ProposalIndicator, proposal_id, check_indicator(data, creating=True))


def update_indicator(
    ctx: ServiceContext, indicator_id: str, data: Mapping[str, Any]
) -> ProposalIndicator:
    unknown_fields(data, INDICATOR_FIELDS)
    with ctx.transaction() as session:
        indicator, proposal = _own_child(session, ctx, ProposalIndicator, indicator_id, INDICATOR)
        require_editable(ctx, proposal)
        records.change(session, ctx, indicator, check_indicator(data, creating=False))
        return indicator


def delete_indicator(ctx: ServiceContext, indicator_id: str) -> None:
    with ctx.transaction() as session:
        indicator, proposal = _own_child(session, ctx, ProposalIndicator, indicator_id, INDICATOR)
        require_editable(ctx, proposal)
        records.tombstone(session, ctx, indicator)


def target_share(indicator: ProposalIndicator) -> float | None:
    """How far the result went of the way from the baseline to the target: a target is the
    value to reach (the form asks for both as counts, and a share of people or a score is a
    level, not a gain), so a result still at the baseline has done none of the way, whatever
    the baseline. It works both ways (fewer incidents: a target below the baseline) and can
    fall below zero (the result went the other way) or pass one. None when there is no result
    yet, or no way to go (the target is the baseline: the result beside it says whether the
    level held)."""
    if indicator.result is None or indicator.target == indicator.baseline:
        return None
    return (indicator.result - indicator.baseline) / (indicator.target - indicator.baseline)


def record_result(ctx: ServiceContext, indicator_id: str, result: int | None) -> ProposalIndicator:
    """What an indicator reached, for the implementation report (None clears it again)."""
    values = check_indicator({"result": result}, creating=False)
    with ctx.transaction() as session:
        indicator, proposal = _own_child(session, ctx, ProposalIndicator, indicator_id, INDICATOR)
        write_result(session, ctx, proposal, indicator, values["result"])
        return indicator


def write_result(
    session: Session,
    ctx: ServiceContext,
    proposal: FundProposal,
    indicator: ProposalIndicator,
    result: int | None,
) -> None:
    """A checked result of an indicator of ``proposal``, in the caller's unit."""
    if proposal.status not in OPEN_LATER["proposal_indicators"]["result"]:
        raise ValidationError.single(
            "status",
            N_("Results are recorded once the proposal is in implementation; it is '{status}'."),
            status=status_label(proposal.status),
        )
    records.change(session, ctx, indicator, {"result": result})
