"""The meeting editor: details, attendance and guests, decisions, action items.

Save writes the details, then attendance, guests and decisions, each checked by its service;
a refusal shows next to what was refused and the dialog stays open with nothing lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain import ActionItem
from hubdesk.domain.enums import MeetingKind, Pillar, Theme
from hubdesk.i18n import N_, _
from hubdesk.services import actions, meeting_save, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.services.rules.meetings import member_on_day
from hubdesk.services.town_names import team_choices
from hubdesk.ui.code_picker import CodePicker
from hubdesk.ui.date_fields import skipped_time_error
from hubdesk.ui.editors.attachments_panel import AttachmentsPanel
from hubdesk.ui.editors.attendance import AttendanceGrid, GuestTable
from hubdesk.ui.editors.decisions import DecisionList
from hubdesk.ui.editors.meeting_actions import MeetingActions
from hubdesk.ui.forms import EditorDialog, run_guarded
from hubdesk.ui.history_panel import add_history_button
from hubdesk.ui.top_tabs import top_tabs
from hubdesk.ui.widgets import ChoiceCombo, DateTimeField, ErrorLabel, IdCombo, PillarChecks

DECISIONS = meeting_save.DECISIONS


class EndTimeField(QWidget):
    """When the meeting ended, on the day it started; may be left out."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(self)
        self.time = QTimeEdit(self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setTime(QTime(20, 0))
        self.time.setEnabled(False)
        self.known.toggled.connect(self.time.setEnabled)
        self.known.toggled.connect(lambda _c: self.changed.emit())
        self.time.timeChanged.connect(lambda _t: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.time, 1)
        self.setFocusProxy(self.known)
        self.start_day: Callable[[], dt.date | None] = lambda: None
        self.retranslate()

    def input_error(self) -> str | None:
        """Refuses an end the clocks skip on the meeting's day, as the start field does."""
        ends, day = self.value(), self.start_day()
        if ends is None or day is None:
            return None
        return skipped_time_error(dt.datetime.combine(day, ends))

    def value(self) -> dt.time | None:
        # PySide6 hints toPython() as returning object; for a QTime it is a datetime.time.
        return self.time.time().toPython() if self.known.isChecked() else None  # type: ignore[return-value]

    def set_value(self, value: dt.time | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.time.setTime(QTime(value.hour, value.minute))

    def setReadOnly(self, read_only: bool) -> None:
        self.known.setEnabled(not read_only)
        self.time.setReadOnly(read_only)

    def retranslate(self) -> None:
        self.known.setText(_("Ended at"))


def local_end(starts_at: dt.datetime, ends: dt.time | None) -> dt.datetime | None:
    """The end as aware UTC, on the region's day the meeting started."""
    if ends is None:
        return None
    return clock.from_wall(dt.datetime.combine(clock.local_day(starts_at), ends))


class MeetingDialog(EditorDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        meeting_id: str | None = None,
        parent: QWidget | None = None,
        team_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, meeting_id
        self.setObjectName("meetingDialog")
        self.tabs = top_tabs(self)
        self.tabs.addTab(self._details_tab(), "")
        self.tabs.addTab(self._attendance_tab(), "")
        self.tabs.addTab(self._decisions_tab(), "")
        self.actions_tab = MeetingActions(ctx, self._ensure_saved, self._owners, self)
        self.tabs.addTab(self.actions_tab, "")
        self.attachments_tab = AttachmentsPanel(ctx, "meeting", self._ensure_saved, self)
        self.tabs.addTab(self.attachments_tab, "")
        self._roster: tuple[str | None, dt.date] | None = None  # the grid's team and day
        self._statuses: dict[str, str] = {}
        # the stored rows of members deleted or moved to another team since
        self._former: list[meetings.FormerAttendance] = []
        # What the grid showed for each team chosen in this form: a team picked by mistake
        # (a turn of the mouse wheel over the drop-down) and picked back shows its ticks again,
        # and so does a member who comes back to the grid when the date is corrected.
        self._ticked: dict[str | None, dict[str, str | None]] = {}
        self.fields.changed.connect(self._roster_changed)
        self._load(team_id)
        self.attachments_tab.load(meeting_id)
        self.add_print_button(N_("Print the minutes"), "minutes")
        add_history_button(self, "meetings", lambda: self._load(None))
        self.finish(self.tabs)
        if ctx.municipality_id is None:
            self.set_read_only(True)

    # --- tabs ------------------------------------------------------------------------------------

    def _details_tab(self) -> QWidget:
        f = self.fields
        left, right = QFormLayout(), QFormLayout()
        self.team = IdCombo()
        self.team.set_items(team_choices(self.ctx))
        f.add_row(left, "team_id", N_("Team"), self.team)
        starts, ends = DateTimeField(), EndTimeField()
        ends.start_day = starts.day
        f.add_row(left, "starts_at", N_("Date and time"), starts)
        f.add_row(left, "ends_at", N_("End"), ends)
        f.add_row(left, "place", N_("Place"), QLineEdit())
        f.add_row(left, "kind", N_("Kind of meeting"), ChoiceCombo(MeetingKind))
        f.add_row(left, "pillars", N_("Pillars"), PillarChecks(Pillar))
        f.add_row(left, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        f.add_row(right, "agenda", N_("Agenda"), QPlainTextEdit())
        f.add_row(right, "minutes", N_("Minutes"), QPlainTextEdit())
        f.add_row(right, "minutes_internal", N_("Minutes stay on this PC"), QCheckBox())
        tab = QWidget()
        columns = QHBoxLayout(tab)
        # The fields keep the width their longest pillar needs (split half and half, the
        # Albanian "...dhe shumësektorial" was cut); agenda and minutes take the rest.
        columns.addLayout(left, 0)
        columns.addLayout(right, 1)
        return tab

    def _attendance_tab(self) -> QWidget:
        self.attendance = AttendanceGrid()
        self.guests = GuestTable()
        attendance_error, guests_error = ErrorLabel(), ErrorLabel()
        self.fields.register(
            meetings.ATTENDANCE, N_("Attendance"), self.attendance, attendance_error
        )
        self.fields.register(
            meetings.GUESTS, N_("Guests by organisation"), self.guests, guests_error
        )
        self.guests_label = QLabel()
        self.guests_label.setObjectName("sectionTitle")
        tab = QWidget()
        layout = QHBoxLayout(tab)
        column = QVBoxLayout()
        column.addWidget(self.attendance, 1)
        column.addWidget(attendance_error)
        layout.addLayout(column, 3)
        column = QVBoxLayout()
        column.addWidget(self.guests_label)
        column.addWidget(self.guests, 1)
        column.addWidget(guests_error)
        layout.addLayout(column, 2)
        return tab

    def _decisions_tab(self) -> QWidget:
        self.decisions = DecisionList()
        error = ErrorLabel()
        self.fields.register(DECISIONS, N_("Decisions"), self.decisions, error)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.decisions, 1)
        layout.addWidget(error)
        return tab

    # --- loading ---------------------------------------------------------------------------------

    def _load(self, team_id: str | None) -> None:
        values: dict[str, object]
        if self.record_id is None:
            values = {
                "team_id": team_id,
                "kind": MeetingKind.REGULAR.value,
                "pillars": [],
                "themes": [],
            }
            statuses: dict[str, str] = {}
            former: list[meetings.FormerAttendance] = []
            guests: list[tuple[str, int]] = []
            decisions: list[tuple[str | None, str]] = []
        else:
            meeting = meetings.get_meeting(self.ctx, self.record_id)
            values = {name: getattr(meeting, name) for name in meetings.MEETING_FIELDS}
            ends = clock.wall(meeting.ends_at).time() if meeting.ends_at else None
            values["ends_at"] = ends.replace(second=0, microsecond=0) if ends else None
            statuses = meetings.get_attendance(self.ctx, self.record_id)
            former = meetings.former_members_attendance(self.ctx, self.record_id)
            guests = [
                (g.organisation, g.count) for g in meetings.list_guests(self.ctx, self.record_id)
            ]
            decisions = [(d.id, d.text) for d in meetings.list_decisions(self.ctx, self.record_id)]
        self.fields.set_values(values)
        self._statuses = statuses
        self._former = former
        self._ticked = {self.team.value(): dict(statuses)}
        self._fill_attendance(statuses)
        self.guests.set_value(guests)
        self.decisions.set_value(decisions)
        self.fields.mark_clean()
        self.actions_tab.load(self.record_id, self._previous_items())

    def _day(self) -> dt.date:
        """The day the meeting starts, as the form shows it (the local day)."""
        starts: dt.datetime = self.fields.fields["starts_at"].widget.value()  # type: ignore[attr-defined]
        return clock.local_day(starts)

    def _team_members(self) -> list[tuple[str, str]]:
        team_id = self.team.value()
        if not team_id:
            return []
        start = self._day()
        members = team.list_members(
            self.ctx, team.MemberFilter(team_id=team_id, active=None), Page(order_by="name")
        )
        return [
            (m.id, m.name)
            for m in members
            if m.id in self._statuses or member_on_day(m.joined_on, m.left_on, start)
        ]

    def _owners(self) -> list[tuple[str, str]]:
        return self._team_members()

    def _fill_attendance(self, statuses: Mapping[str, str | None]) -> None:
        self._roster = (self.team.value(), self._day())
        self.attendance.set_members(self._team_members(), statuses, self._former)

    def _roster_changed(self) -> None:
        """The members of the team chosen on the day typed. The grid followed only the team:
        a past meeting recorded after choosing the team (or with the only team chosen for the
        person) listed today's members, so a member who joined since could be marked present
        and one who has left since was missing. The grid cleared on every change of team too,
        so a team picked back after a slip showed no ticks, and Save then deleted the meeting's
        whole attendance."""
        roster = (self.team.value(), self._day())
        if self._roster is None or roster == self._roster:
            return
        shown = self._roster[0]
        self._ticked[shown] = {**self._ticked.get(shown, {}), **self.attendance.value()}
        self._fill_attendance(self._ticked.get(roster[0], {}))

    def _previous_items(self) -> list[ActionItem]:
        if self.record_id is not None:
            return actions.open_items_before(self.ctx, self.record_id)
        team_id = self.team.value()
        if not team_id:
            return []
        latest = meetings.list_meetings(
            self.ctx,
            meetings.MeetingFilter(team_id=team_id),
            Page(limit=1, order_by="starts_at", descending=True),
        )
        if not latest:
            return []
        items = actions.list_action_items(
            self.ctx, actions.ActionItemFilter(meeting_id=latest[0].id), Page()
        )
        return [item for item in items if item.status in actions.OPEN_STATUSES]

    # --- saving ----------------------------------------------------------------------------------

    def _details(self, only_changes: bool) -> dict[str, object]:
        source = self.fields.changes() if only_changes else self.fields.values()
        data = {k: v for k, v in source.items() if k in meetings.MEETING_FIELDS}
        if "ends_at" in data or ("starts_at" in data and self.fields.values()["ends_at"]):
            values = self.fields.values()
            data["ends_at"] = local_end(values["starts_at"], values["ends_at"])
        return data

    def persist(self) -> str:
        """Everything the form changed, saved together: a refused part saves no other."""
        changes = self.fields.changes()
        decisions = self.decisions.value() if DECISIONS in changes else None
        saved = meeting_save.save_meeting(
            self.ctx,
            self.record_id,
            meeting_save.MeetingChanges(
                details=self._details(self.record_id is not None),
                attendance=changes.get(meetings.ATTENDANCE),
                guests=changes.get(meetings.GUESTS),
                decisions=decisions,
            ),
        )
        self.record_id = saved.id
        self._statuses = saved.attendance
        for row, decision_id in enumerate(saved.decision_ids):
            self.decisions.set_id(row, decision_id)
        return saved.id

    def _ensure_saved(self) -> str | None:
        """The meeting's id, saving the details first when it is new (None when refused)."""
        if self.record_id is not None:
            return self.record_id
        if run_guarded(self, self._persist, self.show_validation):
            self.saved.emit(self.record_id or "")
            self.retranslate()
            return self.record_id
        return None

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New meeting") if self.record_id is None else _("Meeting"))
        for index, title in enumerate(
            (
                _("Details"),
                _("Attendance and guests"),
                _("Decisions"),
                _("Action items"),
                _("Attachments"),
            )
        ):
            self.tabs.setTabText(index, title)
        self.attachments_tab.retranslate()
        self.guests_label.setText(_("Guests by organisation"))
