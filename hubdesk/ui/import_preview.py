"""The import wizard's preview step: every row of the sheet, what would happen to it, and why not.

Split from ``import_wizard`` because it is the one step with its own table model: a sheet may
hold 50,000 rows, which a model shows at the cost of the rows on screen, and a widget per cell
would not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from hubdesk.i18n import N_, NN_, _, ngettext
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.town_names import team_choices
from hubdesk.tables.errors import TableError
from hubdesk.tables.importer import (
    ImportCancelled,
    ImportOptions,
    ImportPreview,
    PreviewRow,
    RowAction,
    preview_import,
    run_import,
)
from hubdesk.tables.labels import display_value
from hubdesk.tables.mapping import field_label
from hubdesk.ui import dialogs
from hubdesk.ui.widgets import IdCombo
from hubdesk.ui.workers import Cancelled, run_in_background

if TYPE_CHECKING:
    from hubdesk.ui.import_wizard import ImportWizard

# Errors of a file or a choice a person can fix: shown, and the wizard stays where it is.
FIXABLE = (TableError, PermissionDenied, NotFoundError, ValidationError, OSError)

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

ACTION_LABELS: dict[RowAction, str] = {
    RowAction.CREATE: N_("Add"),
    RowAction.UPDATE: N_("Update"),
    RowAction.UNCHANGED: N_("Unchanged"),
    RowAction.EXISTS: N_("Already there"),
    RowAction.REFUSED: N_("Not imported"),
}
ROW_COLOURS: dict[RowAction, str] = {
    RowAction.REFUSED: "#fbe3e1",
    RowAction.EXISTS: "#eeeeee",
    RowAction.UNCHANGED: "#eeeeee",
}
PREVIEW_LINES: dict[RowAction, tuple[str, str]] = {
    RowAction.CREATE: NN_("{n} row will be added.", "{n} rows will be added."),
    RowAction.UPDATE: NN_("{n} record will be updated.", "{n} records will be updated."),
    RowAction.UNCHANGED: NN_(
        "{n} record is already up to date.", "{n} records are already up to date."
    ),
    RowAction.EXISTS: NN_(
        "{n} row is already in HubDesk and will be left unchanged.",
        "{n} rows are already in HubDesk and will be left unchanged.",
    ),
    RowAction.REFUSED: NN_(
        "{n} row has problems and will not be imported.",
        "{n} rows have problems and will not be imported.",
    ),
}


def cell_text(value: Any) -> str:
    """A sheet cell as the person typed it (Excel gives dates as midnight datetimes)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return format_date(value.date())
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    return str(value).strip()


def count_lines(preview: ImportPreview, texts: Mapping[RowAction, tuple[str, str]]) -> list[str]:
    """One sentence per kind of outcome that happens at least once."""
    lines = []
    for action, (singular, plural) in texts.items():
        n = preview.count(action)
        if n:
            lines.append(ngettext(singular, plural, n).format(n=format_number(n)))
    return lines


def row_note(kind: str, row: PreviewRow, teams: Mapping[str, str] | None = None) -> str:
    """The problems of a refused row, or what an update changes (choices by their labels,
    yes or no, teams by ``teams``' names: as the form shows them, never as stored)."""
    if row.action is RowAction.UPDATE:
        return "; ".join(
            _("{field}: {old} → {new}").format(
                field=field_label(kind, name),
                old=_shown(kind, name, old, teams),
                new=_shown(kind, name, new, teams),
            )
            for name, (old, new) in row.changes.items()
        )
    return row.reason(kind)


def _shown(kind: str, name: str, value: Any, teams: Mapping[str, str] | None) -> str:
    if isinstance(value, dt.date):  # display_value reads the audit trail's ISO texts
        return cell_text(value)
    return display_value(kind, name, value, names=teams)


class PreviewModel(QAbstractTableModel):
    """Row number, outcome, problems, then the sheet's own cells."""

    FIXED = 3

    def __init__(self) -> None:
        super().__init__()
        self.preview: ImportPreview | None = None
        self.rows: list[PreviewRow] = []
        self.only_problems = False

    def set_preview(self, preview: ImportPreview | None, only_problems: bool) -> None:
        self.beginResetModel()
        self.preview, self.only_problems = preview, only_problems
        rows = preview.rows if preview else []
        self.rows = [r for r in rows if r.action is RowAction.REFUSED] if only_problems else rows
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or self.preview is None:
            return 0
        return self.FIXED + len(self.preview.sheet.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.preview is None:
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.number)
            if column == 1:
                return _(ACTION_LABELS[row.action])
            if column == 2:
                return row_note(self.preview.kind, row, self.preview.teams)
            return self._cell(row, column - self.FIXED, role)
        if role == Qt.ItemDataRole.BackgroundRole and row.action in ROW_COLOURS:
            return QColor(ROW_COLOURS[row.action])
        if role == Qt.ItemDataRole.ForegroundRole and row.action in ROW_COLOURS:
            return QColor("#202020")
        return None

    def _cell(self, row: PreviewRow, index: int, role: int) -> str:
        """The sheet's cell; a date typed as text is shown as it will be read ("3/2/2024": the
        3rd of February), with the typed text in its tooltip."""
        assert self.preview is not None
        typed, name = row.cells[index], self.preview.fields[index]
        read = row.values.get(name) if name else None
        if isinstance(typed, str) and type(read) is dt.date:
            return typed.strip() if role == Qt.ItemDataRole.ToolTipRole else format_date(read)
        return cell_text(typed)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if self.preview is None:
            return None
        fixed = (_("Row"), _("Result"), _("Problems and changes"))
        if section < self.FIXED:
            return fixed[section]
        return self.preview.sheet.headers[section - self.FIXED]


class PreviewPage(QWizardPage):
    """Check every row without saving; choose whether matching records are updated."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setCommitPage(True)
        self.create_only = QRadioButton(self)
        self.create_only.setChecked(True)
        self.update_rows = QRadioButton(self)
        self.create_only.toggled.connect(lambda _c: self.run_preview())
        self.team = IdCombo(empty=N_("Choose a team"))
        self.team.changed.connect(self.run_preview)
        self.team_label = QLabel(self)
        self.counts = QLabel(self)
        self.counts.setObjectName("importCounts")
        self.counts.setWordWrap(True)
        self.only_problems = QCheckBox(self)
        self.only_problems.toggled.connect(lambda _c: self._show())
        self.again = QPushButton(self)
        self.again.clicked.connect(lambda _c=False: self.run_preview())
        self.model = PreviewModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        options = QFormLayout()
        modes = QVBoxLayout()
        modes.addWidget(self.create_only)
        modes.addWidget(self.update_rows)
        options.addRow(modes)
        options.addRow(self.team_label, self.team)
        row = QHBoxLayout()
        row.addWidget(self.counts, 1)
        row.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addLayout(row)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.table, 1)

    def retranslate(self) -> None:
        self.setTitle(_("Check the rows"))
        self.setSubTitle(_("Nothing is saved yet. Rows with problems are left out whole."))
        self.create_only.setText(_("Only add new rows; leave records already in HubDesk alone"))
        self.update_rows.setText(_("Add new rows and update the records they match"))
        self.team_label.setText(_("Team of rows that name none"))
        self.team.retranslate()
        self.only_problems.setText(_("Show only rows with problems"))
        self.again.setText(_("Check again"))
        self.model.set_preview(self.model.preview, self.only_problems.isChecked())

    def initializePage(self) -> None:
        needs_team = self.owner.kind == "members" and "team_id" not in self.owner.fields
        teams = team_choices(self.owner.ctx) if needs_team else []
        self.team.blockSignals(True)
        self.team.set_items(teams)
        self.team.blockSignals(False)
        for widget in (self.team, self.team_label):
            widget.setVisible(len(teams) > 1)
        self.run_preview()

    def options(self) -> ImportOptions:
        return ImportOptions(update=self.update_rows.isChecked(), default_team_id=self.team.value())

    def run_preview(self) -> None:
        wizard = self.owner
        if wizard.sheet is None or wizard.currentPage() is not self:
            return
        sheet, fields, options = wizard.sheet, list(wizard.fields), self.options()
        wizard.preview = None
        try:
            wizard.preview = run_in_background(
                wizard,
                _("Import"),
                ngettext("Checking {count} row…", "Checking {count} rows…", len(sheet.rows)).format(
                    count=format_number(len(sheet.rows))
                ),
                lambda progress: preview_import(
                    wizard.ctx, wizard.kind, sheet, fields, options, progress
                ),
            )
        except (Cancelled, ImportCancelled):
            pass
        except FIXABLE as error:
            dialogs.show_error(self, _("Import"), getattr(error, "message", None) or str(error))
        self._show()

    def _show(self) -> None:
        preview = self.owner.preview
        self.model.set_preview(preview, self.only_problems.isChecked())
        self.again.setVisible(preview is None)
        if preview is None:
            self.counts.setText(_("The rows were not checked."))
        else:
            self.counts.setText("\n".join(count_lines(preview, PREVIEW_LINES)))
            self.table.resizeColumnsToContents()
            char = self.table.fontMetrics().averageCharWidth()
            for column in range(self.model.columnCount()):
                limit = 60 if column == 2 else 28
                if self.table.columnWidth(column) > char * limit:
                    self.table.setColumnWidth(column, char * limit)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        preview = self.owner.preview
        if preview is None:
            return False
        return preview.count(RowAction.CREATE) + preview.count(RowAction.UPDATE) > 0

    def validatePage(self) -> bool:
        """Import: every good row in one transaction (checked once more, as data may have
        changed since the preview)."""
        wizard = self.owner
        assert wizard.sheet is not None
        sheet, fields, options = wizard.sheet, list(wizard.fields), self.options()
        try:
            result = run_in_background(
                wizard,
                _("Import"),
                ngettext(
                    "Importing {count} row…", "Importing {count} rows…", len(sheet.rows)
                ).format(count=format_number(len(sheet.rows))),
                lambda progress: run_import(
                    wizard.ctx, wizard.kind, sheet, fields, options, progress=progress
                ),
            )
        except (Cancelled, ImportCancelled):
            dialogs.inform(self, _("Import"), _("Import cancelled; nothing was changed."))
            return False
        except FIXABLE as error:
            dialogs.show_error(self, _("Import"), getattr(error, "message", None) or str(error))
            return False
        wizard.finished_import(result)
        return True
