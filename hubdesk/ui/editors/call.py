"""Editing what the hub publishes: a call for proposals (with its review criteria) and a
guidance note; and the call chooser of the proposal editor.

Only the hub edits; elsewhere the same dialogs open read-only, so a municipality reads a call
exactly as the hub wrote it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain import Call, GuidanceNote
from hubdesk.domain.calls import CallStatus
from hubdesk.domain.enums import Pillar
from hubdesk.i18n import N_, _
from hubdesk.services import calls
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError
from hubdesk.ui.forms import EditorDialog, fit_to_screen, labels_on_one_line
from hubdesk.ui.widgets import DateField, MoneyField, PillarChecks


def long_text(height: int = 72) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class ThemesField(QWidget):
    """Themes typed on one line, separated by semicolons ("media; schools")."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("themes")
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def value(self) -> list[str]:
        return [part.strip() for part in self.edit.text().split(";") if part.strip()]

    def set_value(self, value: list[str] | None) -> None:
        self.edit.setText("; ".join(value or []))

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class CriteriaTable(QWidget):
    """The review criteria: one row per criterion (code, name, weight 1–100)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("criteria")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addCriterion")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeCriterion")
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setMinimumHeight(150)
        self.retranslate()

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(("", "", "10")):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.changed.emit()

    def remove_row(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.rowCount() - 1]:
            if row >= 0:
                self.table.removeRow(row)
        self.changed.emit()

    def value(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            texts = [(self.table.item(row, c) or QTableWidgetItem("")).text().strip()
                     for c in range(3)]  # fmt: skip
            if not any(texts):
                continue
            weight: Any = int(texts[2]) if texts[2].isdigit() else texts[2]
            out.append({"code": texts[0], "label": texts[1], "weight": weight})
        return out

    def set_value(self, value: Any) -> None:
        rows = calls.parse_criteria(value) if isinstance(value, str) else list(value or [])
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for criterion in rows:
            item = vars(criterion) if isinstance(criterion, calls.Criterion) else criterion
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, key in enumerate(("code", "label", "weight")):
                self.table.setItem(row, column, QTableWidgetItem(str(item[key])))
        self.table.blockSignals(False)

    def setReadOnly(self, read_only: bool) -> None:
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.NoEditTriggers if read_only else triggers.AllEditTriggers
        )
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Code"), _("Criterion"), _("Weight")])
        self.add_button.setText(_("Add a criterion"))
        self.remove_button.setText(_("Remove"))


class CallDialog(EditorDialog):
    """A call for proposals: written at the hub, read everywhere else."""

    def __init__(
        self, ctx: ServiceContext, call_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, call_id
        self.setObjectName("callDialog")
        self.call: Call | None = calls.get_call(ctx, call_id) if call_id else None
        self.read_version(self.call)  # a save changes only the call as read
        f = self.fields
        left, right = QFormLayout(), QFormLayout()
        f.add_row(left, "title", N_("Title"), QLineEdit())
        f.add_row(left, "round", N_("Round"), QLineEdit())
        f.add_row(left, "opens_on", N_("Opens on"), DateField())
        f.add_row(left, "closes_on", N_("Closes on"), DateField())
        f.add_row(right, "ceiling_minor", N_("Ceiling per proposal"), MoneyField(calls.CURRENCY))
        f.add_row(right, "envelope_minor", N_("Total envelope"), MoneyField(calls.CURRENCY))
        f.add_row(right, "themes", N_("Themes (separated by ;)"), ThemesField())
        labels_on_one_line(right)
        below = QFormLayout()  # pillars, long texts and criteria need the whole width
        f.add_row(below, "pillars", N_("Pillars"), PillarChecks(Pillar))
        f.add_row(below, "eligibility", N_("Eligibility"), long_text())
        f.add_row(below, "requirements", N_("What the application must contain"), long_text())
        f.add_row(below, "criteria", N_("Review criteria"), CriteriaTable())
        content = QWidget(self)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        stack = QVBoxLayout(content)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addLayout(columns)
        stack.addLayout(below, 1)
        if self.call is None:
            f.set_values({"pillars": [], "themes": [], "criteria": [], "ceiling_minor": 0,
                          "envelope_minor": 0})  # fmt: skip
        else:
            f.set_values({n: getattr(self.call, n) for n in calls.CALL_FIELDS})
        f.mark_clean()
        self.add_print_button(N_("Print the call"), "call")
        self.finish(content)
        fit_to_screen(self, 1000, 700)
        closed = self.call is not None and self.call.status == CallStatus.CLOSED
        self.set_read_only(not ctx.is_hub or closed)

    def persist(self) -> str:
        if self.record_id is None:
            self.call = calls.create_call(self.ctx, self.fields.values())
            self.record_id = self.call.id
            self.read_version(self.call)
        else:
            changes = self.fields.changes()
            if changes:
                self.call = calls.update_call(self.ctx, self.record_id, changes, self.seen)
                self.read_version(self.call)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New call for proposals") if self.call is None else self.call.title)


class NoteDialog(EditorDialog):
    """A guidance note from the hub."""

    def __init__(
        self, ctx: ServiceContext, note_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, note_id
        self.setObjectName("noteDialog")
        self.note: GuidanceNote | None = calls.get_note(ctx, note_id) if note_id else None
        self.read_version(self.note)
        form = QFormLayout()
        self.fields.add_row(form, "title", N_("Title"), QLineEdit())
        self.fields.add_row(form, "body", N_("Text"), long_text(240))
        if self.note is not None:
            self.fields.set_values({"title": self.note.title, "body": self.note.body})
        self.fields.mark_clean()
        content = QWidget(self)
        content.setLayout(form)
        self.finish(content)
        self.set_read_only(not ctx.is_hub)

    def persist(self) -> str:
        if self.record_id is None:
            self.note = calls.create_note(self.ctx, self.fields.values())
            self.record_id = self.note.id
            self.read_version(self.note)
        else:
            changes = self.fields.changes()
            if changes:
                self.note = calls.update_note(self.ctx, self.record_id, changes, self.seen)
                self.read_version(self.note)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New guidance note") if self.note is None else self.note.title)


class CallCombo(QComboBox):
    """The proposal editor's call chooser: no call, or one the hub published (a call that
    closed since stays shown for a proposal that already answers it)."""

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callChooser")
        self.ctx = ctx
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate()

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_value(self, value: str | None) -> None:
        if value and self.findData(value) < 0:
            try:
                held = calls.get_call(self.ctx, value)
                self.addItem(held.title, held.id)
            except NotFoundError:  # a call not held here: show its id
                self.addItem(value, value)
        self.setCurrentIndex(self.findData(value) if value else 0)

    def setReadOnly(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def retranslate(self) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        self.addItem(_("No call (older proposal)"), None)
        for call in calls.open_calls(self.ctx, clock.today()):
            self.addItem(call.title, call.id)
        self.blockSignals(False)
        self.set_value(current)
