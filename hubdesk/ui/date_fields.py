"""Date fields that read what people type: a date, a date and time of day, a From–To filter.

Each has ``value()`` / ``set_value()`` in the types the services take, a ``changed`` signal for
dirty tracking, ``retranslate()``, and ``input_error()`` saying why typed text is not a date.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from hubdesk import clock
from hubdesk.i18n import N_, _
from hubdesk.i18n.dates import DateNotUnderstood, format_typed_date, parse_typed_date
from hubdesk.i18n.dates import example as date_example
from hubdesk.i18n.formatting import babel_locale


def qt_locale() -> QLocale:
    return QLocale(babel_locale().replace("_Latn_ME", "_Latn"))


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateField(QWidget):
    """A date typed as people type it (``1.12.2026``, ``1/12/2026``, ``2026-12-01`` ...) or
    picked from a calendar; optional ones (joined on, left on ...) may be left empty.

    The text is read by :func:`hubdesk.i18n.dates.parse_typed_date` when the person leaves the
    field (and whenever the value is asked for, so Ctrl+S right after typing saves the date).
    Text that is not a date stays as typed, with a message under it saying what was wrong;
    ``input_error()`` lets a form refuse to save until it is corrected.

    The calendar and clear buttons are for the mouse and take no focus, so Tab goes from the
    date straight to the next field (before, each date cost two more Tabs). The keyboard has
    the field's own keys: type the date; select it and Delete to empty an optional field;
    Alt+Down or F4 open the calendar (arrows choose a day, Enter takes it, Escape closes it).
    """

    CALENDAR_KEYS = (Qt.Key.Key_F4,)  # and Alt+Down, as in a drop-down

    changed = Signal()

    def __init__(
        self,
        optional: bool = True,
        parent: QWidget | None = None,
        empty: str | None = None,
        *,
        whole: bool = True,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.whole = whole  # keeps room for a whole date (a list's filter row may not)
        self.empty = empty  # msgid shown while no date is set ("From"), or nothing
        self._value: dt.date | None = None if optional else clock.today()
        self._problem: DateNotUnderstood | None = None
        self.edit = QLineEdit(self)
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(lambda _t: self._show_problem(None))
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.calendar_menu = QMenu(self)
        holder = QWidgetAction(self.calendar_menu)
        holder.setDefaultWidget(self.calendar)
        self.calendar_menu.addAction(holder)
        self.calendar_menu.aboutToShow.connect(self._open_calendar)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setMenu(self.calendar_menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(optional)
        for button in (self.calendar_button, self.clear_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # clicked, never a Tab stop
        self.message: QLabel = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.retranslate()

    # --- the value -----------------------------------------------------------------------------

    def _read(self) -> tuple[dt.date | None, DateNotUnderstood | None]:
        """What the text says now: a date, nothing (empty), or why it is not a date."""
        text = self.edit.text().strip()
        if not text and self.optional:
            return None, None
        try:
            return parse_typed_date(text), None
        except DateNotUnderstood as problem:
            return None, problem

    def value(self) -> dt.date | None:
        """The typed date; while the text is not a date, the last date it held."""
        value, problem = self._read()
        return self._value if problem else value

    def holds_unread_text(self) -> bool:
        """Text typed that is not a date ("31/11/2026"): a change the form must not drop
        silently, though its value is still the last date it held."""
        return self._read()[1] is not None

    def input_error(self) -> str | None:
        """Why the text is not a date (also shown under the field), or None when it is fine."""
        _value, problem = self._read()
        self._show_problem(problem)
        return problem.message if problem else None

    def commit(self) -> None:
        """Read what was typed: show it in the field's own form, or say what was wrong."""
        value, problem = self._read()
        self._show_problem(problem)
        if problem is None:
            self._store(value)

    def set_value(self, value: dt.date | None) -> None:
        if value is None and not self.optional:
            value = clock.today()
        self._show_problem(None)
        self._store(value)

    def clear(self) -> None:
        self.set_value(None)

    def _store(self, value: dt.date | None) -> None:
        self.edit.setText(format_typed_date(value) if value else "")
        self.edit.setModified(False)
        if value != self._value:
            self._value = value
            self.changed.emit()

    def _show_problem(self, problem: DateNotUnderstood | None) -> None:
        # The label may be a form's error line: leave its other messages to the form.
        had, self._problem = self._problem is not None, problem
        if problem is not None or had:
            show = getattr(self.message, "show_message", None)  # a form's ErrorLabel
            if show is not None:
                show(problem.message if problem else None)
            else:
                self.message.setText(problem.message if problem else "")
                self.message.setVisible(problem is not None)

    def use_message_label(self, label: QLabel) -> None:
        """Say what was not understood in ``label`` (a form's error line under the field)."""
        if label is not self.message:
            self.message.hide()
            self.message = label

    def _picked(self, day: QDate) -> None:
        self.calendar_menu.close()
        self.set_value(from_qdate(day))
        self.edit.setFocus()

    def _open_calendar(self) -> None:
        # An empty field opens the calendar on this month; a dated one on its date.
        value = self.value() or clock.today()
        self.calendar.setSelectedDate(to_qdate(value))
        self.calendar.setCurrentPage(value.year, value.month)
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)  # arrows move in the month

    def show_calendar(self) -> None:
        """Open the calendar under the field, as its button does (for the keyboard)."""
        if self.calendar_button.isEnabled():
            self.calendar_menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() in self.CALENDAR_KEYS:
                self.show_calendar()
                return True
        return super().eventFilter(watched, event)

    # --- the frame -----------------------------------------------------------------------------

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)
        self.clear_button.setEnabled(not read_only)

    def retranslate(self) -> None:
        if self._problem is None:
            self.edit.setText(format_typed_date(self._value) if self._value else "")
        self._show_problem(self._problem)
        self.calendar.setLocale(qt_locale())
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.edit.setPlaceholderText(_(self.empty) if self.empty else "")
        if self.whole:
            self._keep_room_for_a_date()
        hint = _("Type a date, for example {example}, or pick it from the calendar.").format(
            example=date_example()
        )
        self.edit.setToolTip(hint)
        if self.empty:
            self.setAccessibleName(_(self.empty))
            self.edit.setAccessibleName(_(self.empty))
        self.calendar_button.setToolTip(_("Pick the date from a calendar"))
        self.calendar_button.setAccessibleName(_("Pick the date from a calendar"))
        self.clear_button.setToolTip(_("Clear the date"))
        self.clear_button.setAccessibleName(_("Clear the date"))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _keep_room_for_a_date(self) -> None:
        """However narrow its row, the field keeps room for a whole date in this language's
        form: squeezed beside buttons it showed "12/2026", and a person could not tell the day."""
        self.edit.ensurePolished()
        widest = format_typed_date(dt.date(2026, 12, 28))
        frame = self.edit.width() - self.edit.contentsRect().width()
        margins = self.edit.textMargins()
        need = self.edit.fontMetrics().horizontalAdvance(widest)
        self.edit.setMinimumWidth(need + frame + margins.left() + margins.right() + 6)


def skipped_time_error(local: dt.datetime) -> str | None:
    """Why a wall-clock time the region's clocks skip cannot be entered (02:30 on the last
    Sunday of March): it never happens, and read as it stands it was saved an hour off."""
    if not clock.skipped(local):
        return None
    return _(
        "There is no {time} on {date}: the clocks go forward an hour that night. "
        "Enter {later} or another time."
    ).format(
        time=local.strftime("%H:%M"),
        date=format_typed_date(local.date()),
        later=(local + dt.timedelta(hours=1)).strftime("%H:%M"),
    )


class DateTimeField(QWidget):
    """A moment shown on the region's clock and handed to services as aware UTC: a typed date (see
    :class:`DateField`) and a 24-hour time of day."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = DateField(optional=False, parent=self)
        self.time = QTimeEdit(QTime(18, 0), self)
        self.time.setDisplayFormat("HH:mm")
        self.date.changed.connect(self.changed.emit)
        self.time.timeChanged.connect(lambda _t: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.date, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.time, 0, Qt.AlignmentFlag.AlignTop)
        self.setFocusProxy(self.date)
        self.retranslate()

    def _local(self) -> dt.datetime | None:
        day = self.date.value()
        if day is None:
            return None
        moment = self.time.time()
        return dt.datetime.combine(day, dt.time(moment.hour(), moment.minute()))

    def value(self) -> dt.datetime | None:
        local = self._local()
        return None if local is None else clock.from_wall(local)

    def input_error(self) -> str | None:
        """Also refuses a time the clocks skip when summer time begins (02:30 on the last
        Sunday of March in Central Europe): it never happens, and it was saved an hour off."""
        if problem := self.date.input_error():
            return problem
        local = self._local()
        return None if local is None else skipped_time_error(local)

    def day(self) -> dt.date | None:
        """The day typed, for a field whose time belongs to it (a meeting's end)."""
        return self.date.value()

    def holds_unread_text(self) -> bool:
        return self.date.holds_unread_text()

    def use_message_label(self, label: QLabel) -> None:
        self.date.use_message_label(label)

    def set_value(self, value: dt.datetime | None) -> None:
        if value is None:
            return
        local = clock.wall(value)
        self.date.set_value(local.date())
        self.time.setTime(QTime(local.hour, local.minute))

    def setReadOnly(self, read_only: bool) -> None:
        self.date.setReadOnly(read_only)
        self.time.setReadOnly(read_only)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.date.setAccessibleName(name)
        self.time.setAccessibleName(_("Time of day"))

    def retranslate(self) -> None:
        self.date.retranslate()
        self.time.setLocale(qt_locale())


class DateRangeFilter(QWidget):
    """ "From" and "To" for a list: either may stay empty."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A list's filter row is full of choices and mostly left empty: these two may narrow.
        self.date_from = DateField(empty=N_("From"), whole=False)
        self.date_to = DateField(empty=N_("To"), whole=False)
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
