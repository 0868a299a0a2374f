"""The money field turns what a person types into minor units by HubDesk's table, not Babel's."""

from __future__ import annotations

import pytest
from gui import press_key, show_window, type_into
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.ui.widgets import MoneyField


def typed(qtbot: QtBot, currency: str, text: str) -> MoneyField:
    field = MoneyField(currency)
    qtbot.addWidget(field)
    show_window(qtbot, field)
    type_into(qtbot, field, text)
    press_key(qtbot, field, Qt.Key.Key_Tab)
    return field


@pytest.mark.parametrize(
    ("currency", "text", "minor"),
    [("RSD", "123456", 123456), ("ALL", "2500", 2500), ("MKD", "1234.56", 123456),
     ("EUR", "1234.5", 123450), ("BAM", "7", 700)],
)  # fmt: skip
def test_typed_amounts_are_stored_by_hubdesks_digits(
    qtbot: QtBot, other_babel_digits: dict[str, int], currency: str, text: str, minor: int
) -> None:
    field = typed(qtbot, currency, text)
    assert field.decimals() == {"RSD": 0, "ALL": 0}.get(currency, 2)
    assert field.minor() == minor
    shown = MoneyField(currency)
    qtbot.addWidget(shown)
    shown.set_minor(minor)  # a stored amount, loaded into a form, comes back as it was typed
    assert shown.minor() == minor
