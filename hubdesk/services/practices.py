"""Good practices: written by a municipality, curated by the hub, published to every city.

The author city writes a case (``GoodPractice``), possibly started from one of its completed
proposals, and submits it; each submission is counted (``submission``). The hub answers that
submission with a ``PracticeCuration`` (accepted with its edited summary, or returned with a
note), a hub-only signed row that travels back to the author. Accepting makes a draft
``PublishedPractice`` at the hub (the author's texts in their language, the hub's summary in
English and optionally in a language of the region); publishing it gives it a date, and from
then on it travels to every municipality like a call for proposals (``scope.PUBLISHED``),
including cities that had nothing to do with it. Cities read it in the library, never edit it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import (
    BudgetLine,
    FundProposal,
    GoodPractice,
    Installation,
    Municipality,
    PracticeCuration,
    PublishedPractice,
)
from hubdesk.domain.enums import ProposalStatus
from hubdesk.domain.peers import CurationDecision, PracticeState, PracticeStatus
from hubdesk.domain.search import fold
from hubdesk.i18n import LANGUAGES, N_
from hubdesk.services import records
from hubdesk.services.area import plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.listing import text_match
from hubdesk.services.rules import peers as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.validation import Checker, unknown_fields

PRACTICE = N_("good practice")
PUBLISHED = N_("published good practice")
TEXTS = ("context", "problem", "actions", "partners", "results", "adapt")
PRACTICE_FIELDS = (
    "title", "language", "pillar", "themes", "proposal_id", *TEXTS, "cost_minor", "currency",
    "contact_role",
)  # fmt: skip
SUMMARY_FIELDS = ("summary_en", "summary_local", "summary_language")
# What the hub copies from the author's record into the one it publishes.
COPIED = ("title", "language", "pillar", "themes", *TEXTS, "cost_minor", "currency", "contact_role")


# --- the author's side -------------------------------------------------------------------------


def _check(
    session: Session, ctx: ServiceContext, data: Mapping[str, Any], current: GoodPractice | None
) -> dict[str, Any]:
    unknown_fields(data, PRACTICE_FIELDS)
    data = {k: ("" if k in TEXTS and v is None else v) for k, v in data.items()}
    check = Checker()
    if current is None or "title" in data:
        check.required(data, "title")
    check.text(data, GoodPractice)
    plain_text(check, data, *TEXTS)
    check.choices(data, "themes")
    check.count(data, "cost_minor")
    if isinstance(data.get("themes"), tuple):
        data["themes"] = list(data["themes"])
    stored = {"status": PracticeStatus.DRAFT.value}
    if current is not None:
        stored = {"status": current.status}
        stored.update({k: getattr(current, k) for k in ("problem", "actions", "results")})
        stored["contact_role"] = current.contact_role
    check.rules(rules.check_practice({**stored, **data}, changed=data))
    proposal_id = data.get("proposal_id")
    if proposal_id is not None and check.ok("proposal_id"):
        proposal = session.get(FundProposal, proposal_id) if isinstance(proposal_id, str) else None
        if proposal is None or proposal.deleted or proposal.municipality_id != ctx.municipality_id:
            check.add("proposal_id", N_("Choose one of this municipality's proposals."))
    check.done()
    return data


def own_practice(session: Session, ctx: ServiceContext, practice_id: str) -> GoodPractice:
    return records.owned(session, ctx, GoodPractice, practice_id, PRACTICE)


def default_language(session: Session, ctx: ServiceContext) -> str:
    installation = session.get(Installation, ctx.installation_id)
    language = installation.language if installation is not None else "en"
    return language if language in LANGUAGES else "en"


def create_practice(
    ctx: ServiceContext, data: Mapping[str, Any], submit: bool = False
) -> GoodPractice:
    """A new draft good practice of this municipality (in the window's language unless it
    says otherwise); with ``submit``, submitted in the same unit of work, so a practice the
    submission refuses is not left behind as a draft."""
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        values = {"language": default_language(session, ctx), **data}
        values = _check(session, ctx, values, None)
        values.setdefault("currency", _currency(session, municipality_id))
        practice = records.create(
            session,
            ctx,
            GoodPractice,
            {**values, "municipality_id": municipality_id, "status": PracticeStatus.DRAFT.value},
        )
        return _submit(session, ctx, practice) if submit else practice


def _currency(session: Session, municipality_id: str) -> str:
    municipality = session.get(Municipality, municipality_id)
    return municipality.currency if municipality is not None else "EUR"


def default_currency(ctx: ServiceContext) -> str:
    """The currency a new practice's cost is in when it names none: its municipality's (an
    amount is read in it, as the form's money field reads one)."""
    municipality_id = require_municipality(ctx)
    with ctx.read() as session:
        return _currency(session, municipality_id)


def update_practice(ctx: ServiceContext, practice_id: str, data: Mapping[str, Any]) -> GoodPractice:
    """Change a draft or a returned practice; one waiting for the hub or accepted is as the
    hub has it (withdraw nothing behind its back)."""
    with ctx.transaction() as session:
        practice = own_practice(session, ctx, practice_id)
        records.change(session, ctx, practice, checked_edit(session, ctx, practice, data))
        return practice


def checked_edit(
    session: Session, ctx: ServiceContext, practice: GoodPractice, data: Mapping[str, Any]
) -> dict[str, Any]:
    """What an edit of the practice writes (the form's, or a version the conflict log brings
    back, ``conflicts``), once it may be written: the hub takes a practice's words only with
    a submission, so a practice it is reading or has accepted keeps them."""
    if _state(session, practice) not in (PracticeState.DRAFT, PracticeState.RETURNED):
        raise ValidationError.single(
            "status",
            N_("Only a draft or a returned good practice can be changed; this one is '{state}'."),
            state=_state(session, practice).label,
        )
    values = _check(session, ctx, data, practice)
    if practice.status == PracticeStatus.SUBMITTED:  # returned: a draft again until resent
        values["status"] = PracticeStatus.DRAFT.value
    return values


def as_kept_version(
    session: Session, ctx: ServiceContext, practice: GoodPractice, other: Mapping[str, Any]
) -> dict[str, Any]:
    """A version under the practice's own submission number brought back from the conflict
    log: its words, as the form would write them (its status and number are the practice's)."""
    fields = [k for k in PRACTICE_FIELDS if k in other]
    words = {k: other[k] for k in fields if other[k] != getattr(practice, k)}
    return checked_edit(session, ctx, practice, words)


def submit_practice(ctx: ServiceContext, practice_id: str) -> GoodPractice:
    """Send the practice to the hub (with the next bundle); each submission is numbered."""
    with ctx.transaction() as session:
        return _submit(session, ctx, own_practice(session, ctx, practice_id))


def _submit(session: Session, ctx: ServiceContext, practice: GoodPractice) -> GoodPractice:
    if _state(session, practice) not in (PracticeState.DRAFT, PracticeState.RETURNED):
        raise ValidationError.single(
            "status",
            N_("This good practice is already with the hub ('{state}')."),
            state=_state(session, practice).label,
        )
    values = {c: getattr(practice, c) for c in ("problem", "actions", "results")}
    values["contact_role"] = practice.contact_role
    values["status"] = PracticeStatus.SUBMITTED.value
    check = Checker()
    check.rules(rules.check_practice(values, changed=["status"]))
    check.done()
    records.change(
        session,
        ctx,
        practice,
        {"status": PracticeStatus.SUBMITTED.value, "submission": (practice.submission or 0) + 1},
    )
    return practice


def as_correction(ctx: ServiceContext, answers: Mapping[str, Any]) -> dict[str, Any]:
    """A version that lost to a later submission of the practice (a conflict the merge decided
    for the submission) is not brought back over it: the hub has that submission, and the
    practice changes from its form once the hub returns it."""
    del ctx, answers
    raise ValidationError.single(
        "submission",
        N_(
            "This version was written before the good practice was submitted again; change "
            "the practice from its form once the hub returns it."
        ),
    )


def delete_practice(ctx: ServiceContext, practice_id: str) -> None:
    with ctx.transaction() as session:
        practice = own_practice(session, ctx, practice_id)
        if practice.submission:
            raise ValidationError.single(
                "status", N_("A good practice the hub has received cannot be deleted.")
            )
        records.tombstone(session, ctx, practice)


def from_proposal(ctx: ServiceContext, proposal_id: str) -> dict[str, Any]:
    """A new practice's fields prefilled from one of this city's completed proposals (not
    saved: the person reads, completes and saves them)."""
    municipality_id = require_municipality(ctx)
    with ctx.read() as session:
        proposal = records.live(session, FundProposal, proposal_id, N_("proposal"))
        if proposal.municipality_id != municipality_id:
            raise PermissionDenied(N_("This record belongs to another municipality."))
        if proposal.status != ProposalStatus.COMPLETED:
            raise ValidationError.single(
                "proposal_id", N_("Only a completed proposal can start a good practice.")
            )
        lines = session.execute(
            select(BudgetLine.spent_minor, BudgetLine.quantity, BudgetLine.unit_cost_minor).where(
                BudgetLine.proposal_id == proposal.id, ~BudgetLine.deleted
            )
        ).all()
        cost = sum(s if s is not None else q * u for s, q, u in lines)
        return {
            "title": proposal.title,
            "proposal_id": proposal.id,
            "pillar": proposal.pillars[0] if proposal.pillars else "peer_learning",
            "themes": list(proposal.themes),
            "context": proposal.need or proposal.summary,
            "problem": proposal.problem,
            "actions": proposal.objectives,
            "partners": proposal.partners,
            "results": proposal.results,
            "cost_minor": cost,
            "currency": proposal.currency,
            "adapt": proposal.sustainability,
            "language": default_language(session, ctx),
        }


def completed_proposals(ctx: ServiceContext) -> list[FundProposal]:
    """This city's completed proposals, which a good practice may start from."""
    municipality_id = require_municipality(ctx)
    with ctx.read() as session:
        query = select(FundProposal).where(
            ~FundProposal.deleted,
            FundProposal.municipality_id == municipality_id,
            FundProposal.status == ProposalStatus.COMPLETED.value,
        )
        return list(session.scalars(query.order_by(FundProposal.title)))


# --- states ------------------------------------------------------------------------------------


def current_curation(session: Session, practice: GoodPractice) -> PracticeCuration | None:
    """The hub's answer to the practice's latest submission, if it came."""
    query = (
        select(PracticeCuration)
        .where(
            PracticeCuration.practice_id == practice.id,
            PracticeCuration.submission == practice.submission,
            ~PracticeCuration.deleted,
        )
        .order_by(PracticeCuration.version.desc())
    )
    return session.scalars(query).first() if practice.submission else None


def publication_of(session: Session, practice_id: str) -> PublishedPractice | None:
    query = select(PublishedPractice).where(
        PublishedPractice.source_id == practice_id, ~PublishedPractice.deleted
    )
    return session.scalars(query).first()


def _state(session: Session, practice: GoodPractice) -> PracticeState:
    if practice.status == PracticeStatus.DRAFT:
        return PracticeState.DRAFT
    curation = current_curation(session, practice)
    if curation is None:
        return PracticeState.SUBMITTED
    if curation.decision == CurationDecision.RETURNED:
        return PracticeState.RETURNED
    published = publication_of(session, practice.id)
    if published is not None and published.published_on is not None:
        return PracticeState.PUBLISHED
    return PracticeState.ACCEPTED


@dataclass(frozen=True)
class PracticeRow:
    """A practice with where it stands and the hub's latest words on it."""

    practice: GoodPractice
    state: PracticeState
    municipality: str
    note: str  # the hub's note when it returned it
    summary: str  # the hub's summary when it accepted it


@dataclass(frozen=True)
class PracticeFilter:
    search: str | None = None
    state: str | None = None
    municipality_id: str | None = None


def list_practices(ctx: ServiceContext, f: PracticeFilter = PracticeFilter()) -> list[PracticeRow]:
    """A city's own practices; at the hub every city's that reached it (drafts stay home)."""
    query = select(GoodPractice, Municipality.name).join(
        Municipality, Municipality.id == GoodPractice.municipality_id
    )
    query = query.where(~GoodPractice.deleted, text_match(f.search, GoodPractice.search_text))
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(GoodPractice.municipality_id == municipality_id)
    query = query.order_by(GoodPractice.updated_at.desc(), GoodPractice.id)
    out = []
    with ctx.read() as session:
        for practice, name in session.execute(query).all():
            state = _state(session, practice)
            if f.state is not None and state != f.state:
                continue
            curation = current_curation(session, practice)
            out.append(
                PracticeRow(
                    practice,
                    state,
                    name,
                    curation.note if curation is not None else "",
                    curation.summary if curation is not None else "",
                )
            )
    return out


def curation_queue(ctx: ServiceContext) -> list[PracticeRow]:
    """At the hub: the submissions waiting for an answer, the oldest first."""
    hub_only(ctx)
    rows = list_practices(ctx, PracticeFilter(state=PracticeState.SUBMITTED.value))
    return sorted(rows, key=lambda r: r.practice.updated_at)


def get_practice(ctx: ServiceContext, practice_id: str) -> PracticeRow:
    with ctx.read() as session:
        practice = records.live(session, GoodPractice, practice_id, PRACTICE)
        if ctx.municipality_id is not None and practice.municipality_id != ctx.municipality_id:
            raise PermissionDenied(N_("This record belongs to another municipality."))
        municipality = session.get(Municipality, practice.municipality_id)
        curation = current_curation(session, practice)
        return PracticeRow(
            practice,
            _state(session, practice),
            municipality.name if municipality is not None else "",
            curation.note if curation is not None else "",
            curation.summary if curation is not None else "",
        )


# --- the hub's side ----------------------------------------------------------------------------


def hub_only(ctx: ServiceContext) -> None:
    if not ctx.is_hub:
        raise PermissionDenied(
            N_("The regional hub curates and publishes good practices; here they are read.")
        )


def curate(
    ctx: ServiceContext,
    practice_id: str,
    decision: str,
    *,
    note: str = "",
    summary: str = "",
    summaries: Mapping[str, Any] | None = None,
) -> PracticeCuration:
    """Answer the practice's latest submission: accept it with the hub's summary (in English;
    a draft publication is made from it) or return it with a note saying what to change.

    ``summaries`` (as ``edit_summaries`` takes them: the summary in a language of the region)
    go on the draft publication in the same unit of work, so an acceptance whose second
    summary is refused is not recorded either."""
    hub_only(ctx)
    values = {"decision": decision, "note": note, "summary": summary}
    check = Checker()
    check.text(values, PracticeCuration)
    plain_text(check, values, "note", "summary")
    check.done()
    values = {k: v.strip() for k, v in values.items()}
    with ctx.transaction() as session:
        practice = records.live(session, GoodPractice, practice_id, PRACTICE)
        if _state(session, practice) is not PracticeState.SUBMITTED:
            raise ValidationError.single(
                "status",
                N_(
                    "Only a good practice waiting for the hub can be answered; "
                    "this one is '{state}'."
                ),
                state=_state(session, practice).label,
            )
        row = {**values, "practice_id": practice.id, "submission": practice.submission}
        check = Checker()
        check.rules(rules.check_curation(row))
        check.done()
        curation = records.create(session, ctx, PracticeCuration, row)
        if decision == CurationDecision.ACCEPTED:
            published = _draft_publication(session, ctx, practice, values["summary"])
            if summaries:
                records.change(session, ctx, published, _check_summaries(summaries, published))
        return curation


def _draft_publication(
    session: Session, ctx: ServiceContext, practice: GoodPractice, summary: str
) -> PublishedPractice:
    municipality = session.get(Municipality, practice.municipality_id)
    values: dict[str, Any] = {c: getattr(practice, c) for c in COPIED}
    values["themes"] = list(practice.themes)
    values.update(
        municipality_name=municipality.name if municipality is not None else "",
        country=municipality.country if municipality is not None else "",
        summary_en=summary,
    )
    current = publication_of(session, practice.id)
    if current is None:
        return records.create(session, ctx, PublishedPractice, {**values, "source_id": practice.id})
    records.change(session, ctx, current, values)  # an accepted new submission updates it
    return current


def _check_summaries(data: Mapping[str, Any], current: PublishedPractice) -> dict[str, Any]:
    unknown_fields(data, SUMMARY_FIELDS)
    check = Checker()
    check.text(data, PublishedPractice)
    plain_text(check, data, "summary_en", "summary_local")
    values = {
        k: (v or "").strip() if isinstance(v, str) or v is None else v for k, v in data.items()
    }
    merged = {
        "title": current.title,
        "language": current.language,
        "pillar": current.pillar,
        "themes": current.themes,
        "currency": current.currency,
        "cost_minor": current.cost_minor,
        "municipality_name": current.municipality_name,
        "summary_en": current.summary_en,
        "summary_language": current.summary_language,
        **values,
    }
    check.rules(rules.check_published(merged, changed=data))
    if merged.get("summary_local") and not merged.get("summary_language"):
        check.add("summary_language", N_("Say which language the second summary is in."))
    check.done()
    return values


def edit_summaries(
    ctx: ServiceContext, published_id: str, data: Mapping[str, Any]
) -> PublishedPractice:
    """The hub's summaries of an accepted practice: English, and optionally one language of
    the region (a published practice changed here reaches every city again)."""
    hub_only(ctx)
    with ctx.transaction() as session:
        published = records.live(session, PublishedPractice, published_id, PUBLISHED)
        records.change(session, ctx, published, _check_summaries(data, published))
        return published


def publish(ctx: ServiceContext, published_id: str, on: dt.date | None = None) -> PublishedPractice:
    """Give an accepted practice its publication date: it goes to every municipality."""
    hub_only(ctx)
    with ctx.transaction() as session:
        published = _published_or_source(session, published_id)
        if published.published_on is not None:
            raise ValidationError.single(
                "published_on", N_("This good practice is already published.")
            )
        records.change(session, ctx, published, {"published_on": on or clock.today()})
        return published


def _published_or_source(session: Session, record_id: str) -> PublishedPractice:
    """A published practice by its own id or by the id of the practice it was made from."""
    published = session.get(PublishedPractice, record_id)
    if published is None or published.deleted:
        published = publication_of(session, record_id)
    if published is None:
        source = session.get(GoodPractice, record_id)
        if source is None or source.deleted:  # neither: a typo, not a practice to accept
            raise NotFoundError(PRACTICE, record_id)
        raise ValidationError.single(
            "published_on", N_("Accept the good practice before publishing it.")
        )
    return published


def list_published(ctx: ServiceContext, search: str | None = None) -> list[PublishedPractice]:
    """The library: every published practice held here, newest first (at the hub also the
    accepted ones not yet published)."""
    query = select(PublishedPractice).where(~PublishedPractice.deleted)
    if not ctx.is_hub:
        query = query.where(PublishedPractice.published_on.is_not(None))
    with ctx.read() as session:
        rows = list(
            session.scalars(
                query.order_by(
                    PublishedPractice.published_on.desc().nulls_first(), PublishedPractice.title
                )
            )
        )
    if search:
        term = fold(search.strip())
        fields = ("title", "municipality_name", "summary_en", "summary_local", "actions")
        rows = [r for r in rows if any(term in fold(getattr(r, n) or "") for n in fields)]
    return rows


def get_published(ctx: ServiceContext, published_id: str) -> PublishedPractice:
    with ctx.read() as session:
        return _published_or_source(session, published_id)


@dataclass(frozen=True)
class PracticeCounts:
    own: int  # practices written here (at the hub: received from the cities)
    waiting: int  # submitted, not yet answered
    published: int  # in the library


def practice_counts(ctx: ServiceContext) -> PracticeCounts:
    rows = list_practices(ctx)
    with ctx.read() as session:
        published = session.scalar(
            select(func.count())
            .select_from(PublishedPractice)
            .where(~PublishedPractice.deleted, PublishedPractice.published_on.is_not(None))
        )
    return PracticeCounts(
        own=len(rows),
        waiting=sum(1 for r in rows if r.state is PracticeState.SUBMITTED),
        published=int(published or 0),
    )
