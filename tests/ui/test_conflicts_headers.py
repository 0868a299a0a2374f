"""The conflicts tab with none to review: its table's headers are read whole in every
language (Serbian Cyrillic's "Тренутна верзија" was cut to "енутна верзи")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from gui import show_window
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.ui.pages.sync_conflicts import ConflictsTab


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize("lang", ["en", "sq", "sr_Cyrl", "mk"])
def test_empty_conflicts_show_their_headers_whole(qtbot: QtBot, small_team: Any, lang: str) -> None:
    i18n.set_language(lang)
    tab = ConflictsTab(small_team.ctx, lambda *_a: None, lambda: None)
    tab.resize(1000, 600)
    show_window(qtbot, tab)
    tab.retranslate()  # as the Sync page does, then reads the conflicts
    tab.refresh()
    header = tab.versions.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(tab.versions.columnCount()):
        title = tab.versions.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
