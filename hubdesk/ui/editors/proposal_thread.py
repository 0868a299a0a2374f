"""The comment thread beside a proposal: what the municipality and the hub wrote to each other,
oldest first, and a box to add the next comment.

Everyone who may see the proposal may write here (the hub on any proposal, a municipality and
its field laptops on their own), whatever its status and even when the proposal itself is
read-only: co-design goes on while the text is with the hub. The name a person signs with is
remembered on this PC beside the window's other settings.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_datetime
from hubdesk.services import thread
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.thread import ThreadEntry
from hubdesk.ui.forms import run_guarded
from hubdesk.ui.preferences import FILENAME
from hubdesk.ui.widgets import ErrorLabel

AUTHOR_KEY = "thread/author_name"
# The hub's entries on a pale blue, the municipality's side on a pale sand: which side wrote
# is seen before it is read.
SIDE_COLOURS = {Role.HUB.value: "#e8f0fb", "municipality": "#f6f1e7", "field": "#f6f1e7"}


def entry_heading(entry: ThreadEntry) -> str:
    """``04.12.2026 14:02 · Regional hub · Elira · with: Under review``."""
    parts = [format_datetime(entry.written_at, fmt="short"), Role(entry.author_role).label]
    if entry.author_name:
        parts.append(entry.author_name)
    if entry.status:
        parts.append(_("with: {status}").format(status=ProposalStatus(entry.status).label))
    return " · ".join(parts)


def entry_html(entry: ThreadEntry) -> str:
    """One entry as a shaded block: who and when in bold, then the comment as typed."""
    colour = SIDE_COLOURS.get(entry.author_role, "#ffffff")
    body = escape(entry.body).replace("\n", "<br/>")
    return (
        f'<table width="100%" cellpadding="6" style="margin-bottom:6px; '
        f'background-color:{colour}"><tr><td><b>{escape(entry_heading(entry))}</b>'
        f"<br/>{body}</td></tr></table>"
    )


def plain_text(entry: ThreadEntry) -> str:
    """One entry as the thread shows it, in plain text (what a screen reader reads)."""
    return f"{entry_heading(entry)}\n{entry.body}"


class ThreadPanel(QWidget):
    """The thread of one proposal; ``commented`` is emitted after a comment is added."""

    commented = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalThread")
        self.setMinimumWidth(160)  # the tabs need the width in long languages
        self.ctx, self.proposal_id = ctx, ""
        self.entries: list[ThreadEntry] = []
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.view = QTextBrowser(self)  # wraps long comments; read-only, text selectable
        self.view.setOpenLinks(False)
        self.author = QLineEdit(self)
        self.author_label = QLabel(self)
        self.box = QPlainTextEdit(self)
        self.box.setTabChangesFocus(True)
        self.box.setMaximumHeight(90)
        self.send_button = QPushButton(self)
        self.send_button.clicked.connect(self.send)
        self.error = ErrorLabel(self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        # Before the first comment the note takes the room the comments will, its words at
        # the top: otherwise the room was shared out between the lines, and "Your name"
        # stood far above the field it names.
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.author_label)
        layout.addWidget(self.author)
        layout.addWidget(self.box)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.author.setText(self._remembered_author())
        self.retranslate()

    # --- the name a person signs with ----------------------------------------------------------

    def _settings(self) -> QSettings | None:
        if self.ctx.data_dir is None:
            return None
        return QSettings(str(self.ctx.data_dir / FILENAME), QSettings.Format.IniFormat)

    def _remembered_author(self) -> str:
        settings = self._settings()
        value = settings.value(AUTHOR_KEY) if settings is not None else None
        return str(value) if value else thread.default_author(self.ctx)

    def author_name(self) -> str:
        return self.author.text().strip()

    def _remember_author(self) -> None:
        settings = self._settings()
        if settings is not None:
            settings.setValue(AUTHOR_KEY, self.author_name())
            settings.sync()

    # --- showing and adding ----------------------------------------------------------------------

    def load(self, proposal_id: str | None) -> None:
        self.proposal_id = proposal_id or ""
        self.entries = thread.proposal_thread(self.ctx, proposal_id) if proposal_id else []
        self.view.setHtml("".join(entry_html(entry) for entry in self.entries))
        self.view.moveCursor(QTextCursor.MoveOperation.End)  # newest last, in view
        saved = bool(self.proposal_id)
        for widget in (self.box, self.author, self.send_button, self.author_label):
            widget.setVisible(saved)
        self.retranslate()

    def send(self) -> None:
        body = self.box.toPlainText()

        def add() -> None:
            thread.add_comment(self.ctx, self.proposal_id, body, self.author_name())

        def invalid(error: ValidationError) -> None:
            self.error.show_message(error.message)

        self.error.show_message(None)
        if run_guarded(self, add, invalid):
            self._remember_author()
            self.box.clear()
            self.load(self.proposal_id)
            self.commented.emit()

    def retranslate(self) -> None:
        count = len(self.entries)
        self.title.setText(_("Comments ({count})").format(count=count))
        if not self.proposal_id:
            self.empty.setText(_("Save the proposal to start its thread with the hub."))
        else:
            self.empty.setText(
                _("No comments yet. Ask or answer here; it goes with the next bundle.")
            )
        self.empty.setVisible(count == 0)
        self.view.setVisible(count > 0)
        self.view.setAccessibleName(_("Comments between the municipality and the hub"))
        self.author_label.setText(_("Your name"))
        self.author.setAccessibleName(_("Your name"))
        self.box.setPlaceholderText(_("Write a comment…"))
        self.box.setAccessibleName(_("New comment"))
        self.send_button.setText(_("Add comment"))
