"""One good practice, as another city prints it to learn from it: the hub's summary first (in
English, and in a language of the region when the hub wrote one), then the author's case in the
language it was written in, with the cost and a role to contact (never a person's name).

The id is a published practice's (any city holds those) or, at the author city and the hub, the
author's own record (printed with its state, marked as a draft until it is published).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from hubdesk.domain import GoodPractice, Municipality, PublishedPractice
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.peers import PracticeState
from hubdesk.i18n import N_, _
from hubdesk.i18n.names import language_name
from hubdesk.i18n.scripts import name_for_language
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.errors import ReportError
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services import practices

TITLE = N_("Good practice")
CASE = (
    ("context", N_("Context")),
    ("problem", N_("The problem")),
    ("actions", N_("What was done")),
    ("partners", N_("Partners")),
    ("results", N_("Results")),
    ("adapt", N_("What another city needs to adapt it")),
)


@dataclass(frozen=True)
class Printed:
    """What the report prints, from a published practice or from the author's own record."""

    record: PublishedPractice | GoodPractice
    municipality: str
    state: PracticeState
    summary_en: str
    summary_local: str
    summary_language: str


def load(req: Request) -> Printed:
    assert req.record_id is not None
    with req.ctx.read() as session:
        published = session.get(PublishedPractice, req.record_id)
        if published is None or published.deleted:
            published = practices.publication_of(session, req.record_id)
        if published is not None and (req.ctx.is_hub or published.published_on is not None):
            state = PracticeState.PUBLISHED if published.published_on else PracticeState.ACCEPTED
            city = name_for_language(
                published.municipality_name, "", req.tr.lang, published.country
            )
            return Printed(
                published, city, state, published.summary_en,
                published.summary_local, published.summary_language,
            )  # fmt: skip
        own = session.get(GoodPractice, req.record_id)
        mine = req.ctx.is_hub or (
            own is not None and own.municipality_id == req.ctx.municipality_id
        )
        if own is None or own.deleted or not mine:
            raise ReportError(
                _("No {what} with id {id}.").format(what=_(N_("good practice")), id=req.record_id)
            )
        municipality = session.get(Municipality, own.municipality_id)
    row = practices.get_practice(req.ctx, own.id)
    name = req.tr.name(municipality) if municipality is not None else ""
    return Printed(own, name, row.state, row.summary, "", "")


def facts(tr: ReportLanguage, p: Printed) -> Flowable:
    r = p.record
    published = r.published_on if isinstance(r, PublishedPractice) else None
    return blocks.facts(
        tr,
        [
            (N_("Municipality"), p.municipality),
            (N_("State"), tr.label(PracticeState, p.state.value)),
            (N_("Published on"), tr.date(published) if published else "–"),
            (N_("Pillar"), tr.label(Pillar, r.pillar)),
            (N_("Themes"), "; ".join(tr.label(Theme, t) for t in r.themes)),
            (N_("Written in"), language_name(r.language, tr.lang)),
            (N_("What it cost"), tr.money(r.cost_minor, r.currency) if r.cost_minor else "–"),
            (N_("Whom to ask"), r.contact_role),
        ],
    )


def build(req: Request) -> Built:
    tr = req.tr
    p = load(req)
    story: list[Flowable] = blocks.title_block(tr, TITLE, [p.record.title, p.municipality])
    story += [facts(tr, p), blocks.spacer(2)]
    story += blocks.section(tr, N_("The hub's summary (English)"), p.summary_en)
    if p.summary_local:
        story += [  # a heading naming the language of the second summary
            blocks.heading(
                tr, N_("The hub's summary ({language})"), 2,
                language=language_name(p.summary_language, tr.lang),
            ),
            *blocks.paragraphs(p.summary_local),
            blocks.spacer(2),
        ]  # fmt: skip
    story.append(
        blocks.heading(tr, N_("The case, as the municipality wrote it ({language})"),
                       language=language_name(p.record.language, tr.lang))
    )  # fmt: skip
    for name, msgid in CASE:
        story += blocks.section(tr, msgid, getattr(p.record, name))
    draft = p.state is not PracticeState.PUBLISHED
    return Built(TITLE, p.municipality, p.record.title, story, draft)


SPEC = ReportSpec(
    kind="practice",
    title=TITLE,
    description=N_("One good practice: the hub's summary and the case, for other cities."),
    build=build,
    record=N_("good practice"),
    record_required=True,
    uses_period=False,
)
