"""A form's label has room for every line it wraps to, beside any kind of field.

A label of two lines beside a field of one line (a drop-down, a check box) was given the
field's height and cut at the top and bottom ("Обука на обучувачи" in the training editor in
Macedonian)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from gui import show_window
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.editors.training import TrainingDialog

EDITORS = {
    "training": TrainingDialog,
    "member": MemberDialog,
    "meeting": MeetingDialog,
    "youth activity": ActivityDialog,
    "fund proposal": ProposalDialog,
}


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize("lang", ["mk", "sq"])
@pytest.mark.parametrize("kind", list(EDITORS))
def test_no_label_is_cut(qtbot: QtBot, small_team: Any, kind: str, lang: str) -> None:
    i18n.set_language(lang)
    dialog = EDITORS[kind](small_team.ctx)
    dialog.resize(1297, 640)  # as big as the editors open at 1366x768
    show_window(qtbot, dialog)
    cut = [
        (field.label.text(), field.label.height(), field.label.heightForWidth(field.label.width()))
        for field in dialog.fields.fields.values()
        if field.label.isVisible() and field.label.text()
        and field.label.height() < field.label.heightForWidth(field.label.width())
    ]  # fmt: skip
    assert cut == []
