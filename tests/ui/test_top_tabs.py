"""A tab that is not the current one shows the accents of its title: Fusion cut the caron of
"Članovi tima" off ("Clanovi tima") and of "Š", "Ž" in Bosnian, Croatian, Serbian and
Montenegrin."""

from __future__ import annotations

from gui import show_window
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.ui.top_tabs import top_tabs


def drawn_titles(qtbot: QtBot, second: str) -> QImage:
    tabs = top_tabs()
    tabs.addTab(QWidget(), "Obuka")
    tabs.addTab(QWidget(), second)
    tabs.resize(400, 120)
    show_window(qtbot, tabs)
    assert tabs.currentIndex() == 0  # the accented title is on a tab that is not the current one
    bar = tabs.tabBar()
    assert bar.isVisible()
    return bar.grab(bar.tabRect(1)).toImage()


def test_a_title_keeps_its_caron_on_a_tab_that_is_not_current(qtbot: QtBot) -> None:
    for accented, plain in (("Članovi tima", "Clanovi tima"), ("Šta", "Sta"), ("Ž", "Z")):
        assert drawn_titles(qtbot, accented) != drawn_titles(qtbot, plain), accented
