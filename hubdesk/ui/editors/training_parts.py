"""Parts of the training editor: the profession × gender grid that totals itself, the inclusion
counts, and the team members who took part (with their role)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Gender, Profession
from hubdesk.domain.trainings import TrainingRole, profession_column
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_number
from hubdesk.services.rules.base import COUNT_MAX
from hubdesk.services.rules.trainings import head_count


def count_spin(parent: QWidget | None = None) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, COUNT_MAX)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class ProfessionGrid(QWidget):
    """Participants by profession (rows) and gender (columns), with totals as it is typed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: dict[str, QSpinBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        self.gender_labels = [QLabel(self) for _g in Gender]
        self.profession_labels = [QLabel(self) for _p in Profession]
        self.row_totals = [QLabel(self) for _p in Profession]
        self.column_totals = [QLabel(self) for _g in Gender]
        self.total_title, self.total_row_title = QLabel(self), QLabel(self)
        self.grand_total = QLabel(self)
        self.grand_total.setObjectName("gridTotal")
        for column, label in enumerate(self.gender_labels, start=1):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label, 0, column)
        layout.addWidget(self.total_title, 0, len(Gender) + 1)
        for row, profession in enumerate(Profession, start=1):
            layout.addWidget(self.profession_labels[row - 1], row, 0)
            for column, gender in enumerate(Gender, start=1):
                spin = count_spin(self)
                spin.valueChanged.connect(self._recount)
                self.cells[profession_column(profession, gender)] = spin
                layout.addWidget(spin, row, column)
            layout.addWidget(self.row_totals[row - 1], row, len(Gender) + 1)
        last = len(Profession) + 1
        layout.addWidget(self.total_row_title, last, 0)
        for column, label in enumerate(self.column_totals, start=1):
            layout.addWidget(label, last, column)
        layout.addWidget(self.grand_total, last, len(Gender) + 1)
        for label in (*self.row_totals, *self.column_totals, self.grand_total, self.total_title):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumWidth(48)
        layout.setColumnStretch(0, 3)
        for column in range(1, len(Gender) + 1):
            layout.setColumnStretch(column, 1)
        self.retranslate()

    def values(self) -> dict[str, int]:
        return {name: spin.value() for name, spin in self.cells.items()}

    def total(self) -> int:
        return head_count(self.values())

    def _recount(self) -> None:
        for row, profession in enumerate(Profession):
            n = sum(self.cells[profession_column(profession, g)].value() for g in Gender)
            self.row_totals[row].setText(format_number(n))
        for column, gender in enumerate(Gender):
            n = sum(self.cells[profession_column(p, gender)].value() for p in Profession)
            self.column_totals[column].setText(format_number(n))
        self.grand_total.setText(format_number(self.total()))
        self.changed.emit()

    def setReadOnly(self, read_only: bool) -> None:
        for spin in self.cells.values():
            spin.setReadOnly(read_only)

    def retranslate(self) -> None:
        for label, gender in zip(self.gender_labels, Gender, strict=True):
            label.setText(gender.label)
        for label, profession in zip(self.profession_labels, Profession, strict=True):
            label.setText(profession.label)
        for profession in Profession:
            for gender in Gender:
                self.cells[profession_column(profession, gender)].setAccessibleName(
                    _("{profession}, {gender}").format(
                        profession=profession.label, gender=gender.label
                    )
                )
        self.total_title.setText(_("Total"))
        self.total_row_title.setText(_("Total"))
        self._recount()


class MembersPicker(QScrollArea):
    """The municipality's team members, each with a box "took part" and the role they had.
    Its value is {member id: role} of those ticked."""

    changed = Signal()

    def __init__(self, members: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget(self)
        layout = QGridLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        self.boxes: dict[str, QCheckBox] = {}
        self.roles: dict[str, QComboBox] = {}
        for row, (member_id, name) in enumerate(members):
            box = QCheckBox(name, inner)
            role = QComboBox(inner)
            for r in TrainingRole:
                role.addItem("", r.value)
            role.setEnabled(False)
            box.toggled.connect(lambda on, combo=role: self._ticked(combo, on))
            role.currentIndexChanged.connect(lambda _i: self.changed.emit())
            layout.addWidget(box, row, 0)
            layout.addWidget(role, row, 1)
            self.boxes[member_id], self.roles[member_id] = box, role
        layout.setColumnStretch(0, 1)
        layout.setRowStretch(len(members), 1)
        self.empty = QLabel(inner)
        self.empty.setWordWrap(True)
        self.empty.setVisible(not members)
        layout.addWidget(self.empty, len(members) + 1, 0, 1, 2)
        self.setWidget(inner)
        self.read_only = False
        self.retranslate()

    def _ticked(self, combo: QComboBox, on: bool) -> None:
        combo.setEnabled(on and not self.read_only)
        self.changed.emit()

    def value(self) -> dict[str, str]:
        return {
            member_id: str(self.roles[member_id].currentData())
            for member_id, box in self.boxes.items()
            if box.isChecked()
        }

    def set_value(self, value: dict[str, str] | None) -> None:
        value = value or {}
        for member_id, box in self.boxes.items():
            combo = self.roles[member_id]
            combo.setCurrentIndex(max(0, combo.findData(value.get(member_id, "participant"))))
            box.setChecked(member_id in value)
            combo.setEnabled(box.isChecked() and not self.read_only)

    def setReadOnly(self, read_only: bool) -> None:
        self.read_only = read_only
        for member_id, box in self.boxes.items():
            box.setEnabled(not read_only)
            self.roles[member_id].setEnabled(box.isChecked() and not read_only)

    def retranslate(self) -> None:
        for combo in self.roles.values():
            for index, role in enumerate(TrainingRole):
                combo.setItemText(index, role.label)
        self.empty.setText(_("No team members recorded yet."))


def vbox(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
