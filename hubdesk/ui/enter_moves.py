"""Enter in a grid of number fields goes to the field below, as in a spreadsheet.

A spin box or radio button takes no Enter of its own, so in an editor the key reached the
dialog and pressed its default button: a person who typed 7 in a cell of a youth activity's
grid (or a meeting's number of guests, or a member's attendance) and pressed Enter saved and
closed the whole form with the rest of the grid still to fill in. Now the field below gets the
focus with its number selected (leaving the field takes what was typed, as Tab does); on the
last row Enter stays. Ctrl+S and the Save button still save the form.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from hubdesk.ui.enter_opens import ENTER_KEYS


def is_enter(event: QKeyEvent) -> bool:
    """Enter or Return without a modifier (the keypad's Enter carries one of its own)."""
    return event.key() in ENTER_KEYS and not (
        event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    )


class _EnterMoves(QObject):
    def __init__(self, field: QWidget, below: Callable[[], QWidget | None]) -> None:
        super().__init__(field)  # lives as long as the field
        self.field, self.below = field, below
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not is_enter(event):
            return False
        target = self.below()
        if target is not None:  # leaving the field takes what was typed, as Tab does
            target.setFocus(Qt.FocusReason.TabFocusReason)  # a spin box selects its number
        return True


def enter_moves_down(field: QWidget, below: Callable[[], QWidget | None]) -> None:
    """Enter in ``field`` takes what was typed and moves to ``below()`` (None: stays)."""
    _EnterMoves(field, below)
