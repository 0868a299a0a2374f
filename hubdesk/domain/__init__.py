"""SQLAlchemy models and enumerations. No Qt here, and no queries: that is the services' job."""

from hubdesk.domain.audit import AuditEntry, Conflict
from hubdesk.domain.base import Base, Synced
from hubdesk.domain.calls import Call, GuidanceNote
from hubdesk.domain.community import CommunityActivity
from hubdesk.domain.fund import (
    BudgetLine,
    FundDecision,
    FundProposal,
    ProposalActivity,
    ProposalIndicator,
    ProposalStatusChange,
)
from hubdesk.domain.fund_money import FundReport, FundReportDue, FundTranche
from hubdesk.domain.installation import Installation, Municipality
from hubdesk.domain.meetings import ActionItem, Attendance, Decision, Meeting, MeetingGuest
from hubdesk.domain.periods import PeriodSubmission
from hubdesk.domain.review import ProposalReview
from hubdesk.domain.search import keep_search_text
from hubdesk.domain.staff import StaffMember
from hubdesk.domain.sync import BundleLog, Peer, SeenVersion
from hubdesk.domain.team import Member, Team
from hubdesk.domain.thread import ProposalComment
from hubdesk.domain.youth import YouthActivity

# Every synced model, parents before children: the order bundles are written and applied in.
SYNCED_MODELS: tuple[type[Synced], ...] = (
    Municipality,
    Team,
    Member,
    Meeting,
    Attendance,
    MeetingGuest,
    Decision,
    ActionItem,
    YouthActivity,
    Call,
    GuidanceNote,
    FundProposal,
    BudgetLine,
    ProposalActivity,
    ProposalIndicator,
    ProposalStatusChange,
    FundDecision,
    PeriodSubmission,
    ProposalReview,
    ProposalComment,
    FundTranche,
    FundReportDue,
    FundReport,
    CommunityActivity,
)
keep_search_text(SYNCED_MODELS)

__all__ = [
    "SYNCED_MODELS",
    "ActionItem",
    "Attendance",
    "AuditEntry",
    "Base",
    "BudgetLine",
    "BundleLog",
    "Call",
    "CommunityActivity",
    "Conflict",
    "Decision",
    "FundDecision",
    "FundProposal",
    "FundReport",
    "FundReportDue",
    "FundTranche",
    "GuidanceNote",
    "Installation",
    "Meeting",
    "MeetingGuest",
    "Member",
    "Municipality",
    "Peer",
    "PeriodSubmission",
    "ProposalActivity",
    "ProposalComment",
    "ProposalIndicator",
    "ProposalReview",
    "ProposalStatusChange",
    "SeenVersion",
    "StaffMember",
    "Synced",
    "Team",
    "YouthActivity",
]
