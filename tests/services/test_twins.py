"""No second training or community activity a spreadsheet could not tell apart (title and
start day, case and spaces aside), as for members and youth activities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from test_community import activity

from hubdesk.services import community, trainings
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError

DAY = dt.date(2026, 12, 2)
COURSE = {"title": "Twin training", "starts_on": DAY, "p_teacher_female": 3}


def refused_as_twin(make: Callable[[], Any]) -> None:
    with pytest.raises(ValidationError) as twin:
        make()
    assert twin.value.field == "title" and "already recorded" in str(twin.value)


def test_a_second_training_of_one_title_and_day_is_refused(ctx: ServiceContext) -> None:
    """Two were accepted; a sheet row with --update then changed whichever was listed first."""
    first = trainings.create_training(ctx, COURSE)
    refused_as_twin(lambda: trainings.create_training(ctx, {**COURSE, "title": " twin  TRAINING"}))
    other = trainings.create_training(ctx, {**COURSE, "starts_on": DAY + dt.timedelta(days=1)})
    refused_as_twin(lambda: trainings.update_training(ctx, other.id, {"starts_on": DAY}))
    trainings.update_training(ctx, first.id, {"p_teacher_female": 9})  # its own key: fine
    trainings.delete_training(ctx, first.id)
    trainings.update_training(ctx, other.id, {"starts_on": DAY})  # the first one is gone


def test_a_second_community_activity_of_one_title_and_day_is_refused(ctx: ServiceContext) -> None:
    first = community.create_activity(ctx, activity())
    refused_as_twin(lambda: community.create_activity(ctx, activity()))
    later = community.create_activity(ctx, activity(starts_on=dt.date(2025, 5, 13)))
    refused_as_twin(
        lambda: community.update_activity(ctx, later.id, {"starts_on": dt.date(2025, 5, 12)})
    )
    assert community.get_activity(ctx, first.id).starts_on == dt.date(2025, 5, 12)
