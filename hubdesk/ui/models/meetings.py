"""Meetings and action items as tables; overdue items are coloured wherever they are listed."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from hubdesk import clock
from hubdesk.domain import ActionItem, Meeting
from hubdesk.domain.enums import ActionStatus, MeetingKind, Pillar, Theme, label
from hubdesk.i18n import N_, _, ngettext
from hubdesk.i18n.formatting import format_date, format_datetime
from hubdesk.services import actions, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError
from hubdesk.services.listing import Page
from hubdesk.ui.code_picker import codes_text
from hubdesk.ui.tablemodel import Column, PagedTableModel

OVERDUE_BACKGROUND = QColor("#fde8e6")
OVERDUE_TEXT = QColor("#9b1c12")
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 10


def pillars_text(codes: list[str]) -> str:
    return ", ".join(label(code, Pillar) for code in codes)


def is_overdue(item: ActionItem, today: dt.date | None = None) -> bool:
    return (
        item.status in actions.OPEN_STATUSES
        and item.due_on is not None
        and item.due_on < (today or clock.today())
    )


class MeetingColumn(IntEnum):
    WHEN = 0
    KIND = 1
    PLACE = 2
    PILLARS = 3


class MeetingTableModel(PagedTableModel[meetings.MeetingFilter]):
    columns = (
        Column(
            N_("Date and time"),
            lambda m: format_datetime(m.starts_at, fmt="short"),
            "starts_at",
            width=18,
        ),
        Column(N_("Kind"), lambda m: label(m.kind, MeetingKind), "kind", width=20),
        Column(N_("Place"), lambda m: m.place, "place", width=24, elides=True),
        Column(N_("Pillars"), lambda m: pillars_text(m.pillars), width=0, elides=True),
        Column(N_("Themes"), lambda m: codes_text(Theme, m.themes), width=20, elides=True),
    )

    def count_records(self, f: meetings.MeetingFilter) -> int:
        return meetings.count_meetings(self.ctx, f)

    def list_records(self, f: meetings.MeetingFilter, page: Page) -> list[Meeting]:
        return meetings.list_meetings(self.ctx, f, page)

    def everything(self) -> meetings.MeetingFilter:
        return meetings.MeetingFilter()

    def default_order(self) -> str:
        return "starts_at"

    def default_descending(self) -> bool:
        return True  # the latest meeting first


class ActionColumn(IntEnum):
    TITLE = 0
    OWNER = 1
    DUE = 2
    STATUS = 3
    DONE = 4


class MemberNames:
    """Owner names for the rows on screen, read once per member (a team has dozens, not more)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.names: dict[str, str] = {}

    def __call__(self, member_id: str | None) -> str:
        if not member_id:
            return ""
        if member_id not in self.names:
            try:
                self.names[member_id] = team.get_member(self.ctx, member_id).name
            except NotFoundError:
                self.names[member_id] = _("(deleted member)")
        return self.names[member_id]

    def forget(self) -> None:
        self.names.clear()


class ActionItemTableModel(PagedTableModel[actions.ActionItemFilter]):
    def __init__(self, ctx: ServiceContext, initial: actions.ActionItemFilter, parent: Any = None):
        self.owner_name = MemberNames(ctx)
        self.columns = (
            Column(N_("Action"), lambda i: i.title, "title", width=0, elides=True),
            Column(N_("Owner"), lambda i: self.owner_name(i.owner_member_id), width=22),
            Column(N_("Due on"), lambda i: format_date(i.due_on, fmt="short"), "due_on", width=12),
            Column(N_("Status"), lambda i: label(i.status, ActionStatus), "status", width=14),
            Column(
                N_("Done on"), lambda i: format_date(i.done_on, fmt="short"), "done_on", width=12
            ),
        )
        super().__init__(ctx, initial, parent)

    def count_records(self, f: actions.ActionItemFilter) -> int:
        return actions.count_action_items(self.ctx, f)

    def list_records(self, f: actions.ActionItemFilter, page: Page) -> list[ActionItem]:
        return actions.list_action_items(self.ctx, f, page)

    def everything(self) -> actions.ActionItemFilter:
        return actions.ActionItemFilter(meeting_id=self.filter.meeting_id)

    def default_order(self) -> str:
        return "due_on"

    def refresh(self) -> None:
        super().refresh()  # (raises with the rows and their cells as they were)
        self.owner_name.forget()

    def decorate(self, record: Any, column: int, role: int) -> Any:
        if not is_overdue(record):
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            days = (clock.today() - record.due_on).days
            return ngettext("Overdue by {days} day", "Overdue by {days} days", days).format(
                days=days
            )
        if role == OVERDUE_ROLE:
            return True
        return None
