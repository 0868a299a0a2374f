"""What the Exchanges and Good practices pages share: their tables, button rows and the
refresh after a change."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hubdesk.i18n import _
from hubdesk.ui import dialogs
from hubdesk.ui.forms import run_guarded


def list_table(
    parent: QWidget, name: str, columns: int, multi: bool = False, stretch: tuple[int, ...] = (2,)
) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setTabKeyNavigation(False)  # Tab leaves the list (as RecordTable)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode
    table.setSelectionMode(mode.ExtendedSelection if multi else mode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    for column in range(columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:  # long texts share the width left; short ones keep theirs
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[str]], numbers: tuple[int, ...] = ()) -> None:
    """Rows of texts; the ``numbers`` columns right-aligned, as in every other list."""
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    table.setRowCount(len(rows))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if c in numbers:
                item.setTextAlignment(right)
            table.setItem(r, c, item)


def selected_rows(table: QTableWidget) -> list[int]:
    return sorted({i.row() for i in table.selectionModel().selectedRows()})


class Buttons:
    """A row of push buttons named ``<prefix>_<key>``."""

    def __init__(self, owner: QWidget, prefix: str, actions: dict[str, Any]) -> None:
        self.row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in actions.items():
            button = QPushButton(owner)
            button.setObjectName(f"{prefix}_{key}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
            self.row.addWidget(button)
        self.row.addStretch(1)

    def __getitem__(self, key: str) -> QPushButton:
        return self.buttons[key]


def changed(page: QWidget, what: str) -> None:
    page.refresh()  # type: ignore[attr-defined]
    window = page.window()
    if hasattr(window, "data_changed"):
        window.data_changed(what)


def run_action(page: QWidget, action: Any, what: str) -> bool:
    def refused(error: Any) -> None:
        dialogs.show_error(page, _("Not saved"), error.message)

    if run_guarded(page, action, refused):
        changed(page, what)
        return True
    return False


def hint(text: str) -> str:
    """What the empty panel beside a list says until a row is chosen (grey, as the hints)."""
    return f'<p style="color:#55616c">{escape(text)}</p>'
