"""Quarterly periods a municipality submits to the hub, and the hub's answers (issue 13 §5).

A period's history is a list of events, never edited: the municipality *submits* or *reopens*
a quarter, the hub *accepts* or *returns* it. The state of a quarter is the action of its newest
event (by version, so the order holds across PCs). The hub's events are rows only the hub
writes, signed by it (``hub_signature``) like its decisions on proposals.
"""

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import Base, Synced


class PeriodSubmission(Synced, Base):
    __tablename__ = "period_submissions"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipalities.id"), index=True)
    quarter: Mapped[str] = mapped_column(String(7), index=True)  # "2026-Q3"
    action: Mapped[str] = mapped_column(String(20))  # submitted / reopened / accepted / returned
    at: Mapped[dt.datetime]
    comment: Mapped[str] = mapped_column(default="")  # a reopen's reason, the hub's comment
    # The hub's answer names the submission it answers: an answer to a submission the
    # municipality withdrew meanwhile (reopened while the bundles crossed) changes nothing.
    answers: Mapped[str | None] = mapped_column(String(36))
    # The hub's Ed25519 signature over the whole row (accepted / returned only), as on
    # ``ProposalStatusChange``: every receiver checks the hub wrote it.
    hub_signature: Mapped[str | None] = mapped_column(String(100))


class PeriodAction(StrEnum):
    SUBMITTED = "submitted"  # the municipality's
    REOPENED = "reopened"  # the municipality's
    ACCEPTED = "accepted"  # the hub's
    RETURNED = "returned"  # the hub's


# The states in which a quarter's records are locked: the hub reviews, or has accepted, exactly
# what was submitted. Returned and reopened quarters are open again (and due once more).
LOCKING: frozenset[str] = frozenset({PeriodAction.SUBMITTED, PeriodAction.ACCEPTED})
# An answer or a reopen needs words: why the hub returns it, why the municipality reopens it.
NEEDS_COMMENT: frozenset[str] = frozenset({PeriodAction.REOPENED, PeriodAction.RETURNED})

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter, written ``2026-Q3`` everywhere (bundles, command line, screens)."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """The quarter ``text`` names; ValueError when it is not ``YYYY-Qn``."""
        found = QUARTER.match(text.strip().upper()) if isinstance(text, str) else None
        if found is None:
            raise ValueError(text)
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"
