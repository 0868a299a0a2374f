"""What the hub publishes to every municipality: calls for proposals and guidance notes.

These records belong to no municipality. Only a hub installation writes them; once released
(a call no longer a draft, a note with a publication date) they travel in the hub's bundle to
every enrolled municipality, which relays them unchanged to its field laptops. Every receiver
checks the hub's signature on each row (``hub_signature``), so nobody on the way can alter one.
"""

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, CodeList, Synced
from hubdesk.domain.enums import Labelled
from hubdesk.i18n import pN_


class CallStatus(Labelled):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "draft": pN_("status of a call", "Draft"),
            "published": pN_("status of a call", "Published"),
            "closed": pN_("status of a call", "Closed"),
        }


class Call(Synced, Base):
    """A call for proposals. Money is in EUR minor units (cents): the hub's fund is in euros."""

    __tablename__ = "calls"

    title: Mapped[str] = mapped_column(String(200))
    round: Mapped[str] = mapped_column(String(40), default="")
    opens_on: Mapped[dt.date | None]
    closes_on: Mapped[dt.date | None]
    ceiling_minor: Mapped[int] = mapped_column(default=0)  # per proposal, EUR cents
    envelope_minor: Mapped[int] = mapped_column(default=0)  # the whole call, EUR cents
    pillars: Mapped[list[str]] = mapped_column(CodeList, default=list)
    themes: Mapped[list[str]] = mapped_column(CodeList, default=list)
    eligibility: Mapped[str] = mapped_column(default="")
    requirements: Mapped[str] = mapped_column(default="")  # what an application must contain
    # The review criteria as compact JSON: [{"code": ..., "label": ..., "weight": ...}, ...]
    # (services.calls.parse_criteria reads it; the rule book checks its shape).
    criteria: Mapped[str] = mapped_column(default="[]")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    hub_signature: Mapped[str | None] = mapped_column(String(100))


class GuidanceNote(Synced, Base):
    """A note from the hub to every city; a draft until it has a publication date."""

    __tablename__ = "guidance_notes"

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(default="")
    published_on: Mapped[dt.date | None]
    hub_signature: Mapped[str | None] = mapped_column(String(100))
