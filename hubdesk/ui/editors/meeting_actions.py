"""The action-items tab of a meeting: this meeting's items, and the previous meeting's open ones.

Items are separate records with their own editor, so changes here are saved at once (the
meeting itself must exist first: the dialog saves its details before the first item is added).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain import ActionItem
from hubdesk.domain.enums import ActionStatus, label
from hubdesk.i18n import _, pgettext
from hubdesk.i18n.formatting import format_date
from hubdesk.services import actions
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.ui import dialogs
from hubdesk.ui.editors.action_item import ActionItemDialog
from hubdesk.ui.forms import PERSON_ERRORS
from hubdesk.ui.listpage import RecordTable
from hubdesk.ui.models.meetings import (
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
    ActionItemTableModel,
    MemberNames,
    is_overdue,
)


class MeetingActions(QWidget):
    """Action items of one meeting. ``ensure_meeting()`` returns the meeting id, saving first."""

    changed = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        ensure_meeting: Callable[[], str | None],
        owners: Callable[[], list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.ensure_meeting, self.owners = ctx, ensure_meeting, owners
        self.meeting_id: str | None = None
        self.model = ActionItemTableModel(ctx, actions.ActionItemFilter(meeting_id="-"))
        self.table = RecordTable(self.model, self)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.open_requested.connect(self.edit_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        self.add_button, self.edit_button = QPushButton(self), QPushButton(self)
        self.done_button, self.delete_button = QPushButton(self), QPushButton(self)
        self.add_button.clicked.connect(self.add_item)
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button.clicked.connect(self.complete_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        # Open, Mark done and Delete act on the item chosen: pressed with none they did nothing
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._offer_item_buttons())
        self.model.modelReset.connect(self._offer_item_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (self.add_button, self.edit_button, self.done_button, self.delete_button):
            buttons.addWidget(button)

        self.previous_box = QGroupBox(self)
        self.previous = QTableWidget(0, 4, self.previous_box)
        self.previous.verticalHeader().hide()
        self.previous.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.previous.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.previous.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.previous_done = QPushButton(self.previous_box)
        self.previous_done.clicked.connect(self.complete_previous)
        # offered once an item is chosen: pressed with none, it did nothing and said nothing
        self.previous.itemSelectionChanged.connect(self._offer_previous_done)
        self.read_only = False
        previous_layout = QVBoxLayout(self.previous_box)
        previous_layout.addWidget(self.previous)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.previous_done)
        previous_layout.addLayout(row)
        self.previous_items: list[ActionItem] = []
        self._offer_item_buttons()

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.previous_box, 2)
        self.retranslate()

    def load(self, meeting_id: str | None, previous: list[ActionItem]) -> None:
        self.meeting_id = meeting_id
        self.model.set_filter(actions.ActionItemFilter(meeting_id=meeting_id or "-"))
        self.model.refresh()
        self.previous_items = previous
        names = MemberNames(self.ctx)
        self.previous.setRowCount(len(previous))
        for row, item in enumerate(previous):
            cells = (
                item.title,
                names(item.owner_member_id),
                format_date(item.due_on, fmt="short"),
                label(item.status, ActionStatus),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if is_overdue(item):
                    cell.setBackground(OVERDUE_BACKGROUND)
                    cell.setForeground(OVERDUE_TEXT)
                self.previous.setItem(row, column, cell)
        self.previous_box.setVisible(bool(previous))
        self._offer_previous_done()
        self.retranslate()

    def add_item(self) -> None:
        meeting_id = self.ensure_meeting()
        if meeting_id is None:
            return
        if meeting_id != self.meeting_id:
            self.meeting_id = meeting_id
            self.model.set_filter(actions.ActionItemFilter(meeting_id=meeting_id))
            self.retranslate()
        self._edit(None)

    def edit_selected(self) -> None:
        item_id = self.table.current_id()
        if item_id and self.meeting_id:
            self._edit(item_id)

    def _edit(self, item_id: str | None) -> None:
        assert self.meeting_id is not None
        dialog = ActionItemDialog(
            self.ctx, meeting_id=self.meeting_id, owners=self.owners(), item_id=item_id, parent=self
        )
        if dialog.exec():
            self._after_change()

    def complete_selected(self) -> None:
        item_id = self.table.current_id()
        if item_id:
            self._call(lambda: actions.complete_action_item(self.ctx, item_id))

    def complete_previous(self) -> None:
        row = self.previous.currentRow()
        if 0 <= row < len(self.previous_items):
            item = self.previous_items[row]
            if self._call(lambda: actions.complete_action_item(self.ctx, item.id)):
                self.previous.removeRow(row)
                del self.previous_items[row]
                self._offer_previous_done()

    def _offer_previous_done(self) -> None:
        chosen = bool(self.previous.selectedItems()) and self.previous.currentRow() >= 0
        self.previous_done.setEnabled(chosen and not self.read_only)

    def _offer_item_buttons(self) -> None:
        chosen = self.table.current_id() is not None
        for button in (self.edit_button, self.done_button, self.delete_button):
            button.setEnabled(chosen and not self.read_only)

    def delete_selected(self) -> None:
        item_id = self.table.current_id()
        if not item_id:
            return
        record = actions.get_action_item(self.ctx, item_id)
        what = _("action item “{name}”").format(name=record.title)
        if dialogs.confirm_delete(self, what):
            self._call(lambda: actions.delete_action_item(self.ctx, item_id))

    def _call(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Not saved"), getattr(error, "message", str(error)))
            return False
        self._after_change()
        return True

    def _after_change(self) -> None:
        self.model.refresh()
        self.changed.emit()

    def setReadOnly(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        self.read_only = read_only
        self._offer_item_buttons()
        self._offer_previous_done()

    def retranslate(self) -> None:
        self.note.setText(
            _("Action items are saved as soon as you add or change them.")
            if self.meeting_id
            else _("Adding the first action item saves the meeting's details first.")
        )
        self.add_button.setText(_("New action item"))
        self.edit_button.setText(pgettext("button", "Open"))
        self.done_button.setText(_("Mark done"))
        self.delete_button.setText(_("Delete"))
        self.previous_box.setTitle(_("Still open from the previous meeting of this team"))
        self.previous.setHorizontalHeaderLabels([_("Action"), _("Owner"), _("Due on"), _("Status")])
        self.previous.setAccessibleName(_("Still open from the previous meeting of this team"))
        self.previous_done.setText(_("Mark done"))
        self.table.setAccessibleName(_("Action items"))
        self.model.retranslate()
