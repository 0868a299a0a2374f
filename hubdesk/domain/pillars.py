"""Columns several record kinds share: theme codes, and participants counted by inclusion group.

Meetings, youth activities, proposals and the pillar records (trainings, exchanges, community
activities) all carry themes, so the hub can filter the whole region by one; the records that
count people also count them by inclusion group. Counts are plain integer columns, one per
group, like the youth gender × age grid: reports sum them in SQL and bundles carry them as
numbers, and a group added later is one migration adding one column.
"""

from typing import Any

from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.domain.base import CodeList
from hubdesk.domain.enums import InclusionGroup


def inclusion_column(group: InclusionGroup | str) -> str:
    """Name of the column holding the count of one inclusion group."""
    return f"inc_{InclusionGroup(group).value}"


INCLUSION_COLUMNS: tuple[str, ...] = tuple(inclusion_column(g) for g in InclusionGroup)


class Themed:
    """A record that names its themes (codes of ``enums.Theme``)."""

    themes: Mapped[list[str]] = mapped_column(CodeList, default=list)


class InclusionCounted:
    """A record counting its participants by inclusion group (a person may be in several
    groups, so the counts need not add up to the head count; none may exceed it)."""

    inc_roma: Mapped[int] = mapped_column(default=0)
    inc_disability: Mapped[int] = mapped_column(default=0)
    inc_returnee: Mapped[int] = mapped_column(default=0)
    inc_rural_border: Mapped[int] = mapped_column(default=0)
    inc_women: Mapped[int] = mapped_column(default=0)

    def inclusion(self) -> dict[str, int]:
        """Count per inclusion group code."""
        return {g.value: int(getattr(self, inclusion_column(g)) or 0) for g in InclusionGroup}

    def set_inclusion(self, counts: dict[str, Any]) -> None:
        for g in InclusionGroup:
            setattr(self, inclusion_column(g), int(counts.get(g.value, 0) or 0))
