"""Enter on a row of a list opens it, as a double-click does.

A table that is not typed into takes no Enter of its own, so in an editor the key reached the
dialog and pressed its default button: a person who chose an attached file, a budget line or a
review and pressed Enter saved and closed the whole meeting or proposal instead of opening it.
On a page the key did nothing. Qt's ``activated`` signal is not used for it: it also follows
every double-click, which opened the record a second time (``listpage.RecordTable``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterOpens(QObject):
    def __init__(self, view: QAbstractItemView, open_row: Callable[[], object]) -> None:
        super().__init__(view)  # lives as long as the view
        self.view, self.open_row = view, open_row
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.view.currentIndex().isValid()
            and self.view.state() != QAbstractItemView.State.EditingState
        ):
            self.open_row()
            return True
        return False


def opens_on_enter(view: QAbstractItemView, open_row: Callable[[], object]) -> None:
    """Enter on ``view``'s current row calls ``open_row`` (the slot its double-click calls)."""
    _EnterOpens(view, open_row)
