"""Community engagement activities: the adults a team works with (women's groups, religious
communities, parents, minorities ...), counted by gender and inclusion group, never named."""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced
from hubdesk.domain.enums import Labelled
from hubdesk.domain.pillars import InclusionCounted, Themed
from hubdesk.i18n import N_, pN_


class CommunityActivityType(Labelled):
    """What kind of gathering a community activity was."""

    DIALOGUE = "dialogue"
    WORKSHOP = "workshop"
    AWARENESS = "awareness"
    CONSULTATION = "consultation"
    COMMUNITY_EVENT = "community_event"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "dialogue": N_("Dialogue meeting"),
            "workshop": pN_("community activity", "Workshop"),
            "awareness": N_("Awareness session"),
            "consultation": N_("Community consultation"),
            "community_event": N_("Community event"),
            "other": pN_("community activity", "Other"),
        }


class Audience(Labelled):
    """Who a community activity was for (several may be chosen)."""

    WOMEN_GROUPS = "women_groups"
    RELIGIOUS_COMMUNITIES = "religious_communities"
    PARENTS = "parents"
    MINORITIES = "minorities"
    ELDERS = "elders"
    CIVIL_SOCIETY = "civil_society"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "women_groups": N_("Women's groups"),
            "religious_communities": N_("Religious communities"),
            "parents": N_("Parents"),
            "minorities": N_("Minority communities"),
            "elders": N_("Community elders"),
            "civil_society": N_("Civil society organisations"),
            "other": pN_("audience", "Other"),
        }


class CommunityActivity(Themed, InclusionCounted, Synced, Base):
    """One gathering with adults of the community. ``participants_total`` is the head count;
    the three gender counts add up to it, and no inclusion group exceeds it."""

    __tablename__ = "community_activities"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    activity_type: Mapped[str] = mapped_column(String(40))
    audiences: Mapped[list[str]] = mapped_column(CodeList, default=list)
    starts_on: Mapped[dt.date] = mapped_column(index=True)
    ends_on: Mapped[dt.date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    partners: Mapped[str] = mapped_column(default="")
    pillars: Mapped[list[str]] = mapped_column(CodeList, default=list)
    participants_total: Mapped[int] = mapped_column(default=0)
    n_female: Mapped[int] = mapped_column(default=0)
    n_male: Mapped[int] = mapped_column(default=0)
    n_other: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[str] = mapped_column(default="")

    def by_gender(self) -> dict[str, int]:
        return {"female": self.n_female, "male": self.n_male, "other": self.n_other}
