"""Making a report from the window: in the background with progress and Cancel, then opening,
printing or saving the PDF. ``print_report`` is what the Print buttons of the meeting, proposal and
team pages call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk import i18n
from hubdesk.i18n import LANGUAGES, _, pgettext
from hubdesk.i18n.names import native_language_name
from hubdesk.reports import SPECS, ReportCancelled, ReportError, generate_report
from hubdesk.services.context import ServiceContext
from hubdesk.ui import dialogs
from hubdesk.ui.report_preview import print_pdf
from hubdesk.ui.workers import Cancelled, run_in_background


def generate_with_progress(
    parent: QWidget | None, ctx: ServiceContext, kind: str, out: Path, **options: Any
) -> Path | None:
    """Write the report off the GUI thread behind a progress dialog. Returns the file, or None
    when the person cancelled or the input was refused (they have been told why)."""
    title = _(SPECS[kind].title)
    try:
        return run_in_background(
            parent,
            title,
            _("Making the report…"),
            lambda progress: generate_report(ctx, kind, out, progress=progress, **options),
        )
    except (Cancelled, ReportCancelled):
        return None
    except ReportError as error:
        dialogs.show_error(parent, _("The report was not made"), error.message)
        return None


def open_file(path: Path) -> bool:
    """Show the PDF in the system's viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_file(parent: QWidget | None, path: Path) -> None:
    """Print the PDF through the system's print dialog (printer, pages, copies), drawing its
    pages with Qt's PDF module. A file Qt cannot read opens in the PDF viewer instead."""
    if print_pdf(parent, path) is False:
        dialogs.inform(
            parent,
            _("Print"),
            _("The report opens in your PDF viewer; print it from there."),
        )
        open_file(path)


def report_folder(ctx: ServiceContext) -> Path:
    """Where reports opened straight from a page are kept: the data folder's ``reports``."""
    base = ctx.data_dir or Path.home()
    folder = base / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_name(kind: str, record_id: str | None = None, today: dt.date | None = None) -> str:
    """``minutes-1a2b3c4d-2026-03-10.pdf``: one file per record, so an old one still open in
    a viewer (which Windows will not let us replace) does not block a new one."""
    stamp = (today or dt.date.today()).isoformat()
    middle = f"-{record_id[:8]}" if record_id else ""
    return f"{kind}{middle}-{stamp}.pdf"


def language_combo(parent: QWidget | None = None) -> QComboBox:
    """Every report language under its own name; the window's language first chosen."""
    combo = QComboBox(parent)
    for code in LANGUAGES:
        combo.addItem(native_language_name(code), code)
    combo.setCurrentIndex(max(0, combo.findData(i18n.current_language())))
    return combo


class PrintOptions(QDialog):
    """The few choices a Print button needs: language, bilingual, contacts (roster)."""

    OPEN, PRINT, SAVE = "open", "print", "save"

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.action = ""
        self.setWindowTitle(_(SPECS[kind].title))
        self.language = language_combo(self)
        self.bilingual = QCheckBox(_("English under headings and labels"), self)
        self.contacts = QCheckBox(_("Include e-mail addresses and phone numbers"), self)
        self.contacts.setVisible(kind == "roster")
        form = QFormLayout()
        form.addRow(_("Language of the report"), self.language)
        form.addRow("", self.bilingual)
        if kind == "roster":
            form.addRow("", self.contacts)
        buttons = QDialogButtonBox(self)
        for action, label in (
            (self.PRINT, _("Print…")),
            (self.OPEN, pgettext("button", "Open")),
            (self.SAVE, _("Save as…")),
        ):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _c=False, a=action: self._choose(a))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choose(self, action: str) -> None:
        self.action = action
        self.accept()

    def options(self) -> dict[str, Any]:
        return {
            "lang": self.language.currentData(),
            "bilingual": self.bilingual.isChecked(),
            "include_contacts": self.kind == "roster" and self.contacts.isChecked(),
        }


def print_report(
    parent: QWidget, ctx: ServiceContext, kind: str, record_id: str | None = None
) -> None:
    """Ask for language and form, make the report, then print, open or save it."""
    from PySide6.QtWidgets import QFileDialog

    chooser = PrintOptions(kind, parent)
    if chooser.exec() != QDialog.DialogCode.Accepted:
        return
    if chooser.action == PrintOptions.SAVE:
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Save the report"),
            str(Path.home() / default_name(kind, record_id)),
            _("PDF (*.pdf)"),
        )
        if not name:
            return
        out = Path(name)
    else:
        out = report_folder(ctx) / default_name(kind, record_id)
    path = generate_with_progress(parent, ctx, kind, out, record_id=record_id, **chooser.options())
    if path is None:
        return
    if chooser.action == PrintOptions.PRINT:
        print_file(parent, path)
    elif chooser.action == PrintOptions.OPEN:
        open_file(path)
