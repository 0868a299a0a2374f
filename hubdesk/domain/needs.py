"""The City Needs Assessment: the hub's questionnaire and each municipality's yearly answers.

A questionnaire asks one question per pillar and writes down what each score level (1–4) means.
HubDesk ships a default one (``services.needs_questions``), translated, so a municipality can
assess itself before the hub publishes anything; a questionnaire the hub writes is a published
record (``sync.scope.PUBLISHED``), hub-signed, released to every municipality.

An assessment is one municipality's answer for one year: per pillar a score, the needs and the
priorities in words, and the structures and policies already there to build on. The answers are
columns of the assessment row (``score_<pillar>``, ``needs_<pillar>``, ``priorities_<pillar>``),
like the youth grid: reports read them in one query, and a submitted assessment travels as one
row.
"""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced
from hubdesk.domain.enums import Labelled, Pillar
from hubdesk.i18n import N_, pN_

LEVELS = 4  # score levels of every question: 1 (weakest) to 4 (strongest)


def score_column(pillar: Pillar | str) -> str:
    return f"score_{Pillar(pillar).value}"


def needs_column(pillar: Pillar | str) -> str:
    return f"needs_{Pillar(pillar).value}"


def priorities_column(pillar: Pillar | str) -> str:
    return f"priorities_{Pillar(pillar).value}"


SCORE_COLUMNS: tuple[str, ...] = tuple(score_column(p) for p in Pillar)
ANSWER_COLUMNS: tuple[str, ...] = tuple(
    c for p in Pillar for c in (score_column(p), needs_column(p), priorities_column(p))
)


class AssessmentStatus(Labelled):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "draft": pN_("status of a needs assessment", "Draft"),
            "submitted": pN_("status of a needs assessment", "Submitted"),
        }


class Structure(Labelled):
    """Structures and policies a municipality already has to build on."""

    LOCAL_ACTION_PLAN = "local_action_plan"
    YOUTH_COUNCIL = "youth_council"
    LOCAL_SAFETY_COUNCIL = "local_safety_council"
    COMMUNITY_ACTION_TEAM = "community_action_team"
    REFERRAL_MECHANISM = "referral_mechanism"
    PREVENTION_STRATEGY = "prevention_strategy"
    SCHOOL_PROGRAMME = "school_programme"
    INTERFAITH_COUNCIL = "interfaith_council"
    YOUTH_OFFICE = "youth_office"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "local_action_plan": N_("Local action plan"),
            "youth_council": N_("Youth council"),
            "local_safety_council": pN_("structure", "Local safety council"),
            "community_action_team": pN_("structure", "Community action team"),
            "referral_mechanism": N_("Referral mechanism"),
            "prevention_strategy": N_("Local prevention strategy"),
            "school_programme": N_("Prevention programme in schools"),
            "interfaith_council": N_("Interfaith council"),
            "youth_office": N_("Municipal youth office"),
        }


class NeedsQuestionnaire(Synced, Base):
    """The hub's questionnaire for a year: per pillar a question and the meaning of each level.

    ``questions`` is compact JSON ``{pillar: {"question": text, "levels": [four texts]}}``
    (``services.rules.needs`` checks its shape). A draft until it has a publication date.
    """

    __tablename__ = "needs_questionnaires"

    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    questions: Mapped[str] = mapped_column(default="{}")
    published_on: Mapped[dt.date | None]
    hub_signature: Mapped[str | None] = mapped_column(String(100))


class NeedsAssessment(Synced, Base):
    """One municipality's self-assessment for one year (one per municipality and year)."""

    __tablename__ = "needs_assessments"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    # The hub's questionnaire answered; None: HubDesk's own default questionnaire.
    questionnaire_id: Mapped[str | None] = mapped_column(
        ForeignKey("needs_questionnaires.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_on: Mapped[dt.date | None]
    structures: Mapped[list[str]] = mapped_column(CodeList, default=list)
    structures_other: Mapped[str] = mapped_column(default="")

    score_peer_learning: Mapped[int | None]
    needs_peer_learning: Mapped[str] = mapped_column(default="")
    priorities_peer_learning: Mapped[str] = mapped_column(default="")
    score_capacity_building: Mapped[int | None]
    needs_capacity_building: Mapped[str] = mapped_column(default="")
    priorities_capacity_building: Mapped[str] = mapped_column(default="")
    score_cooperation: Mapped[int | None]
    needs_cooperation: Mapped[str] = mapped_column(default="")
    priorities_cooperation: Mapped[str] = mapped_column(default="")
    score_city_voices: Mapped[int | None]
    needs_city_voices: Mapped[str] = mapped_column(default="")
    priorities_city_voices: Mapped[str] = mapped_column(default="")
    score_youth_engagement: Mapped[int | None]
    needs_youth_engagement: Mapped[str] = mapped_column(default="")
    priorities_youth_engagement: Mapped[str] = mapped_column(default="")

    def score(self, pillar: Pillar | str) -> int | None:
        value = getattr(self, score_column(pillar))
        return None if value is None else int(value)

    def needs(self, pillar: Pillar | str) -> str:
        return str(getattr(self, needs_column(pillar)) or "")

    def priorities(self, pillar: Pillar | str) -> str:
        return str(getattr(self, priorities_column(pillar)) or "")
