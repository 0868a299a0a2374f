"""An editor opened with the keyboard: typing starts in the form, Tab ends on the buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from gui import press_key
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.forms import EditorDialog

EDITORS: dict[str, tuple[Callable[[ServiceContext], EditorDialog], str]] = {
    "member": (MemberDialog, "name"),
    "meeting": (MeetingDialog, "team_id"),
    "youth activity": (ActivityDialog, "title"),
    "fund proposal": (ProposalDialog, "reference"),
}


def tab_walk(qtbot: QtBot, dialog: QWidget, presses: int = 80) -> list[QWidget]:
    """The widgets the focus visits, in order, as Tab is pressed where the focus is."""
    visited: list[QWidget] = []
    for _press in range(presses):
        focused = dialog.focusWidget()
        assert focused is not None and dialog.isAncestorOf(focused)
        if not visited or visited[-1] is not focused:
            visited.append(focused)
        press_key(qtbot, focused, Qt.Key.Key_Tab)
    return visited


@pytest.mark.parametrize("kind", list(EDITORS))
def test_typing_starts_in_the_first_field_and_the_buttons_come_last(
    qtbot: QtBot, small_team: Any, kind: str
) -> None:
    """Before, the focus opened on Save (typed letters went nowhere) and Tab went Save, the
    other buttons, the fields, then Cancel."""
    make, first = EDITORS[kind]
    dialog = make(small_team.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    first_field = dialog.fields.fields[first].widget
    focused = dialog.focusWidget()
    assert focused is first_field or first_field.isAncestorOf(focused)
    visited = tab_walk(qtbot, dialog)
    save, cancel = dialog.save_button, dialog.cancel_button
    assert save in visited and cancel in visited
    start = visited.index(save)
    assert visited.index(cancel) > start
    buttons = [w for w in visited[:start] if dialog.buttons.isAncestorOf(w)]
    assert buttons == []  # every field before the first button
