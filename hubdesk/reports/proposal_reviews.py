"""The reviews section of the proposal report: each reviewer's scores, the weighted totals and
their average, so the hub's review can be read (and discussed with the municipality) on paper.

Its own module so that the proposal report gains it by one line. Criteria print with the label
and weight they had when the reviewer scored (see ``services.reviews``); HubDesk's default
criteria are msgids and print in the report's language, a call's own criteria as written.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services.reviews import SCALE, ReviewView, list_reviews


def points(review: ReviewView) -> list[float]:
    """Each criterion's share of the weighted total (they add up to it)."""
    weights = sum(s.weight for s in review.scores) or 1
    return [round(100 * s.weight * s.score / (weights * SCALE[1]), 1) for s in review.scores]


def out_of_100(tr: ReportLanguage, total: float | None) -> str:
    return "–" if total is None else tr("{total} of 100", total=tr.number(total))


def reviews_section(req: Request, proposal_id: str) -> list[Flowable]:
    """Nothing while nobody has reviewed the proposal."""
    tr = req.tr
    summary = list_reviews(req.ctx, proposal_id)
    if not summary.reviews:
        return []
    out: list[Flowable] = [
        blocks.heading(tr, N_("Reviews")),
        blocks.facts(
            tr,
            [
                (N_("Reviewers"), tr.number(len(summary.reviews))),
                (N_("Average weighted total"), out_of_100(tr, summary.average)),
                (N_("Scale"), tr("{low} to {high}", low=SCALE[0], high=SCALE[1])),
            ],
        ),
    ]
    columns = [
        Column(N_("Criterion"), 5),
        Column(N_("Weight"), 1.2, "R"),
        Column(N_("Score"), 1.2, "R"),
        Column(N_("Points"), 1.4, "R"),
    ]
    for review in summary.reviews:
        rows: list[list[Cell]] = [
            [tr(s.label), tr.number(s.weight), tr.number(s.score), tr.number(share)]
            for s, share in zip(review.scores, points(review), strict=True)
        ]
        totals: list[list[Cell]] = [[tr("Weighted total"), "", "", tr.number(review.total)]]
        part: list[Flowable] = [
            blocks.heading(
                tr,
                N_("Review by {reviewer}, {date}"),
                2,
                reviewer=review.reviewer,
                date=tr.date(review.reviewed_on),
            ),
            blocks.table(tr, columns, rows, totals=totals),
        ]
        if review.comment.strip():
            part += [blocks.spacer(1.5), *blocks.paragraphs(review.comment)]
        # A reviewer's scores and comment stay on one page with their heading.
        out += [blocks.together(*part), blocks.spacer(3)]
    return out
