"""Export from a list page: the rows the table shows now (its filter and sort) to .xlsx or .csv.

The page hands over what it knows (which tables it can export, its current filter and order);
this module asks for format, language and private fields, picks the file and writes it off the
GUI thread behind a progress dialog that can be cancelled (then no file is written).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.i18n import _, ngettext, pgettext
from hubdesk.i18n.formatting import format_number
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.tables.columns import COLUMNS, KIND_LABELS, Kind
from hubdesk.tables.errors import TableError
from hubdesk.tables.export import ExportResult, export_table
from hubdesk.tables.writers import ExportCancelled
from hubdesk.ui import dialogs
from hubdesk.ui.places import documents_folder
from hubdesk.ui.report_actions import language_combo, open_file
from hubdesk.ui.workers import Cancelled, run_in_background

FORMATS = (".xlsx", ".csv")


@dataclass(frozen=True)
class ExportChoice:
    kind: str
    suffix: str  # ".xlsx" or ".csv"
    lang: str
    private: bool
    public: bool = False  # for readers outside: small counts of people hidden


def has_private(kind: str) -> bool:
    """Whether ``kind`` holds fields that stay on this PC unless asked for (contacts, notes,
    internal minutes)."""
    return kind == Kind.MEETINGS or any(c.private for c in COLUMNS[Kind(kind)])


class ExportDialog(QDialog):
    """Which table (when a page offers several), format, language, private fields."""

    def __init__(
        self, kinds: tuple[str, ...], hub: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(_("Export the table"))
        self.hub = hub
        self.kind = QComboBox(self)
        for kind in kinds:
            self.kind.addItem(_(KIND_LABELS[kind]), kind)
        self.kind.currentIndexChanged.connect(lambda _i: self._update_private())
        self.xlsx = QRadioButton(_("Excel workbook (.xlsx)"), self)
        self.csv = QRadioButton(_("CSV text file (.csv)"), self)
        self.xlsx.setChecked(True)
        self.language = language_combo(self)
        self.private = QCheckBox(_("Include contacts, notes and internal minutes"), self)
        self.private_hint = QLabel(
            _("These stay on this PC unless you include them; take care where the file goes."),
            self,
        )
        self.private_hint.setObjectName("hint")
        self.private_hint.setWordWrap(True)
        self.public = QCheckBox(
            _("Public: hide small counts of people (for readers outside)"), self
        )
        self.public.setObjectName("exportPublic")
        self.public.toggled.connect(lambda _on: self._update_private())
        note = QLabel(_("Only the rows the list shows now are exported, in its order."), self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        form = QFormLayout()
        if len(kinds) > 1:
            form.addRow(_("Table"), self.kind)
        else:
            self.kind.hide()
        formats = QVBoxLayout()
        formats.addWidget(self.xlsx)
        formats.addWidget(self.csv)
        form.addRow(_("Format"), formats)
        form.addRow(_("Language of the file"), self.language)
        form.addRow(self.private)
        form.addRow(self.private_hint)
        form.addRow(self.public)
        self.export_button = QPushButton(_("Export…"), self)
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"), self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._update_private()
        self.setMinimumWidth(460)

    def _update_private(self) -> None:
        shown = not self.hub and has_private(self.kind.currentData())
        shown = shown and not self.public.isChecked()  # a public file has no private fields
        self.private.setVisible(shown)
        self.private_hint.setVisible(shown)
        if not shown:
            self.private.setChecked(False)

    def choice(self) -> ExportChoice:
        return ExportChoice(
            kind=self.kind.currentData(),
            suffix=".csv" if self.csv.isChecked() else ".xlsx",
            lang=self.language.currentData(),
            private=self.private.isChecked() and self.private.isVisible(),
            public=self.public.isChecked(),
        )


def ask_choice(parent: QWidget | None, kinds: tuple[str, ...], hub: bool) -> ExportChoice | None:
    """The person's choices, or None when they cancelled."""
    dialog = ExportDialog(kinds, hub, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


def default_file_name(kind: str, suffix: str, today: dt.date | None = None) -> str:
    return f"{kind.replace('_', '-')}-{(today or clock.today()).isoformat()}{suffix}"


def choose_path(parent: QWidget | None, choice: ExportChoice) -> Path | None:
    """Where to save the file (None when cancelled); the suffix follows the chosen format."""
    patterns = {".xlsx": _("Excel workbook (*.xlsx)"), ".csv": _("CSV text file (*.csv)")}
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export the table"),
        str(documents_folder() / default_file_name(choice.kind, choice.suffix)),
        patterns[choice.suffix],
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == choice.suffix else path.with_suffix(choice.suffix)


def sort_page(model: Any) -> Page | None:
    """The table's current sort order, as the services take it (None: the default order)."""
    column = model.sort_column()
    if column < 0:
        return None
    return Page(order_by=model.columns[column].sort_key, descending=model.descending)


def write_export(
    parent: QWidget | None,
    ctx: ServiceContext,
    choice: ExportChoice,
    path: Path,
    filter: Any,
    page: Page | None,
) -> ExportResult | None:
    """Write the file in the background. None when cancelled (the person knows: they pressed
    Cancel) or refused (they were told why); a cancelled export leaves no file behind."""
    try:
        return run_in_background(
            parent,
            _("Export the table"),
            _("Writing {file}…").format(file=path.name),
            lambda progress: export_table(
                ctx,
                choice.kind,
                path,
                filter=filter,
                lang=choice.lang,
                private=choice.private,
                public=choice.public,
                page=page,
                progress=progress,
            ),
        )
    except (Cancelled, ExportCancelled):  # asked for: nothing to warn about
        return None
    except TableError as error:
        dialogs.show_error(parent, _("The table was not exported"), error.message)
    except OSError as error:
        dialogs.show_error(
            parent,
            _("The table was not exported"),
            _("{path} could not be written: {reason}").format(path=path, reason=os_reason(error)),
        )
    return None


def export_from_page(
    parent: QWidget,
    ctx: ServiceContext,
    kinds: tuple[str, ...],
    filter: Any,
    page: Page | None,
) -> ExportResult | None:
    """The whole Export… button: ask, pick the file, write, offer to open it."""
    choice = ask_choice(parent, kinds, ctx.is_hub)
    if choice is None:
        return None
    path = choose_path(parent, choice)
    if path is None:
        return None
    result = write_export(parent, ctx, choice, path, filter, page)
    if result is None:
        return None
    if dialogs.confirm(
        parent,
        _("Export the table"),
        ngettext(
            "{rows} row was written to {path}. Open the file now?",
            "{rows} rows were written to {path}. Open the file now?",
            result.rows,
        ).format(rows=format_number(result.rows), path=result.path),
        yes=pgettext("button", "Open"),
        no=_("Close"),
    ):
        open_file(result.path)
    return result
