"""The hub's reviews of fund proposals: the rule book, who may review when, weighted totals."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from proposal_filling import submit_on
from service_helpers import refused
from test_fund import at_status, draft

from hubdesk import clock
from hubdesk.domain.enums import Role
from hubdesk.services import reviews
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.meanwhile import ChangedMeanwhile
from hubdesk.services.rules import check
from hubdesk.services.stats import table_counts

ALL_FOUR = {c.code: 4 for c in reviews.DEFAULT_CRITERIA}


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)


def review_of(name: str, **scores: int) -> dict[str, Any]:
    return {"reviewer": name, "scores": {**ALL_FOUR, **scores}, "comment": "Clear plan."}


def record(**changes: Any) -> dict[str, Any]:
    items = [
        {"code": c.code, "label": c.label, "weight": c.weight, "score": 3}
        for c in reviews.DEFAULT_CRITERIA
    ]
    values = {
        "proposal_id": "5b0e9f3c-1d2e-4f50-8a6b-7c8d9e0f1a2b",
        "reviewer": "Ana",
        "scores": json.dumps(items),
        "comment": "",
        "reviewed_on": dt.date(2026, 5, 1),
        "hub_signature": None,
    }
    return {**values, **changes}


# --- the rule book -------------------------------------------------------------------------------


def test_default_criteria_weigh_one_hundred() -> None:
    assert sum(c.weight for c in reviews.DEFAULT_CRITERIA) == 100
    assert len({c.code for c in reviews.DEFAULT_CRITERIA}) == len(reviews.DEFAULT_CRITERIA)


def test_a_good_review_record_keeps_the_rules() -> None:
    assert check("proposal_reviews", record()) == []


def one(code: str = "relevance", **item: Any) -> str:
    return json.dumps([{"code": code, "label": "Relevance", "weight": 100, "score": 3, **item}])


@pytest.mark.parametrize(
    "scores",
    [
        "not json",
        "{}",
        "[]",
        "[1]",
        one(score=6),
        one(score=-1),
        one(score=2.5),
        one(score=True),
        one(score="4"),
        one(weight=0),
        one(weight=101),
        one(label=""),
        one(label="Relevance\x00"),  # escaped in the JSON text: only the parsed label shows it
        one(label="Relevance \ud800"),
        one(code="Bad code"),
        json.dumps([{"code": "relevance", "weight": 100, "score": 3}]),
        json.dumps([{"code": "a", "label": "A", "weight": 50, "score": 3}] * 2),
    ],
)
def test_the_rule_book_refuses_bad_scores(scores: str) -> None:
    problems = check("proposal_reviews", record(scores=scores))
    assert [p.field for p in problems] == ["scores"], problems


def test_the_rule_book_wants_a_reviewer() -> None:
    assert [p.field for p in check("proposal_reviews", record(reviewer=" "))] == ["reviewer"]


# --- the service ---------------------------------------------------------------------------------


def test_two_reviewers_with_weighted_totals_and_average(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal = at_status(ctx, hub, "submitted")
    first = reviews.add_review(hub, proposal, review_of("Ana Petrova"))
    assert first.total == 80.0  # 4 of 5 on every criterion
    second = reviews.add_review(hub, proposal, review_of("Ilir Hoxha", relevance=5, do_no_harm=2))
    # 25·5 + 20·2 + 55·4 = 385 of 500
    assert second.total == 77.0
    summary = reviews.list_reviews(ctx, proposal)  # the municipality reads them too
    assert [r.reviewer for r in summary.reviews] == ["Ana Petrova", "Ilir Hoxha"]
    assert summary.average == 78.5
    assert [s.code for s in first.scores] == [c.code for c in reviews.DEFAULT_CRITERIA]
    assert table_counts(ctx)["reviews"] == 2


def test_a_review_keeps_the_labels_and_weights_it_was_scored_with(
    ctx: ServiceContext, hub: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    proposal = at_status(ctx, hub, "under_review")
    reviews.add_review(hub, proposal, review_of("Ana"))
    changed = [reviews.Criterion("relevance", "Need", 100)]
    monkeypatch.setattr(reviews, "criteria_for", lambda session, p: changed)
    old = reviews.list_reviews(hub, proposal).reviews[0]
    assert len(old.scores) == 6 and old.scores[0].weight == 25 and old.total == 80.0
    new = reviews.add_review(hub, proposal, {"reviewer": "Ilir", "scores": {"relevance": 5}})
    assert [(s.label, s.weight) for s in new.scores] == [("Need", 100)] and new.total == 100.0


def test_one_review_per_reviewer(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal = at_status(ctx, hub, "submitted")
    first = reviews.add_review(hub, proposal, review_of("Ana Petrova"))
    refused("reviewer", reviews.add_review, hub, proposal, review_of(" ana  petrova"))
    changed = reviews.update_review(hub, first.id, {"scores": {**ALL_FOUR, "relevance": 0}})
    assert changed.total == 60.0
    reviews.delete_review(hub, first.id)
    assert reviews.list_reviews(hub, proposal).average is None
    reviews.add_review(hub, proposal, review_of("Ana Petrova"))  # a new one after deleting


def test_a_review_read_before_a_colleagues_change_is_not_saved_over_it(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """The form sends every field, so a save from an old reading would put back what a
    colleague corrected meanwhile: refused, naming what they changed, with nothing written."""
    proposal = at_status(ctx, hub, "submitted")
    read = reviews.add_review(hub, proposal, review_of("Ana Petrova"))
    reviews.update_review(hub, read.id, {**review_of("Ana Petrova"), "comment": "Weak plan."})
    mine = {**review_of("Ana Petrova", relevance=5)}
    with pytest.raises(ChangedMeanwhile) as refusal:
        reviews.update_review(hub, read.id, mine, seen=read.version)
    assert set(refusal.value.by_field()) == {"", "comment"}
    stored = reviews.list_reviews(hub, proposal).reviews[0]
    assert (stored.comment, stored.total) == ("Weak plan.", 80.0)
    saved = reviews.update_review(hub, read.id, mine, seen=refusal.value.version)
    assert (saved.comment, saved.total) == ("Clear plan.", 85.0)


def test_a_review_rescored_after_the_list_was_read_is_not_deleted(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    proposal = at_status(ctx, hub, "submitted")
    read = reviews.add_review(hub, proposal, review_of("Ana Petrova"))
    reviews.update_review(hub, read.id, {"scores": {**ALL_FOUR, "relevance": 5}})
    with pytest.raises(ChangedMeanwhile, match="Nothing was deleted") as refusal:
        reviews.delete_review(hub, read.id, seen=read.version)
    assert "scores" in refusal.value.by_field()
    assert len(reviews.list_reviews(hub, proposal).reviews) == 1
    reviews.delete_review(hub, read.id, seen=refusal.value.version)
    assert reviews.list_reviews(hub, proposal).reviews == ()


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("scores", review_of("Ana", relevance=6)),
        ("scores", review_of("Ana", relevance=-1)),
        ("scores", review_of("Ana", relevance="4")),  # type: ignore[arg-type]
        ("scores", {"reviewer": "Ana", "scores": {**ALL_FOUR, "beauty": 3}}),
        ("scores", {"reviewer": "Ana", "scores": {"relevance": 3}}),
        ("scores", {"reviewer": "Ana", "scores": [3, 3]}),
        ("reviewer", {**review_of(""), "reviewer": ""}),
        ("reviewed_on", {**review_of("Ana"), "reviewed_on": clock.today().replace(year=2999)}),
        # before the proposal was submitted (today): a typo in the year, not a review
        ("reviewed_on", {**review_of("Ana"), "reviewed_on": clock.today().replace(year=2001)}),
        ("comment", {**review_of("Ana"), "comment": "a\x00b"}),
        ("version", {**review_of("Ana"), "version": 1}),
    ],
)
def test_bad_reviews_are_refused_and_change_nothing(
    ctx: ServiceContext, hub: ServiceContext, field: str, data: dict[str, Any]
) -> None:
    proposal = at_status(ctx, hub, "submitted")
    refused(field, reviews.add_review, hub, proposal, data)
    assert reviews.list_reviews(hub, proposal).reviews == ()


def test_only_the_hub_reviews(ctx: ServiceContext, hub: ServiceContext) -> None:
    proposal = at_status(ctx, hub, "submitted")
    with pytest.raises(PermissionDenied):
        reviews.add_review(ctx, proposal, review_of("Ana"))
    review = reviews.add_review(hub, proposal, review_of("Ana"))
    with pytest.raises(PermissionDenied):
        reviews.update_review(ctx, review.id, {"comment": "mine now"})
    with pytest.raises(PermissionDenied):
        reviews.delete_review(ctx, review.id)


@pytest.mark.parametrize("status", ["draft", "approved", "rejected", "changes_requested"])
def test_reviews_only_while_submitted_or_under_review(
    ctx: ServiceContext, hub: ServiceContext, status: str
) -> None:
    proposal = at_status(ctx, hub, status)
    refused("status", reviews.add_review, hub, proposal, review_of("Ana"))


def test_a_decided_proposal_keeps_its_reviews_read_only(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    from hubdesk.services import fund

    proposal = at_status(ctx, hub, "under_review")
    review = reviews.add_review(hub, proposal, review_of("Ana"))
    fund.record_decision(hub, proposal, {"outcome": "approved"})
    refused("status", reviews.update_review, hub, review.id, {"comment": "late"})
    assert reviews.list_reviews(ctx, proposal).average == 80.0
    assert not reviews.can_review(hub, fund.get_proposal(hub, proposal))


def test_a_submission_from_a_clock_running_ahead_still_lets_the_hub_review_today(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    """The municipality's clock ran a day ahead, so its submission is stamped tomorrow: the hub
    reviews today (the day the decision may take too), never before the submission."""
    today = clock.today()
    proposal = draft(ctx)
    submit_on(ctx, proposal, today + dt.timedelta(days=1))
    yesterday = {**review_of("Ana"), "reviewed_on": today - dt.timedelta(days=1)}
    refused("reviewed_on", reviews.add_review, hub, proposal, yesterday)
    assert reviews.add_review(hub, proposal, review_of("Ana")).reviewed_on == today
