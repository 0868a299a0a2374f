"""The assistant's page for a field laptop: join the municipality from its profile file.

Joining from the profile is what keeps a laptop's records from colliding with the
municipality's later: the laptop takes the municipality's own record and id, and trusts its
keys from the start. Trust is a person's decision, so the profile's fingerprint is shown and
must be confirmed as compared by phone before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSysInfo, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from hubdesk.i18n import N_, _, pgettext
from hubdesk.i18n.names import country_name
from hubdesk.ui.forms import FieldSet
from hubdesk.ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from hubdesk.sync.errors import SyncError
    from hubdesk.sync.profile import Profile
    from hubdesk.ui.assistant import FirstRunAssistant

JOIN, ALONE = 0, 1


def hub_trust_note(name: str) -> str:
    """What a field laptop is told of the hub its municipality's profile names (here and on
    the Sync page): it will trust that hub's decisions, so its fingerprint is compared too."""
    return _(
        "This laptop will also accept the decisions of the hub '{name}' that your "
        "municipality passes on. Call the hub too and compare its fingerprint:"
    ).format(name=name)


class ProfilePicker(QWidget):
    """A profile file's path, typed or chosen with a file dialog."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose)
        self.path.editingFinished.connect(self.changed.emit)
        # A refused file puts the keyboard here (FieldSet reveals the field): into the path,
        # which the person types again, not into this row that takes no keys.
        self.setFocusProxy(self.path)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 1)
        layout.addWidget(self.browse)

    def value(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if text else None

    def set_value(self, value: Path | None) -> None:
        self.path.setText(str(value) if value else "")
        self.changed.emit()

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("The municipality's profile"),
            str(Path.home()),
            _("HubDesk profiles (*.json);;All files (*)"),
        )
        if name:
            self.set_value(Path(name))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.path.setAccessibleName(name)

    def retranslate(self) -> None:
        self.browse.setText(_("Choose…"))


class FieldLaptopPage(QWizardPage):
    """Join the municipality from its profile (the default), or set up on its own."""

    def __init__(self, wizard: FirstRunAssistant) -> None:
        super().__init__()
        self.assistant = wizard
        self.profile: Profile | None = None
        self.refusal: SyncError | None = None
        self.group = QButtonGroup(self)
        self.join = QRadioButton(self)
        self.alone = QRadioButton(self)
        self.alone_note = QLabel(self)
        self.alone_note.setWordWrap(True)
        self.alone_note.setObjectName("hint")
        self.alone_note.setIndent(24)
        self.group.addButton(self.join, JOIN)
        self.group.addButton(self.alone, ALONE)
        self.join.setChecked(True)
        self.group.idToggled.connect(lambda _i, _c: self._mode_changed())

        self.fields = FieldSet(self)
        self.form_holder = QWidget(self)
        form = QFormLayout(self.form_holder)
        form.setContentsMargins(24, 0, 0, 0)
        self.picker = ProfilePicker(self)
        self.picker.changed.connect(self.load_profile)
        self.fields.add_row(form, "profile", N_("Municipality's profile"), self.picker)
        # The lines to compare by phone in a column of their own, one row of the form: as
        # rows of the form each, the message under the tick box squeezed them and the
        # fingerprint lost its top (a form reckons wrapped spanning rows too short).
        compare = QWidget(self.form_holder)
        self.about = QLabel(compare)
        self.about.setWordWrap(True)
        self.fingerprint = QLabel(compare)
        self.fingerprint.setObjectName("fingerprint")
        # The hub the municipality's profile names: the laptop will trust its decisions too,
        # so its fingerprint is there to compare as well (as the Sync page shows it).
        self.hub_about = QLabel(compare)
        self.hub_about.setWordWrap(True)
        self.hub_fingerprint = QLabel(compare)
        self.hub_fingerprint.setObjectName("fingerprint")
        self.confirmed = QCheckBox(compare)
        self.confirmed.setEnabled(False)  # until there is a fingerprint to have compared
        confirmed_error = ErrorLabel(compare)
        column = QVBoxLayout(compare)
        column.setContentsMargins(0, 0, 0, 0)
        shown = (self.about, self.fingerprint, self.hub_about, self.hub_fingerprint)
        for widget in (*shown, self.confirmed, confirmed_error):
            column.addWidget(widget)
        form.addRow(compare)
        self.fields.register(
            "confirmed",
            N_("The fingerprint matches what the focal point read to me"),
            self.confirmed,
            confirmed_error,
        )
        self.name = QLineEdit(self)
        self.name.setText(QSysInfo.machineHostName()[:120])
        self.fields.add_row(form, "name", N_("Name of this laptop"), self.name)
        for field in self.fields.fields.values():
            field.label.setWordWrap(False)  # short labels; wrapped ones squeeze into two lines
        self.general_error = ErrorLabel(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.join)
        layout.addWidget(self.form_holder)
        layout.addWidget(self.alone)
        layout.addWidget(self.alone_note)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        self._mode_changed()

    def joining(self) -> bool:
        return self.group.checkedId() == JOIN

    def _mode_changed(self) -> None:
        self.form_holder.setEnabled(self.joining())
        self.setCommitPage(self.joining())
        self.completeChanged.emit()

    def nextId(self) -> int:
        from hubdesk.ui.assistant import PageId

        return PageId.DONE if self.joining() else PageId.DETAILS

    def load_profile(self) -> None:
        """Read the chosen file at once, so the fingerprint can be compared before confirming."""
        from hubdesk.sync.errors import SyncError
        from hubdesk.sync.profile import read_profile

        self.profile, self.refusal = None, None
        self.confirmed.setChecked(False)
        path = self.picker.value()
        if path is not None:
            try:
                candidate = read_profile(path)
                if candidate.municipality is None or candidate.role.value != "municipality":
                    raise SyncError(
                        N_("A field laptop is set up from its municipality's profile."),
                        "wrong_role",
                    )
                self.profile = candidate
            except SyncError as error:
                self.refusal = error
        self._show_profile()

    def _show_profile(self) -> None:
        self.fields.fields["profile"].error.show_message(
            self.refusal.message if self.refusal else None
        )
        shown = self.profile
        self.about.setVisible(shown is not None)
        self.fingerprint.setVisible(shown is not None)
        # Ticked only once a fingerprint is there to compare: a box ticked before meant nothing.
        self.confirmed.setEnabled(shown is not None and shown.municipality is not None)
        hub = shown.hub if shown is not None and shown.municipality is not None else None
        self.hub_about.setVisible(hub is not None)
        self.hub_fingerprint.setVisible(hub is not None)
        if hub is not None:
            self.hub_about.setText(hub_trust_note(hub.name))
            self.hub_fingerprint.setText(hub.fingerprint)
        if shown is None or shown.municipality is None:
            self.about.setText("")
            self.fingerprint.setText("")
            return
        ask = (  # Albanian says "bashkia" of a municipality in Albania, "komuna" elsewhere
            pgettext(
                "municipality in Albania",
                "{municipality} ({country}). Ask the municipality's focal point to read you "
                "their fingerprint by phone; it must be exactly this:",
            )
            if shown.municipality["country"] == "AL"
            else _(
                "{municipality} ({country}). Ask the municipality's focal point to read you "
                "their fingerprint by phone; it must be exactly this:"
            )
        )
        self.about.setText(
            ask.format(
                municipality=shown.town_name(),
                country=country_name(str(shown.municipality["country"])),
            )
        )
        self.fingerprint.setText(shown.fingerprint)

    def validatePage(self) -> bool:
        if not self.joining():
            return True
        self.fields.clear_errors()
        self.general_error.show_message(None)
        problems: dict[str, str] = {}
        if self.profile is None:
            if self.refusal is not None:
                problems["profile"] = self.refusal.message
            else:
                problems["profile"] = _("Choose the profile file the municipality gave you.")
        elif not self.confirmed.isChecked():
            problems["confirmed"] = _(
                "Compare the fingerprint by phone first; tick this only when it matches."
            )
        if problems:
            self.fields.show_errors(problems)
            return False
        path = self.picker.value()
        assert path is not None
        return self.assistant.join_municipality(path, self.name.text())

    def show_refusal(self, error: SyncError) -> None:
        """The file was refused while setting up (changed since it was read, say)."""
        self.refusal, self.profile = error, None
        self._show_profile()

    def retranslate(self) -> None:
        self.setTitle(_("Join your municipality"))
        self.setSubTitle(
            _("A field laptop records for its municipality and hands it files on a USB stick.")
        )
        self.join.setText(_("Join with the profile file the municipality gave me (recommended)"))
        self.alone.setText(_("Set up on its own; add the municipality later on the Sync page"))
        self.alone_note.setText(
            _("Choose this if you do not have the municipality's profile file yet.")
        )
        self.fields.retranslate()
        self.confirmed.setText(self.fields.fields["confirmed"].label.text())
        self._show_profile()
