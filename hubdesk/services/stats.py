"""How much is recorded: the counts ``hubdesk stats`` prints and a support person asks for."""

from __future__ import annotations

from sqlalchemy import func, select

from hubdesk.domain import (
    ActionItem,
    Attachment,
    BudgetLine,
    Call,
    CommunityActivity,
    Conflict,
    Engagement,
    FundProposal,
    FundTranche,
    HelpdeskRequest,
    Meeting,
    Member,
    NeedsAssessment,
    PeriodSubmission,
    ProposalComment,
    ProposalReview,
    Team,
    Training,
    YouthActivity,
)
from hubdesk.domain.base import Synced
from hubdesk.services.context import ServiceContext
from hubdesk.services.peer_stats import peer_counts

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
    "attachments": Attachment,
    "engagements": Engagement,
    "helpdesk_requests": HelpdeskRequest,
    "trainings": Training,
    "needs_assessments": NeedsAssessment,
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
    counts.update(peer_counts(ctx))  # peer learning (issue 14 §3)
    return counts
