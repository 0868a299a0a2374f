"""The capacity-building register: trainings, their counts, the members in them, and the warning
when a trainer leaves."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from service_helpers import refused
from sqlalchemy import select

from hubdesk.domain import TrainingMember
from hubdesk.domain.trainings import PROFESSION_COLUMNS, training_member_id
from hubdesk.services import rules, team, trainings
from hubdesk.services import trainings_summary as summary
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.trainings_summary import TrainingFilter
from hubdesk.sync.codec import encode_record


def training(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Recognising hate speech in class",
        "topic": "Hate speech",
        "starts_on": dt.date(2025, 3, 10),
        "organiser": "Regional hub",
        "trainer_name": "Ana Petrovska",
        "format": "in_person",
        "pillars": ["capacity_building"],
        "themes": ["hate_speech"],
        "p_teacher_female": 9,
        "p_teacher_male": 4,
        "p_social_worker_female": 2,
        "inc_roma": 1,
        **extra,
    }


def member(ctx: ServiceContext, name: str) -> str:
    cat = team.list_teams(ctx)
    team_id = cat[0].id if cat else team.create_team(ctx, {"name": "CAT", "kind": "cat"}).id
    data = {"team_id": team_id, "name": name, "sector": "education", "role": "member"}
    return team.create_member(ctx, {**data, "gender": "female"}).id


def test_create_keeps_the_grid_and_inclusion(ctx: ServiceContext) -> None:
    created = trainings.create_training(ctx, training())
    stored = trainings.get_training(ctx, created.id)
    assert stored.municipality_id == ctx.municipality_id and stored.version > 0
    assert stored.grid_total() == 15 and stored.count("teacher", "female") == 9
    assert stored.inclusion()["roma"] == 1 and stored.themes == ["hate_speech"]
    assert stored.format == "in_person" and stored.train_the_trainer is False


def test_every_count_is_a_non_negative_whole_number(ctx: ServiceContext) -> None:
    for column in (*PROFESSION_COLUMNS[:4], "inc_women"):
        for value in (-1, 2.5, True, "3"):
            refused(column, trainings.create_training, ctx, training(**{column: value}))
    assert summary.count_trainings(ctx) == 0


INVALID: list[tuple[dict[str, Any], str]] = [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"starts_on": None}, "starts_on"),
    ({"starts_on": "2025-03-10"}, "starts_on"),
    ({"ends_on": dt.date(2025, 3, 9)}, "ends_on"),
    ({"format": "by_post"}, "format"),
    ({"pillars": ["unknown"]}, "pillars"),
    ({"themes": ["unknown"]}, "themes"),
    ({"train_the_trainer": "yes"}, "train_the_trainer"),
    ({"inc_roma": 16}, "inc_roma"),
    ({"municipality_id": "x"}, "municipality_id"),
]


def test_invalid_training_is_refused_and_nothing_saved(ctx: ServiceContext) -> None:
    for extra, field in INVALID:
        refused(field, trainings.create_training, ctx, training(**extra))
    assert summary.count_trainings(ctx) == 0


def test_inclusion_is_checked_against_stored_counts(ctx: ServiceContext) -> None:
    created = trainings.create_training(ctx, training())
    with pytest.raises(ValidationError) as caught:
        trainings.update_training(ctx, created.id, {"p_teacher_female": 0, "inc_women": 7})
    assert caught.value.field == "inc_women" and "only 6" in caught.value.message
    assert trainings.get_training(ctx, created.id).p_teacher_female == 9


def test_members_link_and_derive_the_members_trainings(ctx: ServiceContext) -> None:
    ana, boris = member(ctx, "Ana"), member(ctx, "Boris")
    first = trainings.create_training(ctx, training(), {ana: "trainer", boris: "participant"})
    second = trainings.create_training(
        ctx,
        training(title="Online radicalisation", starts_on=dt.date(2025, 5, 2)),
        {boris: "participant"},
    )
    assert [p.training_id for p in trainings.member_trainings(ctx, boris)] == [second.id, first.id]
    people = trainings.training_members(ctx, first.id)
    assert [(p.member_name, p.role) for p in people] == [
        ("Ana", "trainer"),
        ("Boris", "participant"),
    ]
    trainings.update_training(ctx, first.id, {}, {ana: "trainer"})
    assert [p.training_id for p in trainings.member_trainings(ctx, boris)] == [second.id]
    trainings.update_training(ctx, first.id, {}, {ana: "trainer", boris: "participant"})
    assert len(trainings.member_trainings(ctx, boris)) == 2


def test_member_links_have_the_id_their_pair_derives(ctx: ServiceContext) -> None:
    """The rule book (and so every bundle import) refuses a link whose id is not derived from
    its training and member; the service writes exactly those ids, on create and on update."""
    ana, boris = member(ctx, "Ana"), member(ctx, "Boris")
    first = trainings.create_training(ctx, training(), {ana: "trainer"})
    trainings.update_training(ctx, first.id, {}, {boris: "participant"})
    trainings.update_training(ctx, first.id, {}, {ana: "trainer", boris: "participant"})
    with ctx.read() as session:
        links = [encode_record(link) for link in session.scalars(select(TrainingMember))]
    assert len(links) == 2
    for link in links:
        assert link["id"] == training_member_id(link["training_id"], link["member_id"])
        assert rules.check("training_members", link) == []
        forged = {**link, "id": str(uuid.uuid4())}
        assert [p.field for p in rules.check("training_members", forged)] == ["id"]


def test_only_own_live_members_take_part(ctx: ServiceContext) -> None:
    gone = member(ctx, "Gone")
    team.delete_member(ctx, gone)
    for members in ({gone: "participant"}, {"no-such-id": "participant"}):
        refused("members", trainings.create_training, ctx, training(), members)
    ana = member(ctx, "Ana")
    refused("members", trainings.create_training, ctx, training(), {ana: "boss"})
    assert summary.count_trainings(ctx) == 0


def test_a_trainer_leaving_is_warned_but_may_leave(ctx: ServiceContext) -> None:
    ana, boris, vesna = member(ctx, "Ana"), member(ctx, "Boris"), member(ctx, "Vesna")
    trainings.create_training(ctx, training(), {ana: "trainer", boris: "participant"})
    trainings.create_training(
        ctx, training(title="Training trainers", train_the_trainer=True), {vesna: "participant"}
    )
    assert trainings.trainer_warning(ctx, boris) is None
    left = trainings.member_leaves(ctx, ana, dt.date(2025, 6, 1))
    assert left.member.left_on == dt.date(2025, 6, 1)
    assert left.warning is not None and "Ana" in left.warning and "hate speech" in left.warning
    warning = trainings.leaving_warning(ctx, vesna, {"left_on": dt.date(2025, 7, 1)})
    assert warning is not None and "Training trainers" in warning
    assert trainings.leaving_warning(ctx, vesna, {"name": "Vesna K."}) is None
    assert trainings.member_leaves(ctx, boris).warning is None


def test_delete_is_a_tombstone_with_its_links(ctx: ServiceContext) -> None:
    ana = member(ctx, "Ana")
    created = trainings.create_training(ctx, training(), {ana: "trainer"})
    trainings.delete_training(ctx, created.id)
    with pytest.raises(NotFoundError):
        trainings.get_training(ctx, created.id)
    assert (
        trainings.member_trainings(ctx, ana) == [] and trainings.trainer_warning(ctx, ana) is None
    )


def test_hub_records_no_trainings(hub_ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        trainings.create_training(hub_ctx, training())


def test_filters_totals_and_who_trained(ctx: ServiceContext) -> None:
    ana = member(ctx, "Ana Team")
    trainings.create_training(ctx, training())
    trainings.create_training(
        ctx,
        training(
            title="Police and schools",
            trainer_name="",
            starts_on=dt.date(2024, 11, 1),
            p_teacher_female=0,
            p_teacher_male=0,
            p_police_male=6,
            pillars=["cooperation"],
            themes=[],
            inc_roma=0,
        ),
        {ana: "trainer"},
    )
    trainings.create_training(
        ctx,
        training(
            title="Teachers again", organiser="Ministry", p_teacher_male=1, train_the_trainer=True
        ),
    )
    assert summary.count_trainings(ctx, TrainingFilter(year=2025)) == 2
    assert summary.count_trainings(ctx, TrainingFilter(profession="police")) == 1
    assert summary.count_trainings(ctx, TrainingFilter(pillar="cooperation")) == 1
    assert summary.count_trainings(ctx, TrainingFilter(theme="hate_speech")) == 2
    assert summary.count_trainings(ctx, TrainingFilter(search="again")) == 1
    totals = summary.training_totals(ctx, TrainingFilter(year=2025))
    assert totals.trainings == 2 and totals.train_the_trainer == 1
    assert totals.by_profession["teacher"] == 13 + 10 and totals.participants == 23 + 4
    matrix = summary.profession_matrix(ctx)
    assert matrix.counts[0] == [18, 5, 0] and len(matrix.counts) == 12
    assert sum(map(sum, matrix.counts)) == summary.training_totals(ctx).participants
    rows = summary.trained_by(ctx, "teacher", TrainingFilter(year=2025))
    assert [(r.organiser, r.trainer, r.total) for r in rows] == [
        ("Ministry", "Ana Petrovska", 10),
        ("Regional hub", "Ana Petrovska", 13),
    ]
    police = summary.trained_by(ctx, "police")
    assert [(r.trainer, r.total) for r in police] == [("Ana Team", 6)]
    team.delete_member(ctx, ana)  # recorded by mistake: no longer named as anyone's trainer
    police = summary.trained_by(ctx, "police")
    assert [(r.trainer, r.total) for r in police] == [("", 6)]


def test_the_dashboard_tile_counts_twelve_months(ctx: ServiceContext) -> None:
    from hubdesk.services.dashboard_summary import EXTRA_TILES

    today = dt.date(2025, 12, 31)
    trainings.create_training(ctx, training())  # 10 March 2025: 13 teachers of 15
    trainings.create_training(ctx, training(starts_on=dt.date(2024, 6, 1)))  # too long ago
    spec = next(s for s in EXTRA_TILES if s.key == "trainings")
    figure = spec.compute(ctx, today)
    assert figure is not None and figure.value == 15 and figure.page == "trainings"
    assert figure.caption() == "people trained in twelve months; teachers: 13"


def test_an_emptied_format_is_in_person(ctx: ServiceContext) -> None:
    created = trainings.create_training(ctx, training(format=None))
    assert created.format == "in_person"
    trainings.update_training(ctx, created.id, {"format": "online"})
    assert trainings.update_training(ctx, created.id, {"format": None}).format == "in_person"


def test_the_search_finds_a_training_in_either_script(ctx: ServiceContext) -> None:
    trainings.create_training(ctx, training(organiser="Биро за развој на образованието"))
    assert summary.count_trainings(ctx, TrainingFilter(search="BIRO ZA RAZVOJ")) == 1
    assert summary.count_trainings(ctx, TrainingFilter(search="petrovska")) == 1  # the trainer
