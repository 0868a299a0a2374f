"""A record naming the need it answers: one pillar of one of its municipality's submitted
needs assessments. Proposals and trainings name a need the same way, so the choices and the
check live here, not in the fund's or the trainings' services.

Only a submitted assessment may be named: a draft never reaches the hub, and a record naming
one would be refused there for a link to a record it does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.enums import Pillar
from hubdesk.domain.needs import AssessmentStatus, NeedsAssessment
from hubdesk.i18n import N_, _
from hubdesk.services.context import ServiceContext
from hubdesk.services.rules.base import apply
from hubdesk.services.rules.needs import NEED_LINK
from hubdesk.services.validation import Checker

LINK_FIELDS = ("need_assessment_id", "need_pillar")


@dataclass(frozen=True)
class NeedChoice:
    """One need a record may answer: a pillar of a year's assessment."""

    assessment_id: str
    pillar: str
    year: int
    score: int | None
    needs: str

    @property
    def label(self) -> str:
        """ "2026 · Capacity-building (2/4)", in the language of the moment."""
        score = "" if self.score is None else f" ({self.score}/4)"
        return _("{year} · {pillar}{score}").format(
            year=self.year, pillar=Pillar(self.pillar).label, score=score
        )


def _submitted(session: Session, municipality_id: str) -> list[NeedsAssessment]:
    query = select(NeedsAssessment).where(
        NeedsAssessment.municipality_id == municipality_id,
        NeedsAssessment.status == AssessmentStatus.SUBMITTED.value,
        ~NeedsAssessment.deleted,
    )
    return list(session.scalars(query.order_by(NeedsAssessment.year.desc())))


def needs_choices(ctx: ServiceContext, municipality_id: str) -> list[NeedChoice]:
    """Every need of ``municipality_id`` a record may name: each pillar of each submitted
    assessment, the newest year first, the weakest score of a year first."""
    with ctx.read() as session:
        found = _submitted(session, municipality_id)
    out: list[NeedChoice] = []
    for a in found:
        year = [NeedChoice(a.id, p.value, a.year, a.score(p), a.needs(p)) for p in Pillar]
        out.extend(sorted(year, key=lambda c: c.score or 0))
    return out


def need_of(session: Session, assessment_id: str | None, pillar: str) -> NeedChoice | None:
    """The need a record names, as a choice (None when it names none or it is not held)."""
    if assessment_id is None or not pillar:
        return None
    found = session.get(NeedsAssessment, assessment_id)
    if found is None or found.deleted or pillar not in {p.value for p in Pillar}:
        return None
    return NeedChoice(found.id, pillar, found.year, found.score(pillar), found.needs(pillar))


def check_need_link(
    session: Session,
    check: Checker,
    municipality_id: str | None,
    data: Mapping[str, Any],
    current: Any | None,
) -> None:
    """The need named is one of the record's own municipality's submitted assessments,
    named by both its assessment and its pillar (the rule book's pair rule)."""
    if not set(LINK_FIELDS) & set(data):
        return
    pair = {
        "need_assessment_id": getattr(current, "need_assessment_id", None),
        "need_pillar": getattr(current, "need_pillar", ""),
    }
    pair.update({k: data[k] for k in LINK_FIELDS if k in data})
    if pair["need_pillar"] is None:
        pair["need_pillar"] = ""
    check.rules(apply(NEED_LINK, pair, changed=data))
    if "need_assessment_id" not in data:
        return
    assessment_id = data["need_assessment_id"]
    if assessment_id is None:
        return
    if current is not None and assessment_id == getattr(current, "need_assessment_id", None):
        return
    found = session.get(NeedsAssessment, assessment_id) if isinstance(assessment_id, str) else None
    if (
        found is None
        or found.deleted
        or found.municipality_id != municipality_id
        or found.status != AssessmentStatus.SUBMITTED
    ):
        check.add(
            "need_assessment_id",
            N_("Choose one of the needs of this municipality's submitted needs assessments."),
        )


def need_choice(ctx: ServiceContext, assessment_id: str | None, pillar: str) -> NeedChoice | None:
    """The need a record names, read on its own (a picker showing a record's current need)."""
    with ctx.read() as session:
        return need_of(session, assessment_id, pillar)
