"""The hub's reviews of fund proposals: reviewers score the criteria, HubDesk weighs them.

Several reviewers may review one proposal, each once (a reviewer corrects their review rather
than adding a second). Reviews are written on the hub only, while the proposal is submitted or
under review, and travel signed to the municipality (``sync.scope``): in co-design the
municipality improves its proposal with the reviewers' scores and comments in hand.

Each score is stored with the criterion's label and weight as they were when scored, so the
weighted total of an old review stays what the reviewer saw even if the call changes later.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import FundProposal, ProposalReview, ProposalStatusChange
from hubdesk.domain.enums import ProposalStatus
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date
from hubdesk.services import calls, records
from hubdesk.services.area import not_in_future, plain_text
from hubdesk.services.calls import Criterion  # one criterion type: a call's, a review's
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.fund_workflow import (
    PROPOSAL,
    earliest_answer,
    proposal_in_scope,
    refresh_status,
    status_label,
)
from hubdesk.services.meanwhile import DELETE_CHANGED, require_unchanged
from hubdesk.services.rules import apply
from hubdesk.services.rules.review import REVIEW as REVIEW_RULES
from hubdesk.services.rules.review import SCORE_MAX, SCORE_MIN, parse_scores
from hubdesk.services.validation import Checker, unknown_fields

REVIEW = N_("proposal review")
S = ProposalStatus
REVIEW_STATUSES: tuple[str, ...] = (S.SUBMITTED, S.UNDER_REVIEW)
REVIEW_FIELDS = ("reviewer", "scores", "comment", "reviewed_on")
SCALE: tuple[int, int] = (SCORE_MIN, SCORE_MAX)  # what a score may be, for forms


DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion("relevance", N_("Relevance to the city's needs"), 25),
    Criterion("do_no_harm", N_("Do No Harm"), 20),
    Criterion("feasibility", N_("Feasibility of the workplan"), 15),
    Criterion("value_for_money", N_("Value for money"), 15),
    Criterion("sustainability", N_("Sustainability"), 15),
    Criterion("partnership", N_("Partnership"), 10),
)


def criteria_for(session: Session, proposal: FundProposal) -> list[Criterion]:
    """The criteria a review of ``proposal`` scores: those of the call it answers, or
    ``DEFAULT_CRITERIA`` for a proposal that answers no call (older ones) or a call without
    criteria."""
    return calls.criteria_for(session, proposal) or list(DEFAULT_CRITERIA)


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    code: str
    label: str
    weight: int
    score: int


@dataclass(frozen=True)
class ReviewView:
    """A review as screens and reports show it, with its weighted total (0 to 100)."""

    id: str
    proposal_id: str
    reviewer: str
    scores: tuple[Score, ...]
    comment: str
    reviewed_on: dt.date
    total: float
    version: int = 0  # as read: a form saves only over this (``meanwhile``)


@dataclass(frozen=True)
class ReviewSummary:
    reviews: tuple[ReviewView, ...]
    average: float | None  # over the reviewers; None while nobody has reviewed


def weighted_total(scores: Sequence[Score]) -> float:
    """The weighted score out of 100: each score as a share of the top of the scale, weighted.

    Divided by the sum of the weights actually scored, so a call whose weights do not add up to
    exactly 100 is still out of 100."""
    weights = sum(s.weight for s in scores)
    if not weights:
        return 0.0
    points = sum(s.weight * s.score for s in scores)
    return round(100 * points / (weights * SCORE_MAX), 1)


def average_total(totals: Sequence[float]) -> float | None:
    return round(sum(totals) / len(totals), 1) if totals else None


def view(review: ProposalReview) -> ReviewView:
    items = parse_scores(review.scores) or []
    scores = tuple(
        Score(str(i["code"]), str(i["label"]), int(i["weight"]), int(i["score"])) for i in items
    )
    return ReviewView(
        id=review.id,
        proposal_id=review.proposal_id,
        reviewer=review.reviewer,
        scores=scores,
        comment=review.comment,
        reviewed_on=review.reviewed_on,
        total=weighted_total(scores),
        version=review.version,
    )


def live_reviews(session: Session, proposal_id: str) -> list[ProposalReview]:
    query = (
        select(ProposalReview)
        .where(ProposalReview.proposal_id == proposal_id, ~ProposalReview.deleted)
        .order_by(ProposalReview.reviewed_on, ProposalReview.reviewer, ProposalReview.id)
    )
    return list(session.scalars(query))


def summarise(reviews: Sequence[ProposalReview]) -> ReviewSummary:
    views = tuple(view(r) for r in reviews)
    return ReviewSummary(views, average_total([v.total for v in views]))


def list_reviews(ctx: ServiceContext, proposal_id: str) -> ReviewSummary:
    """The proposal's reviews with their totals and the average over reviewers."""
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return summarise(live_reviews(session, proposal_id))


def proposal_criteria(ctx: ServiceContext, proposal_id: str) -> list[Criterion]:
    """What a new review of the proposal scores (for the review form)."""
    with ctx.read() as session:
        return criteria_for(session, proposal_in_scope(session, ctx, proposal_id))


def can_review(ctx: ServiceContext, proposal: FundProposal) -> bool:
    """Whether this installation may add or change reviews of the proposal now."""
    return ctx.is_hub and not proposal.deleted and proposal.status in REVIEW_STATUSES


def count_reviews(ctx: ServiceContext) -> int:
    with ctx.read() as session:
        query = select(func.count()).select_from(ProposalReview).where(~ProposalReview.deleted)
        return int(session.scalar(query) or 0)


# --- writing -------------------------------------------------------------------------------------


def _reviewing(session: Session, ctx: ServiceContext, proposal_id: str) -> FundProposal:
    if not ctx.is_hub:
        raise PermissionDenied(N_("Only the regional hub reviews fund proposals."))
    proposal = proposal_in_scope(session, ctx, proposal_id)
    if refresh_status(session, proposal) not in REVIEW_STATUSES:
        raise ValidationError.single(
            "status",
            N_("A proposal is reviewed while it is submitted or under review; it is '{status}'."),
            status=status_label(proposal.status),
        )
    return proposal


def _scores_json(check: Checker, criteria: Sequence[Criterion], given: Any) -> str | None:
    """The scores list to store, built from ``{code: score}``: every criterion of the call
    scored, nothing else; labels and weights copied from the criteria as they are now."""
    if not isinstance(given, Mapping) or not all(isinstance(k, str) for k in given):
        check.add("scores", N_("Score every criterion."))
        return None
    known = {c.code for c in criteria}
    unknown = sorted(set(given) - known)
    if unknown:
        check.add(
            "scores",
            N_("Not a criterion of this proposal: {codes}."),
            codes=", ".join(unknown),
        )
        return None
    missing = [c for c in criteria if given.get(c.code) is None]
    if missing:
        check.add(
            "scores",
            N_("Score every criterion; not yet scored: {names}."),
            # as the form names them: the codes ("do_no_harm") are shown nowhere in it
            names=", ".join(f"“{_(c.label)}”" for c in missing),
        )
        return None
    return encode_scores(
        [
            {"code": c.code, "label": c.label, "weight": c.weight, "score": given[c.code]}
            for c in criteria
        ]
    )


def encode_scores(items: Sequence[Mapping[str, Any]]) -> str:
    """The stored text of a scores list: compact JSON, letters as they are."""
    return json.dumps(list(items), ensure_ascii=False, separators=(",", ":"))


def _same_reviewer(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def submitted_day(session: Session, proposal_id: str) -> dt.date | None:
    """The day (on this PC's calendar) the proposal was first submitted, if it was."""
    query = select(func.min(ProposalStatusChange.changed_at)).where(
        ProposalStatusChange.proposal_id == proposal_id,
        ProposalStatusChange.to_status == ProposalStatus.SUBMITTED.value,
        ~ProposalStatusChange.deleted,
    )
    moment = session.scalar(query)
    return None if moment is None else clock.local_day(moment)


def _check(
    session: Session,
    proposal: FundProposal,
    data: Mapping[str, Any],
    criteria: Sequence[Criterion],
    editing: ProposalReview | None,
) -> dict[str, Any]:
    unknown_fields(data, REVIEW_FIELDS)
    check = Checker()
    if editing is None or "reviewer" in data:
        check.required(data, "reviewer")
    check.text({k: v for k, v in data.items() if k != "scores"}, ProposalReview)
    check.date(data, "reviewed_on")
    not_in_future(check, data, "reviewed_on")
    plain_text(check, data, "comment")
    values: dict[str, Any] = {k: v for k, v in data.items() if k != "scores"}
    if isinstance(values.get("reviewer"), str):
        values["reviewer"] = " ".join(values["reviewer"].split())
    if "comment" in values and values["comment"] is None:
        values["comment"] = ""
    if editing is None or "scores" in data:
        scores = _scores_json(check, criteria, data.get("scores"))
        if scores is not None:
            values["scores"] = scores
    if editing is None:
        values.setdefault("comment", "")
        values["reviewed_on"] = values.get("reviewed_on") or clock.today()
    check.rules(apply(REVIEW_RULES, values))
    day = values.get("reviewed_on")
    first = earliest_answer(submitted_day(session, proposal.id))
    if check.ok("reviewed_on") and isinstance(day, dt.date) and first and day < first:
        check.add(
            "reviewed_on",
            N_("The proposal was submitted on {date}; a review of it is not dated earlier."),
            date=format_date(first),
        )
    name = values.get("reviewer")
    if check.ok("reviewer") and isinstance(name, str):
        for other in live_reviews(session, proposal.id):
            if other is not editing and _same_reviewer(other.reviewer, name):
                check.add(
                    "reviewer",
                    N_("{name} has already reviewed this proposal; change that review instead."),
                    name=other.reviewer,
                )
    check.done()
    return values


def add_review(ctx: ServiceContext, proposal_id: str, data: Mapping[str, Any]) -> ReviewView:
    """One reviewer's review: ``scores`` maps each criterion's code to a whole-number score."""
    with ctx.transaction() as session:
        proposal = _reviewing(session, ctx, proposal_id)
        criteria = criteria_for(session, proposal)
        values = _check(session, proposal, data, criteria, None)
        review = records.create(
            session, ctx, ProposalReview, {"proposal_id": proposal.id, **values}
        )
        return view(review)


def _own_review(session: Session, ctx: ServiceContext, review_id: str) -> ProposalReview:
    review = records.live(session, ProposalReview, review_id, REVIEW)
    _reviewing(session, ctx, review.proposal_id)
    return review


def update_review(
    ctx: ServiceContext, review_id: str, data: Mapping[str, Any], seen: int | None = None
) -> ReviewView:
    """Correct a review; new scores copy the criteria as they are now. With ``seen`` (the
    version a form read) only if nobody changed it since."""
    with ctx.transaction() as session:
        review = _own_review(session, ctx, review_id)
        require_unchanged(session, review, seen)
        proposal = proposal_in_scope(session, ctx, review.proposal_id)
        values = _check(session, proposal, data, criteria_for(session, proposal), review)
        records.change(session, ctx, review, values)
        return view(review)


def delete_review(ctx: ServiceContext, review_id: str, seen: int | None = None) -> None:
    """With ``seen`` (the version the list showed) only if nobody changed the review since:
    a colleague's rescoring is not deleted unread."""
    with ctx.transaction() as session:
        review = _own_review(session, ctx, review_id)
        require_unchanged(session, review, seen, DELETE_CHANGED)
        records.tombstone(session, ctx, review)


def find_proposal(ctx: ServiceContext, key: str) -> str:
    """The id of the proposal ``key`` names: its id, or its reference when only one proposal
    in reach has it (for scripts, which know references better than ids)."""
    with ctx.read() as session:
        if session.get(FundProposal, key) is not None:
            return proposal_in_scope(session, ctx, key).id
        query = select(FundProposal.id).where(
            FundProposal.reference == key.strip(), ~FundProposal.deleted
        )
        if not ctx.is_hub:
            query = query.where(FundProposal.municipality_id == ctx.municipality_id)
        found = list(session.scalars(query.limit(2)))
    if len(found) != 1:
        if found:
            raise ValidationError.single(
                "proposal",
                N_("More than one proposal has the reference {reference}; give its id."),
                reference=key,
            )
        raise NotFoundError(PROPOSAL, key)
    return found[0]
