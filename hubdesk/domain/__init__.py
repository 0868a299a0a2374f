"""The data model: SQLAlchemy models and the enumerations. No Qt here, and no queries: that is
the services' job.

The models are imported on the first one asked of this package (``from hubdesk.domain import
Member``), not when the package itself is: the code lists, money rules and clock beside them
(``hubdesk.domain.enums``, ``money``, ``hlc``) are needed by the window's first frame and its
cached dashboard, which must not wait for SQLAlchemy. The database layer imports
``hubdesk.domain.models`` before it makes a session, so every model and listener is registered
before any record is read or written, whichever model module a service imported.

The modules here do not use ``from __future__ import annotations``: with it, every ``Mapped[...]``
is a string that SQLAlchemy evaluates again while it maps the class (about 1,600 ``eval`` calls,
some 15% of mapping the models, paid at every start and every command). Python evaluates the
annotations itself at no cost worth measuring; a forward reference is written in quotes.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hubdesk.domain.models import (
        SYNCED_MODELS,
        ActionItem,
        Attachment,
        Attendance,
        AuditEntry,
        Base,
        BudgetLine,
        BundleLog,
        Call,
        CommunityActivity,
        Conflict,
        Decision,
        Engagement,
        ExchangeLink,
        ExchangePart,
        FundDecision,
        FundProposal,
        FundReport,
        FundReportDue,
        FundTranche,
        GoodPractice,
        GuidanceNote,
        HelpdeskMessage,
        HelpdeskRequest,
        Installation,
        Meeting,
        MeetingGuest,
        Member,
        Municipality,
        NeedsAssessment,
        NeedsQuestionnaire,
        Peer,
        PeriodSubmission,
        PracticeCuration,
        ProposalActivity,
        ProposalComment,
        ProposalIndicator,
        ProposalReview,
        ProposalStatusChange,
        PublishedPractice,
        SeenVersion,
        StaffMember,
        Synced,
        Team,
        Training,
        TrainingMember,
        YouthActivity,
    )

__all__ = [
    "SYNCED_MODELS",
    "ActionItem",
    "Attachment",
    "Attendance",
    "AuditEntry",
    "Base",
    "BudgetLine",
    "BundleLog",
    "Call",
    "CommunityActivity",
    "Conflict",
    "Decision",
    "Engagement",
    "ExchangeLink",
    "ExchangePart",
    "FundDecision",
    "FundProposal",
    "FundReport",
    "FundReportDue",
    "FundTranche",
    "GoodPractice",
    "GuidanceNote",
    "HelpdeskMessage",
    "HelpdeskRequest",
    "Installation",
    "Meeting",
    "MeetingGuest",
    "Member",
    "Municipality",
    "NeedsAssessment",
    "NeedsQuestionnaire",
    "Peer",
    "PeriodSubmission",
    "PracticeCuration",
    "ProposalActivity",
    "ProposalComment",
    "ProposalIndicator",
    "ProposalReview",
    "ProposalStatusChange",
    "PublishedPractice",
    "SeenVersion",
    "StaffMember",
    "Synced",
    "Team",
    "Training",
    "TrainingMember",
    "YouthActivity",
]
MODEL_NAMES = frozenset(__all__)


def __getattr__(name: str) -> Any:
    if name not in MODEL_NAMES:  # a submodule (``from hubdesk.domain import money``) or a typo
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("hubdesk.domain.models"), name)
    globals()[name] = value
    return value
