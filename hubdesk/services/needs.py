"""The City Needs Assessment: the hub's questionnaires and each municipality's yearly answers.

The hub writes questionnaires and publishes them (drafts stay at the hub; ``scope.PUBLISHED``
sends the rest to every municipality). A municipality answers the latest questionnaire published
for the year, or HubDesk's own default before the hub publishes one, once per year. A draft
stays on the municipality's PCs; once submitted it travels to the hub (``scope.HELD_FROM_HUB``)
and can no longer be taken back, because proposals may name one of its needs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Municipality
from hubdesk.domain.enums import Role
from hubdesk.domain.needs import (
    ANSWER_COLUMNS,
    SCORE_COLUMNS,
    AssessmentStatus,
    NeedsAssessment,
    NeedsQuestionnaire,
)
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date
from hubdesk.services import records
from hubdesk.services.area import normalised, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.needs_questions import (
    Questions,
    default_questions,
    questions_from_text,
    questions_text,
    source_questions,
)
from hubdesk.services.rules import needs as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.validation import Checker, unknown_fields

QUESTIONNAIRE = N_("needs questionnaire")
ASSESSMENT = N_("needs assessment")
QUESTIONNAIRE_FIELDS = ("title", "year", "questions")
ASSESSMENT_FIELDS = ("year", "structures", "structures_other", *ANSWER_COLUMNS)
LONG_TEXTS = (*(c for c in ANSWER_COLUMNS if not c.startswith("score_")), "structures_other")


def hub_only(ctx: ServiceContext) -> None:
    if not ctx.is_hub:
        raise PermissionDenied(
            N_("The needs questionnaire is written by the regional hub; here it is answered.")
        )


def _year(check: Checker, data: Mapping[str, Any]) -> None:
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        check.add("year", N_("Enter a whole number."))


# --- questionnaires (the hub) ------------------------------------------------------------------


def _check_questionnaire(
    given: Mapping[str, Any], current: NeedsQuestionnaire | None
) -> dict[str, Any]:
    unknown_fields(given, QUESTIONNAIRE_FIELDS)
    data = dict(given)
    if isinstance(data.get("questions"), dict):  # as a form or a script gives them
        data["questions"] = json.dumps(data["questions"], ensure_ascii=False, separators=(",", ":"))
    check = Checker()
    if current is None:
        check.required(data, "title", "year")
    else:
        check.required(data, *[k for k in ("title", "year") if k in data])
    check.text(data, NeedsQuestionnaire)
    _year(check, data)
    check.rules(rules.check_questionnaire(data, changed=data))
    check.done()
    return data


def create_questionnaire(ctx: ServiceContext, data: Mapping[str, Any]) -> NeedsQuestionnaire:
    """A draft questionnaire; without questions it asks HubDesk's own (stored as written in
    the source, so each municipality reads them in its own language)."""
    hub_only(ctx)
    given = dict(data)
    given.setdefault("questions", questions_text(source_questions()))
    with ctx.transaction() as session:
        return records.create(session, ctx, NeedsQuestionnaire, _check_questionnaire(given, None))


def update_questionnaire(
    ctx: ServiceContext, questionnaire_id: str, data: Mapping[str, Any]
) -> NeedsQuestionnaire:
    """Change a questionnaire; a published one changed reaches every municipality again."""
    hub_only(ctx)
    with ctx.transaction() as session:
        found = records.live(session, NeedsQuestionnaire, questionnaire_id, QUESTIONNAIRE)
        records.change(session, ctx, found, _check_questionnaire(data, found))
        return found


def publish_questionnaire(
    ctx: ServiceContext, questionnaire_id: str, on: dt.date | None = None
) -> NeedsQuestionnaire:
    """Release the questionnaire: the next bundle takes it to every municipality."""
    hub_only(ctx)
    with ctx.transaction() as session:
        found = records.live(session, NeedsQuestionnaire, questionnaire_id, QUESTIONNAIRE)
        if found.published_on is not None:
            raise ValidationError.single(
                "published_on", N_("This questionnaire is already published.")
            )
        records.change(session, ctx, found, {"published_on": on or clock.today()})
        return found


class NotChecked:
    """``publish_new_questionnaire`` called without what its person started from (the
    command line, which publishes what it is given at once)."""


NOT_CHECKED = NotChecked()


def in_force(ctx: ServiceContext, year: int) -> str | None:
    """The id of the questionnaire the municipalities answer for ``year`` (None: HubDesk's
    own questions, none published)."""
    with ctx.read() as session:
        found = _latest_published(session, year)
        return found.id if found else None


def already_published(ctx: ServiceContext, year: int) -> tuple[dt.date, int] | None:
    """When the questionnaire for ``year`` in force went out and how many municipalities have
    submitted their answers since (None: none published yet). A second version is published
    only when the person, told this, still asks for it, in the window and on the command
    line alike."""
    published = [q for q in list_questionnaires(ctx, year) if q.published_on]
    if not published:
        return None
    answered = sum(
        1 for a in list_assessments(ctx, year=year) if a.status == AssessmentStatus.SUBMITTED
    )
    first = published[0].published_on
    assert first is not None
    return first, answered


def publish_new_questionnaire(
    ctx: ServiceContext,
    data: Mapping[str, Any],
    on: dt.date | None = None,
    *,
    started_from: str | NotChecked | None = NOT_CHECKED,
) -> NeedsQuestionnaire:
    """A questionnaire made and released in one unit of work: refused, it leaves no draft.

    ``started_from``: the year's questionnaire in force when the person began writing this one
    (its id, or None when none was published). If another was published since (a colleague
    on another staff PC), nothing is published: the newer one would silently have replaced
    what the colleague wrote, or this one theirs."""
    hub_only(ctx)
    given = dict(data)
    given.setdefault("questions", questions_text(source_questions()))
    with ctx.transaction() as session:  # the hub's writer turn: no publication in between
        values = {**_check_questionnaire(given, None), "published_on": on or clock.today()}
        if not isinstance(started_from, NotChecked):
            now = _latest_published(session, int(values["year"]))
            if (now.id if now else None) != started_from:
                assert now is not None and now.published_on is not None
                raise ValidationError.single(
                    "questions",
                    N_(
                        "Another questionnaire for {year} was published on {date} while you "
                        "were writing this one. Nothing was published, and your questions are "
                        "still here: copy what you need, close this window and publish again "
                        "from the questionnaire now in force."
                    ),
                    year=now.year,
                    date=format_date(now.published_on),
                )
        return records.create(session, ctx, NeedsQuestionnaire, values)


def delete_questionnaire(ctx: ServiceContext, questionnaire_id: str) -> None:
    """Only a draft: a published questionnaire is already at the municipalities."""
    hub_only(ctx)
    with ctx.transaction() as session:
        found = records.live(session, NeedsQuestionnaire, questionnaire_id, QUESTIONNAIRE)
        if found.published_on is not None:
            raise ValidationError.single(
                "published_on", N_("A published questionnaire cannot be deleted.")
            )
        records.tombstone(session, ctx, found)


def list_questionnaires(ctx: ServiceContext, year: int | None = None) -> list[NeedsQuestionnaire]:
    """Live questionnaires held here, the newest year and publication first (drafts first)."""
    with ctx.read() as session:
        query = select(NeedsQuestionnaire).where(~NeedsQuestionnaire.deleted)
        if year is not None:
            query = query.where(NeedsQuestionnaire.year == year)
        order = (
            NeedsQuestionnaire.year.desc(),
            NeedsQuestionnaire.published_on.desc().nulls_first(),
            NeedsQuestionnaire.version.desc(),
        )
        return list(session.scalars(query.order_by(*order)))


def _latest_published(session: Session, year: int) -> NeedsQuestionnaire | None:
    query = (
        select(NeedsQuestionnaire)
        .where(
            ~NeedsQuestionnaire.deleted,
            NeedsQuestionnaire.year == year,
            NeedsQuestionnaire.published_on.is_not(None),
        )
        .order_by(NeedsQuestionnaire.published_on.desc(), NeedsQuestionnaire.version.desc())
    )
    return session.scalars(query.limit(1)).first()


def _as_questions(found: NeedsQuestionnaire | None) -> Questions:
    if found is None or rules.questions_problem(found.questions) is not None:
        return default_questions()
    return questions_from_text(found.id, found.title, found.year, found.questions)


def questions_for(ctx: ServiceContext, year: int) -> Questions:
    """What a municipality answers for ``year``: the hub's latest questionnaire published for
    it, or HubDesk's default."""
    with ctx.read() as session:
        return _as_questions(_latest_published(session, year))


def questions_of(
    ctx: ServiceContext, assessment: NeedsAssessment, translate: Callable[[str], str] = _
) -> Questions:
    """The questionnaire an assessment answered (the default, in the language of
    ``translate``, when it names none or the hub's is not held here)."""
    found = None
    if assessment.questionnaire_id is not None:
        with ctx.read() as session:
            found = session.get(NeedsQuestionnaire, assessment.questionnaire_id)
    if found is None or found.deleted or rules.questions_problem(found.questions) is not None:
        return default_questions(translate)
    return questions_from_text(found.id, found.title, found.year, found.questions, translate)


def questionnaire_questions(found: NeedsQuestionnaire) -> Questions:
    return _as_questions(found)


# --- assessments (the municipality) ------------------------------------------------------------


def _stored(current: NeedsAssessment | None) -> dict[str, Any]:
    if current is None:
        return {"status": AssessmentStatus.DRAFT.value, "submitted_on": None}
    names = ("year", "status", "submitted_on", *SCORE_COLUMNS)
    return {name: getattr(current, name) for name in names}


def _check_assessment(
    session: Session,
    municipality_id: str,
    data: Mapping[str, Any],
    current: NeedsAssessment | None,
) -> dict[str, Any]:
    unknown_fields(data, ASSESSMENT_FIELDS)
    check = Checker()
    if current is None or "year" in data:
        check.required(data, "year")
    check.text(data, NeedsAssessment)
    plain_text(check, data, *LONG_TEXTS)
    check.choices(data, "structures")
    _year(check, data)
    for name in SCORE_COLUMNS:
        value = data.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            check.add(name, N_("Enter a whole number."))
    values = {**_stored(current), **data}
    if "structures" in values and values["structures"] is not None:
        values["structures"] = list(values["structures"])
    check.rules(rules.check_assessment(values, changed=data))
    year = data.get("year")
    if not isinstance(year, int) or (current is not None and year == current.year):
        year = None  # no year given, or the same year kept
    if year is not None and check.ok("year") and _assessment_of(session, municipality_id, year):
        check.add(
            "year", N_("This municipality already has a needs assessment for {year}."), year=year
        )
    check.done()
    out = normalised(data, LONG_TEXTS)
    if "structures" in out:
        out["structures"] = values["structures"]
    return out


def _assessment_of(session: Session, municipality_id: str, year: int) -> NeedsAssessment | None:
    query = select(NeedsAssessment).where(
        NeedsAssessment.municipality_id == municipality_id,
        NeedsAssessment.year == year,
        ~NeedsAssessment.deleted,
    )
    return session.scalars(query.order_by(NeedsAssessment.version).limit(1)).first()


def submitted_for(
    session: Session, municipality_id: str, year: int, besides: str | None = None
) -> NeedsAssessment | None:
    """The municipality's submitted assessment for ``year`` (other than ``besides``), if any."""
    query = select(NeedsAssessment).where(
        NeedsAssessment.municipality_id == municipality_id,
        NeedsAssessment.year == year,
        NeedsAssessment.status == AssessmentStatus.SUBMITTED.value,
        NeedsAssessment.id != (besides or ""),
        ~NeedsAssessment.deleted,
    )
    return session.scalars(query.order_by(NeedsAssessment.version).limit(1)).first()


# Submitting is the office's word to the hub, as for a quarter (services/periods.py): a field
# laptop drafts, the municipality's own PC submits and corrects what the hub holds. The import
# at the municipality judges a laptop's bundle by the same rule (sync/scope.check_record).
OFFICE_SUBMITS = N_(
    "Only the municipality's own PC submits a needs assessment to the hub or corrects a "
    "submitted one; this field laptop prepares the draft."
)


def may_submit(ctx: ServiceContext) -> bool:
    """Whether this installation submits (and corrects submitted) assessments: the
    municipality's own PC, not its field laptops and not the hub."""
    return ctx.role is Role.MUNICIPALITY and ctx.municipality_id is not None


def require_office(ctx: ServiceContext) -> None:
    """Refuse a field laptop's submission before anything is written."""
    if ctx.role is Role.FIELD:
        raise PermissionDenied(OFFICE_SUBMITS)


def as_correction(ctx: ServiceContext, answers: Mapping[str, Any]) -> dict[str, Any]:
    """A draft's answers brought back over the submitted assessment (a conflict the merge
    decided for the submission): a correction of it, which only the office writes. The
    assessment stays submitted, on the day it was."""
    require_office(ctx)
    return {k: v for k, v in answers.items() if k not in ("status", "submitted_on")}


def own_assessment(session: Session, ctx: ServiceContext, assessment_id: str) -> NeedsAssessment:
    municipality_id = require_municipality(ctx)
    found = records.live(session, NeedsAssessment, assessment_id, ASSESSMENT)
    if found.municipality_id != municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return found


def create_assessment(ctx: ServiceContext, data: Mapping[str, Any]) -> NeedsAssessment:
    """This municipality's draft assessment for a year, answering the questionnaire the hub
    published for that year (or HubDesk's default when none is held here)."""
    with ctx.transaction() as session:
        return _create(session, ctx, data)


def _create(session: Session, ctx: ServiceContext, data: Mapping[str, Any]) -> NeedsAssessment:
    municipality_id = require_municipality(ctx)
    values = _check_assessment(session, municipality_id, data, None)
    published = _latest_published(session, values["year"])
    values.update(
        municipality_id=municipality_id,
        questionnaire_id=None if published is None else published.id,
        status=AssessmentStatus.DRAFT.value,
    )
    return records.create(session, ctx, NeedsAssessment, values)


def update_assessment(
    ctx: ServiceContext, assessment_id: str, data: Mapping[str, Any]
) -> NeedsAssessment:
    """Change the answers; a submitted assessment changed goes to the hub again (so only the
    municipality's own PC changes one)."""
    with ctx.transaction() as session:
        return _update(session, ctx, own_assessment(session, ctx, assessment_id), data)


def _update(
    session: Session, ctx: ServiceContext, found: NeedsAssessment, data: Mapping[str, Any]
) -> NeedsAssessment:
    if found.status == AssessmentStatus.SUBMITTED:
        require_office(ctx)
    values = _check_assessment(session, found.municipality_id, data, found)
    records.change(session, ctx, found, values)
    return found


def submit_assessment(
    ctx: ServiceContext, assessment_id: str, on: dt.date | None = None
) -> NeedsAssessment:
    """Submit: from now on the assessment goes to the hub with every bundle that has news."""
    require_office(ctx)
    with ctx.transaction() as session:
        return _submit(session, ctx, own_assessment(session, ctx, assessment_id), on)


def answer(
    ctx: ServiceContext, year: int, data: Mapping[str, Any], submit: bool = False
) -> NeedsAssessment:
    """The year's answers written (a new draft, or the one held changed) and, with ``submit``,
    submitted: in one unit of work, so answers a submission refuses are not left saved."""
    municipality_id = require_municipality(ctx)
    if submit:
        require_office(ctx)
    with ctx.transaction() as session:
        found = _assessment_of(session, municipality_id, year)
        if found is None:
            found = _create(session, ctx, {"year": year, **data})
        elif data:
            found = _update(session, ctx, found, data)
        return _submit(session, ctx, found, None) if submit else found


def _submit(
    session: Session, ctx: ServiceContext, found: NeedsAssessment, on: dt.date | None
) -> NeedsAssessment:
    if found.status == AssessmentStatus.SUBMITTED:
        raise ValidationError.single("status", N_("This needs assessment is already submitted."))
    if submitted_for(session, found.municipality_id, found.year, besides=found.id):
        # Two drafts of one year (the office's and a laptop's, written apart): the hub
        # holds one assessment per municipality and year, so the second is a correction.
        raise ValidationError.single(
            "year",
            N_(
                "This municipality has already submitted its needs assessment for {year}; "
                "correct that one, and delete this draft."
            ),
            year=found.year,
        )
    change = {"status": AssessmentStatus.SUBMITTED.value, "submitted_on": on or clock.today()}
    check = Checker()
    check.rules(rules.check_assessment({**_stored(found), **change}, changed=change))
    check.done()
    records.change(session, ctx, found, change)
    return found


def delete_assessment(ctx: ServiceContext, assessment_id: str) -> None:
    """Only a draft: a submitted assessment is at the hub, and proposals may name its needs."""
    with ctx.transaction() as session:
        found = own_assessment(session, ctx, assessment_id)
        if found.status == AssessmentStatus.SUBMITTED:
            raise ValidationError.single(
                "status", N_("A submitted needs assessment cannot be deleted; correct it instead.")
            )
        records.tombstone(session, ctx, found)


def get_assessment(ctx: ServiceContext, assessment_id: str) -> NeedsAssessment:
    with ctx.read() as session:
        found = records.live(session, NeedsAssessment, assessment_id, ASSESSMENT)
        if not ctx.is_hub and found.municipality_id != ctx.municipality_id:
            raise PermissionDenied(N_("This record belongs to another municipality."))
        return found


def assessment_for(ctx: ServiceContext, municipality_id: str, year: int) -> NeedsAssessment | None:
    with ctx.read() as session:
        return _assessment_of(session, municipality_id, year)


def list_assessments(
    ctx: ServiceContext, municipality_id: str | None = None, year: int | None = None
) -> list[NeedsAssessment]:
    """Live assessments held here (a municipality: its own), the newest year first."""
    with ctx.read() as session:
        query = select(NeedsAssessment).where(~NeedsAssessment.deleted)
        if not ctx.is_hub:
            municipality_id = ctx.municipality_id
        if municipality_id is not None:
            query = query.where(NeedsAssessment.municipality_id == municipality_id)
        if year is not None:
            query = query.where(NeedsAssessment.year == year)
        return list(session.scalars(query.order_by(NeedsAssessment.year.desc())))


def municipality_names(ctx: ServiceContext) -> dict[str, str]:
    with ctx.read() as session:
        rows = session.execute(select(Municipality.id, Municipality.name))
        return {row[0]: row[1] for row in rows}
