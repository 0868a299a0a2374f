"""Youth activities: the participant grid, its checks and the totals reports are built on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from service_helpers import refused

from hubdesk.domain.enums import COUNT_COLUMNS
from hubdesk.services import team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.youth import YouthFilter


def activity(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Debate on hate speech",
        "activity_type": "workshop",
        "starts_on": dt.date(2025, 4, 5),
        "participants_total": 12,
        "n_female_15_19": 5,
        "n_male_15_19": 4,
        "n_other_20_24": 1,
        "n_female_u15": 2,
        **extra,
    }


def test_create_keeps_the_grid(ctx: ServiceContext) -> None:
    created = youth.create_activity(ctx, activity(marginalised=3, pillars=["youth_engagement"]))
    stored = youth.get_activity(ctx, created.id)
    assert stored.municipality_id == ctx.municipality_id and stored.version > 0
    assert stored.grid_total() == stored.participants_total == 12
    assert stored.count("female", "15_19") == 5 and stored.count("male", "30p") == 0
    assert stored.pillars == ["youth_engagement"] and stored.marginalised == 3


def test_every_grid_cell_is_a_non_negative_whole_number(ctx: ServiceContext) -> None:
    for column in COUNT_COLUMNS:
        for value in (-1, 1.0, 2.5, True, "3"):
            refused(column, youth.create_activity, ctx, activity(**{column: value}))
    assert youth.count_activities(ctx) == 0


def test_grid_must_add_up_to_the_head_count(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught:
        youth.create_activity(ctx, activity(participants_total=13))
    assert caught.value.field == "participants_total"
    message = caught.value.message
    assert "add up to 12" in message and "says 13" in message
    assert "age bands" in message and "gender" in message
    assert youth.count_activities(ctx) == 0


def test_empty_grid_cells_count_as_zero(ctx: ServiceContext) -> None:
    created = youth.create_activity(ctx, activity(n_other_30p=None))
    assert created.n_other_30p == 0


def test_update_checks_the_grid_with_stored_counts(ctx: ServiceContext) -> None:
    created = youth.create_activity(ctx, activity())
    with pytest.raises(ValidationError) as caught:
        youth.update_activity(ctx, created.id, {"n_male_30p": 2})
    assert caught.value.field == "participants_total"
    updated = youth.update_activity(ctx, created.id, {"n_male_30p": 2, "participants_total": 14})
    assert updated.grid_total() == 14 and updated.version > created.version
    with pytest.raises(ValidationError) as caught:
        youth.update_activity(ctx, created.id, {"marginalised": 15})
    assert caught.value.field == "marginalised"
    with pytest.raises(ValidationError) as caught:
        youth.update_activity(ctx, created.id, {"ends_on": dt.date(2025, 4, 4)})
    assert caught.value.field == "ends_on"


INVALID_ACTIVITIES: list[tuple[dict[str, Any], str]] = [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"activity_type": None}, "activity_type"),
    ({"activity_type": "rave"}, "activity_type"),
    ({"starts_on": None}, "starts_on"),
    ({"starts_on": "2025-04-05"}, "starts_on"),
    ({"ends_on": dt.date(2025, 4, 4)}, "ends_on"),
    ({"participants_total": None}, "participants_total"),
    ({"participants_total": -12}, "participants_total"),
    ({"marginalised": 13}, "marginalised"),
    ({"marginalised": -1}, "marginalised"),
    ({"marginalised": None}, "marginalised"),
    ({"pillars": ["youth"]}, "pillars"),
    ({"youth_led": "no"}, "youth_led"),
    ({"fed_into_decision": 1}, "fed_into_decision"),
    ({"outcome": ["a list"]}, "outcome"),
    ({"team_id": "00000000-0000-4000-8000-000000000000"}, "team_id"),
    ({"names": "Ana, Bujar"}, "names"),
]


def test_invalid_activity_is_refused_and_nothing_saved(ctx: ServiceContext) -> None:
    for extra, field in INVALID_ACTIVITIES:
        refused(field, youth.create_activity, ctx, activity(**extra))
    assert youth.count_activities(ctx) == 0


def test_marginalised_may_equal_the_total_and_ends_on_the_start(ctx: ServiceContext) -> None:
    created = youth.create_activity(
        ctx, activity(marginalised=12, ends_on=dt.date(2025, 4, 5), youth_led=None)
    )
    assert created.marginalised == 12 and created.youth_led is False


def test_team_is_optional_but_must_be_ours(ctx: ServiceContext) -> None:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"}).id
    assert youth.create_activity(ctx, activity(team_id=cat)).team_id == cat
    team.delete_team(ctx, cat)
    with pytest.raises(ValidationError) as caught:
        youth.create_activity(ctx, activity(team_id=cat))
    assert caught.value.field == "team_id"


def test_the_same_activity_is_not_recorded_twice(ctx: ServiceContext) -> None:
    """The spreadsheet import matches activities by title and start day; the form keeps the
    same rule, so no sheet meets two activities it cannot tell apart."""
    first = youth.create_activity(ctx, activity())
    again = activity(title="  " + str(activity()["title"]).upper() + "  ")
    with pytest.raises(ValidationError) as caught:
        youth.create_activity(ctx, again)
    assert caught.value.field == "title"
    # Another day is another activity; moving it onto the first one's day is refused.
    other = youth.create_activity(ctx, activity(starts_on=dt.date(2024, 5, 3)))
    with pytest.raises(ValidationError):
        youth.update_activity(ctx, other.id, {"starts_on": activity()["starts_on"]})
    # Saving the first one with its own title again is no clash with itself.
    youth.update_activity(ctx, first.id, {"title": activity()["title"], "place": "School"})
    youth.delete_activity(ctx, first.id)
    youth.create_activity(ctx, again)


def test_delete_is_a_tombstone(ctx: ServiceContext) -> None:
    created = youth.create_activity(ctx, activity())
    youth.delete_activity(ctx, created.id)
    with pytest.raises(NotFoundError):
        youth.get_activity(ctx, created.id)
    assert youth.count_activities(ctx) == 0


def test_hub_records_no_activities(hub_ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        youth.create_activity(hub_ctx, activity())


@pytest.fixture
def three(ctx: ServiceContext) -> None:
    youth.create_activity(ctx, activity(title="Workshop A", youth_led=True, marginalised=2))
    youth.create_activity(
        ctx,
        {
            "title": "Football for all",
            "activity_type": "sports_culture",
            "starts_on": dt.date(2025, 6, 1),
            "participants_total": 30,
            "n_male_15_19": 20,
            "n_female_15_19": 10,
            "pillars": ["youth_engagement", "cooperation"],
            "fed_into_decision": True,
            "place": "City stadium",
        },
    )
    youth.create_activity(
        ctx,
        activity(
            title="Youth council", activity_type="youth_council", starts_on=dt.date(2024, 12, 1)
        ),
    )


@pytest.mark.usefixtures("three")
def test_filters_and_paging(ctx: ServiceContext) -> None:
    assert [a.title for a in youth.list_activities(ctx)] == [
        "Football for all",
        "Workshop A",
        "Youth council",
    ]
    assert youth.count_activities(ctx, YouthFilter(youth_led=True)) == 1
    assert youth.count_activities(ctx, YouthFilter(youth_led=False)) == 2
    assert youth.count_activities(ctx, YouthFilter(activity_type="youth_council")) == 1
    assert youth.count_activities(ctx, YouthFilter(pillar="cooperation")) == 1
    assert youth.count_activities(ctx, YouthFilter(search="stadium")) == 1
    year = YouthFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 6, 1))
    assert youth.count_activities(ctx, year) == 2


@pytest.mark.usefixtures("three")
def test_totals_add_up_in_the_database(ctx: ServiceContext) -> None:
    totals = youth.youth_totals(ctx)
    assert totals.activities == 3 and totals.participants == 54
    assert totals.by_gender == {"female": 24, "male": 28, "other": 2}
    assert totals.by_age == {"u15": 4, "15_19": 48, "20_24": 2, "25_29": 0, "30p": 0}
    assert totals.grid[("male", "15_19")] == 28 and len(totals.grid) == len(COUNT_COLUMNS)
    assert sum(totals.by_age.values()) == sum(totals.by_gender.values()) == totals.participants
    assert (totals.marginalised, totals.youth_led, totals.fed_into_decision) == (2, 1, 1)
    only_2025 = youth.youth_totals(ctx, YouthFilter(date_from=dt.date(2025, 1, 1)))
    assert only_2025.activities == 2 and only_2025.participants == 42


def test_totals_of_nothing_are_zero(ctx: ServiceContext) -> None:
    totals = youth.youth_totals(ctx)
    assert totals.activities == totals.participants == totals.marginalised == 0
    assert set(totals.by_gender.values()) == {0} and set(totals.grid.values()) == {0}


def test_an_activity_that_has_not_started_is_refused(ctx: ServiceContext) -> None:
    """Recorded with the people who came: "1.1.45" read as 2045 is refused, today is not."""
    from hubdesk import clock

    today = clock.today()
    future = today + dt.timedelta(days=1)
    refused("starts_on", youth.create_activity, ctx, activity(starts_on=future))
    assert youth.count_activities(ctx) == 0
    made = youth.create_activity(ctx, activity(starts_on=today))
    refused("starts_on", youth.update_activity, ctx, made.id, {"starts_on": future})
