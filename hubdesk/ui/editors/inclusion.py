"""The inclusion group counts of a form (youth activities, community activities): five count
boxes in a compact grid of label and box pairs, registered with the form so that a rule book
problem ("5 counted in this group, but only 3 participants") lands under its box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from hubdesk.domain.enums import InclusionGroup
from hubdesk.domain.pillars import inclusion_column
from hubdesk.ui.forms import FieldSet
from hubdesk.ui.widgets import ErrorLabel

COLUMNS = 2  # pairs per line: fits the form at 1366 px with the longest label


def inclusion_counts(fields: FieldSet, box: Callable[[], QSpinBox]) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    grid.setVerticalSpacing(4)
    for index, group in enumerate(InclusionGroup):
        spin = box()
        label = QLabel()
        label.setWordWrap(True)
        label.setBuddy(spin)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(spin)
        error = ErrorLabel(holder)
        column.addWidget(error)
        fields.register(inclusion_column(group), group.labels()[group], spin, error, label)
        row, pair = divmod(index, COLUMNS)
        grid.addWidget(label, row, 2 * pair)
        grid.addWidget(holder, row, 2 * pair + 1)
    for pair in range(COLUMNS):
        grid.setColumnStretch(2 * pair, 1)
    return grid
