"""Participants by gender and age band: a grid that totals itself as it is typed in.

Every cell is a field of its own (``n_female_u15`` ...), so the service's messages about a
cell land under the grid; the live totals tell a person before saving whether the grid adds up
to the head count.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QWidget

from hubdesk.domain.enums import AgeBand, Gender, count_column
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_number
from hubdesk.services.rules.base import COUNT_MAX
from hubdesk.services.rules.youth import grid_total
from hubdesk.ui.enter_moves import enter_moves_down


class YouthGrid(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: dict[str, QSpinBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        self.band_labels = [QLabel(self) for _band in AgeBand]
        self.gender_labels = [QLabel(self) for _gender in Gender]
        self.row_totals = [QLabel(self) for _gender in Gender]
        self.column_totals = [QLabel(self) for _band in AgeBand]
        self.total_title, self.grand_total = QLabel(self), QLabel(self)
        self.total_row_title = QLabel(self)
        for column, label in enumerate(self.band_labels, start=1):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label, 0, column)
        self.total_title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.total_title, 0, len(AgeBand) + 1)
        for row, gender in enumerate(Gender, start=1):
            layout.addWidget(self.gender_labels[row - 1], row, 0)
            for column, band in enumerate(AgeBand, start=1):
                spin = QSpinBox(self)
                spin.setRange(0, COUNT_MAX)
                spin.setAlignment(Qt.AlignmentFlag.AlignRight)
                spin.valueChanged.connect(self._recount)
                enter_moves_down(spin, partial(self._cell_below, gender, band))
                self.cells[count_column(gender, band)] = spin
                layout.addWidget(spin, row, column)
            layout.addWidget(self.row_totals[row - 1], row, len(AgeBand) + 1)
        last = len(Gender) + 1
        layout.addWidget(self.total_row_title, last, 0)
        for column, label in enumerate(self.column_totals, start=1):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label, last, column)
        layout.addWidget(self.grand_total, last, len(AgeBand) + 1)
        for label in (*self.row_totals, self.grand_total):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumWidth(48)
        self.grand_total.setObjectName("gridTotal")
        self.retranslate()

    def _cell_below(self, gender: Gender, band: AgeBand) -> QWidget | None:
        """The same age band a row down; None on the last row (Enter stays there)."""
        genders = list(Gender)
        row = genders.index(gender) + 1
        return self.cells[count_column(genders[row], band)] if row < len(genders) else None

    def total(self) -> int:
        return grid_total(self.values())

    def values(self) -> dict[str, int]:
        return {name: spin.value() for name, spin in self.cells.items()}

    def _recount(self) -> None:
        for row, gender in enumerate(Gender):
            n = sum(self.cells[count_column(gender, band)].value() for band in AgeBand)
            self.row_totals[row].setText(format_number(n))
        for column, band in enumerate(AgeBand):
            n = sum(self.cells[count_column(gender, band)].value() for gender in Gender)
            self.column_totals[column].setText(format_number(n))
        self.grand_total.setText(format_number(self.total()))
        self.changed.emit()

    def setReadOnly(self, read_only: bool) -> None:
        for spin in self.cells.values():
            spin.setReadOnly(read_only)

    def retranslate(self) -> None:
        for label, band in zip(self.band_labels, AgeBand, strict=True):
            label.setText(band.label)
        for label, gender in zip(self.gender_labels, Gender, strict=True):
            label.setText(gender.label)
        for name, spin in self.cells.items():
            gender_code, band_code = name.removeprefix("n_").split("_", 1)
            spin.setAccessibleName(
                _("{gender}, {age}").format(
                    gender=Gender(gender_code).label, age=AgeBand(band_code).label
                )
            )
        self.total_title.setText(_("Total"))
        self.total_row_title.setText(_("Total"))
        self._recount()
