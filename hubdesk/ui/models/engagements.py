"""Engagements as a table."""

from __future__ import annotations

from typing import Any

from hubdesk.domain import Engagement
from hubdesk.domain.enums import label
from hubdesk.domain.helpdesk import EngagementKind, EngagementLevel
from hubdesk.i18n import N_, _, current_language
from hubdesk.i18n.formatting import format_date
from hubdesk.services import engagements
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.services.town_names import town_names
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
        if ctx.is_hub:  # every city's engagements: say whose each is
            names = engagements.municipality_names(ctx)
            towns = town_names(ctx)  # each city in the script of the window's language

            def town_of(e: Engagement) -> str:
                name = names.get(e.municipality_id, "")
                return towns.shown(e.municipality_id, name, current_language())

            town = Column(N_("Municipality"), town_of, None, width=16)
            self.columns = (self.columns[0], town, *self.columns[1:])
        super().__init__(ctx, initial, parent)

    def count_records(self, f: engagements.EngagementFilter) -> int:
        return engagements.count_engagements(self.ctx, f)

    def list_records(self, f: engagements.EngagementFilter, page: Page) -> list[Engagement]:
        return engagements.list_engagements(self.ctx, f, page)

    def everything(self) -> engagements.EngagementFilter:
        return engagements.EngagementFilter()

    def default_order(self) -> str:
        return "engaged_on"

    def default_descending(self) -> bool:
        return True
