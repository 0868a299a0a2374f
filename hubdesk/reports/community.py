"""Inclusion in a municipality's own reports (the periodic report to the hub, the youth
report): exact counts, since these stay with the municipality and the hub; what leaves them
goes through ``reports/inclusion.py`` instead."""

from __future__ import annotations

from reportlab.platypus import Flowable
from sqlalchemy import select

from hubdesk.domain import CommunityActivity
from hubdesk.domain.community import Audience, CommunityActivityType
from hubdesk.domain.enums import InclusionGroup
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.inclusion import GROUPS, PeopleCounts, people_counts
from hubdesk.reports.lang import ReportLanguage


def inclusion_table(tr: ReportLanguage, counts: PeopleCounts, community: bool) -> list[Flowable]:
    """Participants per inclusion group: young people, and adults when ``community``."""
    columns = [Column(N_("Inclusion group"), 3), Column(N_("Young people"), 1.3, "R")]
    if community:
        columns.append(Column(N_("Community activities"), 1.3, "R"))
    body: list[list[Cell]] = []
    for code in GROUPS:
        youth = tr.number(counts.youth_groups.get(code, 0))
        row: list[Cell] = [tr.label(InclusionGroup, code), youth]
        if community:
            row.append(tr.number(counts.community_groups.get(code, 0)))
        body.append(row)
    return [
        blocks.table(tr, columns, body),
        blocks.note(tr("A person may belong to several groups; counts only, never names.")),
    ]


def youth_groups(req: Request, municipality_id: str) -> list[Flowable]:
    """The youth report's participants by inclusion group."""
    with req.ctx.read() as session:
        counts = people_counts(session, req.period, None, municipality_id).get(municipality_id)
    if counts is None or not any(counts.youth_groups.values()):
        return []
    out: list[Flowable] = [blocks.heading(req.tr, N_("Participants by inclusion group"))]
    return out + inclusion_table(req.tr, counts, community=False)


def periodic_section(req: Request, municipality_id: str) -> list[Flowable]:
    """Community engagement and inclusion in the period, for the periodic report."""
    tr = req.tr
    with req.ctx.read() as session:
        counts = people_counts(session, req.period, None, municipality_id).get(municipality_id)
        query = (
            select(CommunityActivity)
            .where(~CommunityActivity.deleted, CommunityActivity.municipality_id == municipality_id)
            .where(req.period.contains(CommunityActivity.starts_on))
            .order_by(CommunityActivity.starts_on, CommunityActivity.title, CommunityActivity.id)
        )
        activities = list(session.scalars(query))
    out: list[Flowable] = [blocks.heading(tr, N_("Community engagement and inclusion"))]
    if counts is None:
        return [*out, *blocks.paragraphs(None, tr("No community activities in this period."))]
    if activities:
        columns = [
            Column(N_("Date"), 1.2),
            Column(N_("Activity"), 3),
            Column(N_("Who took part"), 2.2),
            Column(N_("Participants"), 1.2, "R"),
        ]
        body: list[list[Cell]] = [
            [
                tr.date(a.starts_on),
                f"{a.title} ({tr.label(CommunityActivityType, a.activity_type)})",
                ", ".join(tr.label(Audience, c) for c in a.audiences),
                tr.number(a.participants_total),
            ]
            for a in activities
        ]
        out.append(blocks.table(tr, columns, body))
        out.append(blocks.spacer(3))
    else:  # the youth activities' people alone: said, not a column of zeros left to read
        out += blocks.paragraphs(None, tr("No community activities in this period."))
    out += inclusion_table(tr, counts, community=True)
    return out
