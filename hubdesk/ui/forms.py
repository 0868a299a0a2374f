"""Forms: fields keyed by the service's field names, so a ValidationError lands next to its field.

A ``FieldSet`` knows each field's widget, label and error line, reads and writes values in the
services' types, and remembers what was loaded, so only changed fields are sent on update and
leaving with changes can be noticed. ``EditorDialog`` is the Save/Cancel frame every record
editor uses: nothing is saved until the service accepts it, and unsaved changes are confirmed.

It also keeps the version of the record the form read (``seen``) for editors whose records
several staff of a hub change at once (``services/meanwhile.py``): the editor hands ``seen`` to
its service's update; a refusal because a colleague changed the record meanwhile marks their
fields, keeps what was typed and moves ``seen`` on to the version now, so a second Save writes
over theirs knowingly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import _
from hubdesk.services.datafolder import StorageError
from hubdesk.services.errors import FieldError, NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.meanwhile import ChangedMeanwhile
from hubdesk.services.rules.base import joined_lines
from hubdesk.ui import dialogs
from hubdesk.ui.focus_order import buttons_last_first_field_focused
from hubdesk.ui.widgets import ErrorLabel, MoneyField


class Versioned(Protocol):
    """A record as a service hands it to a form: its version counts the changes it has had."""

    @property
    def version(self) -> int: ...


QWIDGETSIZE_MAX = 16777215  # Qt's "no maximum" for a widget's size

# Errors a person can read and act on; anything else is a bug and must stay visible as one.
PERSON_ERRORS = (PermissionDenied, NotFoundError, StorageError)


def read_value(widget: QWidget) -> Any:
    if isinstance(widget, MoneyField):
        return widget.minor()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.value()  # type: ignore[attr-defined]


def write_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, MoneyField):
        widget.set_minor(value)
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")
        widget.setCursorPosition(0)  # a long title shows its beginning, not its last words
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    else:
        widget.set_value(value)  # type: ignore[attr-defined]


class _StartInView(QObject):
    """Keeps the beginning of a field's text in view when Qt selects the whole text as the field
    takes the focus (a Tab, or an editor opening on it): Qt leaves the cursor at the end, so a
    long title showed its last words. The selection stays whole, so typing still replaces it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            QTimer.singleShot(0, watched, lambda field=watched: _start_in_view(field))
        return False


def _start_in_view(field: QLineEdit) -> None:
    text = field.text()
    if text and field.selectedText() == text and field.cursorPosition() == len(text):
        field.setSelection(len(text), -len(text))  # all of it, the cursor at its start


START_IN_VIEW = _StartInView()


class _ZeroReplaced(QObject):
    """A count that shows 0 counts nobody yet: the first digit typed replaces the 0. The cursor
    stood before it wherever the field took the focus without a Tab (a click left of the 0,
    the first cell of a youth activity's grid when its tab opens), so a 7 typed counted 70
    young people, and the total, following the grid, said it added up. So does a box that
    shows its "nothing yet" text (a review's criterion not scored, "–"): a digit typed after
    that text made no number, and the box ignored it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.text().isdigit()
            and isinstance(watched, QSpinBox)
            and (watched.value() == 0 or _shows_nothing_yet(watched))
            and not watched.lineEdit().hasSelectedText()
        ):
            watched.selectAll()
        return False


def _shows_nothing_yet(box: QSpinBox) -> bool:
    return bool(box.specialValueText()) and box.value() == box.minimum()


ZERO_REPLACED = _ZeroReplaced()


def mend_pasted_lines(field: QLineEdit, text: str) -> None:
    """What a person pasted into a field of one line, its line breaks and tabs made spaces as
    they are typed in (``joined_lines``): a cell copied from a spreadsheet ends with a line
    break, which Qt keeps in the field but draws as a space."""
    mended = joined_lines(text)
    if mended != text:
        before = joined_lines(text[: field.cursorPosition()])
        field.setText(mended)
        field.setCursorPosition(len(before))


class FormLabel(QLabel):
    """A field's label, as tall as the lines it wraps to at the width it is given. A form row
    gave a label of two lines beside a field of one (a drop-down, a check box) only the field's
    height, which cut it at the top and bottom ("Обука на обучувачи" in Macedonian)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def changed_signal(widget: QWidget) -> Any:
    if isinstance(widget, MoneyField):
        return widget.changed
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    return widget.changed  # type: ignore[attr-defined]


def set_read_only(widget: QWidget, read_only: bool) -> None:
    if isinstance(widget, QLineEdit | QPlainTextEdit) or hasattr(widget, "setReadOnly"):
        widget.setReadOnly(read_only)
    else:
        widget.setEnabled(not read_only)


def reveal(widget: QWidget, focus: bool = True) -> None:
    """Bring ``widget`` into view: switch to its tab and scroll to it, then focus it (unless
    ``focus`` is false: a message line takes no focus from the button that was pressed)."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            parent.parentWidget().setCurrentWidget(child)  # type: ignore[union-attr]
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        child = parent
    if focus:
        widget.setFocus()


@dataclass
class Field:
    name: str
    msgid: str
    label: QLabel
    widget: QWidget
    error: ErrorLabel
    named: bool = True


class FieldSet(QObject):
    """The fields of one record, wherever on the form (or on which tab) they sit."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, Field] = {}
        self.baseline: dict[str, Any] = {}
        self.extra_errors: dict[str, ErrorLabel] = {}

    def add_row(self, layout: QFormLayout, name: str, msgid: str, widget: QWidget) -> QWidget:
        """A labelled row with its error line under the widget."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = ErrorLabel(holder)
        column.addWidget(error)
        if widget.maximumHeight() < QWIDGETSIZE_MAX:
            # A box capped in height (partners, a note) stays by its label instead of floating
            # in the middle of the room the form gives it.
            holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        label = FormLabel()
        label.setBuddy(widget)
        label.setWordWrap(True)
        layout.addRow(label, holder)
        self.register(name, msgid, widget, error, label)
        return widget

    def register(
        self,
        name: str,
        msgid: str,
        widget: QWidget,
        error: ErrorLabel,
        label: QLabel | None = None,
        named: bool = True,
    ) -> None:
        """A field laid out by the caller (a grid cell, a table) that still gets its errors.

        ``named=False`` leaves the widget's accessible name to its owner (a grid cell is
        "Female, 15–19", not the grid's title).
        """
        self.fields[name] = Field(name, msgid, label or QLabel(), widget, error, named)
        if isinstance(widget, QSpinBox):
            widget.installEventFilter(ZERO_REPLACED)
        if isinstance(widget, QLineEdit):
            widget.installEventFilter(START_IN_VIEW)
            widget.textEdited.connect(lambda text, w=widget: mend_pasted_lines(w, text))
        changed_signal(widget).connect(lambda *_args: self.changed.emit())
        # Save's message about the field ("This field is required.") is about what was there
        # when Save was pressed: once the person changes the field, it no longer applies.
        # (A message the page put there itself, reading a chosen file say, stays.)
        changed_signal(widget).connect(lambda *_args, e=error: e.from_save and e.show_message(None))
        if hasattr(widget, "use_message_label"):  # a date says under it what it did not read
            widget.use_message_label(error)
        self._label(self.fields[name])

    def error_line(self, name: str, error: ErrorLabel) -> None:
        """Where errors of a field without its own widget go (a grid's total, say)."""
        self.extra_errors[name] = error

    def check_input(self) -> None:
        """Refuse text a field could not read (a date that is not one) before any service sees
        the form: the field says what it did not understand, and nothing is saved."""
        problems = [
            FieldError(name, "{problem}", {"problem": problem})
            for name, field in self.fields.items()
            if (problem := getattr(field.widget, "input_error", lambda: None)())
        ]
        if problems:
            raise ValidationError(problems)

    def values(self) -> dict[str, Any]:
        return {name: read_value(field.widget) for name, field in self.fields.items()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        for name, field in self.fields.items():
            if name in values:
                write_value(field.widget, values[name])
        self.mark_clean()

    def mark_clean(self) -> None:
        self.baseline = self.values()

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if self.baseline.get(k) != v}

    def is_dirty(self) -> bool:
        """Changed values, or a date typed that is not one yet (its value has not changed)."""
        return bool(self.changes()) or any(
            getattr(field.widget, "holds_unread_text", lambda: False)()
            for field in self.fields.values()
        )

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.error.show_message(None)
        for error in self.extra_errors.values():
            error.show_message(None)

    def show_errors(self, messages: Mapping[str, str]) -> dict[str, str]:
        """Put each message next to its field; returns those that have no field here."""
        self.clear_errors()
        unplaced: dict[str, str] = {}
        first: QWidget | None = None
        line: ErrorLabel | None = None
        for name, message in messages.items():
            if name in self.fields:
                self.fields[name].error.show_message(message)
                self.fields[name].error.from_save = True
                first = first or self.fields[name].widget
            elif name in self.extra_errors:
                self.extra_errors[name].show_message(message)
                line = line or self.extra_errors[name]
            else:
                unplaced[name] = message
        if first is not None:
            reveal(first)
        elif line is not None:
            # A refusal told only on a line of its own (a proposal's budget, refused when
            # Submit was pressed on the Status tab) was written on a tab not shown.
            reveal(line, focus=False)
        return unplaced

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            set_read_only(field.widget, read_only)

    def retranslate(self) -> None:
        for field in self.fields.values():
            self._label(field)
            if hasattr(field.widget, "retranslate"):
                field.widget.retranslate()

    def _label(self, field: Field) -> None:
        text = _(field.msgid)
        field.label.setText(text)
        if field.named:
            field.widget.setAccessibleName(text)


class EditorDialog(QDialog):
    """Save / Cancel around a form; Ctrl+S saves; leaving with changes asks first."""

    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.fields = FieldSet(self)
        self.read_only = False
        self.record_id: str | None = None
        self.seen: int | None = None  # the record's version this form read; None: not asked
        self.general_error = ErrorLabel(self)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.print_buttons: list[tuple[QPushButton, str]] = []
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.general_error)

    def finish(self, content: QWidget) -> None:
        """Add the subclass's content above the buttons and size the dialog to fit the screen."""
        self.body.addWidget(content, 1)
        buttons_last_first_field_focused(self, content, self.buttons)
        self.body.addWidget(self.buttons)
        self.retranslate()
        fit_to_screen(self)

    # --- what subclasses provide --------------------------------------------------------------

    def persist(self) -> str:
        """Hand the form to the service; return the record id. Raise ValidationError if refused."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self.fields.retranslate()
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Close") if self.read_only else _("Cancel"))
        for button, msgid in self.print_buttons:
            button.setText(_(msgid))
            button.setVisible(self.record_id is not None)

    def is_dirty(self) -> bool:
        return not self.read_only and self.fields.is_dirty()

    def add_print_button(self, msgid: str, kind: str) -> QPushButton:
        """A button printing this record as report ``kind`` (shown once the record is saved)."""
        button = QPushButton(self)
        button.clicked.connect(lambda _c=False: self.print_record(kind))
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_buttons.append((button, msgid))
        return button

    def print_record(self, kind: str) -> None:
        """Print what is saved: pending changes are saved first (or nothing is printed)."""
        commit_open_cells(self)
        if self.is_dirty() and not run_guarded(self, self._persist, self.show_validation):
            return
        if self.record_id is None:
            return
        self.saved.emit(self.record_id)
        from hubdesk.ui.report_actions import print_report

        print_report(self, self.ctx, kind, self.record_id)  # type: ignore[attr-defined]

    # --- behaviour -----------------------------------------------------------------------------

    def save(self) -> bool:
        if self.read_only:
            return False
        if run_guarded(self, self._persist, self.show_validation):
            self.saved.emit(self.record_id or "")
            self.accept()
            return True
        return False

    def _persist(self) -> None:
        commit_open_cells(self)
        self.fields.clear_errors()
        self.general_error.show_message(None)
        self.fields.check_input()
        self.record_id = self.persist()
        self.fields.mark_clean()

    def read_version(self, record: Versioned | None) -> None:
        """Remember the version of ``record`` as read (or just saved): a save changes it only
        if nobody else changed it since."""
        self.seen = record.version if record is not None else None

    def show_validation(self, error: ValidationError) -> None:
        if isinstance(error, ChangedMeanwhile):
            self.seen = error.version  # their change is shown now: a second Save goes over it
        unplaced = self.fields.show_errors(error.by_field())
        self.general_error.show_message("\n".join(dict.fromkeys(unplaced.values())) or None)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.fields.set_read_only(read_only)
        self.save_button.setVisible(not read_only)
        self.retranslate()

    def reject(self) -> None:
        if dialogs.may_close(self, self.is_dirty(), self.save):
            super().reject()


def commit_open_cells(form: QWidget) -> None:
    """Put the text of a table cell still being typed in (a decision, a guest's organisation)
    into its table, as leaving the cell does. Ctrl+S leaves no cell: the form was saved without
    that text, so a new decision went unsaved with no word and a guest line typed in full was
    refused for having no organisation."""
    for view in form.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        index = view.currentIndex()
        editor = view.indexWidget(index)
        if editor is not None:
            delegate = view.itemDelegateForIndex(index)
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def run_guarded(
    parent: QWidget,
    action: Callable[[], object],
    on_invalid: Callable[[ValidationError], None],
) -> bool:
    """Run a service call; a refusal is shown to the person, and False says nothing changed."""
    try:
        action()
    except ValidationError as error:
        on_invalid(error)
        return False
    except PERSON_ERRORS as error:
        dialogs.show_error(parent, _("Not saved"), getattr(error, "message", None) or str(error))
        return False
    return True


def labels_on_one_line(layout: QFormLayout) -> None:
    """Keep every label of ``layout`` on one line beside its field: wrapped in a narrow label
    column, a label such as "Themes (separated by ;)" left ";)" alone on a line of its own in
    every language but English (or was cut to its first line)."""
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            label.setWordWrap(False)


def fit_to_screen(dialog: QWidget, width: int = 760, height: int = 640) -> None:
    """A comfortable size, never bigger than the screen (1366×768 office monitors included)."""
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    hint = dialog.sizeHint()
    w, h = max(width, hint.width()), max(height, hint.height())
    if screen is not None:
        w, h = min(w, int(screen.width() * 0.95)), min(h, int(screen.height() * 0.92))
    dialog.resize(w, h)
