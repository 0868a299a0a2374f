"""Tabs stacked down the left side of an editor, their titles written across.

The fund proposal has a dozen tabs; in a row above the page, even in English, a 1366-pixel
screen showed two thirds of them and hid the rest behind scroll arrows (in Albanian the
Attachments tab was four clicks away). Stacked, every title shows whole, in every language, and
a tab added later finds room below the others. Qt draws the titles of a side tab bar turned
on their side; this bar gives each tab the size of its title lying flat and writes it so.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionTab, QStylePainter, QTabBar, QTabWidget, QWidget

PADDING = 10  # pixels left and right of a title
WIDEST = 200  # a longer title ends in "…" (its whole text is the tab's tool tip)
NARROWEST = 140  # what the bar asks at least: a dialog at its smallest may cut titles


class SideTabBar(QTabBar):
    """A tab bar for ``QTabWidget.TabPosition.West`` whose titles read left to right."""

    def tabSizeHint(self, index: int) -> QSize:
        size = super().tabSizeHint(index)  # on the side: as tall as the title is long
        size.transpose()
        width = self.fontMetrics().horizontalAdvance(self.tabText(index)) + 2 * PADDING
        return QSize(min(max(size.width(), width), WIDEST), size.height())

    def minimumSizeHint(self) -> QSize:
        """Narrower than the titles: the editor's pages decide how small the dialog may get
        (the budget's grid in a long language), not the tab titles, which elide."""
        size = super().minimumSizeHint()
        return QSize(min(size.width(), NARROWEST), size.height())

    def tabLayoutChange(self) -> None:
        """A title was set or changed: its tool tip says it whole, however narrow the bar."""
        super().tabLayoutChange()
        for index in range(self.count()):
            if self.tabToolTip(index) != self.tabText(index):
                self.setTabToolTip(index, self.tabText(index))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionTab()
        for index in range(self.count()):
            if not self.isTabVisible(index):
                continue
            self.initStyleOption(option, index)
            painter.drawControl(QStyle.ControlElement.CE_TabBarTabShape, option)
            enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
            room = option.rect.adjusted(PADDING, 0, -PADDING // 2, 0)
            title = self.fontMetrics().elidedText(
                option.text, Qt.TextElideMode.ElideRight, room.width()
            )
            painter.drawItemText(
                room,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                option.palette,
                enabled,
                title,
                QPalette.ColorRole.WindowText,
            )


def side_tabs(parent: QWidget | None = None) -> QTabWidget:
    """A tab widget with its tabs down the left side (see the module's docstring)."""
    tabs = QTabWidget(parent)
    tabs.setTabBar(SideTabBar(tabs))
    tabs.setTabPosition(QTabWidget.TabPosition.West)
    return tabs
