"""What an empty installation's dashboard shows instead of charts of zeros: where to start.

A new focal point opens HubDesk to a dashboard with nothing on it; rows of "0" and empty axes
tell them nothing. This says, in a few plain words, what to do first, with a button for each
step that opens the page where it is done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from hubdesk.domain.enums import Role
from hubdesk.i18n import N_, _

# (page key, button text) for each step, in the order a person takes them
MUNICIPALITY_STEPS: tuple[tuple[str, str], ...] = (
    ("team", N_("Add your team's members")),
    ("meetings", N_("Record a meeting")),
    ("sync", N_("Connect to your hub")),
    ("settings", N_("Language, name and backups")),
)
# A laptop's team comes from its office: receiving it first keeps a second team (the same
# people typed in again) from reaching the office with the laptop's first bundle.
FIELD_STEPS: tuple[tuple[str, str], ...] = (
    ("sync", N_("Receive the office's records")),
    ("meetings", N_("Record a meeting")),
    ("team", N_("Add your team's members")),
    ("settings", N_("Language, name and backups")),
)
HUB_STEPS: tuple[tuple[str, str], ...] = (
    ("sync", N_("Connect a municipality")),
    ("settings", N_("Language, name and backups")),
)


class StartGuide(QFrame):
    """The first steps for this installation's role; ``open_page`` asks the window for a page."""

    open_page = Signal(str)

    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startGuide")
        self.role = role
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionTitle")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(720)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(6)
        steps = {Role.HUB: HUB_STEPS, Role.FIELD: FIELD_STEPS}.get(role, MUNICIPALITY_STEPS)
        self.buttons: dict[str, QPushButton] = {}
        for key, msgid in steps:
            button = QPushButton(self)
            button.setObjectName(f"start_{key}")
            button.setProperty("msgid", msgid)
            button.clicked.connect(lambda _c=False, k=key: self.open_page.emit(k))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.buttons[key] = button
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addSpacing(6)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Welcome to HubDesk"))
        if self.role is Role.HUB:
            text = _(
                "Nothing has arrived here yet. Connect the municipalities of your region on "
                "the Sync page: each one sends you its records in a sync file, and its figures "
                "appear here."
            )
        elif self.role is Role.FIELD:
            text = _(
                "Nothing has been recorded here yet. If your office already keeps the team, "
                "first receive the office's records on the Sync page: the team and its members "
                "come with them, and typed in here again they would make a second team. Then "
                "record your meetings and youth activities, and exchange records with the "
                "office computer on the Sync page when you are back."
            )
        else:
            first = _(
                "Nothing has been recorded here yet. Start by adding your team's members on "
                "the Team page, then record your meetings and youth activities."
            )
            then = _("When you are ready, connect to your hub to send it your records.")
            text = f"{first} {then}"
        self.text.setText(text)
        self.hint.setText(_("Press F1 on any page for a short guide to it."))
        for button in self.buttons.values():
            button.setText(_(button.property("msgid")))
