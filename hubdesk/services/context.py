"""Who is acting and on which database: what every use case receives first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, literal_column, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from hubdesk.domain import Installation
from hubdesk.domain.enums import Role
from hubdesk.domain.hlc import HybridLogicalClock
from hubdesk.domain.staff import StaffMember, StaffRole
from hubdesk.services.errors import PermissionDenied
from hubdesk.storage.db import Database
from hubdesk.storage.server_clock import join_server_clock
from hubdesk.storage.server_errors import NOT_ON_STAFF, NoRights


@dataclass
class ServiceContext:
    db: Database
    installation_id: str
    role: Role
    municipality_id: str | None
    clock: HybridLogicalClock
    data_dir: Path | None = None
    # On a hub's server database: the staff login working, and its role (services/staff.py).
    person: str | None = None
    staff_role: StaffRole | None = None

    @property
    def is_hub(self) -> bool:
        return self.role is Role.HUB

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work; the clock's last stamp is saved with it so restarts stay monotonic.

        On a hub's server database several staff PCs write at once: each unit of work first
        joins the clock kept in the database (``server_clock``), which also makes the units
        that write one after another, in the order they commit."""
        before = self.clock.last
        try:
            with self.db.transaction() as session:
                if not self.db.is_sqlite:
                    try:
                        join_server_clock(session, self.clock, self.installation_id)
                        before = self.clock.last
                        self._still_on_staff(session)
                    except NoRights:  # taken off the list: the server took the rights too
                        raise PermissionDenied(NOT_ON_STAFF, login=self.person or "?") from None
                yield session
                if self.clock.last != before:
                    session.execute(
                        update(Installation)
                        .where(Installation.id == self.installation_id)
                        .values(hlc_last=self.clock.last)
                    )
        except BaseException:
            # Stamps issued inside a rolled-back unit were never stored; reusing the number
            # space is harmless, but never go backwards past what is saved.
            self.clock.last = max(before, self.clock.last)
            raise

    def _still_on_staff(self, session: Session) -> None:
        """A window opened before an administrator took its login off the list (or changed its
        role) writes nothing more under the old rights: the list is read again in every unit of
        work, after the writer turn, so a removal committed before this unit is always seen.
        The login asked about is the connection's own, which the server vouches for."""
        if self.person is None:
            return
        login: ColumnElement[str] = literal_column("current_user")
        row = session.execute(
            select(StaffMember.active, StaffMember.role).where(StaffMember.login == login)
        ).one_or_none()
        if row is not None and row.active:
            self.staff_role = StaffRole(row.role)
            return
        if session.scalar(select(exists().select_from(StaffMember))):
            raise PermissionDenied(NOT_ON_STAFF, login=session.scalar(select(login)))
        # no list yet: the hub is being set up by this login (services/staff.identify)

    def read(self) -> Session:
        """A session for queries only (use as a context manager)."""
        return self.db.sessions()
