"""Engagements as a table."""

from __future__ import annotations

from typing import Any

from hubdesk.domain import Engagement
from hubdesk.domain.enums import label
from hubdesk.domain.helpdesk import EngagementKind, EngagementLevel
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date
from hubdesk.services import engagements
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.ui.models.towns import TownColumn
from hubdesk.ui.tablemodel import Column, PagedTableModel


def follow_up_text(e: Engagement) -> str:
    if e.follow_up_on is None:
        return ""
    if e.follow_up_done:
        return _("Done")
    return format_date(e.follow_up_on, fmt="short")


class EngagementTableModel(PagedTableModel[engagements.EngagementFilter]):
    columns: tuple[Column, ...] = (
        Column(
            N_("Date"), lambda e: format_date(e.engaged_on, fmt="short"), "engaged_on", width=12
        ),
        Column(N_("Counterpart"), lambda e: e.counterpart, "counterpart", width=0, elides=True),
        Column(N_("Level"), lambda e: label(e.level, EngagementLevel), "level", width=14),
        Column(N_("Kind"), lambda e: label(e.kind, EngagementKind), "kind", width=20),
        Column(N_("Follow-up"), follow_up_text, "follow_up_on", width=12),
    )

    def __init__(
        self, ctx: ServiceContext, initial: engagements.EngagementFilter, parent: Any = None
    ) -> None:
        self.town = TownColumn(ctx) if ctx.is_hub else None  # every city's: say whose each is
        if self.town is not None:
            self.columns = (self.columns[0], self.town.column, *self.columns[1:])
        super().__init__(ctx, initial, parent)

    def count_records(self, f: engagements.EngagementFilter) -> int:
        return engagements.count_engagements(self.ctx, f)

    def list_records(self, f: engagements.EngagementFilter, page: Page) -> list[Engagement]:
        if self.town is not None:
            self.town.read()
        return engagements.list_engagements(self.ctx, f, page)

    def everything(self) -> engagements.EngagementFilter:
        return engagements.EngagementFilter()

    def default_order(self) -> str:
        return "engaged_on"

    def default_descending(self) -> bool:
        return True
