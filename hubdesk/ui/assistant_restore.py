"""The assistant's page for a new PC: restore the records of an earlier one from its backup.

A focal point whose old PC died, or who moves to a new one, has a backup folder (in the old
PC's data folder, or on the USB stick it was copied to). Without this page the only way in was
to set up a new municipality first, and the Settings page then refused the backup as another
installation's: the records could not be brought back without the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from hubdesk.i18n import N_, _
from hubdesk.ui.assistant_field import ProfilePicker
from hubdesk.ui.forms import FieldSet

if TYPE_CHECKING:
    from hubdesk.ui.assistant import FirstRunAssistant


class BackupPicker(ProfilePicker):
    """A backup's ``hubdesk.sqlite``, typed or chosen with a file dialog."""

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), str(Path.home()), _("HubDesk backups (*.sqlite)")
        )
        if name:
            self.set_value(Path(name))


class RestorePage(QWizardPage):
    """Choose the backup; Set up restores it into this PC's empty data folder."""

    def __init__(self, wizard: FirstRunAssistant) -> None:
        super().__init__()
        self.assistant = wizard
        self.setCommitPage(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # "<date>" is no tag
        self.fields = FieldSet(self)
        form = QFormLayout()
        self.picker = BackupPicker(self)
        self.fields.add_row(form, "backup", N_("Backup"), self.picker)
        self.fields.fields["backup"].label.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addStretch(1)

    def nextId(self) -> int:
        from hubdesk.ui.assistant import PageId

        return PageId.DONE

    def validatePage(self) -> bool:
        self.fields.clear_errors()
        path = self.picker.value()
        if path is None:
            self.show_refusal(_("Choose the hubdesk.sqlite file in the backup's folder."))
            return False
        return self.assistant.restore_backup(path)

    def show_refusal(self, message: str) -> None:
        self.fields.show_errors({"backup": message})

    def retranslate(self) -> None:
        self.setTitle(_("Restore a backup"))
        self.setSubTitle(_("The records of an earlier PC, from one of its backups."))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Restore"))
        self.intro.setText(
            _(
                "HubDesk keeps each backup in a folder of its own, named hubdesk-<date>-<time>, "
                "in the backups folder of its data folder. Copy such a folder from the old PC "
                "(or take the USB stick you copied it to) and choose the hubdesk.sqlite file "
                "inside it. The attached files in that folder come back too."
            )
        )
        self.fields.retranslate()
        self.picker.retranslate()
