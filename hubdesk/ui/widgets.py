"""Input widgets that speak the services' language: codes, optional dates, UTC times, minor units.

Each has ``value()`` / ``set_value()`` in the types the services take, a ``changed`` signal for
dirty tracking, and ``retranslate()`` where it shows words.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale
from babel.numbers import get_currency_symbol
from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from hubdesk.domain.enums import Labelled
from hubdesk.domain.money import currency_digits, to_major, to_minor
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import babel_locale


def qt_date_format() -> str:
    """The UI language's short date pattern with four-digit years, in Qt's notation."""
    pattern = Locale.parse(babel_locale()).date_formats["short"].pattern
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        run = 1
        while i + run < len(pattern) and pattern[i + run] == ch:
            run += 1
        if ch == "y":
            out += "yyyy"
        elif ch in "dM":
            out += ch * 2
        elif ch == "'":
            run = 1
        else:
            out += ch * run
        i += run
    return out


def qt_locale() -> QLocale:
    return QLocale(babel_locale().replace("_Latn_ME", "_Latn"))


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateField(QWidget):
    """A date that may be left empty (joined on, left on ...), with a button to clear it."""

    changed = Signal()
    EMPTY = QDate(1900, 1, 1)

    def __init__(
        self, optional: bool = True, parent: QWidget | None = None, empty: str | None = None
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.empty = empty  # msgid shown while no date is set ("From"), or nothing
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        if optional:
            self.edit.setMinimumDate(self.EMPTY)
            self.edit.setSpecialValueText(" ")
            self.edit.setDate(self.EMPTY)
        else:
            self.edit.setDate(QDate.currentDate())
        self.edit.calendarWidget().installEventFilter(self)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(optional)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty date would open the calendar in 1900; open it on this month instead.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False

    def value(self) -> dt.date | None:
        date = self.edit.date()
        if self.optional and date == self.EMPTY:
            return None
        return from_qdate(date)

    def set_value(self, value: dt.date | None) -> None:
        self.edit.setDate(to_qdate(value) if value else self.EMPTY if self.optional else QDate())

    def clear(self) -> None:
        self.set_value(None)

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setEnabled(not read_only)

    def retranslate(self) -> None:
        self.edit.setDisplayFormat(qt_date_format())
        self.edit.setLocale(qt_locale())
        if self.optional:
            self.edit.setSpecialValueText(_(self.empty) if self.empty else " ")
        if self.empty:
            self.setAccessibleName(_(self.empty))
            self.edit.setAccessibleName(_(self.empty))
        self.clear_button.setToolTip(_("Clear the date"))
        self.clear_button.setAccessibleName(_("Clear the date"))


class DateTimeField(QDateTimeEdit):
    """A moment shown in local time and handed to services as aware UTC."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDateTime(QDateTime(QDate.currentDate(), QTime(18, 0)))
        self.dateTimeChanged.connect(lambda _d: self.changed.emit())
        self.retranslate()

    def value(self) -> dt.datetime:
        # PySide6 hints toPython() as returning object; for a QDateTime it is a datetime.
        local: dt.datetime = self.dateTime().toPython()  # type: ignore[assignment]
        return local.astimezone(dt.UTC) if local.tzinfo else local.astimezone().astimezone(dt.UTC)

    def set_value(self, value: dt.datetime | None) -> None:
        if value is None:
            return
        local = value.astimezone().replace(tzinfo=None)
        self.setDateTime(QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute)))

    def retranslate(self) -> None:
        self.setDisplayFormat(qt_date_format() + " HH:mm")
        self.setLocale(qt_locale())


class ChoiceCombo(QComboBox):
    """One code of a labelled enum, shown by its translated label."""

    changed = Signal()

    def __init__(
        self, enum: type[Labelled], empty: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.enum = enum
        self.empty = empty  # msgid of the "no choice" entry, or None when a choice is required
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate()

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value else (0 if self.empty else -1)
        self.setCurrentIndex(index)

    def retranslate(self) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        if self.empty is not None:
            self.addItem(_(self.empty), None)
        for member in self.enum:
            self.addItem(member.label, member.value)
        self.blockSignals(False)
        self.set_value(current)


class PillarChecks(QWidget):
    """The hub's five pillars as check boxes (a record may serve several)."""

    changed = Signal()

    def __init__(self, enum: type[Labelled], columns: int = 1, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, member in enumerate(enum):
            box = QCheckBox(self)
            box.toggled.connect(lambda _c: self.changed.emit())
            self.boxes[member.value] = box
            layout.addWidget(box, index // columns, index % columns)
        self.enum = enum
        self.retranslate()

    def value(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_value(self, codes: list[str] | None) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in (codes or []))

    def setReadOnly(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)

    def retranslate(self) -> None:
        for member in self.enum:
            box = self.boxes[member.value]
            box.setText(member.label)
            # The form may not squeeze a long pillar name ("National-local, local-local and
            # multi-actor cooperation"): a check box cannot wrap, so it would be cut.
            box.setMinimumWidth(box.sizeHint().width())


class MoneyField(QDoubleSpinBox):
    """An amount typed in major units (denars, euros) and kept as integer minor units."""

    changed = Signal()

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.digits = currency_digits(currency)
        self.setDecimals(self.digits)
        self.setRange(0, 1_000_000_000)
        self.setGroupSeparatorShown(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.valueChanged.connect(lambda _v: self.changed.emit())
        self.retranslate()

    def minor(self) -> int:
        # The spin box holds a float; its text (rounded to the currency's digits) is exact.
        return to_minor(Decimal(str(round(self.value(), self.digits))), self.currency)

    def set_minor(self, amount: int | None) -> None:
        self.setValue(float(to_major(amount or 0, self.currency)))

    def retranslate(self) -> None:
        self.setLocale(qt_locale())
        # "ден." in Macedonian, "MKD" in English: as the lists and totals write it.
        self.setSuffix(" " + get_currency_symbol(self.currency, locale=babel_locale()))


class ErrorLabel(QLabel):
    """The service's message for one field, shown under it; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))
        self.setAccessibleName(message or "")


class IdCombo(QComboBox):
    """A choice among records (teams, members) by id, optionally with a "none" entry."""

    changed = Signal()

    def __init__(self, empty: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = empty
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.set_items([])

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """``items`` are (id, label) pairs; the current choice is kept when still offered."""
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        if self.empty is not None:
            self.addItem(_(self.empty), None)
        for record_id, text in items:
            self.addItem(text, record_id)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value else -1
        if index < 0:
            index = 0 if (self.empty is not None or (value is None and self.count())) else -1
        self.setCurrentIndex(index)

    def retranslate(self) -> None:
        if self.empty is not None and self.count():
            self.setItemText(0, _(self.empty))


class DateRangeFilter(QWidget):
    """ "From" and "To" for a list: either may stay empty."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = DateField(empty=N_("From"))
        self.date_to = DateField(empty=N_("To"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for field in (self.date_from, self.date_to):
            field.changed.connect(self.changed.emit)
            layout.addWidget(field)

    def value(self) -> tuple[dt.date | None, dt.date | None]:
        return self.date_from.value(), self.date_to.value()

    def set_value(self, first: dt.date | None, last: dt.date | None) -> None:
        self.blockSignals(True)
        self.date_from.set_value(first)
        self.date_to.set_value(last)
        self.blockSignals(False)

    def retranslate(self) -> None:
        self.date_from.retranslate()
        self.date_to.retranslate()
