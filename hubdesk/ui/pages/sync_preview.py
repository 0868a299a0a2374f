"""The Sync page's import preview: what a bundle would change, per area, and in sentences what
its import does beyond the counts (a meeting or a fund proposal that comes back, proposal parts
removed), before anything is written.

Sized for a 1366×768 screen: the table shows its areas without scrolling when there are few
(a first bundle lists every area, so it scrolls past ``SHOWN_AREAS``), and the sentences are in
a scroll area of their own, so a bundle bringing back many meetings and proposals never pushes
the table or the Import button out of the window, nor squeezes a sentence out of sight. A
refused record's reason wraps in the list of problems rather than running past its edge. A
sentence under a heading (a meeting or a proposal that comes back) is a bullet whose wrapped
lines stay under its text, not under the bullet. Counts are the language's numbers ("12.345" in
Macedonian), and a path in a problem wraps after a folder's name (``whole_paths``).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_number
from hubdesk.sync.import_notes import BULLET
from hubdesk.sync.importer import ImportResult
from hubdesk.sync.scope import AREA_LABELS
from hubdesk.ui.pages.sync_conflicts import fill, table
from hubdesk.ui.path_text import whole_paths

OUTCOMES = (N_("New"), N_("Updated"), N_("Unchanged"), N_("Conflicts"), N_("Refused"))
WIDTH = 760  # px: the sentences read in whole lines, with room on a 1366-wide screen
SHOWN_AREAS = 8  # rows of the table shown whole; past that, it scrolls
SHOWN_LINES = 14  # lines of sentences shown at once; past that, they scroll


class ImportPreview(QDialog):
    """What a bundle would change, per area, before anything is written."""

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import preview"))
        self.setMinimumWidth(WIDTH)
        layout = QVBoxLayout(self)
        self.summary = QLabel(result.summary(), self)
        self.summary.setWordWrap(True)  # a long sender's name or a language's longer words
        layout.addWidget(self.summary)
        self.table = table(self, 1 + len(OUTCOMES))
        self.table.setHorizontalHeaderLabels([_("Area"), *(_(o) for o in OUTCOMES)])
        rows = [
            [_(AREA_LABELS[name]), *(format_number(v) for v in counts.as_dict().values())]
            for name, counts in result.areas.items()
        ]
        fill(self.table, rows)
        self.table.setMinimumHeight(_rows_height(self.table, SHOWN_AREAS))
        layout.addWidget(self.table)
        # What the import does beyond the counts: a meeting that comes back, parts removed.
        self.notes = QLabel(self)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setText(notes_html(result.notes(), self.notes.fontMetrics().horizontalAdvance))
        self.notes.setObjectName("importNotes")
        # from the top of its area, as the table above reads, not floating in its middle
        self.notes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.notes.setWordWrap(True)
        self.notes_area = QScrollArea(self)
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.notes_area.setWidget(self.notes)
        self.notes_area.setVisible(bool(self.notes.text()))
        lines = self.notes.fontMetrics().lineSpacing() * SHOWN_LINES
        self.notes_area.setMinimumHeight(min(self.notes.heightForWidth(WIDTH - 60), lines))
        layout.addWidget(self.notes_area, 1)
        self.problems = QListWidget(self)
        # A refusal names a record by its id and says why in a long sentence: it wraps, so
        # the reason is read whole, never past the right edge behind a sideways scroll bar.
        self.problems.setWordWrap(True)
        self.problems.setResizeMode(QListView.ResizeMode.Adjust)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A record's id may be a file's path in the bundle: it wraps after a folder's name. A
        # single name wider than the list (a long file name without spaces) cannot wrap, so
        # each problem is whole in its tooltip too.
        for problem in result.problems:
            item = QListWidgetItem(whole_paths(problem.text), self.problems)
            item.setToolTip(whole_paths(problem.text))
        if result.unlisted:  # the first problems only: a list of millions froze the window
            QListWidgetItem(result.unlisted_line(), self.problems)
        self.problems.setVisible(bool(result.problems))
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(self)
        self.accept_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setEnabled(not result.problems)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def notes_html(lines: list[str], advance: Callable[[str], int]) -> str:
    """The sentences as paragraphs ("" for none), escaped (a meeting's team and a proposal's
    title are a person's words); a bullet hangs: its wrapped lines start under its text.
    ``advance`` measures text in the label's font."""
    out = []
    for line in lines:
        text = html.escape(line)
        if line.startswith(BULLET):
            hang = advance(BULLET)
            out.append(
                f'<p style="margin:0; margin-left:{hang}px; text-indent:-{hang}px">{text}</p>'
            )
        else:
            out.append(f'<p style="margin:0">{text}</p>')
    return "".join(out)


def _rows_height(view: QTableWidget, most: int) -> int:
    """The height that shows the header and up to ``most`` rows whole."""
    shown = min(view.rowCount(), most)
    rows = sum(view.rowHeight(r) for r in range(shown))
    scroll = view.horizontalScrollBar().sizeHint().height()  # a wide table may need it
    return rows + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth() + scroll
