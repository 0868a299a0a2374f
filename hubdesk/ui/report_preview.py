"""A made report seen in the window before it is saved, and printed through the system's print
dialog: both with Qt's PDF module (QtPdf), so no PDF program is needed on the PC.

Printing draws each page as a picture of at most ``PRINT_DPI`` dots per inch: plenty for text on
an office laser printer, and an A4 page stays a few megabytes however fine the printer is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QStackedLayout, QWidget

from hubdesk.i18n import _

PRINT_DPI = 300


class ReportPreview(QWidget):
    """The pages of one PDF, one under the other, as wide as the view; a hint while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("reportPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Fitted to the width, a page about as tall as the view would need the scroll bar
        # only while it is not there: the view added and took it away without end (the window
        # stood still at full load, seen with a one-page report at some sizes). Always there,
        # the width the pages are fitted to never changes.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.hint)
        self._stack.addWidget(self.view)
        self.path: Path | None = None
        self.retranslate()

    def load(self, path: Path) -> bool:
        """Show ``path``; False (and the hint again) when it is not a PDF Qt can read."""
        self.document.close()
        error = self.document.load(str(path))
        ok = error == QPdfDocument.Error.None_ and self.document.pageCount() > 0
        self.path = path if ok else None
        if not ok:
            self.document.close()
        self._stack.setCurrentWidget(self.view if ok else self.hint)
        return ok

    def clear(self) -> None:
        """Let go of the file (Windows keeps an open file from being replaced or removed)."""
        self.document.close()
        self.path = None
        self._stack.setCurrentWidget(self.hint)

    def page_count(self) -> int:
        return self.document.pageCount() if self.path is not None else 0

    def retranslate(self) -> None:
        self.hint.setText(_("Choose a report and press Preview: its pages are shown here."))


def print_pdf(parent: QWidget | None, path: Path) -> bool | None:
    """Print ``path`` with the printer, pages and copies chosen in the system's print dialog.

    True when printed, None when the person cancelled, False when the file cannot be read."""
    holder = QObject()  # the document's owner for the time of printing only
    document = QPdfDocument(holder)
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() == 0:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(path.stem)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, document.pageCount())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return render_pages(document, printer)
        finally:
            QGuiApplication.restoreOverrideCursor()
    finally:
        document.close()
        holder.deleteLater()


def render_pages(document: QPdfDocument, printer: QPrinter) -> bool:
    """Draw the pages the print dialog chose (all when it chose none), each fitted to the
    printable area and centred on it."""
    count = document.pageCount()
    first = max(1, printer.fromPage() or 1)
    last = min(count, printer.toPage() or count)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            size = document.pagePointSize(number - 1)
            pixels = QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
            image = document.render(number - 1, pixels)
            area = QRectF(painter.viewport())
            scale = min(area.width() / pixels.width(), area.height() / pixels.height())
            width, height = pixels.width() * scale, pixels.height() * scale
            target = QRectF(
                area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2,
                width, height,
            )  # fmt: skip
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True
