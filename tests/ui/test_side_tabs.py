"""The fund proposal editor as a person meets it at 1366×768: its dozen tabs stand down the
left side, every one whole and opening with a click, in the long languages too (in a row, a third
of them hid behind scroll arrows); a long title shows its beginning."""

from __future__ import annotations

from typing import Any

import pytest
from gui import open_tab
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.side_tabs import SideTabBar


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "sr_Cyrl"])
def test_every_proposal_tab_shows_whole_and_opens(qtbot: QtBot, small_team: Any, lang: str) -> None:
    previous = i18n.current_language()
    i18n.set_language(lang)
    try:
        dialog = ProposalDialog(small_team.ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        bar = dialog.tabs.tabBar()
        assert isinstance(bar, SideTabBar) and dialog.tabs.count() >= 12
        metrics = bar.fontMetrics()
        for index in range(bar.count()):
            rect, title = bar.tabRect(index), bar.tabText(index)
            assert bar.rect().contains(rect), (title, rect, bar.rect())
            assert metrics.horizontalAdvance(title) <= rect.width(), (lang, title, rect)
            assert bar.tabToolTip(index) == title
            open_tab(qtbot, dialog.tabs, index)
    finally:
        i18n.set_language(previous)


def test_a_long_title_shows_its_beginning(qtbot: QtBot, small_team: Any) -> None:
    """An editor opened on a record shows the start of a title longer than its field (it
    showed the last words, as if the person had just typed them)."""
    from hubdesk.ui.forms import write_value

    dialog = ProposalDialog(small_team.ctx)
    qtbot.addWidget(dialog)
    title = dialog.fields.fields["title"].widget
    write_value(title, "Safe schools for every family in the municipality " * 3)
    assert title.cursorPosition() == 0  # type: ignore[attr-defined]
