"""One rule book per record kind, shared by the forms (through the services), the spreadsheet
import and the bundle import.

Every kind's rules have one signature, ``check(values) -> list[Problem]``; here they are found
by the table name a bundle uses. Limits live in :mod:`hubdesk.services.rules.base`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hubdesk.services.rules import (
    attachments,
    calls,
    community,
    fund,
    fund_money,
    helpdesk,
    meetings,
    municipality,
    needs,
    peers,
    periods,
    review,
    team,
    thread,
    trainings,
    youth,
)
from hubdesk.services.rules.base import Problem, Rule, apply, keeps_all

BOOK: dict[str, tuple[Rule, ...]] = {
    "municipalities": municipality.MUNICIPALITY,
    "teams": team.TEAM,
    "members": team.MEMBER,
    "meetings": meetings.MEETING,
    "attendance": meetings.ATTENDANCE,
    "meeting_guests": meetings.GUEST,
    "decisions": meetings.DECISION,
    "action_items": meetings.ACTION_ITEM,
    "youth_activities": youth.ACTIVITY,
    "fund_proposals": (*fund.PROPOSAL, *needs.NEED_LINK),
    "budget_lines": fund.BUDGET_LINE,
    "proposal_activities": fund.ACTIVITY,
    "proposal_indicators": fund.INDICATOR,
    "proposal_status_changes": fund.STATUS_CHANGE,
    "fund_decisions": fund.DECISION,
    "period_submissions": periods.SUBMISSION,
    "proposal_reviews": review.REVIEW,
    "proposal_comments": thread.COMMENT,
    "calls": calls.CALL,
    "guidance_notes": calls.NOTE,
    "fund_tranches": fund_money.TRANCHE,
    "fund_reports_due": fund_money.REPORT_DUE,
    "fund_reports": fund_money.REPORT,
    "exchange_parts": peers.EXCHANGE_PART,
    "good_practices": peers.GOOD_PRACTICE,
    "practice_curations": peers.CURATION,
    "published_practices": peers.PUBLISHED,
    "attachments": attachments.ATTACHMENT,
    "engagements": helpdesk.ENGAGEMENT,
    "helpdesk_requests": helpdesk.REQUEST,
    "helpdesk_messages": helpdesk.MESSAGE,
    "trainings": (*trainings.TRAINING, *needs.NEED_LINK),
    "training_members": trainings.TRAINING_MEMBER,
    "needs_questionnaires": needs.QUESTIONNAIRE,
    "needs_assessments": needs.ASSESSMENT,
    "community_activities": community.ACTIVITY,
}


def check(
    kind: str, values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    """Every problem of one record of ``kind`` (a table name)."""
    return apply(BOOK[kind], values, changed)


def check_columns(
    kind: str, columns: Mapping[str, Sequence[Any]], rows: Sequence[Mapping[str, Any]]
) -> bool:
    """True when every row surely keeps every rule of ``kind``, judged a column at a time."""
    return keeps_all(BOOK[kind], columns, rows)
