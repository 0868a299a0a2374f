"""Community engagement activities: gender counts add up, inclusion groups never exceed the head
count, themes and audiences are codes, and the totals the reports use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from service_helpers import refused

from hubdesk.services import community
from hubdesk.services.community import CommunityFilter
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.rules import check


def activity(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Mothers' circle on online radicalisation",
        "activity_type": "dialogue",
        "audiences": ["parents", "women_groups"],
        "starts_on": dt.date(2025, 5, 12),
        "place": "Community centre",
        "pillars": ["cooperation"],
        "themes": ["online_radicalisation"],
        "participants_total": 18,
        "n_female": 15,
        "n_male": 3,
        "inc_women": 15,
        "inc_roma": 4,
        **extra,
    }


def test_create_keeps_counts_themes_and_audiences(ctx: ServiceContext) -> None:
    created = community.create_activity(ctx, activity())
    stored = community.get_activity(ctx, created.id)
    assert stored.municipality_id == ctx.municipality_id
    assert stored.by_gender() == {"female": 15, "male": 3, "other": 0}
    assert stored.inclusion()["roma"] == 4 and stored.inclusion()["disability"] == 0
    assert stored.themes == ["online_radicalisation"]
    assert stored.audiences == ["parents", "women_groups"]


def test_gender_counts_must_add_up(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught:
        community.create_activity(ctx, activity(n_male=2))
    assert caught.value.field == "participants_total"
    assert community.count_activities(ctx) == 0


def test_no_inclusion_group_larger_than_the_head_count(ctx: ServiceContext) -> None:
    refused("inc_roma", community.create_activity, ctx, activity(inc_roma=19))
    refused("inc_disability", community.create_activity, ctx, activity(inc_disability=-1))
    assert community.count_activities(ctx) == 0


def test_unknown_codes_are_refused(ctx: ServiceContext) -> None:
    refused("themes", community.create_activity, ctx, activity(themes=["weather"]))
    refused("audiences", community.create_activity, ctx, activity(audiences=["aliens"]))
    refused("activity_type", community.create_activity, ctx, activity(activity_type="party"))
    assert community.count_activities(ctx) == 0


def test_the_bundle_rule_book_says_the_same() -> None:
    values = {**activity(), "inc_women": 30, "n_other": 0}
    problems = check("community_activities", values)
    assert [p.field for p in problems] == ["inc_women"]
    assert check("community_activities", {**values, "inc_women": -2})[0].field == "inc_women"


def test_edit_is_judged_with_the_stored_counts(ctx: ServiceContext) -> None:
    created = community.create_activity(ctx, activity())
    refused("inc_women", community.update_activity, ctx, created.id, {"inc_women": 20})
    community.update_activity(ctx, created.id, {"inc_women": 16, "n_female": 16, "n_male": 2})
    assert community.get_activity(ctx, created.id).inc_women == 16


def test_filters_and_totals(ctx: ServiceContext) -> None:
    community.create_activity(ctx, activity())
    community.create_activity(
        ctx,
        activity(
            title="Interfaith breakfast",
            themes=["interreligious_dialogue"],
            audiences=["religious_communities"],
            participants_total=10,
            n_female=4,
            n_male=6,
            inc_women=4,
            inc_roma=0,
        ),
    )
    assert community.count_activities(ctx, CommunityFilter(theme="online_radicalisation")) == 1
    assert community.count_activities(ctx, CommunityFilter(audience="religious_communities")) == 1
    totals = community.community_totals(ctx)
    assert totals.activities == 2 and totals.participants == 28
    assert totals.by_gender == {"female": 19, "male": 9, "other": 0}
    assert totals.by_group["women"] == 19 and totals.by_group["roma"] == 4
    per = community.totals_by_municipality(ctx)
    assert per[str(ctx.municipality_id)].participants == 28


def test_delete(ctx: ServiceContext) -> None:
    created = community.create_activity(ctx, activity())
    community.delete_activity(ctx, created.id)
    assert community.count_activities(ctx) == 0


def test_the_dashboard_tile_counts_the_last_twelve_months(ctx: ServiceContext) -> None:
    from hubdesk.services.dashboard_community import community_tile

    today = dt.date(2025, 12, 1)
    community.create_activity(ctx, activity())  # 12 May 2025: in
    community.create_activity(ctx, activity(starts_on=dt.date(2024, 5, 1)))  # too old
    figure = community_tile(ctx, today)
    assert figure.value == 18 and figure.page == "community"
    assert figure.caption() == "adults reached in community activities, 12 months"
    assert figure.criteria == {"date_from": dt.date(2024, 12, 1), "date_to": today}


def test_an_earlier_version_can_be_restored(ctx: ServiceContext) -> None:
    from hubdesk.services import history

    created = community.create_activity(ctx, activity())
    community.update_activity(ctx, created.id, {"title": "Renamed", "inc_roma": 5})
    entries = history.record_history(ctx, "community_activities", created.id)
    first = entries[-1]  # the creation (newest first)
    history.restore_version(ctx, "community_activities", created.id, first.entry_id)
    back = community.get_activity(ctx, created.id)
    assert (back.title, back.inc_roma) == ("Mothers' circle on online radicalisation", 4)


def test_an_activity_that_has_not_started_is_refused(ctx: ServiceContext) -> None:
    from hubdesk import clock

    future = clock.today() + dt.timedelta(days=1)
    refused("starts_on", community.create_activity, ctx, activity(starts_on=future))
