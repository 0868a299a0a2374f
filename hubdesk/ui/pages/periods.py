"""The Quarters page: submitting a quarter of records to the hub, and the hub's answers.

A municipality sees its quarters (due, submitted and waiting for the hub, accepted, returned,
reopened), submits an ended one and reopens a submitted or accepted one with a reason. The hub
sees every municipality's quarters and accepts or returns the submitted ones. A field laptop
only looks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Role
from hubdesk.i18n import N_, _, current_language
from hubdesk.i18n.formatting import format_datetime
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import periods
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.periods import QuarterState
from hubdesk.ui import dialogs
from hubdesk.ui.comment_dialog import CommentDialog
from hubdesk.ui.forms import PERSON_ERRORS

COLUMNS = (N_("Quarter"), N_("State"), N_("Since"), N_("Comment"))
HUB_COLUMNS = (N_("Municipality"), *COLUMNS)


class PeriodsPage(QWidget):
    help_topic: ClassVar[str] = "periods"
    changed = Signal()  # a quarter was submitted, answered or reopened here

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[tuple[str, str, QuarterState]] = []  # municipality id, name, quarter
        self.keep: tuple[str, str] | None = None  # municipality id and quarter chosen before
        # municipality id -> (name in the other script, country): names follow the language
        self.other_forms: dict[str, tuple[str, str | None]] = {}
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self._columns()), self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.submit_button = QPushButton(self)
        self.reopen_button = QPushButton(self)
        self.accept_button = QPushButton(self)
        self.return_button = QPushButton(self)
        self.submit_button.clicked.connect(self._submit)
        self.reopen_button.clicked.connect(self._reopen)
        self.accept_button.clicked.connect(self._accept)
        self.return_button.clicked.connect(self._return)
        buttons = QHBoxLayout()
        mine = ctx.role is Role.MUNICIPALITY
        for button, shown in (
            (self.submit_button, mine),
            (self.reopen_button, mine),
            (self.accept_button, ctx.is_hub),
            (self.return_button, ctx.is_hub),
        ):
            button.setVisible(shown)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.only_waiting = QCheckBox(self)  # only what needs a step from whoever looks
        self.only_waiting.toggled.connect(lambda _on: self.refresh())
        buttons.addWidget(self.only_waiting)
        # A new installation has no ended quarter: an empty list and greyed buttons said
        # nothing of why, nor when the first quarter comes.
        self.empty_note = QLabel(self)
        self.empty_note.setObjectName("hint")
        self.empty_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)
        self.refresh()

    def _columns(self) -> tuple[str, ...]:
        return HUB_COLUMNS if self.ctx.is_hub else COLUMNS

    # --- Page protocol ---------------------------------------------------------------------------

    # --- ListCommands: the dashboard's tile opens the quarters it counted ------------------------

    def new_record(self) -> None:
        """Nothing to create here (a quarter is submitted from its row)."""

    def focus_search(self) -> None:
        self.table.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        """``waiting``: only the quarters that need a step from whoever looks (the tile's)."""
        self.only_waiting.setChecked(bool(criteria.get("waiting")))

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        # The quarter chosen now stays chosen wherever the new list puts it (not the row).
        chosen = self.selected()
        self.keep = (chosen[0], chosen[2].quarter) if chosen else None
        if self.ctx.is_hub:
            towns = periods.hub_overview(self.ctx)
            self.other_forms = {t.municipality_id: (t.name_other_script, t.country) for t in towns}
            self.rows = [
                (town.municipality_id, town.name, q) for town in towns for q in town.quarters
            ]
        else:
            self.rows = [
                (self.ctx.municipality_id or "", "", q) for q in periods.own_quarters(self.ctx)
            ]
        if self.only_waiting.isChecked():
            self.rows = [row for row in self.rows if self._waits(row[2])]
        self.retranslate()

    def _waits(self, q: QuarterState) -> bool:
        return q.state == "submitted" if self.ctx.is_hub else q.to_submit

    def retranslate(self) -> None:
        self.title.setText(_("Quarters"))
        self.table.setAccessibleName(_("Quarters"))  # what a screen reader says for the list
        if self.ctx.is_hub:
            self.intro.setText(
                _(
                    "Each municipality submits its records quarter by quarter. Accept a "
                    "submitted quarter, or return it with a comment saying what to correct."
                )
            )
        else:
            self.intro.setText(
                _(
                    "Submit each ended quarter to the hub. A submitted or accepted quarter is "
                    "locked: its meetings, action items and youth activities change only after "
                    "you reopen it with a reason, which the hub sees."
                )
            )
        self.submit_button.setText(_("Submit to the hub"))
        self.reopen_button.setText(_("Reopen…"))
        self.accept_button.setText(_("Accept"))
        self.return_button.setText(_("Return…"))
        self.only_waiting.setText(
            _("Only quarters waiting for your answer")
            if self.ctx.is_hub
            else _("Only quarters to submit")
        )
        self.table.setHorizontalHeaderLabels([_(c) for c in self._columns()])
        self.empty_note.setVisible(not self.rows and not self.only_waiting.isChecked())
        self.empty_note.setText(
            _("No municipality has sent a quarter yet.")
            if self.ctx.is_hub
            else _(
                "No quarter has ended yet since this installation was set up. Each quarter "
                "is listed here, to be submitted to the hub, once it has ended."
            )
        )
        self._fill()

    # --- the table -------------------------------------------------------------------------------

    def shown_name(self, municipality_id: str, name: str) -> str:
        """A municipality's name in the script of the window's language."""
        other, country = self.other_forms.get(municipality_id, ("", None))
        return name_for_language(name, other, current_language(), country)

    def _fill(self) -> None:
        key, self.keep = self.keep, None
        if key is None:
            selected = self.selected()
            key = (selected[0], selected[2].quarter) if selected else None
        self.table.setRowCount(len(self.rows))
        for r, (_m, name, q) in enumerate(self.rows):
            when = format_datetime(q.at, time_fmt="short") if q.at else ""  # no seconds
            cells = [q.quarter, q.label, when, q.comment]
            if self.ctx.is_hub:
                cells.insert(0, self.shown_name(_m, name))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.clearSelection()  # the row a quarter left is another quarter's now
        if key is not None:
            for r, (m, _n, q) in enumerate(self.rows):
                if (m, q.quarter) == key:
                    self.table.selectRow(r)
        self._update_buttons()

    def selected(self) -> tuple[str, str, QuarterState] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        state = chosen[2] if chosen else None
        self.submit_button.setEnabled(state is not None and state.to_submit)
        self.reopen_button.setEnabled(state is not None and state.locked)
        answerable = state is not None and state.state == "submitted"
        self.accept_button.setEnabled(answerable)
        self.return_button.setEnabled(answerable)

    # --- steps -----------------------------------------------------------------------------------

    def _ask(self, title: str, prompt: str, required: bool, step: Callable[[str], object]) -> None:
        """Ask for the words and take the step with them at OK: refused, the dialog stays
        open with the words typed."""
        dialog = CommentDialog(title, prompt, required, self, act=step)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()

    def _run(self, step: Callable[[], object]) -> None:
        try:
            step()
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Quarters"), getattr(error, "message", None) or str(error))
            return
        self.refresh()
        self.changed.emit()

    def _submit(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        quarter = chosen[2].quarter
        question = _(
            "Submit the quarter {quarter} to the hub? Its records are locked until the hub "
            "returns it or you reopen it."
        ).format(quarter=quarter)
        if dialogs.confirm(self, _("Submit to the hub"), question):
            self._run(lambda: periods.submit(self.ctx, quarter))

    def _reopen(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        quarter = chosen[2].quarter
        self._ask(
            _("Reopen {quarter}").format(quarter=quarter),
            _("Why is the quarter reopened? The hub sees the reason."),
            True,
            lambda reason: periods.reopen(self.ctx, quarter, reason),
        )

    def _accept(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        town, name, q = chosen
        name = self.shown_name(town, name)
        self._ask(
            _("Accept {quarter} of {name}").format(quarter=q.quarter, name=name),
            _("A note for the municipality (optional)."),
            False,
            lambda comment: periods.accept(self.ctx, town, q.quarter, comment),
        )

    def _return(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        town, name, q = chosen
        name = self.shown_name(town, name)
        self._ask(
            _("Return {quarter} of {name}").format(quarter=q.quarter, name=name),
            _("What must the municipality correct?"),
            True,
            lambda comment: periods.return_quarter(self.ctx, town, q.quarter, comment),
        )
