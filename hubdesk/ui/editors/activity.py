"""The youth activity editor: what happened, who took part (counts only), what came of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import ActivityType, Pillar, Theme
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_number
from hubdesk.services import youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.rules.base import COUNT_MAX
from hubdesk.services.rules.youth import grid_problem
from hubdesk.services.town_names import team_choices
from hubdesk.ui.code_picker import CodePicker
from hubdesk.ui.editors.attachments_panel import AttachmentsPanel
from hubdesk.ui.editors.inclusion import inclusion_counts
from hubdesk.ui.editors.youth_grid import YouthGrid
from hubdesk.ui.forms import EditorDialog, run_guarded
from hubdesk.ui.history_panel import add_history_button
from hubdesk.ui.top_tabs import top_tabs
from hubdesk.ui.widgets import ChoiceCombo, DateField, ErrorLabel, IdCombo, PillarChecks


def count_box() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, COUNT_MAX)
    spin.setMaximumWidth(140)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class ActivityDialog(EditorDialog):
    def __init__(
        self, ctx: ServiceContext, activity_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, activity_id
        self.setObjectName("activityDialog")
        self.tabs = top_tabs(self)
        self.tabs.addTab(self._activity_tab(), "")
        self.tabs.addTab(self._participants_tab(), "")
        self.tabs.addTab(self._outcome_tab(), "")
        self.attachments_tab = AttachmentsPanel(ctx, "youth_activity", self._ensure_saved, self)
        self.attachments_tab.load(activity_id)
        self.tabs.addTab(self.attachments_tab, "")
        if activity_id is None:
            self.fields.set_values(
                {"activity_type": None, "pillars": [], "themes": [], "team_id": None}
            )
        else:
            activity = youth.get_activity(ctx, activity_id)
            self.fields.set_values({n: getattr(activity, n) for n in youth.ACTIVITY_FIELDS})
        add_history_button(self, "youth_activities", self.reload)
        self.finish(self.tabs)
        if ctx.municipality_id is None:
            self.set_read_only(True)

    def _activity_tab(self) -> QWidget:
        f = self.fields
        form = QFormLayout()
        f.add_row(form, "title", N_("Title"), QLineEdit())
        f.add_row(form, "activity_type", N_("Type of activity"), ChoiceCombo(ActivityType))
        teams = IdCombo(empty=N_("No particular team"))
        # At the hub too (every municipality's teams): without them its read-only form said
        # "No particular team" of an activity a team ran.
        teams.set_items(team_choices(self.ctx))
        f.add_row(form, "team_id", N_("Team"), teams)
        f.add_row(form, "starts_on", N_("Started on"), DateField(optional=False))
        f.add_row(form, "ends_on", N_("Ended on"), DateField())
        f.add_row(form, "place", N_("Place"), QLineEdit())
        partners = QPlainTextEdit()
        partners.setMaximumHeight(70)
        f.add_row(form, "partners", N_("Partners"), partners)
        f.add_row(form, "youth_led", N_("Led by young people"), QCheckBox())
        side = QFormLayout()
        f.add_row(side, "pillars", N_("Pillars"), PillarChecks(Pillar))
        f.add_row(side, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        tab = QWidget()
        columns = QHBoxLayout(tab)
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        return tab

    def _participants_tab(self) -> QWidget:
        self.grid = YouthGrid()
        grid_error = ErrorLabel()
        for name, spin in self.grid.cells.items():
            self.fields.register(name, N_("Participants"), spin, grid_error, named=False)
        self.grid_title = QLabel()
        self.grid_title.setObjectName("sectionTitle")
        self.grid_title.setWordWrap(True)
        form = QFormLayout()
        self.total = count_box()
        self.fields.add_row(form, "participants_total", N_("Participants in all"), self.total)
        self.fields.add_row(form, "marginalised", N_("From marginalised groups"), count_box())
        self.groups_title = QLabel()
        self.groups_title.setObjectName("hint")
        self.groups_title.setWordWrap(True)
        groups = inclusion_counts(self.fields, count_box)
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.check.setObjectName("gridCheck")
        self.use_grid = QPushButton()
        self.use_grid.clicked.connect(lambda: self.total.setValue(self.grid.total()))
        self._grid_before = 0  # the grid's total before its latest change
        self.grid.changed.connect(self._grid_edited)
        self.total.valueChanged.connect(self._update_check)  # the form clears its message
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.grid_title)
        layout.addWidget(self.grid)
        layout.addWidget(grid_error)
        layout.addLayout(form)
        layout.addWidget(self.groups_title)
        layout.addLayout(groups)
        row = QHBoxLayout()
        row.addWidget(self.check, 1)
        row.addWidget(self.use_grid, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(row)
        layout.addStretch(1)
        return tab

    def _outcome_tab(self) -> QWidget:
        form = QFormLayout()
        self.fields.add_row(form, "outcome", N_("Outcome"), QPlainTextEdit())
        self.fields.add_row(
            form, "fed_into_decision", N_("Fed into a local decision or plan"), QCheckBox()
        )
        note = QPlainTextEdit()
        note.setMaximumHeight(90)
        self.fields.add_row(form, "decision_note", N_("Which decision or plan"), note)
        tab = QWidget()
        tab.setLayout(form)
        return tab

    def _grid_edited(self) -> None:
        # While the total agrees with the grid (0 and 0 in a new activity), it follows the
        # grid: a person who fills the grid is not refused for a total left at 0. A total
        # typed to differ stays, and the check below says so.
        grid = self.grid.total()
        if not self.read_only and self.total.value() == self._grid_before:
            self.total.setValue(grid)
        self._grid_before = grid
        # Save's message about the total no longer holds once a count changes; the live check
        # below says how the grid and the total compare now.
        self.fields.fields["participants_total"].error.show_message(None)
        self._update_check()

    def show_validation(self, error: ValidationError) -> None:
        super().show_validation(error)
        self._update_check()

    def _update_check(self) -> None:
        # While Save's fuller message about the total is shown, the short check stays silent:
        # the person reads the mismatch once.
        explained = bool(self.fields.fields["participants_total"].error.text())
        self.check.setVisible(not explained)
        grid, total = self.grid.total(), self.total.value()
        counts = {**self.grid.values(), "participants_total": total, "marginalised": 0}
        matches = grid_problem(counts) is None
        self.check.setProperty("ok", matches)
        self.check.style().unpolish(self.check)
        self.check.style().polish(self.check)
        if matches:
            self.check.setText(_("The grid adds up to the number of participants."))
        else:
            self.check.setText(
                _("The grid adds up to {grid}, the participants are {total}.").format(
                    grid=format_number(grid), total=format_number(total)
                )
            )
        self.use_grid.setVisible(not matches and not self.read_only)

    def reload(self) -> None:
        """Show the stored values again (after a restore from the history)."""
        assert self.record_id is not None
        activity = youth.get_activity(self.ctx, self.record_id)
        self.fields.set_values({n: getattr(activity, n) for n in youth.ACTIVITY_FIELDS})

    def persist(self) -> str:
        if self.record_id is None:
            return youth.create_activity(self.ctx, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            youth.update_activity(self.ctx, self.record_id, changes)
        return self.record_id

    def _ensure_saved(self) -> str | None:
        """The activity's id, saving it first when it is new (None when refused)."""
        if self.record_id is not None:
            return self.record_id
        if run_guarded(self, self._persist, self.show_validation):
            self.saved.emit(self.record_id or "")
            self.retranslate()
            return self.record_id
        return None

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(
            _("New youth activity") if self.record_id is None else _("Youth activity")
        )
        titles = (_("Activity"), _("Participants"), _("Outcome"), _("Attachments"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.attachments_tab.retranslate()
        self.grid_title.setText(_("Participants by gender and age band (counts only, never names)"))
        self.groups_title.setText(
            _("Participants by inclusion group (a person may count in several groups)")
        )
        self.use_grid.setText(_("Use the grid's total"))
        self.grid.retranslate()
        self._update_check()
