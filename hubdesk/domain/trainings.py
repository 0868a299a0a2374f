"""The capacity-building register: trainings, their participants counted by profession and
gender, and the team members who took part.

Participants from outside the team are counted, never named; team members who took part (as
participants or as the trainer) are linked by ``TrainingMember``, so a member's trainings are
derived from these records rather than kept as free text.
"""

import datetime as dt
from typing import ClassVar

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced
from hubdesk.domain.enums import Gender, Labelled, Profession
from hubdesk.domain.meetings import attendance_id
from hubdesk.domain.pillars import InclusionCounted, Themed
from hubdesk.domain.search import search_column
from hubdesk.i18n import N_, pN_


class TrainingFormat(Labelled):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "in_person": N_("In person"),
            "online": N_("Online"),
            "hybrid": N_("Hybrid"),
        }


class TrainingRole(Labelled):
    """How a team member took part in a training."""

    PARTICIPANT = "participant"
    TRAINER = "trainer"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "participant": pN_("role in a training", "Participant"),
            "trainer": pN_("role in a training", "Trainer"),
        }


def profession_column(profession: Profession | str, gender: Gender | str) -> str:
    """Name of the training column counting one profession and gender."""
    return f"p_{Profession(profession).value}_{Gender(gender).value}"


PROFESSION_COLUMNS: tuple[str, ...] = tuple(
    profession_column(p, g) for p in Profession for g in Gender
)


class Training(Themed, InclusionCounted, Synced, Base):
    """One training event with a profession × gender grid of participant counts.

    The grid is one integer column per profession and gender (``p_<profession>_<gender>``) so
    that the hub sums "teachers trained this year" in SQL; the head count is the grid's sum.
    """

    __tablename__ = "trainings"
    # Free-text notes may name people from outside the team: they stay on the municipality's
    # own PCs, as a member's contacts do.
    PRIVATE_FIELDS: ClassVar[tuple[str, ...]] = ("notes",)

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(200), default="")
    pillars: Mapped[list[str]] = mapped_column(CodeList, default=list)
    starts_on: Mapped[dt.date] = mapped_column(index=True)
    ends_on: Mapped[dt.date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    trainer_name: Mapped[str] = mapped_column(String(200), default="")
    format: Mapped[str] = mapped_column(String(20), default="in_person")
    train_the_trainer: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(default="")
    # The need this training answers: one pillar of one of the municipality's submitted needs
    # assessments (migration 0025, as proposals since 0019); none when it names no need.
    need_assessment_id: Mapped[str | None] = mapped_column(
        ForeignKey("needs_assessments.id"), index=True
    )
    need_pillar: Mapped[str] = mapped_column(String(40), default="")
    search_text: Mapped[str] = search_column()  # derived, never synced

    p_teacher_female: Mapped[int] = mapped_column(default=0)
    p_teacher_male: Mapped[int] = mapped_column(default=0)
    p_teacher_other: Mapped[int] = mapped_column(default=0)
    p_school_psychologist_female: Mapped[int] = mapped_column(default=0)
    p_school_psychologist_male: Mapped[int] = mapped_column(default=0)
    p_school_psychologist_other: Mapped[int] = mapped_column(default=0)
    p_social_worker_female: Mapped[int] = mapped_column(default=0)
    p_social_worker_male: Mapped[int] = mapped_column(default=0)
    p_social_worker_other: Mapped[int] = mapped_column(default=0)
    p_health_worker_female: Mapped[int] = mapped_column(default=0)
    p_health_worker_male: Mapped[int] = mapped_column(default=0)
    p_health_worker_other: Mapped[int] = mapped_column(default=0)
    p_municipal_official_female: Mapped[int] = mapped_column(default=0)
    p_municipal_official_male: Mapped[int] = mapped_column(default=0)
    p_municipal_official_other: Mapped[int] = mapped_column(default=0)
    p_elected_official_female: Mapped[int] = mapped_column(default=0)
    p_elected_official_male: Mapped[int] = mapped_column(default=0)
    p_elected_official_other: Mapped[int] = mapped_column(default=0)
    p_police_female: Mapped[int] = mapped_column(default=0)
    p_police_male: Mapped[int] = mapped_column(default=0)
    p_police_other: Mapped[int] = mapped_column(default=0)
    p_religious_leader_female: Mapped[int] = mapped_column(default=0)
    p_religious_leader_male: Mapped[int] = mapped_column(default=0)
    p_religious_leader_other: Mapped[int] = mapped_column(default=0)
    p_youth_worker_female: Mapped[int] = mapped_column(default=0)
    p_youth_worker_male: Mapped[int] = mapped_column(default=0)
    p_youth_worker_other: Mapped[int] = mapped_column(default=0)
    p_civil_society_female: Mapped[int] = mapped_column(default=0)
    p_civil_society_male: Mapped[int] = mapped_column(default=0)
    p_civil_society_other: Mapped[int] = mapped_column(default=0)
    p_media_female: Mapped[int] = mapped_column(default=0)
    p_media_male: Mapped[int] = mapped_column(default=0)
    p_media_other: Mapped[int] = mapped_column(default=0)
    p_other_female: Mapped[int] = mapped_column(default=0)
    p_other_male: Mapped[int] = mapped_column(default=0)
    p_other_other: Mapped[int] = mapped_column(default=0)

    def count(self, profession: Profession | str, gender: Gender | str) -> int:
        return int(getattr(self, profession_column(profession, gender)) or 0)

    def grid(self) -> dict[tuple[str, str], int]:
        return {(p.value, g.value): self.count(p, g) for p in Profession for g in Gender}

    def grid_total(self) -> int:
        return sum(int(getattr(self, c) or 0) for c in PROFESSION_COLUMNS)


def training_member_id(training_id: str, member_id: str) -> str:
    """Derived like attendance ids: two PCs linking the same member to the same training write
    the same record and merge instead of duplicating."""
    return attendance_id(training_id, member_id)


class TrainingMember(Synced, Base):
    """A team member who took part in a training, as a participant or as its trainer."""

    __tablename__ = "training_members"
    __table_args__ = (UniqueConstraint("training_id", "member_id"),)

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="participant")
