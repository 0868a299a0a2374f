"""Peer learning between cities: exchanges and good practices (issue 14 §3).

An *exchange* (a study visit, a peer review, a joint training) involves several municipalities,
but every synced record belongs to exactly one. So each city records its own *part*
(``ExchangePart``: "we hosted Elbasan and Novi Pazar", "we visited Kumanovo"), which it owns
like any other record, and the hub joins the parts of one exchange in its own view
(``ExchangeLink``, hub-local, never synced; see ``services/exchanges.py``). A municipality
knows no other municipality's records, so the other cities are named as typed text; the hub
matches those names to the municipalities it holds.

A *good practice* is written by one municipality (``GoodPractice``); the hub answers each
submission (``PracticeCuration``: accepted or returned, a hub-only signed row that travels back
to the author) and publishes an accepted practice to every city as a ``PublishedPractice``
(published like a call: hub-only, signed, for every municipality, in ``scope.PUBLISHED``).
"""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced, utcnow
from hubdesk.domain.enums import Labelled
from hubdesk.domain.pillars import Themed
from hubdesk.domain.search import search_column
from hubdesk.i18n import N_, pN_


class ExchangeKind(Labelled):
    STUDY_VISIT = "study_visit"
    PEER_REVIEW = "peer_review"
    JOINT_TRAINING = "joint_training"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "study_visit": N_("Study visit"),
            "peer_review": N_("Peer review"),
            "joint_training": N_("Joint training"),
        }


class ExchangeRole(Labelled):
    HOST = "host"
    VISITOR = "visitor"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "host": pN_("part in an exchange", "We hosted"),
            "visitor": pN_("part in an exchange", "We visited"),
        }


class PracticeStatus(Labelled):
    """The author's side of a good practice; the hub's answer is a ``PracticeCuration``."""

    DRAFT = "draft"
    SUBMITTED = "submitted"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "draft": pN_("status of a good practice", "Draft"),
            "submitted": pN_("status of a good practice", "Submitted"),
        }


class CurationDecision(Labelled):
    ACCEPTED = "accepted"
    RETURNED = "returned"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "accepted": pN_("hub's answer to a good practice", "Accepted"),
            "returned": pN_("hub's answer to a good practice", "Returned"),
        }


class ExchangePart(Themed, Synced, Base):
    """One municipality's own account of an exchange it hosted or visited.

    ``host_name`` names the host when this city visited (empty when it hosted);
    ``partner_names`` the other cities: the visitors when it hosted, the other visiting cities
    (if any) when it visited. Names are typed, as this city writes them.
    """

    __tablename__ = "exchange_parts"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    host_name: Mapped[str] = mapped_column(String(120), default="")
    partner_names: Mapped[list[str]] = mapped_column(CodeList, default=list)
    starts_on: Mapped[dt.date] = mapped_column(index=True)
    ends_on: Mapped[dt.date | None]
    topic: Mapped[str] = mapped_column(String(200))
    pillar: Mapped[str] = mapped_column(String(40), default="peer_learning")
    participants: Mapped[int] = mapped_column(default=0)
    participants_women: Mapped[int] = mapped_column(default=0)
    learned: Mapped[str] = mapped_column(default="")
    follow_up: Mapped[str] = mapped_column(default="")
    search_text: Mapped[str] = search_column()  # derived, never synced


class ExchangeLink(Base):
    """The hub's hand decision about one part (hub-local, never synced): the part belongs to
    the exchange ``exchange_key`` whatever the automatic join would say. Parts without a row
    are joined automatically (same host, overlapping dates)."""

    __tablename__ = "exchange_links"

    part_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exchange_key: Mapped[str] = mapped_column(String(36), index=True)
    note: Mapped[str] = mapped_column(default="")
    decided_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Who decided: the staff login on a hub's server database, empty on a single PC.
    decided_by: Mapped[str] = mapped_column(String(63), default="")


class GoodPractice(Themed, Synced, Base):
    """A case written by a municipality for other cities to learn from.

    ``language`` is the language the texts are written in (a HubDesk locale code);
    ``submission`` counts the times it was submitted, so the hub's answer names the submission
    it answers. ``contact_role`` is a role ("youth officer"), never a person's name.
    """

    __tablename__ = "good_practices"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    proposal_id: Mapped[str | None] = mapped_column(ForeignKey("fund_proposals.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(10), default="en")
    pillar: Mapped[str] = mapped_column(String(40), default="peer_learning")
    context: Mapped[str] = mapped_column(default="")
    problem: Mapped[str] = mapped_column(default="")
    actions: Mapped[str] = mapped_column(default="")  # what was done
    partners: Mapped[str] = mapped_column(default="")
    results: Mapped[str] = mapped_column(default="")
    cost_minor: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    adapt: Mapped[str] = mapped_column(default="")  # what another city needs to adapt it
    contact_role: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    submission: Mapped[int] = mapped_column(default=0)
    search_text: Mapped[str] = search_column()  # derived, never synced


class PracticeCuration(Synced, Base):
    """The hub's answer to one submission of a good practice (hub-only, signed, never edited).

    ``summary`` is the hub's edited summary in English, the region's common working language.
    """

    __tablename__ = "practice_curations"

    practice_id: Mapped[str] = mapped_column(ForeignKey("good_practices.id"), index=True)
    submission: Mapped[int] = mapped_column(default=0)
    decision: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(default="")
    summary: Mapped[str] = mapped_column(default="")
    hub_signature: Mapped[str | None] = mapped_column(String(100))


class PublishedPractice(Themed, Synced, Base):
    """A good practice as the hub publishes it to every municipality (a draft until it has a
    publication date). The author's texts stay in the language they were written in
    (``language``); the hub adds its summary in English (``summary_en``) and, optionally, in
    one language of the region (``summary_local`` in ``summary_language``). ``source_id`` names
    the author's record, which only the author and the hub hold (so it is no link)."""

    __tablename__ = "published_practices"

    source_id: Mapped[str] = mapped_column(String(36), index=True)
    municipality_name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2), default="")
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(10), default="en")
    pillar: Mapped[str] = mapped_column(String(40), default="peer_learning")
    context: Mapped[str] = mapped_column(default="")
    problem: Mapped[str] = mapped_column(default="")
    actions: Mapped[str] = mapped_column(default="")
    partners: Mapped[str] = mapped_column(default="")
    results: Mapped[str] = mapped_column(default="")
    cost_minor: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    adapt: Mapped[str] = mapped_column(default="")
    contact_role: Mapped[str] = mapped_column(String(200), default="")
    summary_en: Mapped[str] = mapped_column(default="")
    summary_local: Mapped[str] = mapped_column(default="")
    summary_language: Mapped[str] = mapped_column(String(10), default="")
    published_on: Mapped[dt.date | None]
    hub_signature: Mapped[str | None] = mapped_column(String(100))


class PracticeState(Labelled):
    """Where a good practice stands, as both sides read it from the records."""

    DRAFT = "draft"
    SUBMITTED = "submitted"  # waiting for the hub
    RETURNED = "returned"
    ACCEPTED = "accepted"  # accepted, not yet published
    PUBLISHED = "published"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "draft": pN_("state of a good practice", "Draft"),
            "submitted": pN_("state of a good practice", "Waiting for the hub"),
            "returned": pN_("state of a good practice", "Returned"),
            "accepted": pN_("state of a good practice", "Accepted"),
            "published": pN_("state of a good practice", "Published"),
        }
