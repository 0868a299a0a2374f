"""The Meetings page: the list of meetings and, on a second tab, every action item.

Overdue action items are announced above the meetings list and coloured in every list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain.enums import ActionStatus, MeetingKind, Pillar, Theme
from hubdesk.i18n import N_, _, ngettext
from hubdesk.services import actions, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import team_choices
from hubdesk.ui import dialogs
from hubdesk.ui.editors.action_item import ActionItemDialog
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.member import TeamDialog
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.models.meetings import ActionItemTableModel, MeetingTableModel
from hubdesk.ui.top_tabs import top_tabs
from hubdesk.ui.widgets import ChoiceCombo, DateRangeFilter, IdCombo

# Which action items are listed: (code, msgid).
# The dashboard's action-item bars open the list on the view they were counted with.
ITEM_VIEWS: tuple[tuple[str, str], ...] = (
    ("all", N_("All action items")),
    ("overdue", N_("Only overdue")),
    ("not_due", N_("Open, not yet due")),
    ("done_year", N_("Done in the last 12 months")),
)


def team_items(ctx: ServiceContext) -> list[tuple[str, str]]:
    return team_choices(ctx) if ctx.municipality_id else []


class MeetingListPage(ListPage):
    title_msgid = N_("Meetings")
    new_msgid = N_("New meeting")
    record_msgid = N_("meeting")
    export_kinds = ("meetings", "attendance")
    show_overdue = Signal()

    def make_model(self) -> MeetingTableModel:
        return MeetingTableModel(self.ctx, meetings.MeetingFilter())

    def build_filters(self, row: QHBoxLayout) -> None:
        self.team_filter = IdCombo(empty=N_("All teams"))
        teams = team_items(self.ctx)
        self.team_filter.set_items(teams)
        if len(teams) < 2:
            self.team_filter.hide()  # never shown here: with no parent yet, it is a window
        self.kind_filter = ChoiceCombo(MeetingKind, empty=N_("All kinds"))
        self.pillar_filter = ChoiceCombo(Pillar, empty=N_("All pillars"))
        self.theme_filter = ChoiceCombo(Theme, empty=N_("All themes"))
        self.dates = DateRangeFilter()
        self.dates.changed.connect(self.apply_filter)
        for combo, name in (
            (self.team_filter, N_("Team")),
            (self.kind_filter, N_("Kind of meeting")),
            (self.pillar_filter, N_("Pillar")),
            (self.theme_filter, N_("Theme")),
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.add_filter(row, combo, name)
        row.addWidget(self.dates)

    def build_above_table(self, layout: QVBoxLayout) -> None:
        self.banner = QWidget(self)
        self.banner.setObjectName("overdueBanner")
        self.banner_text = QLabel(self.banner)
        self.banner_button = QPushButton(self.banner)
        self.banner_button.clicked.connect(self.show_overdue.emit)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.banner_button)
        layout.addWidget(self.banner)

    def current_filter(self) -> meetings.MeetingFilter:
        return meetings.MeetingFilter(
            search=self.search.text().strip() or None,
            team_id=self.team_filter.value(),
            kind=self.kind_filter.value(),
            pillar=self.pillar_filter.value(),
            theme=self.theme_filter.value(),
            date_from=self.dates.value()[0],
            date_to=self.dates.value()[1],
        )

    def set_criteria(self, **criteria: Any) -> None:
        self.dates.set_value(criteria.pop("date_from", None), criteria.pop("date_to", None))
        super().set_criteria(**criteria)

    def refresh(self) -> None:
        super().refresh()
        self.update_banner()

    def update_count(self) -> None:
        super().update_count()
        self.update_banner()

    def update_banner(self) -> None:
        if not hasattr(self, "banner"):
            return
        overdue = actions.count_action_items(self.ctx, actions.ActionItemFilter(overdue=True))
        self.banner.setVisible(overdue > 0)
        self.banner_text.setText(
            ngettext(
                "{count} action item is overdue.", "{count} action items are overdue.", overdue
            ).format(count=overdue)
        )
        self.banner_button.setText(_("Show them"))

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None

    def can_delete(self, record: Any) -> bool:
        return self.ctx.municipality_id is not None

    def describe(self, record: Any) -> str:
        from hubdesk.i18n.formatting import format_datetime

        return format_datetime(record.starts_at, fmt="short")

    def open_editor(self, record_id: str | None) -> None:
        if record_id is None and not team.list_teams(self.ctx):
            # A meeting is a team's, and a new installation has no team yet: the form's team
            # list was empty and Save only said that the team is required.
            dialogs.inform(
                self, _("No team yet"), _("Describe your team first; then record its meetings.")
            )
            if not TeamDialog(self.ctx, None, self).exec():
                return
            self.team_filter.set_items(team_items(self.ctx))
            self.changed.emit()
        dialog = MeetingDialog(self.ctx, record_id, self, team_id=self.team_filter.value())
        dialog.saved.connect(lambda saved_id: self.after_change(saved_id))
        dialog.actions_tab.changed.connect(lambda: self.after_change(dialog.record_id))
        dialog.exec()

    def delete_record(self, record_id: str) -> None:
        meetings.delete_meeting(self.ctx, record_id)

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "banner"):
            return
        for widget in (self.team_filter, self.kind_filter, self.pillar_filter, self.theme_filter):
            widget.retranslate()
        self.dates.retranslate()
        self.update_banner()


class ActionItemListPage(ListPage):
    title_msgid = N_("Action items")
    new_msgid = N_("New meeting")  # items are agreed at a meeting; "new" opens one
    record_msgid = N_("action item")
    export_kinds = ("action_items",)
    new_meeting = Signal()

    def make_model(self) -> ActionItemTableModel:
        return ActionItemTableModel(self.ctx, actions.ActionItemFilter(overdue=None))

    def build_filters(self, row: QHBoxLayout) -> None:
        self.view = QComboBox()
        for code, _msgid in ITEM_VIEWS:
            self.view.addItem("", code)
        self.view.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status_filter = ChoiceCombo(ActionStatus, empty=N_("Any status"))
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.add_filter(row, self.view, N_("Which action items"))
        self.add_filter(row, self.status_filter, N_("Status"))

    def current_filter(self) -> actions.ActionItemFilter:
        view = self.view.currentData()
        status = self.status_filter.value()
        done_from = clock.today() - dt.timedelta(days=365) if view == "done_year" else None
        return actions.ActionItemFilter(
            search=self.search.text().strip() or None,
            status=status,
            overdue={"overdue": True, "not_due": False}.get(view),
            still_open=view == "not_due",
            done_from=done_from,
        )

    def set_criteria(self, **criteria: Any) -> None:
        codes = [code for code, _m in ITEM_VIEWS]
        self.view.setCurrentIndex(codes.index(criteria.pop("view", "all")))
        self.status_filter.set_value(criteria.pop("status", None))
        super().set_criteria(**criteria)

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None

    def new_record(self) -> None:
        self.new_meeting.emit()

    def open_editor(self, record_id: str | None) -> None:
        if record_id is None:
            return
        item = actions.get_action_item(self.ctx, record_id)
        owners = [
            (m.id, m.name)
            for m in team.list_members(self.ctx, team.MemberFilter(team_id=item.team_id))
        ]
        dialog = ActionItemDialog(
            self.ctx, meeting_id=item.meeting_id, owners=owners, item_id=record_id, parent=self
        )
        dialog.saved.connect(lambda saved_id: self.after_change(saved_id))
        dialog.exec()

    def delete_record(self, record_id: str) -> None:
        actions.delete_action_item(self.ctx, record_id)

    def describe(self, record: Any) -> str:
        return str(record.title)

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "view"):
            return
        for index, (_code, msgid) in enumerate(ITEM_VIEWS):
            self.view.setItemText(index, _(msgid))
        self.status_filter.retranslate()


class MeetingsPage(QWidget):
    """Meetings and action items on two tabs; keys and refreshes go to the visible one."""

    help_topic: ClassVar[str] = "meetings"

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = top_tabs(self)  # first: Tab reaches the tabs above a list before it
        self.meetings = MeetingListPage(ctx, self)
        self.items = ActionItemListPage(ctx, self)
        self.tabs.addTab(self.meetings, "")
        self.tabs.addTab(self.items, "")
        self.tabs.currentChanged.connect(lambda _i: self.current().refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for page in (self.meetings, self.items):
            page.changed.connect(self._changed)
        self.meetings.show_overdue.connect(lambda: self.show_filtered(view="overdue"))
        self.items.new_meeting.connect(self._new_meeting)
        self.retranslate()

    def _changed(self) -> None:
        self.meetings.update_banner()
        self.changed.emit()

    def _new_meeting(self) -> None:
        self.tabs.setCurrentWidget(self.meetings)
        self.meetings.new_record()

    def current(self) -> ListPage:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def new_record(self) -> None:
        self.current().new_record()

    def focus_search(self) -> None:
        self.current().focus_search()

    def data_changed(self, what: str) -> None:
        """Records changed on another page: read them again now if on screen, else the
        window does when the page is shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.meetings.refresh()
        self.items.refresh()

    def show_filtered(self, **criteria: Any) -> None:
        """``view`` picks the action-item list (open / overdue / all); dates the meetings."""
        if "view" in criteria:
            self.tabs.setCurrentWidget(self.items)
            self.items.show_filtered(**criteria)
        else:
            self.tabs.setCurrentWidget(self.meetings)
            self.meetings.show_filtered(**criteria)

    def retranslate(self) -> None:
        self.meetings.retranslate()
        self.items.retranslate()
        self.tabs.setTabText(0, _("Meetings"))
        self.tabs.setTabText(1, _("Action items"))
