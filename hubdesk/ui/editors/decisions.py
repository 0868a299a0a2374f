"""Decisions taken at a meeting: an ordered list of texts, saved with the meeting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DecisionList(QWidget):
    """Each row one decision; the row keeps the decision's id so edits update, not duplicate."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 1, self)
        self.table.verticalHeader().setVisible(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_new)
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

    def add_new(self) -> None:
        self._append(None, "")
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        assert item is not None  # _append just made it
        self.table.editItem(item)
        self.changed.emit()

    def _append(self, decision_id: str | None, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(text)
        item.setData(ID_ROLE, decision_id)
        self.table.setItem(row, 0, item)

    def set_id(self, row: int, decision_id: str) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            item.setData(ID_ROLE, decision_id)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def value(self) -> list[tuple[str | None, str]]:
        rows = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None:
                rows.append((item.data(ID_ROLE), item.text().strip()))
        return rows

    def set_value(self, decisions: list[tuple[str | None, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for decision_id, text in decisions:
            self._append(decision_id, text)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()

    def setReadOnly(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Decision")])
        self.table.setAccessibleName(_("Decisions"))
        self.add_button.setText(_("Add decision"))
        self.remove_button.setText(_("Remove"))
