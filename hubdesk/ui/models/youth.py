"""Youth activities as a table."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from hubdesk.domain import YouthActivity
from hubdesk.domain.enums import ActivityType, Theme, label
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services import youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.ui.code_picker import codes_text
from hubdesk.ui.models.towns import TownColumn
from hubdesk.ui.tablemodel import CENTER, RIGHT, Column, PagedTableModel


class ActivityColumn(IntEnum):
    STARTS = 0
    TITLE = 1
    TYPE = 2
    PARTICIPANTS = 3
    YOUTH_LED = 4
    FED_INTO_DECISION = 5


def yes(flag: bool) -> str:
    return _("Yes") if flag else ""


class ActivityTableModel(PagedTableModel[youth.YouthFilter]):
    columns: tuple[Column, ...] = (
        Column(N_("Date"), lambda a: format_date(a.starts_on, fmt="short"), "starts_on", width=12),
        Column(N_("Title"), lambda a: a.title, "title", width=0, elides=True),
        Column(
            N_("Type"), lambda a: label(a.activity_type, ActivityType), "activity_type", width=22
        ),
        Column(
            N_("Participants"),
            lambda a: format_number(a.participants_total),
            "participants_total",
            RIGHT,
            width=12,
        ),
        Column(N_("Youth-led"), lambda a: yes(a.youth_led), None, CENTER, width=10),
        Column(
            N_("Fed into a decision"), lambda a: yes(a.fed_into_decision), None, CENTER, width=16
        ),
        Column(N_("Themes"), lambda a: codes_text(Theme, a.themes), width=20, elides=True),
    )

    def count_records(self, f: youth.YouthFilter) -> int:
        return youth.count_activities(self.ctx, f)

    def list_records(self, f: youth.YouthFilter, page: Page) -> list[YouthActivity]:
        return youth.list_activities(self.ctx, f, page)

    def everything(self) -> youth.YouthFilter:
        return youth.YouthFilter()

    def default_order(self) -> str:
        return "starts_on"

    def default_descending(self) -> bool:
        return True


class HubActivityTableModel(ActivityTableModel):
    """On the hub, the region's activities with the municipality each belongs to: three
    towns' activities in one list, and nothing said which town's a row was."""

    def __init__(self, ctx: ServiceContext, initial: youth.YouthFilter, parent: Any = None) -> None:
        self.town = TownColumn(ctx)
        self.columns = (
            ActivityTableModel.columns[0],
            self.town.column,
            *ActivityTableModel.columns[1:],
        )
        super().__init__(ctx, initial, parent)

    def list_records(self, f: youth.YouthFilter, page: Page) -> list[YouthActivity]:
        self.town.read()
        return youth.list_activities(self.ctx, f, page)
