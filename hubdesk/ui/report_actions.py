"""Making a report from the window: in the background with progress and Cancel, then opening,
printing or saving the PDF. ``print_report`` is what the Print buttons of the meeting, proposal and
team pages call."""

from __future__ import annotations

import contextlib
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
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock, i18n
from hubdesk.i18n import LANGUAGES, N_, _, pgettext
from hubdesk.i18n.names import native_language_name
from hubdesk.reports import SPECS, ReportCancelled, ReportError, generate_report
from hubdesk.reports.data.scope import resolve_municipality
from hubdesk.services import calls, fund, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError
from hubdesk.services.file_names import not_a_device
from hubdesk.ui import dialogs
from hubdesk.ui.path_text import whole_paths
from hubdesk.ui.places import documents_folder
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


def default_name(
    ctx: ServiceContext,
    kind: str,
    record_id: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    today: dt.date | None = None,
) -> str:
    """A file name that says what the PDF is, in the UI language: "Minutes of the meeting, CAT
    Kumanovo, 2026-11-03.pdf", "Technical Support Fund application, TSF-2026-004.pdf", "Youth
    engagement report, Kumanovo, 2026-01-01 – 2026-06-30.pdf". Dates are ISO so that a folder
    of reports sorts by date; never a record's internal id, which tells a person nothing."""
    today = today or clock.today()
    spec = SPECS[kind]
    parts = [_(spec.title)]
    # When the record is gone the report itself will say so; the name still says what it is.
    with contextlib.suppress(NotFoundError, ReportError):
        parts += _subject(ctx, kind, record_id)
    if kind == "roster":
        # A roster is the team on one day: the period's last, or today for one not over yet.
        parts.append(min(date_to or today, today).isoformat())
    elif spec.uses_period:
        end = date_to or max(today, date_from or today)
        start = date_from or dt.date(end.year, 1, 1)
        parts.append(f"{start.isoformat()} – {end.isoformat()}")
    return safe_file_name(", ".join(p for p in parts if p)) + ".pdf"


def _subject(ctx: ServiceContext, kind: str, record_id: str | None) -> list[str]:
    """What the report is about: the meeting's team and day, the proposal's reference, or the
    municipality."""
    record = SPECS[kind].record
    if record == N_("meeting") and record_id:
        meeting = meetings.get_meeting(ctx, record_id)
        names = {t.id: t.name for t in team.list_teams(ctx)}
        return [names.get(meeting.team_id, ""), clock.local_day(meeting.starts_at).isoformat()]
    if record == N_("proposal") and record_id:
        return [fund.get_proposal(ctx, record_id).reference or ""]
    if record == N_("call") and record_id:
        return [calls.get_call(ctx, record_id).title]
    if record == N_("municipality") and (record_id or ctx.municipality_id):
        return [resolve_municipality(ctx, record_id).name]
    return []


def safe_file_name(text: str, limit: int = 120) -> str:
    """``text`` without the characters Windows forbids in a file name, and not too long."""
    cleaned = "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text)
    return not_a_device(cleaned[:limit].strip(" .")) or "report"


def pdf_target(name: str) -> Path:
    """The file a save dialog's answer names, ending in .pdf: not every system's dialog adds
    the filter's suffix to a name typed without one, and a PDF without it does not open in
    the PDF viewer from the file manager."""
    target = Path(name)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    return target


def unused_path(path: Path) -> Path:
    """``path``, or ``name (2).pdf`` ... when a file of that name is there and cannot be
    replaced (Windows keeps a PDF open in a viewer locked)."""
    candidate, number = path, 1
    while candidate.exists():
        try:
            candidate.unlink()
            return candidate
        except OSError:
            number += 1
            candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate


def tell_saved(parent: QWidget | None, path: Path) -> None:
    """Say where the PDF went, with a button that opens it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Saved"))
    box.setText(whole_paths(_("The report was saved to {path}").format(path=path)))
    open_button = box.addButton(pgettext("button", "Open"), QMessageBox.ButtonRole.ActionRole)
    close_button = box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(close_button)
    box.exec()
    if box.clickedButton() is open_button:
        open_file(path)


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
    parent: QWidget,
    ctx: ServiceContext,
    kind: str,
    record_id: str | None = None,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> None:
    """Ask for language and form, make the report of the period given (by default this year
    up to today), then print, open or save it."""
    from PySide6.QtWidgets import QFileDialog

    chooser = PrintOptions(kind, parent)
    if chooser.exec() != QDialog.DialogCode.Accepted:
        return
    if chooser.action == PrintOptions.SAVE:
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Save the report"),
            str(documents_folder() / default_name(ctx, kind, record_id, date_from, date_to)),
            _("PDF (*.pdf)"),
        )
        if not name:
            return
        out = pdf_target(name)
    else:
        out = unused_path(
            report_folder(ctx) / default_name(ctx, kind, record_id, date_from, date_to)
        )
    path = generate_with_progress(
        parent,
        ctx,
        kind,
        out,
        record_id=record_id,
        date_from=date_from,
        date_to=date_to,
        **chooser.options(),
    )
    if path is None:
        return
    if chooser.action == PrintOptions.PRINT:
        print_file(parent, path)
    elif chooser.action == PrintOptions.OPEN:
        open_file(path)
    else:
        tell_saved(parent, path)
