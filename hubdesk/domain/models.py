"""Every SQLAlchemy model, the synced ones in the order bundles carry them, and the search-text
listeners. Importing this module (``hubdesk.domain`` does it on the first model asked of it,
the database layer before its first session) registers the whole schema at once."""

# ruff: noqa: F401  (hubdesk.domain re-exports every name imported here, on first use)

from hubdesk.domain.attachments import Attachment
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
from hubdesk.domain.helpdesk import Engagement, HelpdeskMessage, HelpdeskRequest
from hubdesk.domain.installation import Installation, Municipality
from hubdesk.domain.meetings import ActionItem, Attendance, Decision, Meeting, MeetingGuest
from hubdesk.domain.needs import NeedsAssessment, NeedsQuestionnaire
from hubdesk.domain.peers import (
    ExchangeLink,
    ExchangePart,
    GoodPractice,
    PracticeCuration,
    PublishedPractice,
)
from hubdesk.domain.periods import PeriodSubmission
from hubdesk.domain.review import ProposalReview
from hubdesk.domain.search import keep_search_text
from hubdesk.domain.staff import StaffMember
from hubdesk.domain.sync import BundleLog, Peer, SeenVersion
from hubdesk.domain.team import Member, Team
from hubdesk.domain.thread import ProposalComment
from hubdesk.domain.trainings import Training, TrainingMember
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
    NeedsQuestionnaire,
    NeedsAssessment,
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
    # peer learning (issue 14 §3)
    ExchangePart,
    GoodPractice,
    PracticeCuration,
    PublishedPractice,
    # issue 14, national-local cooperation and the help desk
    Engagement,
    HelpdeskRequest,
    HelpdeskMessage,
    # the capacity-building register (issue 14)
    Training,
    TrainingMember,
    CommunityActivity,
    Attachment,  # after every kind a file may be attached to
)
keep_search_text(SYNCED_MODELS)
