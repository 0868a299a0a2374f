"""Community engagement activities as a table."""

from __future__ import annotations

from typing import Any

from hubdesk.domain import CommunityActivity
from hubdesk.domain.community import Audience, CommunityActivityType
from hubdesk.domain.enums import Theme, label
from hubdesk.i18n import N_, current_language
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services import community, engagements
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.services.town_names import TownNames, town_names
from hubdesk.ui.code_picker import codes_text
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
    "Parents' evening" were otherwise one list nobody could tell apart), named in the script
    of the window's language (picked at each paint, so a language switch follows)."""

    def __init__(
        self, ctx: ServiceContext, initial: community.CommunityFilter, parent: Any = None
    ) -> None:
        self.names: dict[str, str] = {}
        self.towns = TownNames({})
        town = Column(N_("Municipality"), self.town_of, None, width=16, elides=True)
        columns = CommunityTableModel.columns
        self.columns = (columns[0], town, *columns[1:])
        super().__init__(ctx, initial, parent)

    def town_of(self, activity: CommunityActivity) -> str:
        name = self.names.get(activity.municipality_id, "")
        return self.towns.shown(activity.municipality_id, name, current_language())

    def list_records(self, f: community.CommunityFilter, page: Page) -> list[CommunityActivity]:
        # Read with each page, so a municipality that came with an import is named at once.
        self.names = engagements.municipality_names(self.ctx)
        self.towns = town_names(self.ctx)
        return super().list_records(f, page)
