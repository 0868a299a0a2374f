"""This installation, and the municipalities it knows about."""

import datetime as dt

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, Synced, utcnow


class Installation(Base):
    """Exactly one row: who this copy of HubDesk is. Local only, never synced."""

    __tablename__ = "installation"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    municipality_id: Mapped[str | None] = mapped_column(String(36))
    language: Mapped[str] = mapped_column(String(10), default="en")
    hlc_last: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The public half of this installation's signing key (base64), so that a backup says whose
    # keys it belongs to; written beside the keys on opening (``installation.name_keys``).
    signing_key: Mapped[str | None] = mapped_column(String(64))


class Municipality(Synced, Base):
    """A municipality of the network. Owned by the municipality's own installation."""

    __tablename__ = "municipalities"

    name: Mapped[str] = mapped_column(String(120))
    # The name in the country's other script ("Kumanovo" beside "Куманово"); "" where the
    # country writes one script or it is to be made by transliteration (hubdesk.i18n.scripts).
    name_other_script: Mapped[str] = mapped_column(String(120), default="", server_default="")
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
