"""The sections a reviewer reads, printed: need and reach, the workplan, the indicators (with
results beside their targets in the implementation report) and the Do No Harm screening.

Kept apart from ``proposal.py`` so the proposal and the implementation report each call one
function, and the data is read here in the report's own read-only session.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable
from sqlalchemy import select

from hubdesk.domain import FundProposal, ProposalActivity, ProposalIndicator
from hubdesk.domain.enums import AgeBand, Gender
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.lang import ReportLanguage, english_summary
from hubdesk.services.proposal_sections import target_share

NEED_SECTIONS = (
    ("need", N_("Need addressed")),
    ("beneficiaries", N_("Beneficiaries")),
    ("sustainability", N_("Sustainability")),
    ("partner_roles", N_("Partners' roles")),
)
DNH_SECTIONS = (
    ("dnh_risks", N_("Risks to participants and communities")),
    ("dnh_sensitive_groups", N_("Sensitive groups involved")),
    ("dnh_stigma", N_("How stigma and securitisation are avoided")),
    ("dnh_data_protection", N_("Data protection")),
    ("dnh_mitigation", N_("Mitigation")),
)


@dataclass
class Sections:
    activities: list[ProposalActivity]
    indicators: list[ProposalIndicator]


def load_sections(req: Request, proposal: FundProposal) -> Sections:
    """The workplan and indicators of a proposal the report already read (and scoped)."""
    with req.ctx.read() as session:
        activities = session.scalars(
            select(ProposalActivity)
            .where(ProposalActivity.proposal_id == proposal.id, ~ProposalActivity.deleted)
            .order_by(ProposalActivity.position, ProposalActivity.starts_on)
        )
        indicators = session.scalars(
            select(ProposalIndicator)
            .where(ProposalIndicator.proposal_id == proposal.id, ~ProposalIndicator.deleted)
            .order_by(ProposalIndicator.position, ProposalIndicator.id)
        )
        return Sections(list(activities), list(indicators))


def english_lines(tr: ReportLanguage, p: FundProposal) -> list[Flowable]:
    """The English summary, for a donor: in a bilingual print, and in an English one when the
    proposal itself is written in another language."""
    english = english_summary(p)
    if not english or english == (p.summary or "").strip():
        return []
    if tr.bilingual or tr.lang == "en":
        return blocks.section(tr, N_("Summary in English"), english)
    return []


def who(tr: ReportLanguage, indicator: ProposalIndicator) -> str:
    """Whom a row of an indicator counts: "Female, 15–19", or "Everyone"."""
    parts = []
    if indicator.gender:
        parts.append(tr.label(Gender, indicator.gender))
    if indicator.age_band:
        parts.append(tr.label(AgeBand, indicator.age_band))
    return ", ".join(parts) if parts else tr.both("Everyone")


def review(tr: ReportLanguage, p: FundProposal, sections: Sections) -> list[Flowable]:
    """Every section the hub reviews, in the order of the application form."""
    out: list[Flowable] = []
    for field, msgid in NEED_SECTIONS:
        if field == "partner_roles" and not p.partners.strip() and not p.partner_roles.strip():
            continue
        out += blocks.section(tr, msgid, getattr(p, field))
    out += workplan(tr, sections)
    out += indicators(tr, sections, results=False)
    out.append(blocks.heading(tr, N_("Do No Harm screening")))
    for field, msgid in DNH_SECTIONS:
        out += blocks.section(tr, msgid, getattr(p, field))
    return out


def workplan(tr: ReportLanguage, sections: Sections) -> list[Flowable]:
    out: list[Flowable] = [blocks.heading(tr, N_("Workplan"))]
    if not sections.activities:
        return [*out, *blocks.paragraphs(None, tr("No activities yet."))]
    rows: list[list[Cell]] = [
        [
            a.title + (f"\n{a.description.strip()}" if a.description.strip() else ""),
            tr.date(a.starts_on),
            tr.date(a.ends_on) if a.ends_on else "–",
            a.responsible or "–",
        ]
        for a in sections.activities
    ]
    columns = [
        Column(N_("Activity"), 4.6),
        Column(N_("Starts on"), 1.5),
        Column(N_("Ends on"), 1.5),
        Column(N_("Responsible partner"), 2.8),
    ]
    out.append(blocks.table(tr, columns, rows))
    return out


SHARE_NOTE = N_(
    "Of the target: the share of the way from the baseline to the target that the result went."
)


def indicators(tr: ReportLanguage, sections: Sections, *, results: bool) -> list[Flowable]:
    """Indicators with baseline and target; with ``results``, what was reached beside them."""
    heading = N_("Indicator results against targets") if results else N_("Indicators")
    out: list[Flowable] = [blocks.heading(tr, heading)]
    if not sections.indicators:
        return [*out, *blocks.paragraphs(None, tr("No indicators yet."))]
    rows: list[list[Cell]] = []
    for i in sections.indicators:
        name = i.name + (f" ({i.unit})" if i.unit.strip() else "")
        row: list[Cell] = [name, who(tr, i), tr.number(i.baseline), tr.number(i.target)]
        if results:
            reached = "–" if i.result is None else tr.number(i.result)
            row += [reached, tr.percent(target_share(i))]
        else:
            row.append(i.verification or "–")
        rows.append(row)
    columns = [
        Column(N_("Indicator"), 3.8),
        Column(N_("Who"), 2),
        Column(N_("Baseline"), 1.1, "R"),
        Column(N_("Target"), 1.1, "R"),
    ]
    if results:
        columns += [Column(N_("Result"), 1.1, "R"), Column(N_("Of the target"), 1.2, "R")]
    else:
        columns.append(Column(N_("Means of verification"), 2.6))
    out.append(blocks.table(tr, columns, rows))
    if results:  # read as 60 of 80, it would credit a result still at its baseline
        out.append(blocks.note(tr(SHARE_NOTE)))
    return out
