"""Who came to a meeting (present / excused / absent per member) and guests by organisation.

Guests are counted, never named: an organisation and a number per line.

The grid's buttons do not form Qt's usual exclusive group (a wrong click must be undoable to
"not recorded"), and Qt gives the arrow keys only to exclusive groups while letting Tab reach
one button per member: with the keyboard a member could be marked present and nothing else.
The arrows move between the statuses and the members here, Enter to the member below (it
pressed the form's Save), and the focused button is highlighted (a radio button without text
showed no focus at all).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import AttendanceStatus
from hubdesk.i18n import N_, _, ngettext
from hubdesk.services.meetings import FormerAttendance
from hubdesk.services.rules.base import GUESTS_MAX
from hubdesk.ui.enter_moves import enter_moves_down, is_enter

STATUSES = tuple(AttendanceStatus)
DELETED_TIP = N_(
    "This member was deleted from the team. What was recorded for them at this meeting is "
    "kept, and the minutes and attendance rates count it."
)
MOVED_TIP = N_(
    "This member moved to another team after this meeting. What was recorded for them at this "
    "meeting is kept, and the minutes and attendance rates count it."
)
ARROWS = {
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
}


class StatusButton(QRadioButton):
    """One member's one status; an arrow key moves to the status or member beside it."""

    def __init__(self, grid: AttendanceGrid, row: int, status: int) -> None:
        super().__init__()
        self.setObjectName("attendanceStatus")
        self.grid, self.row, self.status = grid, row, status

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_enter(event):  # the member below, as in a spreadsheet; not the form's Save
            self.grid.focus_status(self.row + 1, self.status)
            event.accept()
            return
        step = ARROWS.get(Qt.Key(event.key()))
        if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        self.grid.focus_status(self.row + step[0], self.status + step[1])
        event.accept()


class AttendanceGrid(QWidget):
    """One row per team member with a radio button per status; no button means not recorded."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 1 + len(STATUSES), self)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 1 + len(STATUSES)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.all_present = QPushButton(self)
        self.all_present.clicked.connect(self.mark_all_present)
        self.summary = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.all_present)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.member_ids: list[str] = []
        self.former: list[FormerAttendance] = []
        self.groups: list[QButtonGroup] = []
        self.retranslate()

    def set_members(
        self,
        members: list[tuple[str, str]],
        statuses: Mapping[str, str | None],
        former: Sequence[FormerAttendance] = (),
    ) -> None:
        """``members`` are (id, name) pairs in display order; ``former`` the rows of members
        deleted or moved to another team since, which the minutes and the rates still count:
        shown below, marked and unchangeable, and never part of ``value``."""
        self.member_ids = [member_id for member_id, _name in members]
        self.former = list(former)
        for old in self.groups:
            old.deleteLater()
        self.groups = []
        self.table.setRowCount(0)  # drops the previous team's buttons with their rows
        self.table.setRowCount(len(members) + len(self.former))
        previous: QWidget = self.table  # Tab goes from the grid to its buttons, row by row
        for row, (member_id, name) in enumerate(members):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            group = QButtonGroup(self)
            group.setExclusive(False)  # so a wrong click can be undone to "not recorded"
            for column, status in enumerate(STATUSES, start=1):
                button = StatusButton(self, row, column - 1)
                button.setAccessibleName(f"{name}: {status.label}")
                button.setChecked(statuses.get(member_id) == status.value)
                group.addButton(button, column - 1)
                self._centred(row, column, button)
                QWidget.setTabOrder(previous, button)
                previous = button
            group.buttonToggled.connect(lambda button, on, g=group: self._toggled(g, button, on))
            self.groups.append(group)
        for row, kept in enumerate(self.former, start=len(members)):
            self._former_row(row, kept)
        self._update_summary()

    def _former_row(self, row: int, former: FormerAttendance) -> None:
        """A deleted or moved member's stored status, greyed: it can be read, never changed
        here (their team's form is where a moved member's attendance is kept now)."""
        if former.moved_to is None:
            text, tip = _("{name} (deleted)").format(name=former.name), _(DELETED_TIP)
        else:
            text = _("{name} (moved to {team})").format(name=former.name, team=former.moved_to)
            tip = _(MOVED_TIP)
        item = QTableWidgetItem(text)
        item.setToolTip(tip)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font()
        font.setItalic(True)
        item.setFont(font)
        self.table.setItem(row, 0, item)
        for column, status in enumerate(STATUSES, start=1):
            button = QRadioButton()
            button.setAutoExclusive(False)
            button.setChecked(former.status == status.value)
            button.setEnabled(False)
            button.setAccessibleName(f"{item.text()}: {status.label}")
            button.setToolTip(tip)
            self._centred(row, column, button)

    def _centred(self, row: int, column: int, button: QRadioButton) -> None:
        """``button`` in the middle of its cell."""
        cell = QWidget()
        box = QHBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(button)
        self.table.setCellWidget(row, column, cell)

    def _toggled(self, group: QButtonGroup, button: QRadioButton, on: bool) -> None:
        if on:
            for other in group.buttons():
                if other is not button and other.isChecked():
                    other.setChecked(False)
        self._update_summary()
        self.changed.emit()

    def focus_status(self, row: int, status: int) -> None:
        """Move the focus to a member's status button (the arrow keys), if there is one."""
        if 0 <= row < len(self.groups) and 0 <= status < len(STATUSES):
            self.table.scrollTo(self.table.model().index(row, status + 1))
            self.groups[row].buttons()[status].setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for member_id, group in zip(self.member_ids, self.groups, strict=True):
            # Not checkedId(): a non-exclusive group does not track buttons checked before
            # they joined it.
            checked = [group.id(b) for b in group.buttons() if b.isChecked()]
            out[member_id] = STATUSES[checked[0]].value if checked else None
        return out

    def set_status(self, member_id: str, status: str | None) -> None:
        group = self.groups[self.member_ids.index(member_id)]
        for index, button in enumerate(group.buttons()):
            button.setChecked(status is not None and STATUSES[index].value == status)

    def mark_all_present(self) -> None:
        for member_id, status in self.value().items():
            if status is None:
                self.set_status(member_id, AttendanceStatus.PRESENT.value)

    def setReadOnly(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        self.all_present.setEnabled(not read_only)

    def _update_summary(self) -> None:
        """Counted as the minutes count: a deleted or moved member's stored row too."""
        values = [*self.value().values(), *(former.status for former in self.former)]
        present = sum(1 for v in values if v == AttendanceStatus.PRESENT)
        self.summary.setText(
            ngettext(
                "{present} of {count} member present",
                "{present} of {count} members present",
                len(values),
            ).format(present=present, count=len(values))
        )

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Member"), *(s.label for s in STATUSES)])
        self.all_present.setText(_("Mark the others present"))
        self.table.setAccessibleName(_("Attendance"))
        self._update_summary()


class GuestTable(QWidget):
    """Guests by organisation: organisation and number per line."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_row("", 1, edit=True))
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def add_row(self, organisation: str, number: int, edit: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(organisation)
        self.table.setItem(row, 0, item)
        spin = QSpinBox()
        spin.setRange(1, GUESTS_MAX)
        spin.setValue(number)
        spin.setAccessibleName(_("Number of guests"))
        spin.valueChanged.connect(lambda _v: self.changed.emit())
        enter_moves_down(spin, lambda: self._number_below(spin))
        self.table.setCellWidget(row, 1, spin)
        self.changed.emit()
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(item)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def _number_below(self, spin: QSpinBox) -> QWidget | None:
        """The number of the guest line below ``spin``'s (lines come and go as edited)."""
        numbers = [self.table.cellWidget(row, 1) for row in range(self.table.rowCount())]
        index = numbers.index(spin) if spin in numbers else len(numbers)
        return numbers[index + 1] if index + 1 < len(numbers) else None

    def value(self) -> list[tuple[str, int]]:
        rows = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            spin = self.table.cellWidget(row, 1)
            organisation = item.text().strip() if item else ""
            number = spin.value() if isinstance(spin, QSpinBox) else 0
            rows.append((organisation, number))
        return rows

    def set_value(self, guests: list[tuple[str, int]]) -> None:
        self.table.setRowCount(0)
        for organisation, number in guests:
            self.add_row(organisation, number)

    def setReadOnly(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Guests")])
        self.table.setAccessibleName(_("Guests by organisation"))
        self.add_button.setText(_("Add organisation"))
        self.remove_button.setText(_("Remove"))
