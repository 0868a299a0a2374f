"""Youth engagement in a period: the activities and their summed participant grid."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from hubdesk.domain import YouthActivity
from hubdesk.domain.enums import COUNT_COLUMNS, AgeBand, Gender, count_column
from hubdesk.reports.data.scope import Period


@dataclass
class YouthSummary:
    activities: int = 0
    participants: int = 0
    marginalised: int = 0
    youth_led: int = 0  # activities
    youth_led_participants: int = 0
    fed_into_decision: int = 0  # activities
    grid: dict[tuple[str, str], int] = field(default_factory=dict)
    by_pillar: Counter[str] = field(default_factory=Counter)  # activities per pillar
    pillar_participants: Counter[str] = field(default_factory=Counter)

    def by_gender(self) -> dict[str, int]:
        return {g.value: sum(self.grid.get((g.value, b.value), 0) for b in AgeBand) for g in Gender}

    def by_band(self) -> dict[str, int]:
        return {b.value: sum(self.grid.get((g.value, b.value), 0) for g in Gender) for b in AgeBand}

    @property
    def youth_led_share(self) -> float | None:
        return self.youth_led / self.activities if self.activities else None


def _in_period(period: Period, municipality_id: str | None) -> ColumnElement[bool]:
    where = ~YouthActivity.deleted & period.contains(YouthActivity.starts_on)
    if municipality_id is not None:
        where = where & (YouthActivity.municipality_id == municipality_id)
    return where


def youth_summary(
    session: Session, period: Period, municipality_id: str | None = None
) -> dict[str, YouthSummary]:
    """Per municipality, activities that started in ``period`` and what they reached."""
    where = _in_period(period, municipality_id)
    columns = [func.sum(getattr(YouthActivity, c)) for c in COUNT_COLUMNS]
    led = YouthActivity.youth_led.is_(True)
    query = (
        select(
            YouthActivity.municipality_id,
            func.count(YouthActivity.id),
            func.sum(YouthActivity.participants_total),
            func.sum(YouthActivity.marginalised),
            func.sum(case((led, 1), else_=0)),
            func.sum(case((led, YouthActivity.participants_total), else_=0)),
            func.sum(case((YouthActivity.fed_into_decision.is_(True), 1), else_=0)),
            *columns,
        )
        .where(where)
        .group_by(YouthActivity.municipality_id)
    )
    out: dict[str, YouthSummary] = {}
    for row in session.execute(query):
        mid, n, people, marg, led_n, led_people, fed, *grid = row
        cells = [(g.value, b.value) for g in Gender for b in AgeBand]
        assert [count_column(*c) for c in cells] == list(COUNT_COLUMNS)
        out[mid] = YouthSummary(
            activities=int(n),
            participants=int(people or 0),
            marginalised=int(marg or 0),
            youth_led=int(led_n or 0),
            youth_led_participants=int(led_people or 0),
            fed_into_decision=int(fed or 0),
            grid={c: int(v or 0) for c, v in zip(cells, grid, strict=True)},
        )
    pillars: dict[str, tuple[Counter[str], Counter[str]]] = defaultdict(
        lambda: (Counter(), Counter())
    )
    for mid, codes, people in session.execute(
        select(
            YouthActivity.municipality_id, YouthActivity.pillars, YouthActivity.participants_total
        ).where(where)
    ):
        activities, participants = pillars[mid]
        for code in codes:
            activities[code] += 1
            participants[code] += int(people or 0)
    for mid, (activities, participants) in pillars.items():
        out[mid].by_pillar, out[mid].pillar_participants = activities, participants
    return out


def youth_activities(session: Session, period: Period, municipality_id: str) -> list[YouthActivity]:
    query = (
        select(YouthActivity)
        .where(_in_period(period, municipality_id))
        .order_by(YouthActivity.starts_on, YouthActivity.title, YouthActivity.id)
    )
    return list(session.scalars(query))
