"""Keyboard order in an editor: the form first, its buttons last.

An editor's Save and Cancel buttons are made before the form its subclass builds, so Qt put them
first in the Tab order: a dialog opened with the keyboard had its focus on Save (typing went
nowhere, a name had to be reached with two or three Tabs), and Tab went Save, History, the
fields, then Cancel. Here the buttons follow the form's last field, in the order they are shown,
and the first field of the form takes the focus. In a text box Tab goes on to the next field
too, as in the fund and call editors (before, the member's notes, a meeting's agenda and minutes
and a youth activity's partners took a Tab as a character: a keyboard user was stuck there).
Tables in a form let Tab go on as well (arrows move in them): Qt's default moved from cell to
cell and back to the first, so a meeting's attendance and decisions, a proposal's work plan,
budget and spending, and every list of attachments held the keyboard for good.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def tab_in_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (each moved just after the one before;
    the rest of the window's chain follows the last)."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)


def _takes_tab(widget: QWidget, window: QWidget) -> bool:
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isEnabled()
        and widget.isVisibleTo(window)
        and widget.focusProxy() is None
    )


def form_chain(content: QWidget) -> list[QWidget]:
    """The widgets of ``content`` a Tab reaches, in today's Tab order."""
    window = content.window()
    chain: list[QWidget] = []
    widget = content.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and id(widget) not in seen and widget is not content:
        seen.add(id(widget))
        if content.isAncestorOf(widget) and _takes_tab(widget, window):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def buttons_last_first_field_focused(
    dialog: QWidget, content: QWidget, buttons: QDialogButtonBox
) -> None:
    """Put ``buttons`` after the last field of ``content`` and focus its first field (a tab
    bar is passed over: the person wants to type, and Ctrl+Tab still changes tab).

    Qt orders a window's Tab chain as its widgets were made and moves a widget given a new
    parent to its end; a pass through another parent puts the buttons (and any added later)
    after the form.
    """
    for box in content.findChildren(QPlainTextEdit) + content.findChildren(QTextEdit):
        box.setTabChangesFocus(True)
    for view in content.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
    passing = QWidget(dialog)
    buttons.setParent(passing)
    buttons.setParent(dialog)
    passing.deleteLater()
    chain = form_chain(content)
    if chain:
        first = next((w for w in chain if _types_into(w)), chain[0])
        first.setFocus(Qt.FocusReason.OtherFocusReason)


def _types_into(widget: QWidget) -> bool:
    """A field the person can type into first: not a tab bar, not hidden (the hub's words on a
    practice it has not answered yet), not read-only."""
    if isinstance(widget, QTabBar) or widget.isHidden():
        return False
    read_only = getattr(widget, "isReadOnly", None)
    return not (callable(read_only) and read_only())
