"""The staff of a hub on a server: one database login each, and who may administer the hub."""

import datetime as dt
import enum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, utcnow
from hubdesk.i18n import N_


class StaffRole(enum.StrEnum):
    STAFF = "hub_staff"  # works with records, imports and exports
    ADMIN = "hub_admin"  # also peers, keys, restore and the staff list

    @property
    def label(self) -> str:
        from hubdesk.i18n import _

        return _(STAFF_ROLE_LABELS[self])


STAFF_ROLE_LABELS = {StaffRole.STAFF: N_("Hub staff"), StaffRole.ADMIN: N_("Hub administrator")}


class StaffMember(Base):
    """A person with a login on the hub's database server (never synced)."""

    __tablename__ = "staff"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    added_by: Mapped[str] = mapped_column(String(63), default="", server_default="")
