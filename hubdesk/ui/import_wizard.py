"""The import wizard: a spreadsheet of records into HubDesk, step by step.

File and sheet -> which column holds which field (guessed, remembered) -> preview of every row
with its problems, and whether matching records are updated -> import in one transaction ->
summary, with the rows that were not imported saved on request. Reading, checking and writing
run off the GUI thread; nothing is written before the person presses Import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hubdesk.i18n import NN_, _, ngettext
from hubdesk.services.context import ServiceContext
from hubdesk.tables.columns import KIND_LABELS
from hubdesk.tables.importer import (
    ImportPreview,
    ImportResult,
    RowAction,
    check_refused_path,
    write_refused,
)
from hubdesk.tables.mapping import LEFT_OUT, importable_fields, missing_required, suggest_mapping
from hubdesk.tables.readers import READABLE, ReadingStopped, Sheet, read_sheet, sheet_names
from hubdesk.ui import dialogs
from hubdesk.ui.import_preview import FIXABLE, PreviewPage, cell_text, count_lines
from hubdesk.ui.path_text import whole_paths
from hubdesk.ui.workers import Cancelled, run_in_background

SAMPLES = 3  # example values shown next to each column

SUMMARY_LINES: dict[RowAction, tuple[str, str]] = {
    RowAction.CREATE: NN_("{n} row was added.", "{n} rows were added."),
    RowAction.UPDATE: NN_("{n} record was updated.", "{n} records were updated."),
    RowAction.UNCHANGED: NN_(
        "{n} record was already up to date.", "{n} records were already up to date."
    ),
    RowAction.EXISTS: NN_(
        "{n} row is already in HubDesk and was left unchanged.",
        "{n} rows are already in HubDesk and were left unchanged.",
    ),
    RowAction.REFUSED: NN_(
        "{n} row has problems and was not imported.",
        "{n} rows have problems and were not imported.",
    ),
}


def fail(parent: QWidget | None, error: BaseException) -> None:
    dialogs.show_error(parent, _("Import"), getattr(error, "message", None) or str(error))


class SourcePage(QWizardPage):
    """Which file, and which of its sheets."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self._names_for = ""  # the path whose sheets were last looked for
        self._names_failed = False  # and that it could not be opened (the person was told)
        self.path = QLineEdit(self)
        self.path.setObjectName("importPath")
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.path.editingFinished.connect(self.load_sheet_names)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_file)
        self.sheet = QComboBox(self)
        self.sheet_label = QLabel(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.path_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.path_label, row)
        form.addRow(self.sheet_label, self.sheet)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.set_sheet_choices([])

    def retranslate(self) -> None:
        self.setTitle(_("Choose the spreadsheet"))
        self.setSubTitle(_("An Excel workbook (.xlsx) or a CSV file; the first row holds headers."))
        self.path_label.setText(_("File"))
        self.browse.setText(_("Choose…"))
        self.sheet_label.setText(_("Sheet"))
        self.hint.setText(
            _(
                "Nothing is saved until you press Import at the end; you will see every row "
                "and its problems first."
            )
        )

    def choose_file(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in READABLE)
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the spreadsheet"),
            self.path.text() or str(Path.home()),
            _("Spreadsheets ({patterns})").format(patterns=patterns),
        )
        if name:
            self._names_for = ""  # chosen again: it may have been corrected meanwhile
            self.path.setText(name)
            self.load_sheet_names()

    def load_sheet_names(self) -> bool:
        """Offer the file's sheets; False (said once, and Next is off until the path changes)
        when it cannot be opened."""
        text = self.path.text().strip()
        if not text or text == self._names_for:
            return not self._names_failed
        self._names_for, self._names_failed = text, False
        try:
            names = run_in_background(
                self, _("Import"), _("Opening the file…"), lambda _p: sheet_names(text), False
            )
        except FIXABLE as error:
            self._names_failed = True
            self.set_sheet_choices([])
            fail(self, error)
            return False
        self.set_sheet_choices(names)
        return True

    def set_sheet_choices(self, names: list[str]) -> None:
        self.sheet.clear()
        self.sheet.addItems(names)
        several = len(names) > 1
        self.sheet.setVisible(several)
        self.sheet_label.setVisible(several)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.path.text().strip()
        return bool(text) and not (text == self._names_for and self._names_failed)

    def validatePage(self) -> bool:
        text = self.path.text().strip()
        if not self.load_sheet_names():
            return False
        chosen = self.sheet.currentText() if self.sheet.count() > 1 else None
        try:
            # Reading only reads: Cancel returns at once, nothing is loaded, and the reading
            # stops at its next question whether to go on.
            sheet = run_in_background(
                self.owner,
                _("Import"),
                _("Reading {file}…").format(file=Path(text).name),
                lambda progress: read_sheet(text, chosen, lambda: progress(0, 0)),
                leave_on_cancel=True,
            )
        except (Cancelled, ReadingStopped):
            return False
        except FIXABLE as error:
            fail(self, error)
            return False
        if not sheet.headers or not sheet.rows:
            dialogs.show_error(
                self,
                _("Import"),
                _("The sheet '{sheet}' has no rows under a header row.").format(sheet=sheet.name),
            )
            return False
        self.owner.set_sheet(sheet)
        return True


class MappingPage(QWizardPage):
    """One row per column of the sheet: its header, a few values, and the field it fills."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.combos: list[QComboBox] = []
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        # What this kind's sheet cannot fill (links to other records), said before anyone looks.
        self.left_out = QLabel(self)
        self.left_out.setObjectName("hint")
        self.left_out.setWordWrap(True)
        self.left_out.setVisible(wizard.kind in LEFT_OUT)
        # Rows the sheet hides (a filter) are read like the others: said before the preview.
        self.hidden_rows = QLabel(self)
        self.hidden_rows.setObjectName("hint")
        self.hidden_rows.setWordWrap(True)
        self.hidden_rows.setVisible(False)
        self.table = QTableWidget(0, 3, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.warning = QLabel(self)
        self.warning.setObjectName("fieldError")
        self.warning.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.left_out)
        layout.addWidget(self.hidden_rows)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warning)

    def retranslate(self) -> None:
        self.setTitle(_("Which column holds what"))
        self.setSubTitle(_("Check each column; choose “Do not import” for columns to leave out."))
        self.table.setHorizontalHeaderLabels([_("Column"), _("Examples"), _("Import into")])
        if self.owner.kind in LEFT_OUT:
            self.left_out.setText(_(LEFT_OUT[self.owner.kind]))
        if self.owner.sheet is not None:
            self.hidden_rows.setText(self.owner.sheet.hidden_rows_note())
            self.hidden_rows.setVisible(bool(self.owner.sheet.hidden))
        for combo in self.combos:
            combo.setItemText(0, _("Do not import"))

    def initializePage(self) -> None:
        sheet = self.owner.sheet
        assert sheet is not None
        guess = suggest_mapping(self.owner.ctx, self.owner.kind, sheet.headers)
        self.note.setText(
            _("These columns were mapped as you chose the last time.")
            if guess.remembered
            else _("HubDesk guessed from the headers; correct what is wrong.")
        )
        choices = importable_fields(self.owner.kind)
        self.combos = []
        self.table.setRowCount(len(sheet.headers))
        for index, (header, chosen) in enumerate(zip(sheet.headers, guess.fields, strict=True)):
            self.table.setItem(index, 0, _item(header or _("(no header)")))
            samples = [cell_text(r.cells[index]) for r in sheet.rows[:20]]
            shown = "; ".join([s for s in samples if s][:SAMPLES])
            self.table.setItem(index, 1, _item(shown))
            combo = QComboBox()
            combo.addItem(_("Do not import"), None)
            for name, label in choices:
                combo.addItem(label, name)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.setAccessibleName(_("Import column “{header}” into").format(header=header))
            combo.currentIndexChanged.connect(lambda _i: self.mapping_changed())
            self.table.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self.retranslate()
        self.mapping_changed()

    def fields(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    def set_field(self, column: int, field: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def problems(self) -> list[str]:
        fields = self.fields()
        labels = dict(importable_fields(self.owner.kind))
        out = [
            _("Two columns are mapped to “{field}”.").format(field=labels[name])
            for name in dict.fromkeys(f for f in fields if f and fields.count(f) > 1)
        ]
        if not any(fields):
            out.append(_("Choose at least one column to import."))
        return out

    def mapping_changed(self) -> None:
        lines = self.problems()
        missing = missing_required(self.owner.kind, self.fields())
        if missing and any(self.fields()):
            lines.append(
                _("No column holds: {fields}. Rows without them cannot be added.").format(
                    fields=", ".join(missing)
                )
            )
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self.problems()

    def validatePage(self) -> bool:
        self.owner.fields = self.fields()
        return True


class SummaryPage(QWizardPage):
    """What was done; the rows that were not imported can be saved to correct them."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setObjectName("importSummary")
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(lambda _c=False: self.save_refused())
        self.saved_note = QLabel(self)
        self.saved_note.setObjectName("hint")
        self.saved_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.saved_note)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(_("Import finished"))
        self.setSubTitle(
            _("The good rows were saved together; rows with problems were left out whole.")
        )
        self.save_button.setText(_("Save the rows not imported…"))
        if self.owner.import_result is not None:
            self.initializePage()

    def initializePage(self) -> None:
        result = self.owner.import_result
        assert result is not None
        lines = count_lines(result.preview, SUMMARY_LINES)
        self.text.setText("\n".join(lines) or _("The sheet had no rows to import."))
        self.save_button.setVisible(bool(result.preview.not_imported))
        self.saved_note.clear()

    def save_refused(self, path: Path | None = None) -> Path | None:
        result = self.owner.import_result
        if result is None:
            return None
        if path is None:
            path = choose_refused_path(self, self.owner.source_path)
            if path is None:
                return None
        try:
            source = self.owner.source_path
            if source is not None:  # never over the workbook just imported, as the command
                check_refused_path(path, source)
            count = write_refused(result.preview, path)
        except FIXABLE as error:
            fail(self, error)
            return None
        self.saved_note.setText(
            whole_paths(
                ngettext(
                    "{count} row saved to {path}, with the reason in the last column.",
                    "{count} rows saved to {path}, with the reason in the last column.",
                    count,
                ).format(count=count, path=path)
            )
        )
        return path


def choose_refused_path(parent: QWidget | None, source: Path | None) -> Path | None:
    folder = source.parent if source else Path.home()
    stem = source.stem if source else "import"
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Save the rows not imported…"),
        str(folder / _("{name} - not imported.xlsx").format(name=stem)),
        _("Excel workbook (*.xlsx);;CSV text file (*.csv)"),
    )
    return Path(name) if name else None


def _item(text: str) -> Any:
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class ImportWizard(QWizard):
    """Import ``kind`` (one of ``tables.columns.IMPORTABLE``); ``imported`` after a good
    import."""

    imported = Signal()

    def __init__(self, ctx: ServiceContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.ctx, self.kind = ctx, kind
        self.sheet: Sheet | None = None
        self.fields: list[str | None] = []
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.source_page, self.mapping_page, self.preview_page, self.summary_page):
            self.addPage(page)
        self.retranslate()
        self.resize(900, 620)

    @property
    def source_path(self) -> Path | None:
        text = self.source_page.path.text().strip()
        return Path(text) if text else None

    def set_sheet(self, sheet: Sheet) -> None:
        self.sheet, self.preview, self.import_result = sheet, None, None

    def finished_import(self, result: ImportResult) -> None:
        self.import_result = result
        self.imported.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import: {table}").format(table=_(KIND_LABELS[self.kind])))
        texts = {
            QWizard.WizardButton.BackButton: _("Back"),
            QWizard.WizardButton.NextButton: _("Next"),
            QWizard.WizardButton.CommitButton: _("Import"),
            QWizard.WizardButton.FinishButton: _("Done"),
            QWizard.WizardButton.CancelButton: _("Cancel"),
            QWizard.WizardButton.HelpButton: _("Help"),
        }
        for which, text in texts.items():
            self.setButtonText(which, text)
        for page in (self.source_page, self.mapping_page, self.preview_page, self.summary_page):
            page.retranslate()


def open_import_wizard(ctx: ServiceContext, kind: str, parent: QWidget | None = None) -> bool:
    """Run the wizard modally; True when something was imported (the page reloads)."""
    wizard = ImportWizard(ctx, kind, parent)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.exec()
    return wizard.import_result is not None
