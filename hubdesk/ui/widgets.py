"""Input widgets that speak the services' language: codes, record ids, pillars, minor units.

Each has ``value()`` / ``set_value()`` in the types the services take, a ``changed`` signal for
dirty tracking, and ``retranslate()`` where it shows words. The date fields live in
:mod:`hubdesk.ui.date_fields`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QWidget,
)

from hubdesk.domain.enums import Labelled
from hubdesk.domain.money import currency_digits, to_major, to_minor
from hubdesk.i18n import _
from hubdesk.i18n.amounts import amount_problem, read_amount
from hubdesk.i18n.formatting import format_money, format_number
from hubdesk.services.rules.base import MONEY_MAX
from hubdesk.ui.date_fields import (  # re-exported: editors take every field from here
    DateField,
    DateRangeFilter,
    DateTimeField,
    from_qdate,
    qt_locale,
    to_qdate,
)

__all__ = [
    "ChoiceCombo",
    "DateField",
    "DateRangeFilter",
    "DateTimeField",
    "ErrorLabel",
    "IdCombo",
    "MoneyField",
    "PillarChecks",
    "from_qdate",
    "qt_locale",
    "to_qdate",
]


class ChoiceCombo(QComboBox):
    """One code of a labelled enum, shown by its translated label."""

    changed = Signal()

    def __init__(
        self,
        enum: type[Labelled],
        empty: str | None = None,
        parent: QWidget | None = None,
        *,
        groups: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.enum = enum
        self.empty = empty  # msgid of the "no choice" entry, or None when a choice is required
        self.groups = groups  # (value, msgid): choices of several codes at once, after "empty"
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate()

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value else (0 if self.empty else -1)
        self.setCurrentIndex(index)

    def retranslate(self) -> None:
        """The labels in the current language, the choice kept. Silent: the choice is the same,
        so nothing listening is told it changed (a page whose ``refresh`` retranslates its
        filter read itself again, and again, until Python's stack ran out)."""
        current = self.value() if self.count() else None
        self.blockSignals(True)
        try:
            self.clear()
            if self.empty is not None:
                self.addItem(_(self.empty), None)
            else:  # a choice is required: until one is made the box says so rather than nothing
                self.setPlaceholderText(_("Choose…"))
            for value, msgid in self.groups:
                self.addItem(_(msgid), value)
            for member in self.enum:
                self.addItem(member.label, member.value)
            self.set_value(current)
        finally:
            self.blockSignals(False)


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
        # The rule book's own limit, so the form takes (and shows unclipped) every amount the
        # services and a bundle accept; it stopped at 1,000,000,000 before.
        self.setRange(0, float(to_major(MONEY_MAX, currency)))
        self.setGroupSeparatorShown(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.valueChanged.connect(lambda _v: self.changed.emit())
        self._unread: str | None = None  # see focusOutEvent
        self.lineEdit().textEdited.connect(self._typed_again)
        self.retranslate()

    def _typed_again(self, _text: str) -> None:
        self._unread = None

    def _typed(self, text: str) -> str:
        """``text`` without the currency sign the field shows around the number."""
        text = text.strip()
        prefix, suffix = self.prefix().strip(), self.suffix().strip()
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
        return text.strip()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Either mark as the decimal one, whatever the window's language (``read_amount``):
        Qt's own reading dropped a comma anywhere in English ("8000,50" became 800,050)."""
        typed = self._typed(text)
        amount = read_amount(typed, self.digits)
        if amount is not None and amount <= Decimal(str(self.maximum())):
            return QValidator.State.Acceptable, text, pos
        if not typed or re.fullmatch(r"[\d.,\s\u00a0\u202f']*", typed):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def textFromValue(self, value: float) -> str:
        """The number as the lists and totals write it (Babel): Qt's Albanian leaves four
        digits ungrouped ("8000,00 €") where they print "8 000,00 €"."""
        return format_number(Decimal(f"{value:.{self.digits}f}"), decimals=self.digits)

    def valueFromText(self, text: str) -> float:
        amount = read_amount(self._typed(text), self.digits)
        return float(amount) if amount is not None else self.value()

    def _unreadable(self) -> str | None:
        """The text typed, when it is no amount of the currency ("1.234,50" for dinars)."""
        typed = self._typed(self.text())
        return typed if typed and read_amount(typed, self.digits) is None else None

    def holds_unread_text(self) -> bool:
        """Text typed that is no amount: a change the form must not drop, though the field's
        value is still the last amount it read."""
        return (self._unread or self._unreadable()) is not None

    def input_error(self) -> str | None:
        """Why the text typed is no amount (the form refuses it before any service sees it);
        saved, it had been the last amount the field could read: 1,234 for "1.234,50"."""
        typed = self._unread or self._unreadable()
        return None if typed is None else amount_problem(typed, self.digits, self.currency)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Qt puts the last amount back on leaving (a click on Save leaves the field): what
        # was typed is kept to be refused, until the person types here again.
        self._unread = self._unreadable()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Qt puts it back here too
            self._unread = self._unreadable()
        super().keyPressEvent(event)

    def minor(self) -> int:
        # The spin box holds a float; its text (rounded to the currency's digits) is exact.
        return to_minor(Decimal(str(round(self.value(), self.digits))), self.currency)

    def set_minor(self, amount: int | None) -> None:
        self._unread = None
        self.setValue(float(to_major(amount or 0, self.currency)))

    def retranslate(self) -> None:
        self.setLocale(qt_locale())
        # The sign where the lists and totals put it, with the same spacing: "MKD 1,234.56" in
        # English, "1.234,56 ден." in Macedonian; the number itself is written by the locale.
        prefix, suffix = money_affixes(self.currency)
        self.setPrefix(prefix)
        self.setSuffix(suffix)


def money_affixes(currency: str) -> tuple[str, str]:
    """What the UI language writes before and after an amount of ``currency``."""
    sample = format_money(0, currency)
    digits = [i for i, ch in enumerate(sample) if ch.isdigit()]
    return sample[: digits[0]], sample[digits[-1] + 1 :]


class ErrorLabel(QLabel):
    """The service's message for one field, shown under it; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()
        self.from_save = False  # the form put Save's refusal here (see FieldSet.show_errors)

    def show_message(self, message: str | None) -> None:
        self.from_save = False
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
        else:  # a choice is required: until one is made the box says so rather than nothing
            self.setPlaceholderText(_("Choose…"))
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
