"""How much is recorded: the counts ``hubdesk stats`` prints and a support person asks for."""

from __future__ import annotations

from sqlalchemy import func, select

from hubdesk.domain import (
    ActionItem,
    BudgetLine,
    Call,
    CommunityActivity,
    Conflict,
    FundProposal,
    FundTranche,
    Meeting,
    Member,
    PeriodSubmission,
    ProposalComment,
    ProposalReview,
    Team,
    YouthActivity,
)
from hubdesk.domain.base import Synced
from hubdesk.services.context import ServiceContext

# Key in the output -> the synced table counted (live rows only: tombstones are not records).
COUNTED: dict[str, type[Synced]] = {
    "members": Member,
    "teams": Team,
    "meetings": Meeting,
    "action_items": ActionItem,
    "youth_activities": YouthActivity,
    "fund_proposals": FundProposal,
    "budget_lines": BudgetLine,
    "period_submissions": PeriodSubmission,
    "reviews": ProposalReview,
    "proposal_comments": ProposalComment,
    "calls": Call,
    "tranches": FundTranche,
    "community_activities": CommunityActivity,
}


def table_counts(ctx: ServiceContext) -> dict[str, int]:
    """Live rows per table in this database, plus the entries of the conflict log."""
    counts: dict[str, int] = {}
    with ctx.read() as session:
        for key, model in COUNTED.items():
            query = select(func.count()).select_from(model).where(~model.deleted)
            counts[key] = int(session.scalar(query) or 0)
        counts["conflicts"] = int(session.scalar(select(func.count()).select_from(Conflict)) or 0)
    return counts
