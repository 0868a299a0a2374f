"""Connecting to the hub (or a field laptop, or a municipality) step by step, in plain words.

Two installations trust each other by exchanging their profile files both ways and comparing
the fingerprint by phone. A person who never read the README meets that here as three steps:
save your file and send it, open the file they sent you, compare the fingerprint and say
whether it matches. Enrolling goes through the same services as the expert view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Role
from hubdesk.i18n import N_, _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.errors import SyncError
from hubdesk.sync.peers import Enrolment
from hubdesk.ui.assistant_field import hub_trust_note
from hubdesk.ui.path_text import whole_paths

STEPS = 3


def quoted_names(names: Iterable[str]) -> str:
    """Names in the quotation marks of the window's language („Elbasan“ in Macedonian), as
    the sentence around them writes its other names."""
    return ", ".join(_("'{name}'").format(name=name) for name in names)


@dataclass(frozen=True)
class Target:
    """Whom a connection is made with, and how the steps speak of them."""

    key: str
    title: str  # the button and the dialog's title
    send_text: str  # step 1
    open_text: str  # step 2


TARGETS: dict[str, Target] = {
    "hub": Target(
        "hub",
        N_("Connect to your hub"),
        N_(
            "Your profile file tells the hub who this PC is and holds its public keys: nothing "
            "secret and none of your records. Save it and send it to the hub by e-mail or on a "
            "USB stick."
        ),
        N_(
            "The hub sends you its own profile file in the same way. When it has arrived, "
            "open it here."
        ),
    ),
    "field": Target(
        "field",
        N_("Connect to your field laptop"),
        N_(
            "Your profile file tells the field laptop who this PC is and holds its public keys: "
            "nothing secret and none of your records. Save it and copy it to the field laptop "
            "on a USB stick."
        ),
        N_(
            "Save the field laptop's own profile file on it, bring it over on the USB stick and "
            "open it here."
        ),
    ),
    "municipality": Target(
        "municipality",
        N_("Connect to your municipality"),
        N_(
            "Your profile file tells your municipality who this laptop is and holds its public "
            "keys: nothing secret and none of your records. Save it and give it to your "
            "municipality's focal point by e-mail or on a USB stick."
        ),
        N_(
            "Your municipality sends you its own profile file in the same way. When it has "
            "arrived, open it here."
        ),
    ),
    "hub_municipality": Target(
        "hub_municipality",
        N_("Connect a municipality"),
        N_(
            "The hub's profile file tells the municipality who the hub is and holds its public "
            "keys: nothing secret and no records. Save it and send it to the municipality by "
            "e-mail or on a USB stick."
        ),
        N_(
            "The municipality sends you its own profile file in the same way. When it has "
            "arrived, open it here."
        ),
    ),
}


def targets_for(role: Role) -> list[Target]:
    """The connections an installation of ``role`` makes, the usual one first."""
    if role is Role.HUB:
        return [TARGETS["hub_municipality"]]
    if role is Role.FIELD:
        return [TARGETS["municipality"]]
    return [TARGETS["hub"], TARGETS["field"]]


def not_written(path: Path, error: OSError) -> str:
    """Why a file was not saved, in the window's language: Python's own words
    ("[Errno 13] Permission denied: '….partial'") named a temporary file in English."""
    return _("{path} could not be written: {reason}").format(path=path, reason=os_reason(error))


def unbroken(fingerprint: str) -> str:
    """The fingerprint as one piece in running text: its groups joined by no-break spaces, so
    a message box wraps before it rather than between two groups read out by phone."""
    return "\u00a0".join(fingerprint.split())


def grouped(fingerprint: str) -> str:
    """The fingerprint in two lines of four groups, large enough to read out by phone."""
    groups = fingerprint.split()
    half = (len(groups) + 1) // 2
    return "  ".join(groups[:half]) + "\n" + "  ".join(groups[half:])


def fingerprint_label(parent: QWidget, larger: int = 8) -> QLabel:
    label = QLabel(parent)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(max(font.pointSize(), 10) + larger)
    font.setWeight(QFont.Weight.Bold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _text(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


class ConnectDialog(QDialog):
    """Three steps: save and send your profile, open theirs, compare the fingerprint."""

    def __init__(self, ctx: ServiceContext, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.target = ctx, target
        self.saved: Path | None = None
        self.plan: Enrolment | None = None
        self.connected = False
        self.setWindowTitle(_(target.title))
        self.setMinimumWidth(620)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepLabel")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._send_step())
        self.stack.addWidget(self._open_step())
        self.stack.addWidget(self._compare_step())
        self.stack.addWidget(self._done_step())
        self.back_button = QPushButton(_("Back"), self)
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button = QPushButton(_("Next"), self)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.go(0)

    # --- steps ---------------------------------------------------------------------------------

    def _step(self, heading: str, body: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self)
        title = QLabel(heading, page)
        title.setObjectName("sectionTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        title.setFont(font)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        text = _text(page)
        text.setText(body)
        layout.addWidget(text)
        return page, layout

    def _send_step(self) -> QWidget:
        page, layout = self._step(
            _("1. Save your profile file and send it"), _(self.target.send_text)
        )
        self.save_button = QPushButton(_("Save my profile file…"), page)
        self.save_button.clicked.connect(lambda: self.save_profile())
        self.saved_label = _text(page)
        self.already_label = _text(page)
        self.already_label.setText(_("Sent it already? Go on with Next."))
        layout.addWidget(self.save_button)
        layout.addWidget(self.saved_label)
        layout.addStretch(1)
        layout.addWidget(self.already_label)
        return page

    def _open_step(self) -> QWidget:
        page, layout = self._step(
            _("2. Open the profile file they sent you"), _(self.target.open_text)
        )
        self.open_button = QPushButton(_("Open their profile file…"), page)
        self.open_button.clicked.connect(lambda: self.open_profile())
        self.opened_label = _text(page)
        self.problem_label = _text(page)
        self.problem_label.setObjectName("errorLabel")
        self.problem_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.open_button)
        layout.addWidget(self.opened_label)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        return page

    def _compare_step(self) -> QWidget:
        page, layout = self._step(_("3. Compare the fingerprint by phone"), "")
        self.call_label = _text(page)
        self.theirs = fingerprint_label(page)
        self.yours_label = _text(page)
        self.yours = fingerprint_label(page, larger=3)
        self.hub_label = _text(page)
        self.hub_fingerprint = fingerprint_label(page)
        self.adopt_label = _text(page)
        self.match_button = QPushButton(_("They match"), page)
        self.match_button.clicked.connect(lambda: self.matched())
        self.mismatch_button = QPushButton(_("They don't match"), page)
        self.mismatch_button.clicked.connect(lambda: self.mismatched())
        answers = QHBoxLayout()
        answers.addWidget(self.match_button)
        answers.addWidget(self.mismatch_button)
        answers.addStretch(1)
        for widget in (self.call_label, self.theirs, self.yours_label, self.yours):
            layout.addWidget(widget)
        for widget in (self.hub_label, self.hub_fingerprint, self.adopt_label):
            layout.addWidget(widget)
        layout.addLayout(answers)
        layout.addStretch(1)
        return page

    def _done_step(self) -> QWidget:
        page, layout = self._step(_("Connected"), "")
        self.done_label = _text(page)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        return page

    def go(self, index: int) -> None:
        index = max(0, min(index, self.stack.count() - 1))
        self.stack.setCurrentIndex(index)
        done = index == STEPS
        self.step_label.setText(
            "" if done else _("Step {number} of {total}").format(number=index + 1, total=STEPS)
        )
        self.back_button.setVisible(0 < index < STEPS)
        # Step 3 ends with its own answer buttons; the last page only closes.
        self.next_button.setVisible(index < STEPS - 1)
        self.next_button.setEnabled(index != 1 or self.plan is not None)
        self.close_button.setText(_("Close"))
        if index == STEPS - 1:
            self._show_fingerprints()
            self._fit_height()

    def _fit_height(self) -> None:
        """Grow to what the step's wrapped lines need at this width: the dialog was sized for
        the first step, and the lines that say what the laptop will do came later."""
        current = self.stack.currentWidget()
        page = current.layout() if current is not None else None
        if page is None:
            return
        page.activate()
        short = page.totalHeightForWidth(self.stack.width()) - self.stack.height()
        if short > 0:  # a stacked widget does not pass a page's height for its width on
            self.resize(self.width(), self.height() + short)

    # --- actions -------------------------------------------------------------------------------

    def save_profile(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save my profile file…"), "hubdesk-profile.json", "JSON (*.json)"
        )
        if not chosen:
            return
        try:
            own = keys.keys_to_show(self.ctx)
            self.saved = profile.export_profile(self.ctx, own, Path(chosen))
        except SyncError as error:
            self.saved_label.setText(whole_paths(error.message))
            return
        except OSError as error:
            self.saved_label.setText(whole_paths(not_written(Path(chosen), error)))
            return
        self.saved_label.setText(
            whole_paths(
                _("Saved as {path}. Send this file now; go on once theirs has arrived.").format(
                    path=self.saved
                )
            )
        )

    def open_profile(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Open their profile file…"), "", "JSON (*.json)"
        )
        if not chosen:
            return
        self.plan = None
        self.opened_label.clear()
        try:
            candidate = profile.read_profile(Path(chosen))
            self.plan = peers.check_enrolment(self.ctx, candidate)
        except (SyncError, PermissionDenied) as error:
            self.problem_label.setText(error.message)
        else:
            self.problem_label.clear()
            name, role = candidate.shown_name(), candidate.role.label
            said = (  # "'Regional hub' (Regional hub)": a role its name says already, once
                _("This is the profile of '{name}'.")
                if role.casefold() in name.casefold()
                else _("This is the profile of '{name}' ({role}).")
            )
            self.opened_label.setText(said.format(name=name, role=role))
        self.go(1)

    def _show_fingerprints(self) -> None:
        plan = self.plan
        if plan is None:
            return
        name = plan.profile.name
        self.call_label.setText(
            _(
                "Call '{name}'. They open this step on their side too. Ask them to read out "
                "their own fingerprint and compare it with this one, group by group:"
            ).format(name=name)
        )
        self.theirs.setText(grouped(plan.profile.fingerprint))
        try:
            own = keys.keys_to_show(self.ctx).public.fingerprint
        except SyncError as error:  # a staff PC of a hub on a server: the keys are elsewhere
            own = error.message
        self.yours_label.setText(
            _("Then read them this PC's fingerprint, so that they can check the file you sent:")
        )
        self.yours.setText(grouped(own))
        hub = plan.learns_hub if plan.profile.role is not Role.HUB else None
        self.hub_label.setVisible(hub is not None)
        self.hub_fingerprint.setVisible(hub is not None)
        if hub is not None:
            self.hub_label.setText(hub_trust_note(hub.name))
            self.hub_fingerprint.setText(grouped(hub.fingerprint))
        notes: list[str] = []
        if plan.already_enrolled:
            notes.append(_("'{name}' is connected already.").format(name=name))
        if plan.adopts_municipality:
            notes.append(_("This field laptop will then record for this municipality."))
        if plan.leaves:
            notes.append(
                _("It will no longer exchange files with {names}.").format(
                    names=quoted_names(plan.leaves)
                )
            )
        if plan.forgets_hubs:  # switching municipality, or following a hub set up anew
            notes.append(
                _("It will no longer accept decisions signed by {names}.").format(
                    names=quoted_names(plan.forgets_hubs)
                )
            )
        self.adopt_label.setVisible(bool(notes))
        self.adopt_label.setText(" ".join(notes))

    def matched(self) -> None:
        assert self.plan is not None
        try:
            peers.enrol(self.ctx, self.plan.profile)
        except (SyncError, PermissionDenied) as error:
            self.problem_label.setText(error.message)
            self.plan = None
            self.go(1)
            return
        self.connected = True
        self.done_label.setText(
            _(
                "This PC now trusts '{name}'. Once '{name}' has opened your profile file and "
                "compared your fingerprint too, you can send and receive files on the Sync page."
            ).format(name=self.plan.profile.name)
        )
        self.go(STEPS)

    def mismatched(self) -> None:
        assert self.plan is not None
        name = self.plan.profile.name
        self.plan = None
        self.opened_label.clear()
        self.problem_label.setText(
            _(
                "Nothing was trusted. Do not use this file: it may not come from '{name}'. Ask "
                "them to send their profile file again, by another way if you can, and open it."
            ).format(name=name)
        )
        self.go(1)
