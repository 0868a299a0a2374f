"""The dashboard's parts: a tile (a big number that opens its list) and the short labels and
amounts that fit under a bar or on a tile."""

from __future__ import annotations

import datetime as dt

from babel import dates, numbers
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from hubdesk.i18n.formatting import babel_locale, minor_to_decimal

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
        self.number.setStyleSheet(f"font-size: {font.pixelSize()}px;")

    def show_value(self, number: str, caption: str, alert: bool = False) -> None:
        self.number.setText(number)
        self._fit()
        self.caption.setText(caption)
        self._grow()
        self.setAccessibleName(f"{caption}: {number}")
        self.setProperty("alert", alert)
        self.style().unpolish(self)
        self.style().polish(self)


def month_label(day: dt.date) -> str:
    """Short month names: the chart covers the last twelve months, so no year is needed."""
    return dates.format_date(day, "LLL", locale=babel_locale())


def compact_money(amount_minor: int, currency: str) -> str:
    """ "1,8 мил. ден.": a tile has room for a few characters, not for every denar."""
    amount = float(minor_to_decimal(amount_minor, currency))
    return numbers.format_compact_currency(
        amount, currency, locale=babel_locale(), fraction_digits=1
    )


def money_scale(amounts: list[int], digits: int) -> tuple[float, bool]:
    """Divide minor units by this to plot; True when plotted in thousands (big numbers)."""
    unit = 10**digits
    thousands = max(amounts, default=0) / unit >= 10_000
    return (unit * 1000 if thousands else unit), thousands


ROMAN_QUARTERS = ("I", "II", "III", "IV")


def quarter_label(day: dt.date) -> str:
    """The language's own short quarter ("Q3 25", "KV3 25"), or "III 25" where that is long
    ("tremujori III 25" does not fit under a bar)."""
    text = dates.format_date(day, "QQQ yy", locale=babel_locale())
    if len(text) <= 7:
        return text
    return f"{ROMAN_QUARTERS[(day.month - 1) // 3]} {day:%y}"
