"""Tabs along the top of a page or an editor, whose titles keep their accents.

Qt's Fusion style (Linux) gives the title of a tab that is not the current one a text box
12 pixels tall, less than the font's height, and cuts the title to it: the carons of capitals
were lost ("Clanovi tima" for "Članovi tima", "Sta", "Z") in Bosnian, Croatian, Serbian and
Montenegrin, while the current tab showed them. The tab bars HubDesk makes draw their titles in
a box three pixels taller above and below (the text stays centred where it was); every other
widget keeps the application's style untouched, at no cost.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QTabWidget,
    QWidget,
)

ROOM = 3  # pixels added above and below a tab's title


class _TitleRoom(QProxyStyle):
    def subElementRect(
        self, element: QStyle.SubElement, option: QStyleOption, widget: QWidget | None = None
    ) -> QRect:
        rect = super().subElementRect(element, option, widget)  # type: ignore[arg-type]
        if element == QStyle.SubElement.SE_TabBarTabText:
            return rect.adjusted(0, -ROOM, 0, ROOM)
        return rect


@cache  # one for the application's life: a widget does not own its style
def _title_room() -> QStyle:
    return _TitleRoom(QStyleFactory.create(QApplication.style().name()))


def top_tabs(parent: QWidget | None = None) -> QTabWidget:
    """A tab widget with its tabs along the top (Qt's default place) whose titles keep their
    accents (see the module's docstring)."""
    tabs = QTabWidget(parent)
    tabs.tabBar().setStyle(_title_room())
    return tabs
