"""The dashboard's parts: a tile (a big number that opens its list) and the scale of its
money chart. The texts on tiles and under bars come from ``services.dashboard_texts``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

NUMBER_PX, MIN_NUMBER_PX = 22, 12


class Tile(QPushButton):
    """A big number with its caption; a click opens the list it counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.number = QLabel(self)
        self.number.setObjectName("tileNumber")
        self.caption = QLabel(self)
        self.caption.setObjectName("tileCaption")
        self.caption.setWordWrap(True)
        for label_ in (self.number, self.caption):
            label_.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.setMinimumHeight(76)
        # As tall as the row: a button keeps its own height, and a row with one three-line
        # caption centred the others, so their numbers did not line up.
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.number_px = 0  # the number's size set last (each setting restyles the label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        self._grow()

    def _grow(self) -> None:
        """Tall enough for the whole caption: a long one (the calls tile in Macedonian or
        Albanian takes three lines) was cut at the top and bottom."""
        layout = self.layout()
        if layout is None or self.width() <= 0:
            return
        needed = max(76, layout.totalHeightForWidth(self.width()))
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def _fit(self) -> None:
        """Shrink the number until it fits ("717,1 mijë MKD" on a narrow tile)."""
        room = max(self.width() - 26, 40)
        font = QFont(self.number.font())
        for size in range(NUMBER_PX, MIN_NUMBER_PX - 1, -2):
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(self.number.text()) <= room:
                break
        if font.pixelSize() != self.number_px:
            self.number_px = font.pixelSize()
            self.number.setStyleSheet(f"font-size: {self.number_px}px;")

    def show_value(self, number: str, caption: str, alert: bool = False) -> None:
        self.number.setText(number)
        self._fit()
        self.caption.setText(caption)
        self._grow()
        self.setAccessibleName(f"{caption}: {number}")
        if bool(self.property("alert")) != alert:  # restyled only when its colours change
            self.setProperty("alert", alert)
            self.style().unpolish(self)
            self.style().polish(self)


def money_scale(amounts: list[int], digits: int) -> tuple[float, bool]:
    """Divide minor units by this to plot; True when plotted in thousands (big numbers)."""
    unit = 10**digits
    thousands = max(amounts, default=0) / unit >= 10_000
    return (unit * 1000 if thousands else unit), thousands
