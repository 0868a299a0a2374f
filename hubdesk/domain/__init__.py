"""SQLAlchemy models and enumerations. No Qt here, and no queries: that is the services' job."""

from hubdesk.domain.audit import AuditEntry, Conflict
from hubdesk.domain.base import Base, Synced
from hubdesk.domain.fund import BudgetLine, FundDecision, FundProposal, ProposalStatusChange
from hubdesk.domain.fund_money import FundReport, FundReportDue, FundTranche
from hubdesk.domain.installation import Installation, Municipality
from hubdesk.domain.meetings import ActionItem, Attendance, Decision, Meeting, MeetingGuest
from hubdesk.domain.search import keep_search_text
from hubdesk.domain.sync import BundleLog, Peer, SeenVersion
from hubdesk.domain.team import Member, Team
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
    FundProposal,
    BudgetLine,
    ProposalStatusChange,
    FundDecision,
    FundTranche,
    FundReportDue,
    FundReport,
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
    "Conflict",
    "Decision",
    "FundDecision",
    "FundProposal",
    "FundReport",
    "FundReportDue",
    "FundTranche",
    "Installation",
    "Meeting",
    "MeetingGuest",
    "Member",
    "Municipality",
    "Peer",
    "ProposalStatusChange",
    "SeenVersion",
    "Synced",
    "Team",
    "YouthActivity",
]
