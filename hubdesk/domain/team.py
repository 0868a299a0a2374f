"""The multi-actor team and its members."""

import datetime as dt
from typing import ClassVar

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, Synced
from hubdesk.domain.search import search_column


class Team(Synced, Base):
    __tablename__ = "teams"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_other_script: Mapped[str] = mapped_column(String(200), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(40))
    established_on: Mapped[dt.date | None]
    mandate_ref: Mapped[str | None] = mapped_column(String(200))


class Member(Synced, Base):
    """A team member. Contacts and notes stay on the municipality's PCs unless shared."""

    __tablename__ = "members"
    PRIVATE_FIELDS: ClassVar[tuple[str, ...]] = ("email", "phone", "notes")

    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(40))
    gender: Mapped[str] = mapped_column(String(10))
    joined_on: Mapped[dt.date | None]
    left_on: Mapped[dt.date | None]
    trainings: Mapped[str] = mapped_column(default="")  # one training received per line
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    consent_on: Mapped[dt.date | None]
    notes: Mapped[str] = mapped_column(default="")
    search_text: Mapped[str] = search_column()  # derived, never synced
