"""The demo's City Needs Assessment: the hub's questionnaire for this year, and the demo
municipality's assessments for last year and this year, in its own language.

``hubdesk demo`` holds the questionnaire as if a hub bundle had brought it (stamped with the
demo hub's id); ``hubdesk demo --role hub`` writes the very same row into the hub before the
municipalities' bundles arrive (their assessments link to it), so the hub's map shows every
demo city. The demo team's submitted proposal names the need it answers, and so do a few of its
trainings.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from sqlalchemy import insert

from hubdesk import clock, i18n
from hubdesk.domain import AuditEntry
from hubdesk.domain.base import Base
from hubdesk.domain.enums import Pillar, ProposalStatus
from hubdesk.domain.needs import (
    AssessmentStatus,
    Structure,
    needs_column,
    priorities_column,
    score_column,
)
from hubdesk.i18n import _
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo_calls import _meta
from hubdesk.services.demo_data import LANGUAGE_BY_COUNTRY
from hubdesk.services.demo_needs_texts import BY_LANGUAGE, MK
from hubdesk.services.demo_rows import Block, Row, at
from hubdesk.services.needs_questions import questions_text, source_questions

NAMESPACE = uuid.UUID("8a1f7c3e-2d4b-4e6a-9b1c-7d5e3f2a1b09")
STRUCTURES = [s.value for s in Structure]


TRAININGS_LINKED = 3  # per year: a few trainings name the need they answer, most none


def questionnaire_id(year: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"questionnaire {year}"))


def questionnaire_row(today: dt.date, language: str | None = None) -> Row:
    """This year's questionnaire as the demo hub published it: HubDesk's own questions (each
    town reads them in its language), a month ago or on 15 January, whichever is later, but
    never after today. Its title in ``language`` (the demo hub's), else the current one."""
    published = min(max(dt.date(today.year, 1, 15), today - dt.timedelta(days=30)), today)
    english = source_questions()
    return {
        **_meta(questionnaire_id(today.year), at(published - dt.timedelta(days=1), 9)),
        "title": _title(today.year, language),
        "year": today.year,
        "questions": questions_text(english),
        "published_on": published,
        "hub_signature": None,
    }


def _title(year: int, language: str | None) -> str:
    if language is None:
        return _("City Needs Assessment {year}").format(year=year)
    with i18n.language(language):
        return _("City Needs Assessment {year}").format(year=year)


def build_needs(block: Block) -> None:
    """The first block holds the questionnaire and both assessments; every proposal and
    training gets its (mostly empty) need link."""
    for linked in (*block.rows["fund_proposals"], *block.rows["trainings"]):
        linked["need_assessment_id"] = None
        linked["need_pillar"] = ""
    if block.index != 0:
        return
    plan = block.plan
    today = plan.today
    texts = BY_LANGUAGE.get(LANGUAGE_BY_COUNTRY.get(plan.country, "mk"), MK)
    rng = random.Random(f"hubdesk-demo-needs:{plan.seed}:{plan.country}:{plan.name}")
    language = plan.hub_language or LANGUAGE_BY_COUNTRY.get(plan.country, "mk")
    row = questionnaire_row(today, language)
    block.rows["needs_questionnaires"].append(row)
    last_scores = {p: rng.randint(1, 3) for p in Pillar}
    this_scores = {p: min(4, max(1, s + rng.choice((0, 1, 1, -1)))) for p, s in last_scores.items()}
    built_on = sorted(rng.sample(STRUCTURES, 3), key=STRUCTURES.index)
    ids, submitted_on = {}, {}
    for year, scores, questionnaire in (
        (today.year - 1, last_scores, None),
        (today.year, this_scores, row["id"]),
    ):
        submitted = dt.date(year, 3, 10) if year < today.year else row["published_on"]
        submitted = min(submitted + dt.timedelta(days=12), today - dt.timedelta(days=1))
        answers: Row = {}
        for p in Pillar:
            text = texts.pillars[p]
            answers[score_column(p)] = scores[p]
            answers[needs_column(p)] = (
                text.needs_last_year if year < today.year else text.needs_this_year
            )
            answers[priorities_column(p)] = text.priorities if year == today.year else ""
        record_id = str(uuid.uuid5(NAMESPACE, f"{plan.municipality_id} {year}"))
        block.add(
            "needs_assessments",
            block.later(submitted),
            {
                "municipality_id": plan.municipality_id,
                "year": year,
                "questionnaire_id": questionnaire,
                "status": AssessmentStatus.SUBMITTED.value,
                "submitted_on": submitted,
                "structures": built_on if year == today.year else built_on[:2],
                "structures_other": texts.structures_other if year == today.year else "",
                **answers,
            },
            record_id=record_id,
        )
        ids[year] = record_id
        submitted_on[year] = submitted
    weakest = min(Pillar, key=lambda p: this_scores[p])
    for proposal in block.rows["fund_proposals"]:
        if proposal["status"] == ProposalStatus.SUBMITTED.value:
            proposal["need_assessment_id"] = ids[today.year]
            proposal["need_pillar"] = weakest.value
            break
    _link_trainings(block, ids, submitted_on)


def _link_trainings(block: Block, ids: dict[int, str], submitted_on: dict[int, dt.date]) -> None:
    """The first trainings after each year's assessment was submitted answer its need for
    capacity-building (the pillar the register serves); earlier ones name none."""
    per_year: dict[int, int] = {}
    for training in sorted(block.rows["trainings"], key=lambda t: t["starts_on"]):
        year = training["starts_on"].year
        if year not in ids or training["starts_on"] <= submitted_on[year]:
            continue
        if per_year.get(year, 0) >= TRAININGS_LINKED:
            continue
        per_year[year] = per_year.get(year, 0) + 1
        training["need_assessment_id"] = ids[year]
        training["need_pillar"] = Pillar.CAPACITY_BUILDING.value


def publish_needs_on_hub(ctx: ServiceContext, today: dt.date | None = None) -> None:
    """On the demo hub: this year's questionnaire, the very row the demo towns hold."""
    row = questionnaire_row(today or clock.today())
    with ctx.transaction() as session:
        session.execute(insert(Base.metadata.tables["needs_questionnaires"]), [row])
        session.add(
            AuditEntry(
                installation_id=ctx.installation_id,
                table_name="needs_questionnaires",
                record_id=row["id"],
                version=row["version"],
                action="demo",
                changes="{}",
            )
        )
        ctx.clock.observe(row["version"])
