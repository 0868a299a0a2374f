"""National-local cooperation and the hub's Help Desk (issue 14, section 4).

- An **engagement** is a city's contact with another level of government or a multilateral body:
  who it met or wrote to, what it raised, what it heard back and when to follow up. It is the
  municipality's record, like a youth activity.
- A **help desk request** is a question a city asks the hub. The question is the municipality's
  record (``helpdesk_requests``); what is said about it afterwards is a thread of messages
  (``helpdesk_messages``) written by both sides like the comments on a proposal: the hub's
  answers carry ``author_role = "hub"`` and the hub's signature, the city's follow-ups its own
  role. So the hub never edits the city's question, and the city never writes the hub's answer.

How long the hub may take to answer is written down once, here (``RESPONSE_DAYS``,
``answer_due``): the window, the command line, the dashboard and the reports all ask this
module, so "overdue" means the same thing everywhere.
"""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced
from hubdesk.domain.enums import Labelled
from hubdesk.domain.pillars import Themed
from hubdesk.domain.search import search_column
from hubdesk.i18n import N_

AUTHOR_NAME_LENGTH = 120


class EngagementLevel(Labelled):
    """The level of government (or body) a city engaged with."""

    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"
    INTERNATIONAL = "international"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "national": N_("National"),
            "regional": N_("Regional"),
            "local": N_("Local"),
            "international": N_("International"),
        }


class EngagementKind(Labelled):
    CONSULTATION = "consultation"
    MEETING = "meeting"
    WRITTEN_INPUT = "written_input"
    JOINT_ACTIVITY = "joint_activity"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "consultation": N_("Consultation"),
            "meeting": N_("Meeting with officials"),
            "written_input": N_("Written input"),
            "joint_activity": N_("Joint activity"),
        }


class HelpdeskTopic(Labelled):
    """What a help desk question is about."""

    FUND = "fund"
    METHODOLOGY = "methodology"
    TEAM = "team"
    DATA_REPORTING = "data_reporting"
    POLICY = "policy"
    SOFTWARE = "software"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "fund": N_("Fund and proposals"),
            "methodology": N_("Prevention methods"),
            "team": N_("Running the team"),
            "data_reporting": N_("Data and reporting"),
            "policy": N_("Law and policy"),
            "software": N_("Using HubDesk"),
            "other": N_("Other question"),
        }


class Urgency(Labelled):
    LOW = "low"
    NORMAL = "normal"
    URGENT = "urgent"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"low": N_("Low"), "normal": N_("Normal"), "urgent": N_("Urgent")}


class RequestState(Labelled):
    """Where a help desk request stands; derived, never stored (see ``request_state``)."""

    OPEN = "open"
    OVERDUE = "overdue"
    ANSWERED = "answered"
    CLOSED = "closed"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "open": N_("Waiting for the hub"),
            "overdue": N_("Overdue"),
            "answered": N_("Answered"),
            "closed": N_("Closed"),
        }


# How long the hub may take to answer, by urgency: (days, counted in working days or not).
# Urgent questions get two working days (Monday to Friday); the others calendar days.
RESPONSE_DAYS: dict[str, tuple[int, bool]] = {
    Urgency.URGENT.value: (2, True),
    Urgency.NORMAL.value: (10, False),
    Urgency.LOW.value: (20, False),
}


def answer_due(waiting_since: dt.date, urgency: str) -> dt.date:
    """The last day the hub's answer is on time for a question (or follow-up) of
    ``waiting_since`` with ``urgency``."""
    days, working = RESPONSE_DAYS.get(urgency, RESPONSE_DAYS[Urgency.NORMAL.value])
    if not working:
        return waiting_since + dt.timedelta(days=days)
    day = waiting_since
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def request_state(
    waiting_since: dt.date | None, urgency: str, closed: bool, today: dt.date
) -> RequestState:
    """A request's state: closed by the city; answered when nobody waits for the hub
    (``waiting_since`` None: the newest word is the hub's); otherwise open until the answer's
    due day has passed, then overdue."""
    if closed:
        return RequestState.CLOSED
    if waiting_since is None:
        return RequestState.ANSWERED
    if today > answer_due(waiting_since, urgency):
        return RequestState.OVERDUE
    return RequestState.OPEN


class Engagement(Themed, Synced, Base):
    """One contact of the city with a national, regional, local or international body."""

    __tablename__ = "engagements"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    counterpart: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    engaged_on: Mapped[dt.date] = mapped_column(index=True)
    pillars: Mapped[list[str]] = mapped_column(CodeList, default=list)
    raised: Mapped[str] = mapped_column(default="")  # what the city raised
    answer: Mapped[str] = mapped_column(default="")  # the answer it received
    follow_up_on: Mapped[dt.date | None]
    follow_up_done: Mapped[bool] = mapped_column(default=False)
    search_text: Mapped[str] = search_column()  # derived, never synced


class HelpdeskRequest(Synced, Base):
    """A question from a city to the hub. Only the municipality (and its laptops) write it;
    closing it (``closed_on``) is the city's word that it is satisfied."""

    __tablename__ = "helpdesk_requests"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    topic: Mapped[str] = mapped_column(String(20))
    urgency: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    question: Mapped[str]
    asked_on: Mapped[dt.date] = mapped_column(index=True)
    asked_by: Mapped[str] = mapped_column(String(AUTHOR_NAME_LENGTH), default="")
    closed_on: Mapped[dt.date | None]


class HelpdeskMessage(Synced, Base):
    """One word on a request after the question: the hub's answer, or the city's follow-up.

    Append-only like a proposal's comments; the hub's carry its Ed25519 signature over the
    whole row (``hub_signature``), checked by every receiver whoever relays it."""

    __tablename__ = "helpdesk_messages"

    request_id: Mapped[str] = mapped_column(ForeignKey("helpdesk_requests.id"), index=True)
    author_role: Mapped[str] = mapped_column(String(20))
    author_name: Mapped[str] = mapped_column(String(AUTHOR_NAME_LENGTH), default="")
    written_at: Mapped[dt.datetime]
    body: Mapped[str]
    hub_signature: Mapped[str | None] = mapped_column(String(100))
