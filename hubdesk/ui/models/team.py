"""Team members as a table."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from hubdesk import clock
from hubdesk.domain import Member
from hubdesk.domain.enums import Sector, label, role_label
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.ui.models.towns import TownColumn
from hubdesk.ui.tablemodel import Column, PagedTableModel

LEFT_COLOUR = QColor("#7a7f87")


class MemberColumn(IntEnum):
    NAME = 0
    ORGANISATION = 1
    SECTOR = 2
    ROLE = 3
    JOINED = 4
    LEFT = 5


class MemberTableModel(PagedTableModel[team.MemberFilter]):
    columns: tuple[Column, ...] = (
        Column(N_("Name"), lambda m: m.name, "name", width=0),
        Column(N_("Organisation"), lambda m: m.organisation, "organisation", elides=True),
        Column(N_("Sector"), lambda m: label(m.sector, Sector), "sector"),
        Column(N_("Role in team"), lambda m: role_label(m.role, m.gender), "role"),
        Column(N_("Joined on"), lambda m: format_date(m.joined_on, fmt="short"), "joined_on"),
        Column(N_("Left on"), lambda m: format_date(m.left_on, fmt="short"), "left_on"),
    )

    def count_records(self, f: team.MemberFilter) -> int:
        return team.count_members(self.ctx, f)

    def list_records(self, f: team.MemberFilter, page: Page) -> list[Member]:
        return team.list_members(self.ctx, f, page)

    def count_and_list(self, f: team.MemberFilter, page: Page) -> tuple[int, list[Member]]:
        return team.search_members(self.ctx, f, page)

    def everything(self) -> team.MemberFilter:
        return team.MemberFilter(active=None)

    def default_order(self) -> str:
        return "name"

    def decorate(self, record: Any, column: int, role: int) -> Any:
        has_left = record.left_on is not None and record.left_on <= clock.today()
        if role == Qt.ItemDataRole.ForegroundRole and has_left:
            return QBrush(LEFT_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and has_left:
            return _("Left the team on {date}").format(date=format_date(record.left_on))
        return None


class HubMemberTableModel(MemberTableModel):
    """On the hub, the region's team members with the municipality each works for."""

    def __init__(self, ctx: ServiceContext, initial: team.MemberFilter, parent: Any = None) -> None:
        self.town = TownColumn(ctx)
        self.columns = (
            MemberTableModel.columns[0],
            self.town.column,
            *MemberTableModel.columns[1:],
        )
        super().__init__(ctx, initial, parent)

    def list_records(self, f: team.MemberFilter, page: Page) -> list[Member]:
        self.town.read()
        return super().list_records(f, page)

    def count_and_list(self, f: team.MemberFilter, page: Page) -> tuple[int, list[Member]]:
        self.town.read()
        return super().count_and_list(f, page)
