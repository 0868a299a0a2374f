"""Community engagement activities as a table."""

from __future__ import annotations

from typing import Any

from hubdesk.domain import CommunityActivity
from hubdesk.domain.community import Audience, CommunityActivityType
from hubdesk.domain.enums import Theme, label
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services import community
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.ui.code_picker import codes_text
from hubdesk.ui.models.towns import TownColumn
from hubdesk.ui.tablemodel import RIGHT, Column, PagedTableModel


class CommunityTableModel(PagedTableModel[community.CommunityFilter]):
    columns: tuple[Column, ...] = (
        Column(N_("Date"), lambda a: format_date(a.starts_on, fmt="short"), "starts_on", width=12),
        Column(N_("Title"), lambda a: a.title, "title", width=0, elides=True),
        Column(
            N_("Type"),
            lambda a: label(a.activity_type, CommunityActivityType),
            None,
            width=20,
        ),
        Column(
            N_("Who took part"), lambda a: codes_text(Audience, a.audiences), width=22, elides=True
        ),
        Column(
            N_("Participants"),
            lambda a: format_number(a.participants_total),
            "participants_total",
            RIGHT,
            width=12,
        ),
        Column(N_("Themes"), lambda a: codes_text(Theme, a.themes), width=20, elides=True),
    )

    def count_records(self, f: community.CommunityFilter) -> int:
        return community.count_activities(self.ctx, f)

    def list_records(self, f: community.CommunityFilter, page: Page) -> list[CommunityActivity]:
        return community.list_activities(self.ctx, f, page)

    def everything(self) -> community.CommunityFilter:
        return community.CommunityFilter()

    def default_order(self) -> str:
        return "starts_on"

    def default_descending(self) -> bool:
        return True


class HubCommunityTableModel(CommunityTableModel):
    """On the hub, the region's activities with the municipality each belongs to (three cities'
    "Parents' evening" were otherwise one list nobody could tell apart)."""

    def __init__(
        self, ctx: ServiceContext, initial: community.CommunityFilter, parent: Any = None
    ) -> None:
        self.town = TownColumn(ctx)
        columns = CommunityTableModel.columns
        self.columns = (columns[0], self.town.column, *columns[1:])
        super().__init__(ctx, initial, parent)

    def list_records(self, f: community.CommunityFilter, page: Page) -> list[CommunityActivity]:
        self.town.read()
        return super().list_records(f, page)
