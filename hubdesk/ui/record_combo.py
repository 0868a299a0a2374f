"""A choice among records whose names can be longer than the box (a meeting: day, team and
place, at the hub with the municipality too).

Qt paints a combo box's current text clipped at the box's edge, often in the middle of a
letter, and opens its list no wider than the box. Here the shown name ends in "…" where it is
cut and the whole name is the tooltip, and the list opens as wide as its longest name (within
the screen), so a person sees every name in full before choosing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from hubdesk.ui.widgets import IdCombo

LIST_MARGIN = 40  # the list's frame, its scroll bar and a little air, in pixels
SCREEN_MARGIN = 16  # the list never touches the screen's edges


class RecordCombo(IdCombo):
    """An ``IdCombo`` whose current name elides with "…" and whose list shows names whole."""

    def __init__(self, empty: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(empty, parent)
        self.currentTextChanged.connect(self.setToolTip)  # the whole name

    def set_items(self, items: list[tuple[str, str]]) -> None:
        super().set_items(items)
        self.setToolTip(self.currentText())  # filled quietly: no signal said the name changed

    def text_room(self) -> int:
        """The room the style gives the current name inside the box."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return max(field.width() - 4, 0)  # the label's own inset on both sides

    def shown_text(self) -> str:
        """The current name as painted: whole when it fits, else cut at the end with "…"."""
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideRight, self.text_room()
        )

    def list_width(self) -> int:
        """How wide the list opens: its longest name whole, at least the box, within the
        screen."""
        metrics = self.fontMetrics()
        texts = (self.itemText(i) for i in range(self.count()))
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        wanted = max(widest + LIST_MARGIN, self.width())
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().width() - SCREEN_MARGIN)
        return max(wanted, self.width())

    def showPopup(self) -> None:
        self.view().setMinimumWidth(self.list_width())
        super().showPopup()

    def paintEvent(self, event: QPaintEvent) -> None:
        """As QComboBox paints itself, with the current name elided instead of clipped."""
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
