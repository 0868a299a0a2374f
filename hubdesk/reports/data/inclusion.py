"""Counts of people per municipality for the regional and donor reports: youth by gender and age
band, youth and community participants by inclusion group, community activities by gender.
Exact numbers; the reports pass them through small-cell suppression before printing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from hubdesk.domain import CommunityActivity, YouthActivity
from hubdesk.domain.enums import COUNT_COLUMNS, AgeBand, Gender
from hubdesk.domain.pillars import INCLUSION_COLUMNS
from hubdesk.reports.data.scope import Period
from hubdesk.services.area import pillar_match

GENDERS = tuple(g.value for g in Gender)
BANDS = tuple(b.value for b in AgeBand)
GROUPS = tuple(c.removeprefix("inc_") for c in INCLUSION_COLUMNS)


@dataclass
class PeopleCounts:
    """One municipality's counts of people in a period (or the region's, summed)."""

    youth_activities: int = 0
    youth_grid: dict[tuple[str, str], int] = field(default_factory=dict)
    youth_groups: dict[str, int] = field(default_factory=dict)
    community_activities: int = 0
    community_gender: dict[str, int] = field(default_factory=dict)
    community_groups: dict[str, int] = field(default_factory=dict)

    def youth_by_gender(self) -> list[int]:
        return [sum(self.youth_grid.get((g, b), 0) for b in BANDS) for g in GENDERS]

    def youth_by_band(self) -> list[int]:
        return [sum(self.youth_grid.get((g, b), 0) for g in GENDERS) for b in BANDS]

    def groups(self) -> list[int]:
        """Youth and community participants together, per inclusion group."""
        return [self.youth_groups.get(c, 0) + self.community_groups.get(c, 0) for c in GROUPS]

    def community_by_gender(self) -> list[int]:
        return [self.community_gender.get(g, 0) for g in GENDERS]


def _where(
    model: Any, period: Period, theme: str | None, municipality_id: str | None
) -> ColumnElement[bool]:
    where: ColumnElement[bool] = ~model.deleted & period.contains(model.starts_on)
    where = where & pillar_match(model.themes, theme)
    if municipality_id is not None:
        where = where & (model.municipality_id == municipality_id)
    return where


def _sums(names: Sequence[str], model: Any) -> list[Any]:
    return [func.coalesce(func.sum(getattr(model, n)), 0) for n in names]


def people_counts(
    session: Session, period: Period, theme: str | None = None, municipality_id: str | None = None
) -> dict[str, PeopleCounts]:
    """Per municipality id; municipalities with nothing in the period are absent."""
    out: dict[str, PeopleCounts] = {}
    youth = select(
        YouthActivity.municipality_id,
        func.count(YouthActivity.id),
        *_sums(COUNT_COLUMNS, YouthActivity),
        *_sums(INCLUSION_COLUMNS, YouthActivity),
    ).where(_where(YouthActivity, period, theme, municipality_id))
    cells = [(g, b) for g in GENDERS for b in BANDS]
    for mid, n, *sums in session.execute(youth.group_by(YouthActivity.municipality_id)):
        grid, groups = sums[: len(COUNT_COLUMNS)], sums[len(COUNT_COLUMNS) :]
        counts = out.setdefault(mid, PeopleCounts())
        counts.youth_activities = int(n)
        counts.youth_grid = {c: int(v) for c, v in zip(cells, grid, strict=True)}
        counts.youth_groups = {c: int(v) for c, v in zip(GROUPS, groups, strict=True)}
    genders = ("n_female", "n_male", "n_other")
    community = select(
        CommunityActivity.municipality_id,
        func.count(CommunityActivity.id),
        *_sums(genders, CommunityActivity),
        *_sums(INCLUSION_COLUMNS, CommunityActivity),
    ).where(_where(CommunityActivity, period, theme, municipality_id))
    for mid, n, *sums in session.execute(community.group_by(CommunityActivity.municipality_id)):
        by_gender, groups = sums[: len(genders)], sums[len(genders) :]
        counts = out.setdefault(mid, PeopleCounts())
        counts.community_activities = int(n)
        counts.community_gender = {g: int(v) for g, v in zip(GENDERS, by_gender, strict=True)}
        counts.community_groups = {c: int(v) for c, v in zip(GROUPS, groups, strict=True)}
    return out


def records_by_theme(
    session: Session, period: Period, theme: str | None = None
) -> dict[str, dict[str, int]]:
    """Per municipality id: how many meetings, youth activities, community activities and fund
    proposals of the period carry each theme (or only ``theme``). Counts of records, not of
    people: they need no suppression."""
    from hubdesk.domain import FundProposal, Meeting

    start, end = period.utc_bounds()
    queries = [
        select(Meeting.municipality_id, Meeting.themes).where(
            ~Meeting.deleted, Meeting.starts_at >= start, Meeting.starts_at < end
        ),
        select(YouthActivity.municipality_id, YouthActivity.themes).where(
            _where(YouthActivity, period, None, None)
        ),
        select(CommunityActivity.municipality_id, CommunityActivity.themes).where(
            _where(CommunityActivity, period, None, None)
        ),
        select(FundProposal.municipality_id, FundProposal.themes).where(
            ~FundProposal.deleted,
            period.overlaps(FundProposal.period_start, FundProposal.period_end),
        ),
    ]
    out: dict[str, dict[str, int]] = {}
    for query in queries:
        for mid, themes in session.execute(query):
            for code in themes:
                if theme is None or code == theme:
                    counts = out.setdefault(mid, {})
                    counts[code] = counts.get(code, 0) + 1
    return out
