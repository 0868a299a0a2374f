"""Youth engagement activities. Participants are counted, never named (many are minors)."""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced
from hubdesk.domain.enums import COUNT_COLUMNS, AgeBand, Gender, count_column
from hubdesk.domain.pillars import InclusionCounted, Themed
from hubdesk.domain.search import search_column


class YouthActivity(Themed, InclusionCounted, Synced, Base):
    """One activity with a gender × age-band grid of participant counts.

    The grid is fifteen integer columns (``n_<gender>_<band>``, see ``enums.count_column``) so
    that reports sum them in SQL; ``participants_total`` is the head count from the sign-in sheet,
    which the grid must add up to.
    """

    __tablename__ = "youth_activities"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    activity_type: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[dt.date] = mapped_column(index=True)
    ends_on: Mapped[dt.date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    partners: Mapped[str] = mapped_column(default="")
    pillars: Mapped[list[str]] = mapped_column(CodeList, default=list)
    youth_led: Mapped[bool] = mapped_column(default=False)
    participants_total: Mapped[int] = mapped_column(default=0)
    marginalised: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[str] = mapped_column(default="")
    fed_into_decision: Mapped[bool] = mapped_column(default=False)
    decision_note: Mapped[str] = mapped_column(default="")
    search_text: Mapped[str] = search_column()  # derived, never synced

    n_female_u15: Mapped[int] = mapped_column(default=0)
    n_female_15_19: Mapped[int] = mapped_column(default=0)
    n_female_20_24: Mapped[int] = mapped_column(default=0)
    n_female_25_29: Mapped[int] = mapped_column(default=0)
    n_female_30p: Mapped[int] = mapped_column(default=0)
    n_male_u15: Mapped[int] = mapped_column(default=0)
    n_male_15_19: Mapped[int] = mapped_column(default=0)
    n_male_20_24: Mapped[int] = mapped_column(default=0)
    n_male_25_29: Mapped[int] = mapped_column(default=0)
    n_male_30p: Mapped[int] = mapped_column(default=0)
    n_other_u15: Mapped[int] = mapped_column(default=0)
    n_other_15_19: Mapped[int] = mapped_column(default=0)
    n_other_20_24: Mapped[int] = mapped_column(default=0)
    n_other_25_29: Mapped[int] = mapped_column(default=0)
    n_other_30p: Mapped[int] = mapped_column(default=0)

    def count(self, gender: Gender | str, band: AgeBand | str) -> int:
        return int(getattr(self, count_column(gender, band)) or 0)

    def grid(self) -> dict[tuple[str, str], int]:
        return {(g.value, b.value): self.count(g, b) for g in Gender for b in AgeBand}

    def grid_total(self) -> int:
        return sum(int(getattr(self, c) or 0) for c in COUNT_COLUMNS)
