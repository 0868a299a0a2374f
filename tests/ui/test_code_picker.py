"""The themes and audiences button: a long choice in a narrow form is elided, never cut."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.domain.community import Audience
from hubdesk.ui.code_picker import CodePicker

EVERYONE = [a.value for a in Audience]


def picker_in(qtbot: QtBot, width: int) -> tuple[QWidget, CodePicker]:
    holder = QWidget()
    qtbot.addWidget(holder)
    picker = CodePicker(Audience, "Choose who took part", holder)
    QHBoxLayout(holder).addWidget(picker)
    picker.set_value(EVERYONE)
    holder.setFixedWidth(width)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, picker


def test_a_long_choice_is_elided_to_the_width_it_has(qtbot: QtBot) -> None:
    holder, picker = picker_in(qtbot, 260)
    assert picker.isVisible() and picker.width() < 260
    assert picker.sizeHint().width() <= picker.width() + 2, "the text would be cut"
    assert picker.text().endswith("…")
    assert picker.toolTip() == ", ".join(a.label for a in Audience)  # all of it, on hover
    narrow = picker.text()
    holder.setFixedWidth(420)
    qtbot.waitUntil(lambda: len(picker.text()) > len(narrow))  # wider, it shows more
    assert picker.sizeHint().width() <= picker.width() + 2


def test_a_short_choice_is_shown_whole(qtbot: QtBot) -> None:
    _holder, picker = picker_in(qtbot, 420)
    picker.set_value(["parents"])
    assert picker.text() == Audience.PARENTS.label
    picker.set_value([])
    assert picker.text() == "Choose who took part"
