"""The Attachments tab of the meeting, youth activity and proposal editors.

Files are separate records saved at once (like action items), so the record they belong to must
exist first: the editor saves it before the first file is added. Files come from the file
dialog or are dropped on the tab; each is checked by the service (type by content, size) and a
refusal is said in a message. Open hands a read-only copy with the file's own name to the
system's viewer; "Save a copy as…" writes a copy where the person chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.attachments import EXTENSIONS
from hubdesk.i18n import _, pgettext
from hubdesk.i18n.formatting import format_datetime
from hubdesk.services import attachments
from hubdesk.services.attachments import AttachmentRow
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.ui import dialogs
from hubdesk.ui.enter_opens import opens_on_enter
from hubdesk.ui.forms import PERSON_ERRORS

COLUMNS = 5  # name, type, size, travels, note


class AttachmentsPanel(QWidget):
    """The files of one record. ``ensure_record()`` returns its id, saving it first."""

    changed = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        kind: str,
        ensure_record: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentsPanel")
        self.ctx, self.kind, self.ensure_record = ctx, kind, ensure_record
        self.record_id: str | None = None
        self.rows: list[AttachmentRow] = []
        self.read_only = False
        self.setAcceptDrops(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("attachmentsTable")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, COLUMNS - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        opens_on_enter(self.table, self.open_selected)
        self.travels = QCheckBox(self)
        self.travels.setObjectName("attachmentTravels")
        self.travels.clicked.connect(self._travels_clicked)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addAttachment")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openAttachment")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveAttachment")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeAttachment")
        self.add_button.clicked.connect(self.add_from_dialog)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.travels, 1)
        for button in (self.add_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    # --- loading -----------------------------------------------------------------------------

    def load(self, record_id: str | None) -> None:
        self.record_id = record_id
        self.refresh()
        self.retranslate()  # the hint says when the first file saves the record

    def refresh(self) -> None:
        selected = self.selected()
        chosen = selected.id if selected else None
        self.rows = (
            attachments.list_for(self.ctx, self.kind, self.record_id) if self.record_id else []
        )
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            name = (
                row.file_name
                if row.available
                else _("{name} (not on this PC)").format(name=row.file_name)
            )
            where = _("Travels") if row.travels else _("Private")
            cells = (name, row.type_label, attachments.size_text(row.size), where, row.note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    _("Added {when}").format(when=format_datetime(row.updated_at))
                    if column == 0
                    else text
                )
                self.table.setItem(index, column, item)
            if row.id == chosen:
                self.table.selectRow(index)
        self._update_buttons()

    def selected(self) -> AttachmentRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.setAcceptDrops(not read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        writable = not self.read_only
        self.add_button.setEnabled(writable)
        self.open_button.setEnabled(row is not None and row.available)
        self.save_button.setEnabled(row is not None and row.available)
        changeable = writable and row is not None and row.changeable
        self.remove_button.setEnabled(changeable)
        # A hub keeps what it attaches itself on its own PC: it never sends a city's records.
        self.travels.setVisible(not self.ctx.is_hub)
        self.travels.setEnabled(changeable)
        self.travels.setChecked(row is not None and row.travels)

    # --- adding ------------------------------------------------------------------------------

    def add_from_dialog(self) -> None:
        patterns = " ".join(f"*{e}" for endings in EXTENSIONS.values() for e in endings)
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Attach files"),
            "",
            _("Documents and photos ({patterns})").format(patterns=patterns),
        )
        self.add_files([Path(n) for n in names if n])

    def add_files(self, paths: list[Path]) -> int:
        """Attach each file; refusals are told together. How many were attached."""
        if not paths or self.read_only:
            return 0
        record_id = self.ensure_record()
        if record_id is None:
            return 0
        if self.record_id != record_id:
            self.record_id = record_id
            self.retranslate()  # saved now: the hint no longer says the first file saves it
        added, refused = 0, []
        for path in paths:
            try:
                attachments.add_file(self.ctx, self.kind, record_id, path)
                added += 1
            except ValidationError as error:
                refused.append(error.message)
            except PERSON_ERRORS as error:
                refused.append(getattr(error, "message", None) or str(error))
        self.refresh()
        if added:
            self.changed.emit()
        if refused:
            dialogs.show_error(self, _("Not attached"), "\n\n".join(refused))
        return added

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.read_only and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # --- one file ----------------------------------------------------------------------------

    def open_selected(self) -> bool:
        row = self.selected()
        if row is None or not row.available:
            return False
        try:
            copy = attachments.viewer_copy(self.ctx, row.id)
        except (ValidationError, OSError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Cannot open"), getattr(error, "message", str(error)))
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            dialogs.show_error(
                self,
                _("Cannot open"),
                _("This PC has no program that opens {kind} files.").format(kind=row.type_label),
            )
            return False
        return True

    def save_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        suggested = attachments.safe_name(row.file_name, row.file_type)
        name, _filter = QFileDialog.getSaveFileName(self, _("Save a copy as"), suggested)
        if not name:
            return
        try:
            attachments.save_copy(self.ctx, row.id, Path(name))
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Not saved"), getattr(error, "message", str(error)))

    def _travels_clicked(self, on: bool) -> None:
        row = self.selected()
        if row is None:
            return
        if not on and not dialogs.confirm(
            self,
            _("Keep on this PC"),
            _(
                "Keep '{name}' on this PC from now on? It is withdrawn from the hub (and the "
                "field laptops) with the next bundle."
            ).format(name=row.file_name),
        ):
            self.travels.setChecked(True)
            return
        try:
            kept = attachments.set_travels(self.ctx, row.id, on)
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Not saved"), getattr(error, "message", str(error)))
            self.refresh()
            return
        self.refresh()
        index = next((i for i, r in enumerate(self.rows) if r.id == kept), None)
        if index is not None:
            self.table.selectRow(index)
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None or self.read_only:
            return
        if not dialogs.confirm_delete(self, _("the file '{name}'").format(name=row.file_name)):
            return
        try:
            attachments.remove(self.ctx, row.id)
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Not removed"), getattr(error, "message", str(error)))
        self.refresh()
        self.changed.emit()

    def retranslate(self) -> None:
        hint = _(
            "Signed minutes, sign-in sheets, photos, receipts: PDF, JPEG, PNG, XLSX, DOCX "
            "or ODT, up to 10 MB each. Add them with the button or drop them here. A file "
            "stays on this PC unless you tick \u201cSend with the next bundle\u201d."
        )
        if self.record_id is None:  # a file belongs to a saved record: the first saves it
            hint += " " + _("Adding the first file saves the form first.")
        self.hint.setText(hint)
        self.table.setHorizontalHeaderLabels(
            [_("File"), _("Type"), _("Size"), _("Shared"), _("Note")]
        )
        self.travels.setText(_("Send with the next bundle"))
        self.add_button.setText(_("Add files…"))
        self.open_button.setText(pgettext("open a file", "Open"))
        self.save_button.setText(_("Save a copy as…"))
        self.remove_button.setText(_("Remove"))
        if self.rows:
            self.refresh()
