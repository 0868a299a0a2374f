"""The City Needs Assessment: the hub's questionnaire, a municipality's yearly answers, the
regional map, and proposals and trainings naming the need they answer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from service_helpers import refused

from hubdesk import clock
from hubdesk.domain.enums import Pillar, Role
from hubdesk.domain.needs import score_column
from hubdesk.services import fund, needs, needs_link, needs_map, trainings
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.needs_questions import default_questions, questions_text
from hubdesk.services.rules import check

YEAR = clock.today().year


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)


def answers(score: int = 2, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in Pillar:
        out[score_column(p)] = score
        out[f"needs_{p.value}"] = f"Needs for {p.value}"
        out[f"priorities_{p.value}"] = f"Priorities for {p.value}"
    return {**out, **extra}


def submitted(ctx: ServiceContext, year: int = YEAR, score: int = 2) -> str:
    assessment = needs.create_assessment(ctx, {"year": year, **answers(score)})
    needs.submit_assessment(ctx, assessment.id)
    return assessment.id


def test_the_default_questionnaire_asks_every_pillar_with_four_levels() -> None:
    questions = default_questions()
    assert set(questions.by_pillar) == {p.value for p in Pillar}
    for question in questions.by_pillar.values():
        assert question.question and len(question.levels) == 4 and all(question.levels)
    assert check("needs_questionnaires", {"questions": questions_text(questions)}) == []


def test_only_the_hub_writes_questionnaires(ctx: ServiceContext, hub: ServiceContext) -> None:
    found = needs.create_questionnaire(hub, {"title": "CNA 2026", "year": YEAR})
    assert found.published_on is None
    with pytest.raises(PermissionDenied):
        needs.create_questionnaire(ctx, {"title": "Mine", "year": YEAR})
    with pytest.raises(PermissionDenied):
        needs.publish_questionnaire(ctx, found.id)
    needs.publish_questionnaire(hub, found.id)
    refused("published_on", needs.publish_questionnaire, hub, found.id)
    refused("published_on", needs.delete_questionnaire, hub, found.id)


def test_a_questionnaire_needs_every_pillar_and_four_levels(hub: ServiceContext) -> None:
    good = json.loads(questions_text(default_questions()))
    short = {**good, "cooperation": {"question": "Q", "levels": ["a", "b", "c"]}}
    missing = {k: v for k, v in good.items() if k != "city_voices"}
    for bad in (short, missing, "not json"):
        refused(
            "questions",
            needs.create_questionnaire,
            hub,
            {"title": "T", "year": YEAR, "questions": bad},
        )
    refused("year", needs.create_questionnaire, hub, {"title": "T", "year": 1800})
    assert needs.list_questionnaires(hub) == []


def test_a_questionnaire_made_and_published_at_once_or_not_at_all(hub: ServiceContext) -> None:
    good = json.loads(questions_text(default_questions()))
    empty_level = {**good, "cooperation": {"question": "Q", "levels": ["a", "b", "", "d"]}}
    refused(
        "questions",
        needs.publish_new_questionnaire,
        hub,
        {"title": "T", "year": YEAR, "questions": empty_level},
    )
    assert needs.list_questionnaires(hub) == []  # no draft left behind
    made = needs.publish_new_questionnaire(hub, {"title": "T", "year": YEAR, "questions": good})
    assert made.published_on == clock.today()
    assert [q.id for q in needs.list_questionnaires(hub, YEAR)] == [made.id]


def test_a_questionnaire_published_meanwhile_by_a_colleague_is_not_silently_replaced(
    hub: ServiceContext,
) -> None:
    """Two staff begin from the same questionnaire in force (none yet); the first to press OK
    publishes, the second is refused with nothing published, and starts again from it."""
    good = json.loads(questions_text(default_questions()))
    seen = needs.in_force(hub, YEAR)
    assert seen is None
    first = needs.publish_new_questionnaire(
        hub, {"title": "Amina's", "year": YEAR, "questions": good}, started_from=seen
    )
    with pytest.raises(ValidationError) as caught:
        needs.publish_new_questionnaire(
            hub, {"title": "Boris's", "year": YEAR, "questions": good}, started_from=seen
        )
    assert "while you were writing this one" in caught.value.message
    assert needs.in_force(hub, YEAR) == first.id
    again = needs.publish_new_questionnaire(
        hub, {"title": "Boris's", "year": YEAR, "questions": good}, started_from=first.id
    )
    assert needs.in_force(hub, YEAR) == again.id


def test_a_municipality_answers_the_latest_published_questionnaire(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    assert needs.questions_for(ctx, YEAR).questionnaire_id is None  # HubDesk's default
    draft = needs.create_questionnaire(hub, {"title": "Draft", "year": YEAR})
    assert needs.questions_for(ctx, YEAR).questionnaire_id is None  # a draft is not answered
    needs.publish_questionnaire(hub, draft.id, dt.date(YEAR, 1, 10))
    later = needs.create_questionnaire(hub, {"title": "Second", "year": YEAR})
    needs.publish_questionnaire(hub, later.id, dt.date(YEAR, 2, 1))
    assert needs.questions_for(ctx, YEAR).title == "Second"
    assessment = needs.create_assessment(ctx, {"year": YEAR})
    assert assessment.questionnaire_id == later.id
    assert needs.questions_of(ctx, assessment).title == "Second"
    assert needs.questions_for(ctx, YEAR - 1).questionnaire_id is None


def test_one_assessment_per_municipality_and_year(ctx: ServiceContext) -> None:
    first = needs.create_assessment(ctx, {"year": YEAR, **answers()})
    refused("year", needs.create_assessment, ctx, {"year": YEAR})
    other = needs.create_assessment(ctx, {"year": YEAR - 1})
    refused("year", needs.update_assessment, ctx, other.id, {"year": YEAR})
    needs.delete_assessment(ctx, first.id)
    needs.update_assessment(ctx, other.id, {"year": YEAR})
    assert [a.year for a in needs.list_assessments(ctx)] == [YEAR]


def test_scores_lie_within_the_levels_and_submitting_needs_them_all(ctx: ServiceContext) -> None:
    for bad in (0, 5, -1):
        refused(
            "score_cooperation",
            needs.create_assessment,
            ctx,
            {"year": YEAR, "score_cooperation": bad},
        )
    refused(
        "score_cooperation", needs.create_assessment, ctx, {"year": YEAR, "score_cooperation": "3"}
    )
    refused("structures", needs.create_assessment, ctx, {"year": YEAR, "structures": ["castle"]})
    partial = needs.create_assessment(
        ctx, {"year": YEAR, "score_cooperation": 3, "structures": ["youth_council"]}
    )
    refused("score_peer_learning", needs.submit_assessment, ctx, partial.id)
    assert needs.get_assessment(ctx, partial.id).status == "draft"
    needs.update_assessment(ctx, partial.id, answers(3))
    needs.submit_assessment(ctx, partial.id, dt.date(YEAR, 3, 1))
    done = needs.get_assessment(ctx, partial.id)
    assert (done.status, done.submitted_on) == ("submitted", dt.date(YEAR, 3, 1))
    refused("status", needs.submit_assessment, ctx, partial.id)
    refused("status", needs.delete_assessment, ctx, partial.id)
    refused(
        "score_cooperation", needs.update_assessment, ctx, partial.id, {"score_cooperation": None}
    )
    needs.update_assessment(ctx, partial.id, {"score_cooperation": 4})


def test_the_hub_records_no_assessment(hub: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        needs.create_assessment(hub, {"year": YEAR})


def test_the_map_compares_this_year_with_last(ctx: ServiceContext, hub: ServiceContext) -> None:
    submitted(ctx, YEAR - 1, score=2)
    this = needs.create_assessment(
        ctx, {"year": YEAR, **answers(2, score_cooperation=4, score_city_voices=1)}
    )
    draft_map = needs_map.needs_map(ctx, YEAR)
    assert draft_map.answered == 0  # a draft does not count
    assert draft_map.rows[0].cells["cooperation"].trend == needs_map.MISSING
    needs.submit_assessment(ctx, this.id)
    result = needs_map.needs_map(hub, YEAR)
    row = result.rows[0]
    assert result.answered == 1 and row.answered
    assert row.cells["cooperation"].trend == needs_map.UP
    assert row.cells["city_voices"].trend == needs_map.DOWN
    assert row.cells["peer_learning"].trend == needs_map.SAME
    first_year = needs_map.needs_map(hub, YEAR - 1).rows[0]
    assert first_year.cells["peer_learning"].trend == needs_map.NEW
    data = needs_map.as_json(result)
    assert data["answered"] == 1


def test_a_proposal_names_a_need_of_its_own_submitted_assessment(ctx: ServiceContext) -> None:
    draft = needs.create_assessment(ctx, {"year": YEAR - 1, **answers()})
    assert needs_link.needs_choices(ctx, ctx.municipality_id or "") == []
    assessment_id = submitted(ctx, YEAR, score=1)
    choices = needs_link.needs_choices(ctx, ctx.municipality_id or "")
    assert {(c.assessment_id, c.pillar) for c in choices} == {
        (assessment_id, p.value) for p in Pillar
    }
    assert "1/4" in choices[0].label
    proposal = fund.create_proposal(
        ctx,
        {
            "title": "Trainers",
            "need_assessment_id": assessment_id,
            "need_pillar": "capacity_building",
        },
    )
    assert (proposal.need_assessment_id, proposal.need_pillar) == (
        assessment_id,
        "capacity_building",
    )
    refused(
        "need_assessment_id",
        fund.update_proposal,
        ctx,
        proposal.id,
        {"need_assessment_id": draft.id},
    )
    refused("need_pillar", fund.update_proposal, ctx, proposal.id, {"need_pillar": ""})
    refused("need_pillar", fund.update_proposal, ctx, proposal.id, {"need_pillar": "castle"})
    fund.update_proposal(ctx, proposal.id, {"need_assessment_id": None, "need_pillar": ""})


def test_a_training_names_a_need_of_its_own_submitted_assessment(ctx: ServiceContext) -> None:
    draft = needs.create_assessment(ctx, {"year": YEAR - 1, **answers()})
    assessment_id = submitted(ctx, YEAR, score=1)
    course = {"title": "Mediation", "starts_on": dt.date(YEAR, 3, 2), "p_teacher_female": 6}
    found = trainings.create_training(
        ctx, {**course, "need_assessment_id": assessment_id, "need_pillar": "capacity_building"}
    )
    assert (found.need_assessment_id, found.need_pillar) == (assessment_id, "capacity_building")
    assert trainings.get_training(ctx, found.id).need_pillar == "capacity_building"
    refused(
        "need_assessment_id",
        trainings.update_training,
        ctx,
        found.id,
        {"need_assessment_id": draft.id},
    )
    refused("need_pillar", trainings.update_training, ctx, found.id, {"need_pillar": ""})
    refused("need_pillar", trainings.update_training, ctx, found.id, {"need_pillar": "castle"})
    refused(
        "need_assessment_id",
        trainings.create_training,
        ctx,
        {**course, "need_assessment_id": "no-such-assessment", "need_pillar": "cooperation"},
    )
    assert trainings.get_training(ctx, found.id).need_assessment_id == assessment_id
    trainings.update_training(ctx, found.id, {"need_assessment_id": None, "need_pillar": None})
    cleared = trainings.get_training(ctx, found.id)
    assert (cleared.need_assessment_id, cleared.need_pillar) == (None, "")
    # Naming no need is the usual case (another course: one title and day is one training).
    plain = trainings.create_training(ctx, {**course, "title": "Mediation, part two"})
    assert (plain.need_assessment_id, plain.need_pillar) == (None, "")


def test_the_rule_book_judges_a_bundle_record_as_the_form() -> None:
    row = {"year": YEAR, "status": "submitted", "submitted_on": None, **answers()}
    assert [p.field for p in check("needs_assessments", row)] == ["submitted_on"]
    assert check("needs_assessments", {**row, "submitted_on": dt.date(YEAR, 1, 1)}) == []
    assert [
        p.field
        for p in check(
            "needs_assessments",
            {**row, "score_cooperation": 9, "submitted_on": dt.date(YEAR, 1, 1)},
        )
    ] == ["score_cooperation"]
    for table in ("fund_proposals", "trainings"):
        assert [p.field for p in check(table, {"need_assessment_id": "x", "need_pillar": ""})] == [
            "need_pillar"
        ]
        unnamed = {"need_assessment_id": None, "need_pillar": "cooperation"}
        assert [p.field for p in check(table, unnamed)] == ["need_pillar"]
        assert [p.field for p in check(table, {"need_pillar": "castle"})] == ["need_pillar"]
        assert check(table, {"need_assessment_id": "x", "need_pillar": "cooperation"}) == []


def test_the_dashboard_tile_says_whether_this_year_is_answered(
    ctx: ServiceContext, hub: ServiceContext
) -> None:
    from hubdesk.services.dashboard_needs import needs_tile

    today = dt.date(YEAR, 6, 1)
    before = needs_tile(ctx, today)
    assert (before.value, before.alert, before.page) == (0, True, "needs")
    assert "not submitted" in before.caption()
    at_hub = needs_tile(hub, today)
    assert (at_hub.value, at_hub.alert) == (0, True) and "of 1" in at_hub.caption()
    submitted(ctx, YEAR)
    after = needs_tile(ctx, today)
    assert (after.value, after.alert) == (1, False) and "not" not in after.caption()
    assert needs_tile(hub, today).alert is False


# --- a field laptop drafts, the office submits --------------------------------------------------


@pytest.fixture
def laptop(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "laptop-installation", Role.FIELD, ctx.municipality_id, ctx.clock)


def test_a_field_laptop_drafts_but_does_not_submit(
    ctx: ServiceContext, laptop: ServiceContext
) -> None:
    draft = needs.create_assessment(laptop, {"year": YEAR, **answers(3)})
    needs.update_assessment(laptop, draft.id, {"needs_cooperation": "A referral protocol"})
    with pytest.raises(PermissionDenied) as caught:
        needs.submit_assessment(laptop, draft.id)
    assert "own PC submits a needs assessment" in caught.value.message
    assert needs.get_assessment(ctx, draft.id).status == "draft"
    assert not needs.may_submit(laptop) and needs.may_submit(ctx)
    # The office submits it; from then on what the hub holds is the office's to correct.
    needs.submit_assessment(ctx, draft.id)
    with pytest.raises(PermissionDenied):
        needs.update_assessment(laptop, draft.id, {"needs_cooperation": "From the field"})
    assert needs.get_assessment(ctx, draft.id).needs_cooperation == "A referral protocol"
    needs.update_assessment(ctx, draft.id, {"needs_cooperation": "From the office"})
    assert needs.get_assessment(laptop, draft.id).needs_cooperation == "From the office"
