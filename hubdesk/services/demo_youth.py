"""Three years of the demo team's youth activities, counted by gender and age band."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hubdesk.domain.enums import COUNT_COLUMNS, ActivityType, AgeBand, Gender, Pillar, count_column
from hubdesk.services import demo_data as data
from hubdesk.services import demo_texts as texts
from hubdesk.services.demo_periods import entered_by
from hubdesk.services.demo_rows import Block, in_order

GENDER_SHARES = {Gender.FEMALE: 0.51, Gender.MALE: 0.46, Gender.OTHER: 0.03}
ACTIVITIES = (84, 96)  # per team over the three years


def build_activities(block: Block, team_id: str) -> None:
    rng, plan = block.rng, block.plan
    local, town = texts.texts_for(plan.country), data.place_for(plan.country)
    last_day = plan.today - dt.timedelta(days=1)
    days = sorted(block.day_between(plan.start, last_day) for _ in range(rng.randint(*ACTIVITIES)))
    kinds = list(texts.ACTIVITY_WEIGHTS)
    weights = list(texts.ACTIVITY_WEIGHTS.values())
    for starts in days:
        activity_type = rng.choices(kinds, weights=weights)[0]
        kind = local.activity_kinds[activity_type]
        ends = min(starts + dt.timedelta(days=rng.randint(*kind.days) - 1), last_day)
        grid = participant_grid(block, kind.bands, rng.randint(*kind.size))
        total = sum(grid.values())
        youth_led = activity_type is ActivityType.YOUTH_COUNCIL or rng.random() < 0.35
        fed = rng.random() < 0.2
        pillars = {Pillar.YOUTH_ENGAGEMENT.value}
        if rng.random() < 0.5:
            pillars.add(rng.choice(list(Pillar)).value)
        entered = min(ends + dt.timedelta(days=rng.randint(1, 10)), last_day, entered_by(starts))
        block.add(
            "youth_activities",
            block.later(entered),
            {
                "municipality_id": plan.municipality_id,
                "team_id": team_id if rng.random() < 0.9 else None,
                "title": rng.choice(kind.titles),
                "activity_type": activity_type.value,
                "starts_on": starts,
                "ends_on": ends,
                "place": rng.choice(town.activity_places),
                "partners": ", ".join(rng.sample(town.partners, rng.randint(1, 2))),
                "pillars": in_order(pillars),
                "youth_led": youth_led,
                "participants_total": total,
                "marginalised": round(total * rng.uniform(0.0, 0.3)),
                "outcome": rng.choice(local.outcomes),
                "fed_into_decision": fed,
                "decision_note": rng.choice(local.decision_notes) if fed else "",
                **grid,
            },
        )


def participant_grid(block: Block, bands: dict[AgeBand, float], total: int) -> dict[str, int]:
    """``total`` people spread over the fifteen gender x age-band columns (all present)."""
    cells = [(g, b) for g in GENDER_SHARES for b in bands]
    weights = [GENDER_SHARES[g] * bands[b] for g, b in cells]
    drawn = Counter(block.rng.choices(cells, weights=weights, k=total))
    grid = dict.fromkeys(COUNT_COLUMNS, 0)
    for (gender, band), n in drawn.items():
        grid[count_column(gender, band)] = n
    return grid
